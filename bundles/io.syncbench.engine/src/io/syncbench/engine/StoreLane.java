package io.syncbench.engine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.runtime.OperationCanceledException;

/**
 * Where a link's pages are ended in the store, one after another in the order they were handed over,
 * while the caller goes on with the next page: the store's end of page N overlaps the next page's reads
 * and writes. A direct lane ends each page on the caller's thread.
 */
final class StoreLane implements AutoCloseable {

	/** Ends every page at once, on the caller's thread. */
	static StoreLane direct() {
		return new StoreLane(null);
	}

	/** Ends pages on a thread of the lane's own, named after {@code what}. */
	static StoreLane background(String what) {
		return new StoreLane(new ThreadPoolExecutor(0, 1, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
				Thread.ofPlatform().daemon().name("SyncBench store " + what).factory())); //$NON-NLS-1$
	}

	private final ExecutorService thread;
	/** The last end handed over: each waits for the one before it. */
	private CompletableFuture<Void> last = CompletableFuture.completedFuture(null);

	private StoreLane(ExecutorService thread) {
		this.thread = thread;
	}

	/** Ends a page after those handed over before it; its failure is the returned end's. */
	synchronized CompletableFuture<Void> submit(Runnable end) {
		if (thread == null) {
			end.run();
			return CompletableFuture.completedFuture(null);
		}
		// A failed end stops the lane: the pages after it are not stored out of order.
		last = last.thenRunAsync(end, thread);
		return last;
	}

	/**
	 * Waits until every page handed over is stored, before the caller reads what they wrote (a partner
	 * mapped by an earlier page, a record of its own entity it refers to).
	 */
	void settle() {
		CompletableFuture<Void> pending;
		synchronized (this) {
			pending = last;
		}
		await(pending);
	}

	/** Waits for an end; its failure is thrown here. */
	static void await(CompletableFuture<Void> end) {
		try {
			end.join();
		} catch (CompletionException e) {
			if (e.getCause() instanceof RuntimeException failure) {
				throw failure;
			}
			if (e.getCause() instanceof Error error) {
				throw error;
			}
			throw e;
		} catch (java.util.concurrent.CancellationException e) {
			throw new OperationCanceledException();
		}
	}

	/** Lets the thread end once the pages handed over are stored; it does not wait for them. */
	@Override
	public void close() {
		if (thread != null) {
			thread.shutdown();
		}
	}
}
