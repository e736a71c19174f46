package io.syncbench.monitoring.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.osgi.util.NLS;

import io.syncbench.store.Store;

/**
 * Reads the store's figures for one request, within a time limit: a store that does not answer (a
 * PostgreSQL server gone away leaves the pool waiting for a connection) is reported as unreachable
 * while a monitoring system still waits for the answer, not after it gave up. Requests that come
 * while a read is under way share it.
 */
public final class StoreReader implements AutoCloseable {

	/** The outcome of a read: the figures, or why there are none. */
	public record Reading(StoreFigures figures, String problem) {

		public boolean reachable() {
			return figures != null;
		}
	}

	private final Store store;
	private final Duration limit;
	private final ExecutorService reads = Executors.newSingleThreadExecutor(work -> {
		Thread thread = new Thread(work, "SyncBench monitoring store reads"); //$NON-NLS-1$
		thread.setDaemon(true);
		return thread;
	});
	private CompletableFuture<StoreFigures> current;

	public StoreReader(Store store, Duration limit) {
		this.store = store;
		this.limit = limit;
	}

	public Reading read() {
		CompletableFuture<StoreFigures> reading;
		synchronized (this) {
			if (current == null || current.isDone()) {
				current = CompletableFuture.supplyAsync(() -> StoreFigures.read(store), reads);
			}
			reading = current;
		}
		try {
			return new Reading(reading.get(limit.toMillis(), TimeUnit.MILLISECONDS), null);
		} catch (TimeoutException e) {
			return new Reading(null, NLS.bind(Messages.Store_noAnswer, store.location(), limit.toSeconds()));
		} catch (ExecutionException e) {
			Throwable cause = e.getCause() == null ? e : e.getCause();
			return new Reading(null, NLS.bind(Messages.Store_unreachable, store.location(), cause.getMessage()));
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return new Reading(null, NLS.bind(Messages.Store_noAnswer, store.location(), limit.toSeconds()));
		}
	}

	@Override
	public void close() {
		reads.shutdownNow();
	}
}
