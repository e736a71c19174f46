package io.syncbench.benchmarks;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;

/**
 * Watches the heap while a benchmark runs, on a thread of its own that looks every 20 ms: the most in
 * use (garbage included), the most still in use after a collection (what the work really holds), and
 * the collections' count and time.
 */
final class HeapWatch implements AutoCloseable {

	private static final long MIB = 1024 * 1024;
	private static final long PERIOD_MILLIS = 20;

	private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
			.filter(pool -> pool.getType() == MemoryType.HEAP).toList();
	private final Thread sampler;
	private volatile boolean watching = true;
	private final long collectionsBefore;
	private final long collectionMillisBefore;
	// written by the sampler alone, read once it has ended
	private long peakUsed;
	private long peakAfterCollection;

	/**
	 * What the heap did while watched.
	 *
	 * @param peakUsedMiB            the most heap in use, in MiB, garbage included
	 * @param peakAfterCollectionMiB the most heap still in use after a collection, in MiB
	 * @param collections            how many collections ran
	 * @param collectionMillis       the milliseconds they took
	 */
	record Figures(long peakUsedMiB, long peakAfterCollectionMiB, long collections, long collectionMillis) {
	}

	private HeapWatch() {
		System.gc(); // the work starts from what is live now, not from an earlier benchmark's garbage
		collectionsBefore = collections();
		collectionMillisBefore = collectionMillis();
		sampler = new Thread(this::sample, "heap watch");
		sampler.setDaemon(true);
		sampler.start();
	}

	static HeapWatch start() {
		return new HeapWatch();
	}

	/** The heap cap ({@code -Xmx}) in MiB. */
	static long maxMiB() {
		return Runtime.getRuntime().maxMemory() / MIB;
	}

	private void sample() {
		while (watching) {
			long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
			long afterCollection = 0;
			for (MemoryPoolMXBean pool : heapPools) {
				MemoryUsage collected = pool.getCollectionUsage();
				afterCollection += collected == null ? 0 : collected.getUsed();
			}
			peakUsed = Math.max(peakUsed, used);
			peakAfterCollection = Math.max(peakAfterCollection, afterCollection);
			try {
				Thread.sleep(PERIOD_MILLIS);
			} catch (InterruptedException e) {
				return;
			}
		}
	}

	/** Ends the watch and tells what the heap did. */
	Figures stop() throws InterruptedException {
		close();
		return new Figures(peakUsed / MIB, peakAfterCollection / MIB, collections() - collectionsBefore,
				collectionMillis() - collectionMillisBefore);
	}

	@Override
	public void close() throws InterruptedException {
		watching = false;
		sampler.join();
	}

	private static long collections() {
		return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount)
				.sum();
	}

	private static long collectionMillis() {
		return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime)
				.sum();
	}
}
