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
	private long peakUsed;
	private long peakAfterCollection;
	private long collectionsWatched;
	private long collectionMillisWatched;

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
			synchronized (this) {
				peakUsed = Math.max(peakUsed, used);
				peakAfterCollection = Math.max(peakAfterCollection, afterCollection);
			}
			try {
				Thread.sleep(PERIOD_MILLIS);
			} catch (InterruptedException e) {
				return;
			}
		}
	}

	/** The most heap in use while watched, in MiB, garbage included. */
	synchronized long peakUsedMiB() {
		return peakUsed / MIB;
	}

	/** The most heap still in use after a collection while watched, in MiB. */
	synchronized long peakAfterCollectionMiB() {
		return peakAfterCollection / MIB;
	}

	@Override
	public void close() throws InterruptedException {
		watching = false;
		sampler.join();
		synchronized (this) {
			collectionsWatched = collections() - collectionsBefore;
			collectionMillisWatched = collectionMillis() - collectionMillisBefore;
		}
	}

	/** How many collections ran while watched. */
	synchronized long collectionsWatched() {
		return collectionsWatched;
	}

	/** The milliseconds that collections took while watched. */
	synchronized long collectionMillisWatched() {
		return collectionMillisWatched;
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
