package io.syncbench.store;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
	 * {@link #track} and then {@link #acquireLease} for a page of records, a transaction for each step.
	 * When {@code expectNew} (the page before was all new, as in a first complete update), the page is
	 * first inserted with its leases taken, in one transaction and without a lookup for each record;
	 * should any of them be tracked already, the unique index refuses that, and the page is tracked and
	 * leased as usual.
	 */
	Claimed claimAll(StatusScope scope, Side side, Collection<String> ids, String owner, Duration duration,
			boolean expectNew);

	/**
	 * A page of records tracked and leased by {@link #claimAll}.
	 *
	 * @param statuses each distinct id's status, in the order given
	 * @param held     the ids of the rows whose lease the owner now holds
	 * @param allNew   whether every row was made now
	 */
	record Claimed(Map<String, SyncStatus> statuses, Set<Long> held, boolean allNew) {
	}

	/**
	 * Takes the record's lease for {@code owner} when nobody holds it or the holder's lease expired.
	 *
	 * @return whether {@code owner} now holds the lease
	 */
	boolean acquireLease(long statusId, String owner, Duration duration);

	/** Who holds leases now, expired ones included: each owner once. */
	Set<String> leaseOwners();

	/**
	 * Gives back every lease {@code owner} holds, for a process known to be dead (a service killed
	 * before it could give them back), so its successor need not wait for them to expire.
	 *
	 * @return how many records were held
	 */
	int releaseLeasesOf(String owner);

	/** Gives the lease back; does nothing when {@code owner} does not hold it. */
	void releaseLease(long statusId, String owner);

	/**
	 * Records the partner found for a record on the other side.
	 *
	 * @throws StoreException when another status row already maps that partner
	 */
	SyncStatus link(long statusId, Side side, String id);

	/**
	 * Links the record to its partner {@code id} on {@code side} when another row already tracks that
	 * partner but was never linked to anything on this side: the two rows are one pair, seen from each
	 * end (a crash came between a create and its outcome, and the created record's echo was tracked on
	 * its own). In one transaction the other row is removed and this one linked.
	 *
	 * @param owner the lease holder of this row; the other row must be free, expired or held by it too
	 * @throws StoreException when the other row is linked on this side, or another process holds it
	 */
	SyncStatus absorb(long statusId, long otherRowId, Side side, String id, String owner);

	/** Stores a success: new ids, stamps and values; clears pending, the error and the attempts. */
	SyncStatus succeeded(long statusId, SyncOutcome outcome);

	/**
	 * {@link #succeeded(long, SyncOutcome)} for a page of records in one transaction.
	 *
	 * @return each row as it is now, by its id
	 */
	Map<Long, SyncStatus> succeeded(Map<Long, SyncOutcome> outcomes);

	/**
	 * Announces writes about to be sent to the other side, in one transaction, by a digest of their
	 * values: should the process die before it stores their outcomes, its successor recognizes the values
	 * it finds there as this write, not as someone else's change. A success or failure clears it.
	 */
	void writing(Map<Long, String> digests);

	/**
	 * Stores a failure naming the field and the reason and counts the attempt; after
	 * {@code maxAttempts} failed attempts the record is {@link SyncState#SKIPPED}.
	 */
	SyncStatus failed(long statusId, String field, String message, int maxAttempts);

	/** How many records of the scope are in {@code state}. */
	long count(StatusScope scope, SyncState state);

	/** How many rows the query finds. */
	long count(StatusQuery query);

	/**
	 * One page of the rows the query finds, in its order: at most {@code limit} rows after skipping
	 * {@code offset}. Only the page is read, so a view can show a million rows a page at a time.
	 */
	List<SyncStatus> page(StatusQuery query, int offset, int limit);

	Optional<SyncStatus> find(long statusId);

	/**
	 * An operator's Retry: the records are pending again with no attempts counted and no error, so the
	 * next run takes them even when they were skipped. Rows that are gone are passed over.
	 *
	 * @return the rows as they are now
	 */
	List<SyncStatus> retry(Collection<Long> statusIds);

	/**
	 * An operator's Skip: runs leave the records alone until someone retries or forces them.
	 *
	 * @return the rows as they are now
	 */
	List<SyncStatus> skip(Collection<Long> statusIds);

	/** One side of a synchronization: the company's own database, or the connected system. */
	enum Side {
		LOCAL, EXTERNAL;

		public Side other() {
			return this == LOCAL ? EXTERNAL : LOCAL;
		}
	}
}
