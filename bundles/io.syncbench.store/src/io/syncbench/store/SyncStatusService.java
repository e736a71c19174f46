package io.syncbench.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The sync status of every record per connected system, and the leases that keep two threads or two
 * processes from working on the same records at the same time: one for each entity and system (the
 * link's work), held by a run or an operator's repair. Leases live in the database, so they hold
 * across processes, and expire, so a holder that died does not block anything for ever.
 *
 * <p>A page of records is kept with two writes: {@link #beginPage} announces its writes, and
 * {@link #finishPage} stores every record's outcome with one row write each, in one transaction.
 */
public interface SyncStatusService {

	Optional<SyncStatus> findByLocalId(StatusScope scope, String localId);

	Optional<SyncStatus> findByExternalId(StatusScope scope, String externalId);

	/**
	 * The statuses of these records by their id on {@code side}, read without writing anything; a record
	 * the store has no row for is not in the answer.
	 */
	Map<String, SyncStatus> findAll(StatusScope scope, Side side, Collection<String> ids);

	/**
	 * Takes the lease on the work of one entity with one connected system for {@code owner}, when nobody
	 * holds it, {@code owner} does, or the holder's lease expired. Only the holder synchronizes the link's
	 * records, so no record has a lease of its own. Taking it closes the pages its previous holder left
	 * open: each written record's digest goes to its row ({@link SyncStatus#writing()}), so that the
	 * values found on the other side are known as that write, not as someone else's change.
	 *
	 * @return whether {@code owner} now holds the link's work
	 */
	boolean holdWork(StatusScope scope, String owner, Duration duration);

	/** Gives the link's work back; does nothing when {@code owner} does not hold it. */
	void releaseWork(StatusScope scope, String owner);

	/**
	 * Renews every link lease {@code owner} holds, while its work goes on: a live process keeps its links
	 * however long a page takes, and a dead one loses them {@code duration} after its last renewal.
	 * Unlike {@link #holdWork}, it closes no open page: the holder's own pages are under way.
	 *
	 * @return how many links were renewed
	 */
	int renewWorkOf(String owner, Duration duration);

	/**
	 * Announces a page's writes before they are sent, in one transaction that also renews the holder's
	 * lease: the digests of the values to be written to records that have a status row, with how many
	 * records will be created. Without digests nothing is announced, since a created record is found
	 * again by its unique key after a crash; the call only checks that {@code owner} still holds the link
	 * (or that a recent check vouches for it), so that a holder whose lease was taken over writes nothing.
	 *
	 * @return the intent, to be closed by {@link #finishPage}; {@link PageIntent#NONE} when nothing was
	 *         announced
	 * @throws WorkLeaseLostException when {@code owner} no longer holds the link's work
	 */
	PageIntent beginPage(StatusScope scope, String owner, Duration duration, Map<Long, String> digests, int creates);

	/** An announced page; {@link #NONE} for a page with nothing to write. */
	record PageIntent(List<Long> rowIds) {
		public static final PageIntent NONE = new PageIntent(List.of());
	}

	/**
	 * Ends a page in one transaction: each record's status is written once (inserted for a record the
	 * store had no row for, updated otherwise), the page's intents are closed, its queue entries are
	 * removed, a complete update's position or the change cursor of a page read straight from its system
	 * moves on, and the holder's lease is renewed.
	 *
	 * @return each record's status as stored, in the order of {@code ends}
	 * @throws WorkLeaseLostException when {@code owner} no longer holds the link's work: nothing is stored
	 */
	List<SyncStatus> finishPage(StatusScope scope, String owner, Duration duration, PageEnd end);

	/**
	 * What a page leaves behind.
	 *
	 * @param records      each record's outcome
	 * @param intents      the page's announcements to close
	 * @param queueEntries the change-queue entries the page took, to remove
	 * @param resend       where a complete update goes on from after this page, or null when the page
	 *                     was none; {@link #RESEND_DONE} when it was the last
	 * @param changes      the changes a page took straight from its system rather than from the queue, or
	 *                     null
	 */
	record PageEnd(List<RecordEnd> records, List<PageIntent> intents, List<Long> queueEntries, String resend,
			ChangesTaken changes) {

		/** The complete update's position after its last page. */
		public static final String RESEND_DONE = ""; //$NON-NLS-1$

		public PageEnd {
			records = List.copyOf(records);
			intents = List.copyOf(intents);
			queueEntries = List.copyOf(queueEntries);
		}

		public PageEnd(List<RecordEnd> records, List<PageIntent> intents, List<Long> queueEntries, String resend) {
			this(records, intents, queueEntries, resend, null);
		}

		public static PageEnd of(List<RecordEnd> records) {
			return new PageEnd(records, List.of(), List.of(), null);
		}
	}

	/**
	 * A page of changes read straight from a system: the side's change cursor moves to {@code cursor},
	 * and the records of the page that wait (on a record in conflict) are queued, so that none of them is
	 * behind the cursor and forgotten.
	 *
	 * @param waiting ids on {@code side}
	 */
	record ChangesTaken(Side side, String cursor, List<String> waiting) {

		public ChangesTaken {
			waiting = List.copyOf(waiting);
		}
	}

	/**
	 * One record's outcome in a page: a success ({@code outcome}), or a failure naming the field and the
	 * reason that counts an attempt (after {@code maxAttempts} the record is {@link SyncState#SKIPPED}).
	 *
	 * @param statusId the record's row, or 0 when the store has none yet: it is made
	 * @param side     the side {@code recordId} belongs to, for a row that is made by a failure
	 */
	record RecordEnd(long statusId, Side side, String recordId, SyncOutcome outcome, String errorField,
			String errorMessage, int maxAttempts, String displayKey) {

		public static RecordEnd succeeded(long statusId, Side side, String recordId, SyncOutcome outcome) {
			return new RecordEnd(statusId, side, recordId, outcome, null, null, 0, null);
		}

		public static RecordEnd failed(long statusId, Side side, String recordId, String field, String message,
				int maxAttempts) {
			return new RecordEnd(statusId, side, recordId, null, field, message, maxAttempts, null);
		}

		/** This end, storing also what the operator knows the record by (its SKU, its email); null keeps the row's. */
		public RecordEnd withDisplayKey(String key) {
			return new RecordEnd(statusId, side, recordId, outcome, errorField, errorMessage, maxAttempts, key);
		}
	}

	/** How many status rows this store has written (made or changed) since it was opened: a benchmark's count. */
	long statusWrites();

	/**
	 * The status of the record with this id on one side, created as pending when there is none yet.
	 * Two processes tracking the same record at once get the same row.
	 */
	SyncStatus track(StatusScope scope, Side side, String id);

	/** How many records each scope has in each state, for every company, read in one query (monitoring). */
	List<StateCount> stateCounts();

	/** The records of one scope in one state. */
	record StateCount(StatusScope scope, SyncState state, long count) {
	}

	/** Every link's lease as stored now, expired and given-back ones included (monitoring). */
	List<WorkLease> leases();

	/**
	 * The lease on one link's work.
	 *
	 * @param owner  who took it last; null once given back
	 * @param expiry when it runs out unless renewed; null once given back
	 */
	record WorkLease(StatusScope scope, String owner, Instant expiry) {

		/** Whether someone holds it at {@code now}: taken, not given back, not run out. */
		public boolean heldAt(Instant now) {
			return owner != null && expiry != null && expiry.isAfter(now);
		}
	}

	/** Who holds the work of a link now, expired holds included: each owner once. */
	Set<String> leaseOwners();

	/**
	 * Gives back the work of every link {@code owner} holds, for a process known to be dead (a service
	 * killed before it could give it back), so its successor need not wait for the holds to expire.
	 *
	 * @return how many links were held
	 */
	int releaseLeasesOf(String owner);

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
	 * @param owner who holds the link's work
	 * @throws StoreException when the other row is linked on this side, or another process holds it
	 */
	SyncStatus absorb(long statusId, long otherRowId, Side side, String id, String owner);

	/** Stores a success: new ids, stamps and values; clears pending, the error and the attempts. */
	SyncStatus succeeded(long statusId, SyncOutcome outcome);

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
