package io.syncbench.store;

import java.util.Map;

/**
 * What a successful synchronization of one record leaves behind.
 *
 * @param state          {@link SyncState#SYNCHRONIZED}, {@link SyncState#CONFLICT} or {@link SyncState#DELETED}
 * @param localId        the local id now
 * @param externalId     the external id now
 * @param localStamp     the local change stamp after the write
 * @param externalStamp  the external change stamp after the write
 * @param synced         the values both sides now have
 * @param conflictValues the losing side's values when both sides had changed; empty otherwise
 */
public record SyncOutcome(SyncState state, String localId, String externalId, String localStamp,
		String externalStamp, Map<String, String> synced, Map<String, String> conflictValues) {
}
