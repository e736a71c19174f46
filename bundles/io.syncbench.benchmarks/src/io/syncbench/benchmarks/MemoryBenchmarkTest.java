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
 * A benchmark, not a timed test: a complete update of {@code syncbench.benchmark.memory.items} items
 * (Derby to the sandbox web store, which keeps its documents on disk so that only SyncBench's own
 * memory counts) in a JVM whose heap is capped at 512 MiB (the bundle's {@code argLine}). It completes
 * only if the update streams: a list of the whole table would not fit. Beside it, the raw copy of
 * {@link RawCopy} runs the same items under the same cap. It prints each side's peak heap, in use and
 * after collection, and the collections, and writes {@code target/benchmarks/memory.csv} and
 * {@code memory.png}. The README's command runs 1,000,000 items; the suite runs 20,000.
 */
class MemoryBenchmarkTest extends SandboxBenchmark {

	private static final int ITEMS = Integer.getInteger("syncbench.benchmark.memory.items", 20_000);
	private static final long HEAP_CAP_MIB = 512;

	@Test
	void aCompleteUpdateStreamsInACappedHeap() throws Exception {
		assertTrue(HeapWatch.maxMiB() <= HEAP_CAP_MIB,
				"the benchmark JVM's heap is capped at " + HEAP_CAP_MIB + " MiB, not " + HeapWatch.maxMiB() + " MiB");
		HeapWatch.Figures raw;
		HeapWatch.Figures syncBench;
		double rawSeconds;
		double syncBenchSeconds;
		try (CompanyDatabase erp = BenchmarkCompany.createDatabase(Kind.DERBY, folder, ITEMS)) {
			try (SandboxStore web = webStore(folder.resolve("raw-web"))) {
				long start = System.nanoTime();
				try (HeapWatch watch = HeapWatch.start()) {
					RawCopy.copy(erp, web.baseUri());
					raw = watch.stop();
				}
				rawSeconds = (System.nanoTime() - start) / 1e9;
				assertEquals(ITEMS, RawCopy.products(web.baseUri()), "the raw copy sent every item");
			}
			try (SandboxStore web = webStore(folder.resolve("web"));
					OwnedStore store = Stores.embeddedDerby(folder.resolve("store"))) {
				Company company = BenchmarkCompany.create(store, connectors(), erp,
						web.baseUri(), true);
				long start = System.nanoTime();
				String report;
				try (HeapWatch watch = HeapWatch.start()) {
					report = runToEnd(store, company);
					syncBench = watch.stop();
				}
				syncBenchSeconds = (System.nanoTime() - start) / 1e9;
				assertEquals(ITEMS, RawCopy.products(web.baseUri()), "SyncBench sent every item: " + report);
			}
		}
		String table = String.format(Locale.ROOT, """
				Complete update of %,d items, Derby to the sandbox web store (on disk), heap capped at %d MiB
				                               raw copy    SyncBench
				  items/s                    : %,9.0f    %,9.0f
				  peak heap in use (MiB)     : %9d    %9d
				  peak heap after GC (MiB)   : %9d    %9d
				  collections (count / ms)   : %4d / %-5d %4d / %-5d
				  ratio of peaks after GC, SyncBench / raw copy : %.2f
				""", ITEMS, HeapWatch.maxMiB(), ITEMS / rawSeconds, ITEMS / syncBenchSeconds, raw.peakUsedMiB(),
				syncBench.peakUsedMiB(), raw.peakAfterCollectionMiB(), syncBench.peakAfterCollectionMiB(),
				raw.collections(), raw.collectionMillis(), syncBench.collections(),
				syncBench.collectionMillis(), ratio(syncBench.peakAfterCollectionMiB(), raw.peakAfterCollectionMiB()));
		System.out.println(table);
		Path csv = Path.of(System.getProperty("syncbench.benchmarks", "target/benchmarks"), "memory.csv");
		Files.createDirectories(csv.getParent());
		Files.writeString(csv, String.format(Locale.ROOT,
				"measure,items,heap_cap_mib,side,items_per_s,peak_used_mib,peak_after_gc_mib,collections,collection_ms%n"
						+ "complete update derby to web store,%d,%d,raw copy,%.1f,%d,%d,%d,%d%n"
						+ "complete update derby to web store,%d,%d,syncbench,%.1f,%d,%d,%d,%d%n",
				ITEMS, HeapWatch.maxMiB(), ITEMS / rawSeconds, raw.peakUsedMiB(), raw.peakAfterCollectionMiB(),
				raw.collections(), raw.collectionMillis(), ITEMS, HeapWatch.maxMiB(),
				ITEMS / syncBenchSeconds, syncBench.peakUsedMiB(), syncBench.peakAfterCollectionMiB(),
				syncBench.collections(), syncBench.collectionMillis()));
		BenchmarkChart.write(csv.resolveSibling("memory.png"),
				String.format(Locale.ROOT, "Peak heap in a complete update of %,d items (MiB)", ITEMS), "MiB",
				List.of(new BenchmarkChart.Bar("raw copy, in use", raw.peakUsedMiB(), true),
						new BenchmarkChart.Bar("raw copy, after GC", raw.peakAfterCollectionMiB(), true),
						new BenchmarkChart.Bar("SyncBench, in use", syncBench.peakUsedMiB(), false),
						new BenchmarkChart.Bar("SyncBench, after GC", syncBench.peakAfterCollectionMiB(), false)),
				String.format(Locale.ROOT, "heap capped at %d MiB; both completed", HeapWatch.maxMiB()));
	}

	private static double ratio(long value, long baseline) {
		return baseline == 0 ? Double.NaN : (double) value / baseline;
	}
}
