package io.syncbench.store;

import java.time.Instant;
import java.util.Map;

/**
 * What the store knows about one record and one connected system.
 *
 * @param id             the status row's id
 * @param scope          company, connected system and entity
 * @param localId        the record's id in the company's database; null until it exists there
 * @param externalId     the record's id on the connected system; null until it exists there
 * @param localStamp     the local change stamp when last synchronized
 * @param externalStamp  the external change stamp when last synchronized
 * @param pending        whether a change waits to be synchronized
 * @param state          where the record stands
 * @param errorField     the field the last error named, or null
 * @param errorMessage   the last error, in the operator's words, or null
 * @param attempts       failed attempts since the last success
 * @param lastSynced     the values both sides had after the last synchronization, for review
 * @param conflictValues the values of the side that lost a conflict, kept for review
 * @param updatedAt      when the row last changed
 * @param writing        a digest of the values a write to the other side was about to commit, left by a
 *                       process that died before it stored the outcome; null when no write is open
 * @param displayKey     what the operator knows the record by: its unique key's value (a SKU, an email),
 *                       as last seen; null for a record without one
 */
public record SyncStatus(long id, StatusScope scope, String localId, String externalId, String localStamp,
		String externalStamp, boolean pending, SyncState state, String errorField, String errorMessage, int attempts,
		Map<String, String> lastSynced, Map<String, String> conflictValues, Instant updatedAt, String writing,
		String displayKey) {

	/**
	 * A record the store has no row for yet: its row (id 0) is made when the page that first
	 * synchronizes it ends.
	 */
	public static SyncStatus untracked(StatusScope scope, SyncStatusService.Side side, String recordId) {
		boolean local = side == SyncStatusService.Side.LOCAL;
		return new SyncStatus(0, scope, local ? recordId : null, local ? null : recordId, null, null, true,
				SyncState.PENDING, null, null, 0, Map.of(), Map.of(), null, null, null);
	}

	/** Whether the store has a row for the record. */
	public boolean tracked() {
		return id != 0;
	}

	/** This status with the record's partner {@code partnerId} on {@code side}, not stored yet. */
	public SyncStatus withId(SyncStatusService.Side side, String partnerId) {
		boolean local = side == SyncStatusService.Side.LOCAL;
		return new SyncStatus(id, scope, local ? partnerId : localId, local ? externalId : partnerId, localStamp,
				externalStamp, pending, state, errorField, errorMessage, attempts, lastSynced, conflictValues, updatedAt,
				writing, displayKey);
	}
}
