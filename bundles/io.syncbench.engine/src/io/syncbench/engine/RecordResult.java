package io.syncbench.engine;

import java.util.List;

import io.syncbench.store.SyncStatus;

/**
 * What the pipeline did with one record.
 *
 * @param action   what happened
 * @param status   the record's status afterwards
 * @param warnings problems of the post-processing, which do not undo the record
 */
public record RecordResult(Action action, SyncStatus status, List<String> warnings) {

	public enum Action {
		/** Local values were written to the connected system. */
		SENT,
		/** The connected system's values were written to the company's database. */
		RECEIVED,
		/** A deletion was carried to the other side. */
		DELETED,
		/** The company's record is outside the slice this system gets; it is not sent. */
		OUT_OF_SLICE,
		/** Neither side changed and the sync was not forced. */
		UNCHANGED,
		/** Failed too often; left alone until an operator retries or forces it. */
		SKIPPED,
		/**
		 * In conflict, or refers to a record in conflict: waits for the operator's decision in the Status
		 * Debugger, and goes after it.
		 */
		WAITING,
		/** Another thread or process holds the record; it is left for later. */
		LOCKED,
		/** An operator's decisions were written to both sides (the Status Debugger). */
		RESOLVED,
		/** The record failed; the status says why, naming the field. */
		FAILED
	}

	public RecordResult {
		warnings = List.copyOf(warnings);
	}

	static RecordResult of(Action action, SyncStatus status) {
		return new RecordResult(action, status, List.of());
	}
}
