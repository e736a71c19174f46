package io.syncbench.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import io.syncbench.benchmarks.BenchmarkCompany.BenchmarkStore;
import io.syncbench.benchmarks.BenchmarkCompany.Kind;
import io.syncbench.engine.testsupport.CompanyDatabase;
import io.syncbench.store.Company;
import io.syncbench.store.Stores.OwnedStore;

/**
 * A benchmark, not a timed test: a complete update of the company database's items into another
 * database through the JDBC connector on both sides (Derby to Derby, PostgreSQL to PostgreSQL), beside a
 * raw JDBC copy run in the same JVM: the same rows read in id order and inserted with JDBC batches of
 * {@value #RAW_BATCH}, one commit a batch, with no status, queue or history, once before SyncBench and once
 * after (the faster is the baseline). It prints both rates and
 * their ratio (goal: 0.4 or more) and writes {@code database-target-derby.csv} (and
 * {@code -postgresql.csv}) with a chart. {@code -Dsyncbench.benchmark.items=100000} sets the size; the
 * suite runs 1,000. Both sides warm up first on up to 10,000 items, not counted.
 */
class DatabaseTargetBenchmarkTest extends SandboxBenchmark {

	private static final int ITEMS = Integer.getInteger("syncbench.benchmark.items", 1_000);
	private static final int WARM_UP_ITEMS = Math.min(ITEMS, 10_000);
	private static final int RAW_BATCH = 1_000;
	private static final String COLUMNS = "SKU, NAME, DESCRIPTION, CATEGORY, PRICE, STOCK, ACTIVE"; //$NON-NLS-1$

	@Test
	void derbyToDerbyBesideARawCopy() throws Exception {
		besideARawCopy(Kind.DERBY, Kind.DERBY);
	}

	@Test
	void postgresqlToPostgresqlBesideARawCopy() throws Exception {
		besideARawCopy(Kind.POSTGRESQL, Kind.DERBY);
	}

	/** As a real deployment runs: SyncBench's own store on the PostgreSQL server too. */
	@Test
	void postgresqlToPostgresqlWithThePostgresqlStoreBesideARawCopy() throws Exception {
		besideARawCopy(Kind.POSTGRESQL, Kind.POSTGRESQL);
	}

	private void besideARawCopy(Kind kind, Kind storeKind) throws Exception {
		measure(kind, storeKind, folder.resolve("warm-up"), WARM_UP_ITEMS);
		Rates rates = measure(kind, storeKind, folder.resolve("measured"), ITEMS);
		double ratio = rates.syncBench / rates.raw;
		String table = String.format(Locale.ROOT, """
				Complete update of %,d items, %s to %s through the JDBC connector on both sides, SyncBench's store on %s
				                                                             items/s
				  raw copy (JDBC read, batches of %,d inserts, a commit each) : %,10.0f   the faster of a run before and after
				  SyncBench (status, queue, history, lookups by SKU)           : %,10.0f
				  ratio SyncBench / raw copy                                   : %10.2f   goal >= 0.4
				  status row writes per record                                 : %10.2f   goal <= 1
				""", ITEMS, kind.title, kind.title, storeKind.title, RAW_BATCH, rates.raw, rates.syncBench, ratio,
				rates.statusWritesPerRecord);
		System.out.println(table);
		String name = "database-target-" + kind.fileName() + storeKind.storeSuffix();
		Path csv = Path.of(System.getProperty("syncbench.benchmarks", "target/benchmarks"), name + ".csv");
		Files.createDirectories(csv.getParent());
		Files.writeString(csv, String.format(Locale.ROOT, "measure,store,items,raw_copy_items_per_s,syncbench_items_per_s,ratio,"
				+ "status_writes_per_record%ncomplete update %s to %s,%s,%d,%.1f,%.1f,%.3f,%.2f%n", kind.fileName(),
				kind.fileName(), storeKind.fileName(), ITEMS, rates.raw, rates.syncBench, ratio, rates.statusWritesPerRecord));
		BenchmarkChart.write(csv.resolveSibling(name + ".png"),
				String.format(Locale.ROOT, "Complete update of %,d items, %s to %s (store: %s)", ITEMS, kind.title, kind.title,
						storeKind.title),
				"items/s", List.of(new BenchmarkChart.Bar("raw JDBC copy (baseline)", rates.raw, true),
						new BenchmarkChart.Bar("SyncBench", rates.syncBench, false)),
				String.format(Locale.ROOT, "ratio SyncBench / raw copy: %.2f (goal: 0.4 or more)", ratio));
		assertTrue(rates.syncBench > 0 && rates.raw > 0, table);
	}

	private record Rates(double raw, double syncBench, double statusWritesPerRecord) {
	}

	/**
	 * A raw copy into a database of its own, SyncBench into another, and a raw copy into a third, from one
	 * company database. A run measured later in the JVM's life finds more of the code compiled: the
	 * baseline is the faster of the raw copies before and after SyncBench's run.
	 */
	private Rates measure(Kind kind, Kind storeKind, Path folder, int items) throws Exception {
		try (CompanyDatabase erp = BenchmarkCompany.createDatabase(kind, folder.resolve("erp"), items);
				CompanyDatabase syncTarget = BenchmarkCompany.emptyTarget(kind, folder.resolve("sync"));
				BenchmarkStore opened = BenchmarkStore.open(storeKind, folder)) {
			OwnedStore store = opened.store();
			double rawBefore = rawCopyRate(kind, erp, folder.resolve("raw-before"), items);
			Company company = BenchmarkCompany.createDatabaseTarget(store, connectors(), erp, syncTarget, true);
			long writes = store.syncStatus().statusWrites();
			long start = System.nanoTime();
			String report = runToEnd(store, company);
			double syncBench = items / seconds(start);
			assertEquals(items, count(syncTarget), "SyncBench wrote every item: " + report);
			double rawAfter = rawCopyRate(kind, erp, folder.resolve("raw-after"), items);
			return new Rates(Math.max(rawBefore, rawAfter), syncBench,
					(store.syncStatus().statusWrites() - writes) / (double) items);
		}
	}

	/** Items per second of a raw copy into an empty database of its own. */
	private static double rawCopyRate(Kind kind, CompanyDatabase erp, Path folder, int items) throws SQLException {
		try (CompanyDatabase rawTarget = BenchmarkCompany.emptyTarget(kind, folder)) {
			long start = System.nanoTime();
			rawCopy(erp, rawTarget);
			double rate = items / seconds(start);
			assertEquals(items, count(rawTarget), "the raw copy wrote every item");
			return rate;
		}
	}

	private static double seconds(long start) {
		return Duration.ofNanos(System.nanoTime() - start).toNanos() / 1e9;
	}

	/** Reads every item in id order and inserts it with JDBC batches, a commit each. */
	private static void rawCopy(CompanyDatabase from, CompanyDatabase to) throws SQLException {
		try (Connection source = from.application(); Connection target = to.application();
				Statement select = source.createStatement();
				PreparedStatement insert = target.prepareStatement("INSERT INTO ITEM (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
			source.setAutoCommit(false); // PostgreSQL streams a result by its fetch size only inside a transaction
			target.setAutoCommit(false);
			select.setFetchSize(RAW_BATCH);
			int pending = 0;
			try (ResultSet rows = select.executeQuery("SELECT " + COLUMNS + " FROM ITEM ORDER BY ID")) {
				while (rows.next()) {
					for (int c = 1; c <= 7; c++) {
						insert.setObject(c, rows.getObject(c));
					}
					insert.addBatch();
					if (++pending == RAW_BATCH) {
						insert.executeBatch();
						target.commit();
						pending = 0;
					}
				}
			}
			insert.executeBatch();
			target.commit();
			source.commit();
		}
	}

	private static long count(CompanyDatabase database) throws SQLException {
		try (Connection connection = database.application(); Statement statement = connection.createStatement();
				ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM ITEM")) {
			count.next();
			return count.getLong(1);
		}
	}
}
