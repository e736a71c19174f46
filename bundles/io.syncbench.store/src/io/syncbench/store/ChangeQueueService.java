package io.syncbench.store;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import io.syncbench.store.SyncStatusService.Side;

/**
 * The durable change queue that manual and automatic runs drain alike, with each side's change cursor.
 * A run takes a system's new changes straight from it, moving the cursor as each page's outcomes are
 * stored; the queue holds what has to wait for a later run (records to try again, records waiting on
 * one in conflict, a Sync of records another process holds). A record is queued once however often it
 * changes before it is synchronized, and an entry leaves the queue only when the caller says its change
 * is committed on the other side, so a crash replays changes and never skips one.
 */
public interface ChangeQueueService {

	/** Where reading a system's changes goes on from; empty before the first read. */
	Optional<String> cursor(StatusScope scope, Side side);

	/**
	 * Queues the changed records and moves the cursor past them in one transaction: after a crash
	 * either both happened or neither, and the next read starts where the queue ends.
	 */
	void enqueue(StatusScope scope, Side side, Collection<String> recordIds, String newCursor);

	/** Queues one record without moving any cursor: a forced sync, a retry. */
	void enqueue(StatusScope scope, Side side, String recordId);

	/** The oldest entries of one side after the entry {@code afterId} (0: from the start), at most {@code max}. */
	List<QueuedChange> next(StatusScope scope, Side side, long afterId, int max);

	/** Removes entries whose changes are committed on the other side, in one transaction. */
	void remove(Collection<Long> entryIds);

	long size(StatusScope scope, Side side);

	/** How many changes wait in each scope on each side, for every company, read in one query (monitoring). */
	List<Backlog> backlog();

	/** The changes waiting in one scope on one side. */
	record Backlog(StatusScope scope, Side side, long count) {
	}

	/**
	 * Where an unfinished complete update of the scope goes on from: the company database's read
	 * position after the last page that was done. Empty when none is under way.
	 */
	Optional<String> resendPosition(StatusScope scope);

	/**
	 * Records that a complete update of the scope is done up to {@code position} (its pages before it are
	 * synchronized), so that a run after a crash goes on from there; null when it finished.
	 */
	void resendProgress(StatusScope scope, String position);

	/**
	 * Whether the scope's part of the company's complete update under way is finished, so that a run
	 * after a crash does not send it again while other parts are still to do.
	 */
	boolean resendFinished(StatusScope scope);

	/** Forgets the progress of the company's complete update: it finished everywhere. */
	void clearResends(long companyId);
}
