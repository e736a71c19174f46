package io.syncbench.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.eclipse.osgi.util.NLS;

import io.syncbench.engine.RecordResult.Action;
import io.syncbench.engine.internal.Messages;
import io.syncbench.store.RunHistoryService;
import io.syncbench.store.RunHistoryService.Outcome;
import io.syncbench.store.SyncStatusService.Side;

/**
 * Writes one run into the run history: its start, every record action that left work for the operator
 * (failed, skipped, waiting for a conflict's decision) or a warning, and the first {@value #KEPT_ACTIONS}
 * of the others that did something (echoes that changed nothing and records outside the system's slice
 * are left out), in batches, and its end with the count of every action. A row per record of a complete
 * update cost a fifth of the run's time, as much again as its status rows; the details view shows the
 * first 500.
 * <p>
 * While the run goes on it posts {@link SyncEvents#RUN_PROGRESS} a few times a second at most: how
 * many records it has handled and how many queued changes wait, for the progress view's chart. Safe for
 * the parallel entities of a run. The batches are written in order on a thread of the journal's own, so a
 * page's history rows cost the run's pages no wait; a batch the store refused fails the next call.
 */
public final class RunJournal {

	private static final int BATCH = 100;
	/** The most actions kept of a run that need nobody and warn of nothing: sent, received, deleted, resolved, locked. */
	static final int KEPT_ACTIONS = 1_000;
	private static final long PROGRESS_EVERY_NANOS = 250_000_000L;

	private final RunHistoryService history;
	private final long runId;
	private final List<RunHistoryService.Action> pending = new ArrayList<>();
	private final Map<String, Integer> counts = new TreeMap<>();

	private final SyncEvents events;
	private long processed;
	/** The actions kept so far that need nobody. */
	private int keptRoutine;
	private long backlog;
	private long lastProgress = System.nanoTime();
	/** One thread at most, which ends when idle: a run that never finishes leaves no thread behind. */
	private final ExecutorService writer = new ThreadPoolExecutor(0, 1, 10, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
			Thread.ofPlatform().daemon().name("SyncBench run history").factory()); //$NON-NLS-1$
	/** The batches handed to the writer so far; completed exceptionally once one was refused. */
	private CompletableFuture<Void> written = CompletableFuture.completedFuture(null);

	private final Supplier<CompanyAttention> attention;

	private RunJournal(RunHistoryService history, long runId, SyncEvents events, Supplier<CompanyAttention> attention) {
		this.history = history;
		this.runId = runId;
		this.events = events;
		this.attention = attention;
	}

	/**
	 * Records the start of a run in the history, tells the event listeners, and returns its journal.
	 *
	 * @param attention what of the company needs its operator, counted when the run ends and told with its end
	 */
	public static RunJournal start(RunHistoryService history, long companyId, SyncMode mode, String trigger,
			SyncEvents events, Supplier<CompanyAttention> attention) {
		RunJournal journal = new RunJournal(history, history.started(companyId, mode.name(), trigger), events, attention);
		events.post(SyncEvents.RUN_STARTED, SyncEvents.RUN_ID, journal.runId, SyncEvents.MODE, mode.name(),
				SyncEvents.TRIGGER, trigger);
		return journal;
	}

	public long runId() {
		return runId;
	}

	/** {@code delta} more changes wait in the queue (negative: fewer), as an entity's drain sees them. */
	synchronized void queued(long delta) {
		backlog = Math.max(0, backlog + delta);
	}

	synchronized void recorded(EntityLink link, RecordResult result) {
		processed++;
		if (System.nanoTime() - lastProgress >= PROGRESS_EVERY_NANOS) {
			postProgress();
		}
		if (result.action() == Action.UNCHANGED || result.action() == Action.OUT_OF_SLICE) {
			return;
		}
		String action = result.action().name().toLowerCase(java.util.Locale.ROOT);
		counts.merge(action, 1, Integer::sum);
		boolean worthKeeping = result.action() == Action.FAILED || result.action() == Action.SKIPPED
				|| result.action() == Action.WAITING || !result.warnings().isEmpty();
		if (!worthKeeping && keptRoutine++ >= KEPT_ACTIONS) {
			return; // counted, not kept
		}
		String recordId = result.status().localId() != null ? result.status().localId() : result.status().externalId();
		String message = result.action() == Action.FAILED ? result.status().errorMessage()
				: result.warnings().isEmpty() ? null : String.join("; ", result.warnings()); //$NON-NLS-1$
		pending.add(new RunHistoryService.Action(link.entity(), recordId, action, message));
		if (result.action() == Action.FAILED) {
			events.post(SyncEvents.RECORD_FAILED, SyncEvents.RUN_ID, runId, SyncEvents.ENTITY, link.entity(),
					SyncEvents.RECORD_ID, recordId, SyncEvents.FIELD, result.status().errorField(), SyncEvents.MESSAGE,
					message);
		}
		if (pending.size() >= BATCH) {
			flush();
		}
	}

	/**
	 * An entity's progress in this run, after each page: told to the listeners and returned in words,
	 * for the run's job to show the same.
	 *
	 * @param origin where the records come from: the company database (to the system) or the system
	 * @param total  how many there are in all; empty when the system cannot count them
	 */
	String entityProgress(EntityLink link, Side origin, long done,
			OptionalLong total) {
		String task = describe(link, origin, done, total);
		events.post(SyncEvents.ENTITY_PROGRESS, SyncEvents.RUN_ID, runId, SyncEvents.ENTITY, link.entity(),
				SyncEvents.SYSTEM, link.scope().system(), SyncEvents.DONE, done, SyncEvents.TOTAL,
				total.isPresent() ? total.getAsLong() : null, SyncEvents.TASK, task);
		return task;
	}

	/** "product to webstore: 1,200 of 10,000", "order from webstore: 40". */
	static String describe(EntityLink link, Side origin, long done,
			OptionalLong total) {
		String direction = origin == Side.LOCAL ? Messages.Progress_to
				: Messages.Progress_from;
		return total.isPresent()
				? NLS.bind(Messages.Progress_entityCounted, new Object[] { link.entity(), direction, link.scope().system(),
						String.format("%,d", done), String.format("%,d", total.getAsLong()) }) //$NON-NLS-1$ //$NON-NLS-2$
				: NLS.bind(Messages.Progress_entity, new Object[] { link.entity(), direction, link.scope().system(),
						String.format("%,d", done) }); //$NON-NLS-1$
	}

	/** Writes what is pending and the run's end. */
	synchronized void finish(Outcome outcome, String message) {
		try {
			flush();
			awaitWritten();
		} finally {
			writer.shutdown();
		}
		postProgress();
		history.finished(runId, outcome, message, counts);
		CompanyAttention open = null;
		try {
			open = attention.get();
		} catch (RuntimeException e) { // the store is gone: the end is told without counts, as unknown
		}
		boolean counted = open != null; // post leaves null values out
		events.post(SyncEvents.RUN_FINISHED, SyncEvents.RUN_ID, runId, SyncEvents.OUTCOME, outcome.name(),
				SyncEvents.MESSAGE, message, SyncEvents.FAILED_RECORDS, counted ? open.failed() : null,
				SyncEvents.CONFLICTS, counted ? open.conflicts() : null,
				SyncEvents.SKIPPED, counted ? open.skipped() : null);
	}

	private void postProgress() {
		lastProgress = System.nanoTime();
		events.post(SyncEvents.RUN_PROGRESS, SyncEvents.RUN_ID, runId, SyncEvents.PROCESSED, processed,
				SyncEvents.BACKLOG, backlog);
	}

	private void flush() {
		if (written.isCompletedExceptionally()) {
			awaitWritten(); // throws the store's refusal
		}
		if (!pending.isEmpty()) {
			List<RunHistoryService.Action> batch = List.copyOf(pending);
			pending.clear();
			written = written.thenRunAsync(() -> history.recorded(runId, batch), writer);
		}
	}

	private void awaitWritten() {
		try {
			written.join();
		} catch (CompletionException e) {
			if (e.getCause() instanceof RuntimeException refused) {
				throw refused;
			}
			throw e;
		}
	}
}
