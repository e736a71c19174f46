package io.syncbench.engine;

import java.util.List;

import io.syncbench.store.SyncStatus;
import io.syncbench.store.SyncStatusService.Side;

/**
 * A failed or conflicting record as the Resolve Error wizard shows it: every field of the connected
 * system's entity, the ones needing a decision first, the field that produced the error before all.
 *
 * @param status     the record's status when it was read
 * @param fields     the fields, those needing a decision first
 * @param errorField the connected system's name of the field the last error named, or null
 * @param overwritten after a conflict, the side whose values lost and were written over: the values
 *                    shown for it are those it held, kept for review; null when no side was
 */
public record RecordReview(SyncStatus status, List<FieldReview> fields, String errorField, Side overwritten) {

	public RecordReview {
		fields = List.copyOf(fields);
	}

	public List<FieldReview> decisions() {
		return fields.stream().filter(FieldReview::needsDecision).toList();
	}
}
