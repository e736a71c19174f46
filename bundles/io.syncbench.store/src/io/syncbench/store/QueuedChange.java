package io.syncbench.store;

import java.time.Instant;

import io.syncbench.store.SyncStatusService.Side;

/**
 * A record that changed on one side and waits to be synchronized.
 *
 * @param id         the queue entry's id
 * @param scope      company, connected system and entity
 * @param side       where the record changed
 * @param recordId   the record's id on that side
 * @param enqueuedAt when the change was first queued; later changes of the same record join it
 */
public record QueuedChange(long id, StatusScope scope, Side side, String recordId, Instant enqueuedAt) {
}
