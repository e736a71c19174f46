package io.syncbench.store;

import java.time.Duration;
import java.util.Optional;

/**
 * The sync status of every record per connected system, and the leases that keep two threads or two
 * processes from working on one record at the same time. Leases live in the database, so they hold
 * across processes, and expire, so a holder that died does not block a record for ever.
 */
public interface SyncStatusService {

	Optional<SyncStatus> findByLocalId(StatusScope scope, String localId);

	Optional<SyncStatus> findByExternalId(StatusScope scope, String externalId);

	/**
	 * The status of the record with this id on one side, created as pending when there is none yet.
	 * Two processes tracking the same record at once get the same row.
	 */
	SyncStatus track(StatusScope scope, Side side, String id);

	/**
	 * Takes the record's lease for {@code owner} when nobody holds it or the holder's lease expired.
	 *
	 * @return whether {@code owner} now holds the lease
	 */
	boolean acquireLease(long statusId, String owner, Duration duration);

	/** Gives the lease back; does nothing when {@code owner} does not hold it. */
	void releaseLease(long statusId, String owner);

	/**
	 * Records the partner found for a record on the other side.
	 *
	 * @throws StoreException when another status row already maps that partner
	 */
	SyncStatus link(long statusId, Side side, String id);

	/** Stores a success: new ids, stamps and values; clears pending, the error and the attempts. */
	SyncStatus succeeded(long statusId, SyncOutcome outcome);

	/**
	 * Stores a failure naming the field and the reason and counts the attempt; after
	 * {@code maxAttempts} failed attempts the record is {@link SyncState#SKIPPED}.
	 */
	SyncStatus failed(long statusId, String field, String message, int maxAttempts);

	/** How many records of the scope are in {@code state}. */
	long count(StatusScope scope, SyncState state);

	/** One side of a synchronization: the company's own database, or the connected system. */
	enum Side {
		LOCAL, EXTERNAL;

		public Side other() {
			return this == LOCAL ? EXTERNAL : LOCAL;
		}
	}
}
