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
 */
public record SyncStatus(long id, StatusScope scope, String localId, String externalId, String localStamp,
		String externalStamp, boolean pending, SyncState state, String errorField, String errorMessage, int attempts,
		Map<String, String> lastSynced, Map<String, String> conflictValues, Instant updatedAt, String writing) {
}
