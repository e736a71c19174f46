package io.syncbench.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.eclipse.osgi.util.NLS;

import io.syncbench.store.StatusQuery;
import io.syncbench.store.StatusQuery.Order;
import io.syncbench.store.StatusScope;
import io.syncbench.store.StoreException;
import io.syncbench.store.SyncOutcome;
import io.syncbench.store.SyncState;
import io.syncbench.store.SyncStatus;
import io.syncbench.store.SyncStatusService;
import io.syncbench.store.WorkLeaseLostException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.TypedQuery;

/**
 * {@link SyncStatusService} on JPA. Leases are taken with one conditional UPDATE, which the database
 * applies atomically, so they hold between processes that share the database.
 */
final class JpaSyncStatusService implements SyncStatusService {

	private final JpaStore store;
	private final Clock clock;
	private final AtomicLong writes = new AtomicLong();
	/**
	 * Until when each of this process's holds is known to run, from its last check that committed: no
	 * other holder takes a link over before its lease expires.
	 */
	private final Map<Hold, Instant> confirmedUntil = new ConcurrentHashMap<>();

	private record Hold(StatusScope scope, String owner) {
	}

	JpaSyncStatusService(JpaStore store, Clock clock) {
		this.store = store;
		this.clock = clock;
	}

	@Override
	public Optional<SyncStatus> findByLocalId(StatusScope scope, String localId) {
		return store.inTransaction(em -> find(em, scope, Side.LOCAL, localId)).map(SyncStatusEntity::toRecord);
	}

	@Override
	public Optional<SyncStatus> findByExternalId(StatusScope scope, String externalId) {
		return store.inTransaction(em -> find(em, scope, Side.EXTERNAL, externalId)).map(SyncStatusEntity::toRecord);
	}

	private static Optional<SyncStatusEntity> find(EntityManager em, StatusScope scope, Side side, String id) {
		String key = side == Side.LOCAL ? "localKey" : "externalKey"; //$NON-NLS-1$ //$NON-NLS-2$
		return ScopeColumns.bind(em.createQuery("SELECT s FROM SyncStatusEntity s WHERE " + ScopeColumns.matches("s") //$NON-NLS-1$ //$NON-NLS-2$
				+ " AND s." + key + " = :id", SyncStatusEntity.class), scope).setParameter("id", id) //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				.getResultStream().findFirst();
	}

	@Override
	public Map<String, SyncStatus> findAll(StatusScope scope, Side side, Collection<String> ids) {
		List<String> distinct = ids.stream().distinct().toList();
		if (distinct.isEmpty()) {
			return Map.of();
		}
		return store.inTransaction(em -> {
			Map<String, SyncStatus> found = new HashMap<>();
			if (!store.postgresql()) {
				// Each id probed through the unique index with one statement: a query of JPA's for each id cost ten
				// times the probe.
				for (SyncStatus status : probe(em, scope, side, distinct)) {
					found.put(side == Side.LOCAL ? status.localId() : status.externalId(), status);
				}
				return found;
			}
			// One probe per id of the index that starts with the id, whatever the planner believes of the table:
			// the ids as one array, each looked up by a subquery that names the id alone (OFFSET 0 keeps the
			// scope's conditions out of it), so no other index can serve it. Given as an IN list, or joined with
			// the scope's conditions, PostgreSQL took a new company's rows for a handful (its statistics were
			// those of an empty table) and scanned or hashed them for each page: 30 to 150 ms a page at 50,000
			// rows, growing with each. Another scope's row with the same id is dropped by the outer conditions.
			String key = side == Side.LOCAL ? "LOCAL_KEY" : "EXTERNAL_KEY"; //$NON-NLS-1$ //$NON-NLS-2$
			Connection connection = em.unwrap(Connection.class);
			try (PreparedStatement query = connection.prepareStatement("SELECT s.* FROM UNNEST(?) AS k(ID_KEY) CROSS JOIN LATERAL" //$NON-NLS-1$
					+ " (SELECT * FROM SB_SYNC_STATUS WHERE " + key + " = k.ID_KEY OFFSET 0) s" //$NON-NLS-1$ //$NON-NLS-2$
					+ " WHERE s.COMPANY_ID = ? AND s.SYSTEM_NAME = ? AND s.ENTITY = ?")) { //$NON-NLS-1$
				query.setArray(1, connection.createArrayOf("varchar", distinct.toArray())); //$NON-NLS-1$
				query.setLong(2, scope.companyId());
				query.setString(3, scope.system());
				query.setString(4, scope.entity());
				try (ResultSet rows = query.executeQuery()) {
					while (rows.next()) {
						SyncStatus status = SyncStatusEntity.read(rows, scope);
						found.put(side == Side.LOCAL ? status.localId() : status.externalId(), status);
					}
				}
			} catch (SQLException e) {
				throw store.writeFailed(e);
			}
			return found;
		});
	}

	/** The rows of these records, one indexed probe each on one prepared statement, read with plain JDBC. */
	private List<SyncStatus> probe(EntityManager em, StatusScope scope, Side side, List<String> ids) {
		Connection connection = em.unwrap(Connection.class);
		String key = side == Side.LOCAL ? "LOCAL_KEY" : "EXTERNAL_KEY"; //$NON-NLS-1$ //$NON-NLS-2$
		List<SyncStatus> rows = new ArrayList<>();
		try (PreparedStatement probe = connection.prepareStatement("SELECT * FROM SB_SYNC_STATUS" //$NON-NLS-1$
				+ " WHERE COMPANY_ID = ? AND SYSTEM_NAME = ? AND ENTITY = ? AND " + key + " = ?")) { //$NON-NLS-1$ //$NON-NLS-2$
			probe.setLong(1, scope.companyId());
			probe.setString(2, scope.system());
			probe.setString(3, scope.entity());
			for (String id : ids) {
				probe.setString(4, id);
				try (ResultSet row = probe.executeQuery()) {
					if (row.next()) {
						rows.add(SyncStatusEntity.read(row, scope));
					}
				}
			}
		} catch (SQLException e) {
			throw store.writeFailed(e);
		}
		return rows;
	}

	@Override
	public boolean holdWork(StatusScope scope, String owner, Duration duration) {
		Instant now = clock.instant();
		try {
			boolean held = store.inTransaction(em -> {
				if (renew(em, scope, owner, now, duration) == 0) {
					boolean exists = ScopeColumns.bind(em.createQuery("SELECT COUNT(l) FROM WorkLeaseEntity l WHERE " //$NON-NLS-1$
							+ ScopeColumns.matches("l"), Long.class), scope).getSingleResult() > 0; //$NON-NLS-1$
					if (exists) {
						return false; // another holds it and its lease runs
					}
					em.persist(new WorkLeaseEntity(scope, owner, now.plus(duration)));
					em.flush();
				}
				closeOpenPages(em, scope);
				return true;
			});
			if (held) {
				confirmedUntil.put(new Hold(scope, owner), now.plus(duration));
			}
			return held;
		} catch (PersistenceException e) {
			if (StoreErrors.isUniqueViolation(e) || StoreErrors.isContention(e)) {
				return false; // another process made the lease row at the same moment, and holds it
			}
			throw store.writeFailed(e);
		}
	}

	/** Takes or renews the link's lease when it is free, expired or {@code owner}'s; 1 when it did. */
	private static int renew(EntityManager em, StatusScope scope, String owner, Instant now, Duration duration) {
		return ScopeColumns.bind(em.createQuery("UPDATE WorkLeaseEntity l SET l.owner = :owner, l.expiry = :expiry WHERE " //$NON-NLS-1$
				+ ScopeColumns.matches("l") + " AND (l.owner IS NULL OR l.owner = :owner OR l.expiry < :now)"), scope) //$NON-NLS-1$ //$NON-NLS-2$
				.setParameter("owner", owner).setParameter("expiry", now.plus(duration)) //$NON-NLS-1$ //$NON-NLS-2$
				.setParameter("now", now).executeUpdate(); //$NON-NLS-1$
	}

	/** The pages a holder left open: their writes' digests go to the rows, and they are closed. */
	private void closeOpenPages(EntityManager em, StatusScope scope) {
		List<PageIntentEntity> open = ScopeColumns.bind(em.createQuery("SELECT p FROM PageIntentEntity p WHERE " //$NON-NLS-1$
				+ ScopeColumns.matches("p") + " ORDER BY p.id", PageIntentEntity.class), scope).getResultList(); //$NON-NLS-1$ //$NON-NLS-2$
		for (PageIntentEntity intent : open) {
			intent.digests().forEach((statusId, digest) -> {
				SyncStatusEntity status = em.find(SyncStatusEntity.class, Long.valueOf(statusId));
				if (status != null) {
					status.announce(digest);
					writes.incrementAndGet();
				}
			});
			em.remove(intent);
		}
	}

	@Override
	public void releaseWork(StatusScope scope, String owner) {
		confirmedUntil.remove(new Hold(scope, owner));
		store.inTransaction(em -> ScopeColumns.bind(em.createQuery("UPDATE WorkLeaseEntity l SET l.owner = NULL," //$NON-NLS-1$
				+ " l.expiry = NULL WHERE " + ScopeColumns.matches("l") + " AND l.owner = :owner"), scope) //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				.setParameter("owner", owner).executeUpdate()); //$NON-NLS-1$
	}

	@Override
	public PageIntent beginPage(StatusScope scope, String owner, Duration duration, Map<Long, String> digests,
			int creates) {
		Instant now = clock.instant();
		// A record the page creates is found again by its unique key, so only digests need a row.
		if (digests.isEmpty() && confirmed(scope, owner, now, duration)) {
			return PageIntent.NONE; // nothing a successor would need, and the hold runs well beyond now
		}
		PageIntent announced = store.inTransaction(em -> {
			holding(em, scope, owner, now, duration);
			if (digests.isEmpty()) {
				return PageIntent.NONE;
			}
			List<PageIntentEntity> rows = new ArrayList<>();
			List<Map.Entry<Long, String>> entries = List.copyOf(digests.entrySet());
			// a row's JSON stays inside the column: about 80 characters for each digest
			for (int from = 0; from == 0 || from < entries.size(); from += DIGESTS_PER_ROW) {
				Map<String, String> slice = new LinkedHashMap<>();
				entries.subList(from, Math.min(entries.size(), from + DIGESTS_PER_ROW))
						.forEach(entry -> slice.put(entry.getKey().toString(), entry.getValue()));
				PageIntentEntity intent = new PageIntentEntity(scope, owner, now, slice, from == 0 ? creates : 0);
				em.persist(intent);
				rows.add(intent);
			}
			em.flush();
			return new PageIntent(rows.stream().map(PageIntentEntity::rowId).toList());
		});
		confirm(scope, owner, now, duration);
		return announced;
	}

	/**
	 * Whether the hold was confirmed recently enough that it surely runs well past {@code now}: a check
	 * that committed found it running for at least half its duration, and a quarter of it is kept as a
	 * margin for the write that follows and for clocks that differ between processes.
	 */
	private boolean confirmed(StatusScope scope, String owner, Instant now, Duration duration) {
		Instant until = confirmedUntil.get(new Hold(scope, owner));
		return until != null && now.plus(duration.dividedBy(4)).isBefore(until);
	}

	/** A check of the hold committed at {@code now}: the lease ran at least half its duration beyond it. */
	private void confirm(StatusScope scope, String owner, Instant now, Duration duration) {
		confirmedUntil.merge(new Hold(scope, owner), now.plus(duration.dividedBy(2)),
				(known, checked) -> known.isAfter(checked) ? known : checked);
	}

	private static final int DIGESTS_PER_ROW = 300;

	/**
	 * Checks that {@code owner} still holds the link, for the rest of the transaction. The hold is renewed
	 * once half of it has run (or all of it, when no one took it over meanwhile); otherwise the lease row
	 * is only read under a shared lock, which two transactions of one holder (a page's end beside the
	 * next page's start) take together, while a successor's takeover waits for both to end.
	 */
	private void holding(EntityManager em, StatusScope scope, String owner, Instant now, Duration duration) {
		int renewed = ScopeColumns.bind(em.createQuery("UPDATE WorkLeaseEntity l SET l.expiry = :expiry WHERE " //$NON-NLS-1$
				+ ScopeColumns.matches("l") + " AND l.owner = :owner AND l.expiry < :halfway"), scope) //$NON-NLS-1$ //$NON-NLS-2$
				.setParameter("owner", owner).setParameter("expiry", now.plus(duration)) //$NON-NLS-1$ //$NON-NLS-2$
				.setParameter("halfway", now.plus(duration.dividedBy(2))).executeUpdate(); //$NON-NLS-1$
		// Not renewed: another holds it, or this owner's hold has more than half to run.
		if (renewed == 0 && !heldShared(em, scope, owner)) {
			confirmedUntil.remove(new Hold(scope, owner));
			throw new WorkLeaseLostException(NLS.bind(Messages.SyncStatus_workLeaseLost,
					new Object[] { scope.entity(), scope.system(), owner }));
		}
	}

	/** Whether {@code owner} holds the link, read under a lock that keeps it so until the transaction ends. */
	private boolean heldShared(EntityManager em, StatusScope scope, String owner) {
		String sql = "SELECT OWNER FROM SB_WORK_LEASE WHERE COMPANY_ID = ? AND SYSTEM_NAME = ? AND ENTITY = ?" //$NON-NLS-1$
				+ store.sharedLockClause();
		try (PreparedStatement query = em.unwrap(Connection.class).prepareStatement(sql)) {
			query.setLong(1, scope.companyId());
			query.setString(2, scope.system());
			query.setString(3, scope.entity());
			try (ResultSet lease = query.executeQuery()) {
				return lease.next() && owner.equals(lease.getString(1));
			}
		} catch (SQLException e) {
			throw store.writeFailed(e);
		}
	}

	@Override
	public List<SyncStatus> finishPage(StatusScope scope, String owner, Duration duration, PageEnd end) {
		Instant now = clock.instant();
		try {
			List<SyncStatus> result = store.inTransaction(em -> {
				holding(em, scope, owner, now, duration);
				List<RecordEnd> records = end.records();
				SyncStatus[] stored = new SyncStatus[records.size()];
				SucceededRows succeeded = new SucceededRows(em, scope, now, store.postgresql());
				List<Integer> failed = new ArrayList<>();
				for (int i = 0; i < records.size(); i++) {
					if (records.get(i).outcome() != null) {
						succeeded.add(i, records.get(i));
					} else {
						failed.add(i);
					}
				}
				try {
					succeeded.write(stored);
				} catch (SQLException e) {
					throw new PersistenceException(e);
				}
				// A failure counts an attempt: its row is read, and written through JPA.
				Map<Long, SyncStatusEntity> known = byId(em, failed.stream().map(i -> records.get(i).statusId())
						.filter(id -> id != 0).toList());
				List<SyncStatusEntity> failedRows = new ArrayList<>();
				for (int i : failed) {
					RecordEnd record = records.get(i);
					SyncStatusEntity status;
					if (record.statusId() == 0) {
						status = SyncStatusEntity.made(scope, record.side(), record.recordId(), now);
						em.persist(status);
					} else {
						status = known.get(record.statusId());
						if (status == null) {
							throw new StoreException(NLS.bind(Messages.SyncStatus_notFound, record.statusId()));
						}
					}
					status.failed(record.errorField(), record.errorMessage(), record.maxAttempts(), now);
					status.name(record.displayKey());
					failedRows.add(status);
				}
				List<Long> intents = end.intents().stream().flatMap(intent -> intent.rowIds().stream()).toList();
				for (Long intent : intents) { // by key, one at a time: Derby would scan an IN list, and wait on the next page's intent
					PageIntentEntity row = em.find(PageIntentEntity.class, intent);
					if (row != null) {
						em.remove(row);
					}
				}
				JpaChangeQueueService.remove(em, end.queueEntries());
				if (end.resend() != null) {
					JpaChangeQueueService.resendProgress(em, scope, end.resend().equals(PageEnd.RESEND_DONE) ? null : end.resend());
				}
				if (end.changes() != null) {
					JpaChangeQueueService.taken(em, scope, end.changes(), now);
				}
				em.flush();
				for (int n = 0; n < failed.size(); n++) {
					stored[failed.get(n)] = failedRows.get(n).toRecord();
				}
				writes.addAndGet(records.size());
				return List.of(stored);
			});
			confirm(scope, owner, now, duration);
			return result;
		} catch (PersistenceException e) {
			if (StoreErrors.isUniqueViolation(e)) {
				throw new StoreException(NLS.bind(Messages.SyncStatus_alreadyMapped, e.getMessage()), e);
			}
			throw store.writeFailed(e);
		}
	}

	@Override
	public long statusWrites() {
		return writes.get();
	}

	@Override
	public SyncStatus track(StatusScope scope, Side side, String id) {
		try {
			return store.inTransaction(em -> find(em, scope, side, id).orElseGet(() -> {
				SyncStatusEntity created = new SyncStatusEntity(scope, side, id, clock.instant());
				em.persist(created);
				em.flush();
				return created;
			})).toRecord();
		} catch (PersistenceException e) {
			if (StoreErrors.isUniqueViolation(e)) { // another thread or process tracked it first
				return (side == Side.LOCAL ? findByLocalId(scope, id) : findByExternalId(scope, id))
						.orElseThrow(() -> store.writeFailed(e));
			}
			throw store.writeFailed(e);
		}
	}

	/**
	 * The rows of these ids. Derby answers an IN list on the primary key with a scan of the whole table
	 * once the table has outgrown the plan it compiled when it was small, so a page of ids close together
	 * (the rows a page made) is read as one range of the key, and scattered ids one by one.
	 */
	private static Map<Long, SyncStatusEntity> byId(EntityManager em, Collection<Long> ids) {
		Map<Long, SyncStatusEntity> rows = new HashMap<>();
		if (ids.isEmpty()) {
			return rows;
		}
		LongSummaryStatistics range = ids.stream().mapToLong(Long::longValue).summaryStatistics();
		if (isDense(range.getMin(), range.getMax(), ids.size())) {
			long first = range.getMin();
			long last = range.getMax();
			Set<Long> wanted = Set.copyOf(ids);
			em.createQuery("SELECT s FROM SyncStatusEntity s WHERE s.id BETWEEN :first AND :last", //$NON-NLS-1$
					SyncStatusEntity.class).setParameter("first", first).setParameter("last", last) //$NON-NLS-1$ //$NON-NLS-2$
					.getResultStream().filter(status -> wanted.contains(status.id()))
					.forEach(status -> rows.put(status.id(), status));
		} else {
			for (long id : ids) {
				SyncStatusEntity status = em.find(SyncStatusEntity.class, id);
				if (status != null) {
					rows.put(id, status);
				}
			}
		}
		return rows;
	}

	/** Whether {@code count} ids from {@code first} to {@code last} are close enough together to be read as one range. */
	private static boolean isDense(long first, long last, int count) {
		return last - first < (long) DENSE_SPAN * count;
	}

	private static final int DENSE_SPAN = 4;

	@Override
	public List<StateCount> stateCounts() {
		return store.inTransaction(em -> em.createQuery("SELECT s.scope.companyId, s.scope.system, s.scope.entity, s.state, COUNT(s) " //$NON-NLS-1$
				+ "FROM SyncStatusEntity s GROUP BY s.scope.companyId, s.scope.system, s.scope.entity, s.state", Object[].class) //$NON-NLS-1$
				.getResultStream().map(row -> new StateCount(new StatusScope(((Number) row[0]).longValue(), (String) row[1],
						(String) row[2]), (SyncState) row[3], ((Number) row[4]).longValue()))
				.toList());
	}

	@Override
	public List<WorkLease> leases() {
		return store.inTransaction(em -> em.createQuery("SELECT l FROM WorkLeaseEntity l", WorkLeaseEntity.class) //$NON-NLS-1$
				.getResultStream().map(WorkLeaseEntity::toRecord).toList());
	}

	@Override
	public Set<String> leaseOwners() {
		return store.inTransaction(em -> {
			Set<String> owners = new HashSet<>(em.createQuery("SELECT DISTINCT l.owner FROM WorkLeaseEntity l WHERE l.owner IS NOT NULL", //$NON-NLS-1$
					String.class).getResultList());
			return Set.copyOf(owners);
		});
	}

	@Override
	public int renewWorkOf(String owner, Duration duration) {
		Instant expiry = clock.instant().plus(duration);
		return store.inTransaction(em -> em.createQuery("UPDATE WorkLeaseEntity l SET l.expiry = :expiry WHERE l.owner = :owner") //$NON-NLS-1$
				.setParameter("expiry", expiry).setParameter("owner", owner).executeUpdate()); //$NON-NLS-1$ //$NON-NLS-2$
	}

	@Override
	public int releaseLeasesOf(String owner) {
		confirmedUntil.keySet().removeIf(hold -> hold.owner().equals(owner));
		return store.inTransaction(em -> em.createQuery("UPDATE WorkLeaseEntity l SET l.owner = NULL, l.expiry = NULL WHERE l.owner = :owner") //$NON-NLS-1$
						.setParameter("owner", owner).executeUpdate()); //$NON-NLS-1$
	}

	@Override
	public SyncStatus link(long statusId, Side side, String id) {
		try {
			return store.inTransaction(em -> {
				SyncStatusEntity status = existing(em, statusId);
				status.setId(side, id);
				em.flush();
				return status.toRecord();
			});
		} catch (PersistenceException e) {
			if (StoreErrors.isUniqueViolation(e)) {
				throw new StoreException(NLS.bind(Messages.SyncStatus_alreadyMapped, id), e);
			}
			throw store.writeFailed(e);
		}
	}

	@Override
	public SyncStatus absorb(long statusId, long otherRowId, Side side, String id, String owner) {
		return store.inTransaction(em -> {
			SyncStatusEntity other = existing(em, otherRowId);
			SyncStatusEntity status = existing(em, statusId);
			if (!id.equals(other.id(side)) || other.id(side.other()) != null) {
				throw new StoreException(NLS.bind(Messages.SyncStatus_alreadyMapped, id), null);
			}
			em.remove(other);
			em.flush(); // the partner's id is free for this row now
			status.setId(side, id);
			em.flush();
			return status.toRecord();
		});
	}

	@Override
	public SyncStatus succeeded(long statusId, SyncOutcome outcome) {
		return store.inTransaction(em -> {
			SyncStatusEntity status = existing(em, statusId);
			status.succeeded(outcome, clock.instant());
			return status.toRecord();
		});
	}

	@Override
	public SyncStatus failed(long statusId, String field, String message, int maxAttempts) {
		return store.inTransaction(em -> {
			SyncStatusEntity status = existing(em, statusId);
			status.failed(field, message, maxAttempts, clock.instant());
			return status.toRecord();
		});
	}

	@Override
	public long count(StatusScope scope, SyncState state) {
		return store.inTransaction(em -> ScopeColumns.bind(em.createQuery("SELECT COUNT(s) FROM SyncStatusEntity s WHERE " //$NON-NLS-1$
				+ ScopeColumns.matches("s") + " AND s.state = :state", Long.class), scope) //$NON-NLS-1$ //$NON-NLS-2$
				.setParameter("state", state).getSingleResult()); //$NON-NLS-1$
	}

	@Override
	public long count(StatusQuery query) {
		return store.inTransaction(em -> bind(em.createQuery("SELECT COUNT(s) FROM SyncStatusEntity s WHERE " //$NON-NLS-1$
				+ conditions(query), Long.class), query).getSingleResult());
	}

	@Override
	public List<SyncStatus> page(StatusQuery query, int offset, int limit) {
		if (limit <= 0) {
			return List.of();
		}
		return store.inTransaction(em -> bind(em.createQuery("SELECT s FROM SyncStatusEntity s WHERE " //$NON-NLS-1$
				+ conditions(query) + " ORDER BY " + orderBy(query), SyncStatusEntity.class), query) //$NON-NLS-1$
				.setFirstResult(Math.max(0, offset)).setMaxResults(limit).getResultStream()
				.map(SyncStatusEntity::toRecord).toList());
	}

	/** The query's order as JPQL, ending with the row id so that pages never overlap. */
	private static String orderBy(StatusQuery query) {
		String direction = query.ascending() ? " ASC" : " DESC"; //$NON-NLS-1$ //$NON-NLS-2$
		String byId = "s.id" + direction; //$NON-NLS-1$
		if (query.order() == Order.ID) {
			return byId;
		}
		String path = "s." + SORT_PATHS.get(query.order()); //$NON-NLS-1$
		String byColumn = path + direction + ", " + byId; //$NON-NLS-1$
		// Ids that are numbers sort as numbers: 2 before 10.
		return NUMBERED.contains(query.order())
				? "LENGTH(" + path + ")" + direction + ", " + byColumn //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				: byColumn;
	}

	private static final Map<Order, String> SORT_PATHS = Map.of(Order.SYSTEM, "scope.system", //$NON-NLS-1$
			Order.ENTITY, "scope.entity", Order.DISPLAY_KEY, "displayKey", Order.LOCAL_ID, "localKey", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			Order.EXTERNAL_ID, "externalKey", Order.STATE, "state", Order.ATTEMPTS, "attempts", Order.UPDATED_AT, //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			"updatedAt"); //$NON-NLS-1$
	/**
	 * The ids sorted shortest first, then alike: numbers (most systems' ids) in their order; an id that
	 * is not one sorts among those of its length. (A row without an id has a long placeholder: last.)
	 */
	private static final Set<Order> NUMBERED = Set.of(Order.LOCAL_ID, Order.EXTERNAL_ID);

	/** The query's filter as JPQL; only the parts the query uses, so the database can pick an index. */
	private static String conditions(StatusQuery query) {
		StringBuilder where = new StringBuilder("s.scope.companyId = :company"); //$NON-NLS-1$
		if (query.system() != null) {
			where.append(" AND s.scope.system = :system"); //$NON-NLS-1$
		}
		if (query.entity() != null) {
			where.append(" AND s.scope.entity = :entity"); //$NON-NLS-1$
		}
		if (!query.states().isEmpty()) {
			where.append(" AND s.state IN :states"); //$NON-NLS-1$
		}
		if (query.text() != null) {
			where.append(" AND (LOWER(s.displayKey) LIKE :text ESCAPE '!' OR LOWER(s.localId) LIKE :text ESCAPE '!'" //$NON-NLS-1$
					+ " OR LOWER(s.externalId) LIKE :text ESCAPE '!' OR LOWER(s.errorMessage) LIKE :text ESCAPE '!')"); //$NON-NLS-1$
		}
		return where.toString();
	}

	private static <T> TypedQuery<T> bind(TypedQuery<T> jpql, StatusQuery query) {
		jpql.setParameter("company", query.companyId()); //$NON-NLS-1$
		if (query.system() != null) {
			jpql.setParameter("system", query.system()); //$NON-NLS-1$
		}
		if (query.entity() != null) {
			jpql.setParameter("entity", query.entity()); //$NON-NLS-1$
		}
		if (!query.states().isEmpty()) {
			jpql.setParameter("states", List.copyOf(query.states())); //$NON-NLS-1$
		}
		if (query.text() != null) { // the operator's text is matched as it is: % and _ are no wildcards
			String escaped = query.text().toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$
			jpql.setParameter("text", "%" + escaped + "%"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		}
		return jpql;
	}

	@Override
	public Optional<SyncStatus> find(long statusId) {
		return Optional.ofNullable(store.inTransaction(em -> em.find(SyncStatusEntity.class, statusId)))
				.map(SyncStatusEntity::toRecord);
	}

	@Override
	public List<SyncStatus> retry(Collection<Long> statusIds) {
		Instant now = clock.instant();
		return change(statusIds, status -> status.retry(now));
	}

	@Override
	public List<SyncStatus> skip(Collection<Long> statusIds) {
		Instant now = clock.instant();
		return change(statusIds, status -> status.skip(now));
	}

	private List<SyncStatus> change(Collection<Long> statusIds, Consumer<SyncStatusEntity> change) {
		return store.inTransaction(em -> statusIds.stream().map(id -> em.find(SyncStatusEntity.class, id))
				.filter(Objects::nonNull).map(status -> {
					change.accept(status);
					return status.toRecord();
				}).toList());
	}

	private static SyncStatusEntity existing(EntityManager em, long statusId) {
		SyncStatusEntity status = em.find(SyncStatusEntity.class, statusId);
		if (status == null) {
			throw new StoreException(NLS.bind(Messages.SyncStatus_notFound, statusId));
		}
		return status;
	}
}
