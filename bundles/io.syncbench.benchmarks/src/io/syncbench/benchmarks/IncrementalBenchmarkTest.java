package io.syncbench.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.Test;

import io.syncbench.benchmarks.BenchmarkCompany.Kind;
import io.syncbench.demo.DemoDatabase;
import io.syncbench.engine.testsupport.CompanyDatabase;
import io.syncbench.sandbox.SandboxStore;
import io.syncbench.store.Company;
import io.syncbench.store.Stores;
import io.syncbench.store.Stores.OwnedStore;

/**
 * A benchmark, not a timed test: an incremental run after 100 items changed (50 renamed, 50 added) in a
 * company database (Derby, and PostgreSQL when the test server is given) of {@code syncbench.benchmark.incremental.small} items and, side by side in
 * the same run, of {@code syncbench.benchmark.incremental.large} items. Change capture is installed
 * once the items are there, so each run reads only the changes. The goal: the large table's run takes
 * no more than twice the small one's, since the cost follows the changes, not the table. It prints both
 * times and their ratio and writes them to {@code target/benchmarks/incremental-derby.csv} (or
 * {@code -postgresql.csv}) and a chart beside it. A first run on a small table, not counted, warms the code up. The suite runs
 * 10,000 beside 100,000 items.
 */
class IncrementalBenchmarkTest extends SandboxBenchmark {

	private static final int SMALL = Integer.getInteger("syncbench.benchmark.incremental.small", 10_000);
	private static final int LARGE = Integer.getInteger("syncbench.benchmark.incremental.large", 100_000);
	private static final int CHANGES = 100;

	@Test
	void onDerby() throws Exception {
		aHundredChangesCostTheSameInASmallAndInALargeTable(Kind.DERBY);
	}

	@Test
	void onPostgresql() throws Exception {
		aHundredChangesCostTheSameInASmallAndInALargeTable(Kind.POSTGRESQL);
	}

	private void aHundredChangesCostTheSameInASmallAndInALargeTable(Kind kind) throws Exception {
		incrementalRun(kind, "warm-up", 1_000); // the first run pays for loading and compiling the code
		double small = incrementalRun(kind, "small", SMALL);
		double large = incrementalRun(kind, "large", LARGE);
		double ratio = large / small;
		String table = String.format(Locale.ROOT, """
				Incremental run after %d changed items, %s to the sandbox web store over loopback
				  table of %,9d items : %8.3f s
				  table of %,9d items : %8.3f s
				  ratio large / small          : %8.2f   goal <= 2
				""", CHANGES, kind.title, SMALL, small, LARGE, large, ratio);
		System.out.println(table);
		Path csv = Path.of(System.getProperty("syncbench.benchmarks", "target/benchmarks"),
				"incremental-" + kind.fileName() + ".csv");
		Files.createDirectories(csv.getParent());
		Files.writeString(csv, String.format(Locale.ROOT, "measure,changes,small_items,small_s,large_items,large_s,ratio%n"
				+ "incremental %s to web store,%d,%d,%.3f,%d,%.3f,%.3f%n", kind.fileName(), CHANGES, SMALL, small, LARGE,
				large, ratio));
		BenchmarkChart.write(csv.resolveSibling("incremental-" + kind.fileName() + ".png"),
				String.format(Locale.ROOT, "Incremental run after %d changed items, %s (milliseconds)", CHANGES,
						kind.title), "ms",
				List.of(new BenchmarkChart.Bar(String.format(Locale.ROOT, "table of %,d items", SMALL), small * 1000, true),
						new BenchmarkChart.Bar(String.format(Locale.ROOT, "table of %,d items", LARGE), large * 1000, false)),
				String.format(Locale.ROOT, "ratio large / small: %.2f (goal: 2 or less)", ratio));
		assertTrue(small > 0 && large > 0, table);
	}

	/** Seconds of the run that takes the changes, in a company database of {@code items} items. */
	private double incrementalRun(Kind kind, String name, int items) throws Exception {
		try (CompanyDatabase erp = BenchmarkCompany.createDatabase(kind, folder.resolve(name), items);
				SandboxStore web = webStore(null);
				OwnedStore store = Stores.embeddedDerby(folder.resolve(name + "-store"))) {
			Company company = BenchmarkCompany.create(store, connectors(), erp, web.baseUri(), false);
			runToEnd(store, company); // registers the reader; the change log is empty
			change(erp, items);
			long start = System.nanoTime();
			String report = runToEnd(store, company);
			double seconds = (System.nanoTime() - start) / 1e9;
			assertTrue(report.contains("product: " + CHANGES + " sent"), report);
			return seconds;
		}
	}

	/** Half the changes rename items spread over the table, half add items. */
	private static void change(CompanyDatabase erp, int items) throws SQLException {
		Random random = new Random(items);
		try (Connection connection = erp.application();
				PreparedStatement rename = connection.prepareStatement("UPDATE ITEM SET NAME = ? WHERE ID = ?")) {
			java.util.Set<Integer> chosen = new java.util.HashSet<>();
			while (chosen.size() < CHANGES / 2) {
				chosen.add(1 + random.nextInt(items));
			}
			for (int id : chosen) {
				rename.setString(1, "Renamed " + id);
				rename.setInt(2, id);
				assertEquals(1, rename.executeUpdate());
			}
			DemoDatabase.generateItems(connection, CHANGES / 2, written -> {
			});
		}
	}


}
