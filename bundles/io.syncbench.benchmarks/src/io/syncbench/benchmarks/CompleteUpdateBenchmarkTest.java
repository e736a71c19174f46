package io.syncbench.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import io.syncbench.benchmarks.BenchmarkCompany.BenchmarkStore;
import io.syncbench.benchmarks.BenchmarkCompany.Kind;
import io.syncbench.engine.testsupport.CompanyDatabase;
import io.syncbench.sandbox.SandboxStore;
import io.syncbench.store.Company;
import io.syncbench.store.CompanySettings;
import io.syncbench.store.StatusScope;
import io.syncbench.store.SyncState;
import io.syncbench.store.Stores.OwnedStore;

/**
 * A benchmark, not a timed test: a complete update of the company database's items to the sandbox web
 * store over loopback, by SyncBench and, side by side in the same run, by {@link RawCopy}: a plain
 * program that reads the same rows over JDBC and posts them to the batch endpoint in batches of 100
 * over the same HTTP client, with no status, queue or history. It runs on Derby and on PostgreSQL (the
 * test server, {@code -Dsyncbench.test.postgres.url}; skipped without one), with SyncBench's own store
 * on Derby, and from PostgreSQL also with the store on the PostgreSQL server; it prints both rates and
 * their ratio (goal: 0.67 or more for each) and writes them to
 * {@code bundles/io.syncbench.benchmarks/target/benchmarks/complete-update-derby.csv} (and
 * {@code -postgresql.csv}, {@code -postgresql-store-postgresql.csv}) with a chart beside each. Each side gets a web store of its own.
 * {@code -Dsyncbench.benchmark.items=100000} sets the size; the suite runs 1,000. Both sides warm up
 * on up to 10,000 items first, not counted, and the raw copy runs both before and after SyncBench: the
 * faster of its two runs is the baseline, so that neither side gains from the code the JVM compiled
 * during the other's run.
 *
 * <p>Beside each rate it prints the CPU the JVM spent per 1,000 items, and it measures SyncBench's
 * status rows alone ({@link StatusRows}). No run goes faster than all cores kept busy on the CPU it
 * spends per item, the web store's included where it runs on the same machine: the cores over the raw
 * copy's CPU plus the status rows' is the best rate that any run writing those rows can reach.
 */
class CompleteUpdateBenchmarkTest extends SandboxBenchmark {

	private static final int ITEMS = Integer.getInteger("syncbench.benchmark.items", 1_000);
	private static final int WARM_UP_ITEMS = Math.min(ITEMS, 10_000);

	@Test
	void fromDerbyBesideARawCopy() throws Exception {
		completeUpdateBesideARawCopy(Kind.DERBY, Kind.DERBY);
	}

	@Test
	void fromPostgresqlBesideARawCopy() throws Exception {
		completeUpdateBesideARawCopy(Kind.POSTGRESQL, Kind.DERBY);
	}

	@Test
	void fromPostgresqlWithThePostgresqlStoreBesideARawCopy() throws Exception {
		completeUpdateBesideARawCopy(Kind.POSTGRESQL, Kind.POSTGRESQL);
	}

	private void completeUpdateBesideARawCopy(Kind kind, Kind storeKind) throws Exception {
		// Each side first runs a small update, not counted, so that neither pays for loading and compiling
		// the code in its figure.
		measure(kind, storeKind, folder.resolve("warm-up"), WARM_UP_ITEMS);
		Figures figures = measure(kind, storeKind, folder.resolve("measured"), ITEMS);
		String store = storeKind == Kind.DERBY ? "" : " (store: " + storeKind.title + ")";
		String fileName = kind.fileName() + storeKind.storeSuffix();
		double ratio = figures.syncBench.perSecond / figures.raw.perSecond;
		double statusRowsCpu = figures.readAndStatusRows.cpuPerThousand - figures.read.cpuPerThousand;
		// No run can go faster than all cores busy on the CPU it spends per item: one that spends the raw
		// copy's CPU and its status rows', and nothing else, at best reaches this rate.
		int cores = Runtime.getRuntime().availableProcessors();
		double ceiling = cores * 1000 / (figures.raw.cpuPerThousand + statusRowsCpu) / figures.raw.perSecond;
		String table = String.format(Locale.ROOT, """
				Complete update of %,d items, %s to the sandbox web store over loopback%s, on %d cores
				                                                      items/s   %s s per 1,000 items   cores busy
				  raw copy (JDBC read, batches of %d, no bookkeeping) : %,10.0f   %6.3f   %4.2f   the faster of a run before and after
				  SyncBench (status, queue, history, lookups)         : %,10.0f   %6.3f   %4.2f
				  ratio SyncBench / raw copy                          : %10.2f   goal >= 0.67
				  SyncBench's status rows, measured without a web store:
				    the company database read alone                   : %,10.0f   %6.3f
				    the same read, claiming and storing each outcome  : %,10.0f   %6.3f
				    the status rows alone (the difference)            :              %6.3f
				  ceiling with these status rows, every core busy     : %10.2f   %d cores / (raw CPU + status rows' CPU), over the raw copy's rate
				""", ITEMS, kind.title, store, cores, CpuClock.counted(), RawCopy.BATCH, figures.raw.perSecond,
				figures.raw.cpuPerThousand, figures.raw.coresBusy(), figures.syncBench.perSecond,
				figures.syncBench.cpuPerThousand, figures.syncBench.coresBusy(), ratio, figures.read.perSecond,
				figures.read.cpuPerThousand, figures.readAndStatusRows.perSecond,
				figures.readAndStatusRows.cpuPerThousand, statusRowsCpu, ceiling, cores);
		System.out.println(table);
		Path csv = Path.of(System.getProperty("syncbench.benchmarks", "target/benchmarks"),
				"complete-update-" + fileName + ".csv");
		Files.createDirectories(csv.getParent());
		Files.writeString(csv, String.format(Locale.ROOT, "measure,items,raw_copy_items_per_s,syncbench_items_per_s,ratio,"
				+ "raw_copy_cpu_s_per_1000,syncbench_cpu_s_per_1000,status_rows_cpu_s_per_1000,cpu_bound_ceiling,cpu_counted%n"
				+ "complete update %s to web store%s,%d,%.1f,%.1f,%.3f,%.4f,%.4f,%.4f,%.3f,%s%n", kind.fileName(),
				storeKind == Kind.DERBY ? "" : " store " + storeKind.fileName(), ITEMS,
				figures.raw.perSecond, figures.syncBench.perSecond, ratio, figures.raw.cpuPerThousand,
				figures.syncBench.cpuPerThousand, statusRowsCpu, ceiling, CpuClock.counted()));
		BenchmarkChart.write(csv.resolveSibling("complete-update-" + fileName + ".png"),
				String.format(Locale.ROOT, "Complete update of %,d items, %s to the sandbox web store%s", ITEMS, kind.title, store),
				"items/s",
				List.of(new BenchmarkChart.Bar("raw copy (baseline)", figures.raw.perSecond, true),
						new BenchmarkChart.Bar("SyncBench", figures.syncBench.perSecond, false)),
				String.format(Locale.ROOT, "ratio SyncBench / raw copy: %.2f (goal: 0.67 or more)", ratio));
		assertTrue(figures.syncBench.perSecond > 0 && figures.raw.perSecond > 0, table);
	}

	/** How fast a measured part ran, and the CPU spent on it (see {@link CpuClock}), web store included. */
	private record Rate(double perSecond, double cpuPerThousand) {

		/** How many cores the part kept busy on average. */
		double coresBusy() {
			return perSecond * cpuPerThousand / 1000;
		}
	}

	private record Figures(Rate raw, Rate syncBench, Rate read, Rate readAndStatusRows) {
	}

	@FunctionalInterface
	private interface Work {
		void run() throws Exception;
	}

	private static Rate rate(int items, Work work) throws Exception {
		Duration cpuBefore = CpuClock.now();
		long start = System.nanoTime();
		work.run();
		double seconds = (System.nanoTime() - start) / 1e9;
		double cpuSeconds = CpuClock.now().minus(cpuBefore).toNanos() / 1e9;
		return new Rate(items / seconds, cpuSeconds * 1000 / items);
	}

	private static Rate rawCopy(CompanyDatabase erp, int items) throws Exception {
		try (SandboxStore web = webStore(null)) {
			Rate raw = rate(items, () -> RawCopy.copy(erp, web.baseUri()));
			assertEquals(items, RawCopy.products(web.baseUri()), "the raw copy sent every item");
			return raw;
		}
	}

	/**
	 * The raw copy, SyncBench and the raw copy again, each into a web store and a store of its own, then
	 * the company database's read alone and with SyncBench's status rows.
	 */
	private Figures measure(Kind kind, Kind storeKind, Path folder, int items) throws Exception {
		try (CompanyDatabase erp = BenchmarkCompany.createDatabase(kind, folder, items)) {
			Rate rawBefore = rawCopy(erp, items);
			Rate syncBench;
			try (SandboxStore web = webStore(null);
					BenchmarkStore opened = BenchmarkStore.open(storeKind, folder)) {
				OwnedStore store = opened.store();
				Company company = BenchmarkCompany.create(store, connectors(), erp, web.baseUri(), true);
				String[] report = new String[1];
				syncBench = rate(items, () -> report[0] = runToEnd(store, company));
				assertEquals(items, RawCopy.products(web.baseUri()), "SyncBench sent every item: " + report[0]);
			}
			// A run measured later in the JVM's life finds more of the code compiled: the baseline is the
			// faster of a run before SyncBench's and one after it.
			Rate rawAfter = rawCopy(erp, items);
			Rate raw = rawAfter.perSecond > rawBefore.perSecond ? rawAfter : rawBefore;
			Rate read = rate(items, () -> RawCopy.read(erp, products -> {
			}));
			Rate readAndStatusRows;
			try (BenchmarkStore opened = BenchmarkStore.open(storeKind, folder.resolve("status-rows"))) {
				OwnedStore store = opened.store();
				Company company = store.companies().create(new CompanySettings("Status rows Ltd", 3600, false, false, true));
				StatusScope scope = new StatusScope(company.id(), "webstore", "product");
				readAndStatusRows = rate(items, () -> StatusRows.write(store.syncStatus(), scope, erp));
				assertEquals(items, store.syncStatus().count(scope, SyncState.SYNCHRONIZED), "a row for every item");
			}
			return new Figures(raw, syncBench, read, readAndStatusRows);
		}
	}
}
