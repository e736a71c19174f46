package io.syncbench.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import io.syncbench.benchmarks.BenchmarkCompany.Kind;
import io.syncbench.engine.testsupport.CompanyDatabase;
import io.syncbench.sandbox.SandboxStore;
import io.syncbench.store.Company;
import io.syncbench.store.Stores;
import io.syncbench.store.Stores.OwnedStore;

/**
 * A benchmark, not a timed test: a complete update of the company database's items to the sandbox web
 * store over loopback, by SyncBench and, side by side in the same run, by {@link RawCopy}: a plain
 * program that reads the same rows over JDBC and posts them to the batch endpoint in batches of 100
 * over the same HTTP client, with no status, queue or history. It runs on Derby and on PostgreSQL (the
 * test server, {@code -Dsyncbench.test.postgres.url}; skipped without one), prints both rates and their
 * ratio (goal: 0.67 or more) and writes them to
 * {@code bundles/io.syncbench.benchmarks/target/benchmarks/complete-update-derby.csv} (and
 * {@code -postgresql.csv}) with a chart beside each. Each side gets a web store of its own.
 * {@code -Dsyncbench.benchmark.items=100000} sets the size; the suite runs 1,000. Both sides warm up
 * on 1,000 items first, not counted.
 */
class CompleteUpdateBenchmarkTest extends SandboxBenchmark {

	private static final int ITEMS = Integer.getInteger("syncbench.benchmark.items", 1_000);
	private static final int WARM_UP_ITEMS = 1_000;

	@Test
	void fromDerbyBesideARawCopy() throws Exception {
		completeUpdateBesideARawCopy(Kind.DERBY);
	}

	@Test
	void fromPostgresqlBesideARawCopy() throws Exception {
		completeUpdateBesideARawCopy(Kind.POSTGRESQL);
	}

	private void completeUpdateBesideARawCopy(Kind kind) throws Exception {
		// Each side first runs a small update, not counted, so that neither pays for loading and compiling
		// the code in its figure.
		rates(kind, folder.resolve("warm-up"), WARM_UP_ITEMS);
		double[] rates = rates(kind, folder.resolve("measured"), ITEMS);
		double baseline = rates[0];
		double syncBench = rates[1];
		double ratio = syncBench / baseline;
		String table = String.format(Locale.ROOT, """
				Complete update of %,d items, %s to the sandbox web store over loopback
				  raw copy (JDBC read, batches of %d, no bookkeeping) : %,10.0f items/s
				  SyncBench (status, queue, history, lookups)         : %,10.0f items/s
				  ratio SyncBench / raw copy                          : %10.2f   goal >= 0.67
				""", ITEMS, kind.title, RawCopy.BATCH, baseline, syncBench, ratio);
		System.out.println(table);
		Path csv = Path.of(System.getProperty("syncbench.benchmarks", "target/benchmarks"),
				"complete-update-" + kind.fileName() + ".csv");
		Files.createDirectories(csv.getParent());
		Files.writeString(csv, String.format(Locale.ROOT, "measure,items,raw_copy_items_per_s,syncbench_items_per_s,ratio%n"
				+ "complete update %s to web store,%d,%.1f,%.1f,%.3f%n", kind.fileName(), ITEMS, baseline, syncBench, ratio));
		BenchmarkChart.write(csv.resolveSibling("complete-update-" + kind.fileName() + ".png"),
				String.format(Locale.ROOT, "Complete update of %,d items, %s to the sandbox web store", ITEMS, kind.title),
				"items/s",
				List.of(new BenchmarkChart.Bar("raw copy (baseline)", baseline, true),
						new BenchmarkChart.Bar("SyncBench", syncBench, false)),
				String.format(Locale.ROOT, "ratio SyncBench / raw copy: %.2f (goal: 0.67 or more)", ratio));
		assertTrue(syncBench > 0 && baseline > 0, table);
	}

	/** Items a second of the raw copy and of SyncBench, each into a web store of its own. */
	private double[] rates(Kind kind, Path folder, int items) throws Exception {
		try (CompanyDatabase erp = BenchmarkCompany.createDatabase(kind, folder, items)) {
			double baseline;
			try (SandboxStore web = webStore(null)) {
				long start = System.nanoTime();
				RawCopy.copy(erp, web.baseUri());
				baseline = items / ((System.nanoTime() - start) / 1e9);
				assertEquals(items, RawCopy.products(web.baseUri()), "the raw copy sent every item");
			}
			try (SandboxStore web = webStore(null);
					OwnedStore store = Stores.embeddedDerby(folder.resolve("store"))) {
				Company company = BenchmarkCompany.create(store, connectors(), erp,
						web.baseUri(), true);
				long start = System.nanoTime();
				String report = runToEnd(store, company);
				double syncBench = items / ((System.nanoTime() - start) / 1e9);
				assertEquals(items, RawCopy.products(web.baseUri()), "SyncBench sent every item: " + report);
				return new double[] { baseline, syncBench };
			}
		}
	}
}
