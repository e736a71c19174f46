package io.syncbench.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Every run of a company, with its outcome and the record actions it took, so operators can see
 * what happened and when.
 */
public interface RunHistoryService {

	/** How a run ended; {@code RUNNING} while it goes on, or when its process died. */
	enum Outcome {
		RUNNING, SUCCEEDED, FAILED, CANCELED
	}

	/**
	 * A run.
	 *
	 * @param mode    Synchronize, Send or Download
	 * @param trigger what started it: automatic, manual, complete update, forced
	 * @param counts  records per action, for example {@code sent=812}
	 */
	record Run(long id, long companyId, String mode, String trigger, Instant startedAt, Instant endedAt,
			Outcome outcome, String message, Map<String, Integer> counts) {
	}

	/** One record's action in a run. */
	record Action(String entity, String recordId, String action, String message) {
	}

	/** @return the new run's id */
	long started(long companyId, String mode, String trigger);

	/** Adds actions of a run; callers collect them and write them in batches. */
	void recorded(long runId, List<Action> actions);

	void finished(long runId, Outcome outcome, String message, Map<String, Integer> counts);

	/** The latest runs of a company, newest first. */
	List<Run> recent(long companyId, int max);

	/**
	 * A run's actions, a page at a time: those that left work for the operator (failed, skipped, waiting for
	 * a conflict's decision) first, then the others, each in the order they happened. A run of a hundred
	 * thousand records that failed three shows those three on its first page.
	 */
	List<Action> actions(long runId, int offset, int max);
}
