package io.syncbench.store.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
	 * One query finds the rows that exist, one flush creates the others, in id order, so that two
	 * processes tracking the same page wait for each other rather than deadlock. When another thread or
	 * process created one of them in between, or the database gave up on the transaction, the page is
	 * tracked again one record at a time.
	 */
	private Tracked trackAll(StatusScope scope, Side side, Collection<String> ids) {
		List<String> distinct = ids.stream().distinct().toList();
		List<String> inserting = distinct.stream().sorted().toList();
		if (distinct.isEmpty()) {
			return new Tracked(Map.of(), false);
		}
		try {
			return store.inTransaction(em -> {
				// One indexed lookup per id: Derby answers an IN list beside the scope by scanning the scope.
				Map<String, SyncStatusEntity> found = new HashMap<>();
				for (String id : distinct) {
					find(em, scope, side, id).ifPresent(status -> found.put(id, status));
				}
				boolean allNew = found.isEmpty();
				Instant now = clock.instant();
				Map<String, SyncStatus> tracked = new LinkedHashMap<>();
				for (String id : inserting) {
					SyncStatusEntity status = found.get(id);
					if (status == null) {
						status = new SyncStatusEntity(scope, side, id, now);
						em.persist(status);
						found.put(id, status);
					}
				}
				em.flush();
				for (String id : distinct) {
					tracked.put(id, found.get(id).toRecord());
				}
				return new Tracked(tracked, allNew);
			});
		} catch (PersistenceException e) {
			if (!StoreErrors.isUniqueViolation(e) && !StoreErrors.isContention(e)) {
				throw store.writeFailed(e);
			}
			Map<String, SyncStatus> tracked = new LinkedHashMap<>();
			for (String id : distinct) {
				tracked.put(id, track(scope, side, id));
			}
			return new Tracked(tracked, false);
		}
	}

	/** What {@link #trackAll} tracked, and whether it made every row now. */
	private record Tracked(Map<String, SyncStatus> statuses, boolean allNew) {
	}

	@Override
	public Claimed claimAll(StatusScope scope, Side side, Collection<String> ids, String owner, Duration duration,
			boolean expectNew) {
		List<String> distinct = ids.stream().distinct().toList();
		if (distinct.isEmpty()) {
			return new Claimed(Map.of(), Set.of(), false);
		}
		if (expectNew) {
			Instant now = clock.instant();
			try {
				return store.inTransaction(em -> {
					Map<String, SyncStatusEntity> made = new LinkedHashMap<>();
					for (String id : distinct.stream().sorted().toList()) { // in key order, as trackAll inserts
						SyncStatusEntity status = new SyncStatusEntity(scope, side, id, now).leasedTo(owner, now.plus(duration));
						em.persist(status);
						made.put(id, status);
					}
					em.flush();
					Map<String, SyncStatus> tracked = new LinkedHashMap<>();
					for (String id : distinct) {
						tracked.put(id, made.get(id).toRecord());
					}
					Set<Long> held = new HashSet<>();
					made.values().forEach(status -> held.add(status.id()));
					return new Claimed(tracked, held, true);
				});
			} catch (PersistenceException e) {
				if (!StoreErrors.isUniqueViolation(e) && !StoreErrors.isContention(e)) {
					throw store.writeFailed(e);
				}
				// some were tracked already, or another process made them just now: nothing was kept
			}
		}
		Tracked tracked = trackAll(scope, side, distinct);
		return new Claimed(tracked.statuses(), acquireLeases(tracked.statuses().values().stream().map(SyncStatus::id)
				.toList(), owner, duration), tracked.allNew());
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

	/** Keeps IN lists well inside what every database takes in one statement. */
	private static final int IN_LIST_LIMIT = 500;

	/** In id order, for the reason {@link #trackAll} gives; a page the database gave up on is leased record by record. */
	private Set<Long> acquireLeases(Collection<Long> statusIds, String owner, Duration duration) {
		List<Long> distinct = statusIds.stream().distinct().sorted().toList();
		if (distinct.isEmpty()) {
			return Set.of();
		}
		try {
			return leaseAll(distinct, owner, duration);
		} catch (PersistenceException e) {
			if (!StoreErrors.isContention(e)) {
				throw store.writeFailed(e);
			}
			Set<Long> held = new HashSet<>();
			for (long statusId : distinct) {
				if (acquireLease(statusId, owner, duration)) {
					held.add(statusId);
				}
			}
			return held;
		}
	}

	private Set<Long> leaseAll(List<Long> distinct, String owner, Duration duration) {
		Instant now = clock.instant();
		return store.inTransaction(em -> {
			Set<Long> held = new HashSet<>();
			for (int from = 0; from < distinct.size(); from += IN_LIST_LIMIT) {
				List<Long> slice = distinct.subList(from, Math.min(distinct.size(), from + IN_LIST_LIMIT));
				long first = slice.get(0); // sorted
				long last = slice.get(slice.size() - 1);
				if (!isDense(first, last, slice.size())) { // one by one, for the reason byId gives
					for (long id : slice) {
						if (lease(em, id, owner, now, duration) == 1) {
							held.add(id);
						}
					}
					continue;
				}
				em.createQuery("UPDATE SyncStatusEntity s SET s.leaseOwner = :owner, s.leaseExpiry = :expiry" //$NON-NLS-1$
						+ " WHERE s.id BETWEEN :first AND :last AND s.id IN :ids" //$NON-NLS-1$
						+ " AND (s.leaseOwner IS NULL OR s.leaseOwner = :owner OR s.leaseExpiry < :now)") //$NON-NLS-1$
						.setParameter("owner", owner).setParameter("expiry", now.plus(duration)) //$NON-NLS-1$ //$NON-NLS-2$
						.setParameter("first", first).setParameter("last", last) //$NON-NLS-1$ //$NON-NLS-2$
						.setParameter("ids", slice).setParameter("now", now).executeUpdate(); //$NON-NLS-1$ //$NON-NLS-2$
				// the owner is unique per process and thread, so its rows are the ones it holds now
				held.addAll(em.createQuery("SELECT s.id FROM SyncStatusEntity s WHERE s.id BETWEEN :first AND :last" //$NON-NLS-1$
						+ " AND s.id IN :ids AND s.leaseOwner = :owner", Long.class) //$NON-NLS-1$
						.setParameter("first", first).setParameter("last", last) //$NON-NLS-1$ //$NON-NLS-2$
						.setParameter("ids", slice).setParameter("owner", owner).getResultList()); //$NON-NLS-1$ //$NON-NLS-2$
			}
			return held;
		});
	}

	private static int lease(EntityManager em, long statusId, String owner, Instant now, Duration duration) {
		return em.createQuery("UPDATE SyncStatusEntity s" //$NON-NLS-1$
				+ " SET s.leaseOwner = :owner, s.leaseExpiry = :expiry WHERE s.id = :id" //$NON-NLS-1$
				+ " AND (s.leaseOwner IS NULL OR s.leaseOwner = :owner OR s.leaseExpiry < :now)") //$NON-NLS-1$
				.setParameter("owner", owner).setParameter("expiry", now.plus(duration)) //$NON-NLS-1$ //$NON-NLS-2$
				.setParameter("id", statusId).setParameter("now", now).executeUpdate(); //$NON-NLS-1$ //$NON-NLS-2$
	}

	@Override
	public boolean acquireLease(long statusId, String owner, Duration duration) {
		Instant now = clock.instant();
		return store.inTransaction(em -> lease(em, statusId, owner, now, duration)) == 1;
	}

	@Override
	public Set<String> leaseOwners() {
		return Set.copyOf(store.inTransaction(em -> em.createQuery(
				"SELECT DISTINCT s.leaseOwner FROM SyncStatusEntity s WHERE s.leaseOwner IS NOT NULL", String.class) //$NON-NLS-1$
				.getResultList()));
	}

	@Override
	public int releaseLeasesOf(String owner) {
		return store.inTransaction(em -> em.createQuery("UPDATE SyncStatusEntity s" //$NON-NLS-1$
				+ " SET s.leaseOwner = NULL, s.leaseExpiry = NULL WHERE s.leaseOwner = :owner") //$NON-NLS-1$
				.setParameter("owner", owner).executeUpdate()); //$NON-NLS-1$
	}

	@Override
	public void releaseLease(long statusId, String owner) {
		store.inTransaction(em -> em.createQuery("UPDATE SyncStatusEntity s" //$NON-NLS-1$
				+ " SET s.leaseOwner = NULL, s.leaseExpiry = NULL WHERE s.id = :id AND s.leaseOwner = :owner") //$NON-NLS-1$
				.setParameter("id", statusId).setParameter("owner", owner).executeUpdate()); //$NON-NLS-1$ //$NON-NLS-2$
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
		Instant now = clock.instant();
		return store.inTransaction(em -> {
			SyncStatusEntity other = existing(em, otherRowId);
			SyncStatusEntity status = existing(em, statusId);
			if (!id.equals(other.id(side)) || other.id(side.other()) != null || !other.leaseFreeFor(owner, now)) {
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
	public Map<Long, SyncStatus> succeeded(Map<Long, SyncOutcome> outcomes) {
		if (outcomes.isEmpty()) {
			return Map.of();
		}
		Instant now = clock.instant();
		List<Long> ids = List.copyOf(outcomes.keySet());
		return store.inTransaction(em -> {
			Map<Long, SyncStatusEntity> rows = byId(em, ids);
			Map<Long, SyncStatus> stored = new LinkedHashMap<>();
			outcomes.forEach((statusId, outcome) -> {
				SyncStatusEntity status = rows.get(statusId);
				if (status == null) {
					throw new StoreException(NLS.bind(Messages.SyncStatus_notFound, statusId));
				}
				status.succeeded(outcome, now);
				stored.put(statusId, status.toRecord());
			});
			return stored;
		});
	}

	@Override
	public void writing(Map<Long, String> digests) {
		if (digests.isEmpty()) {
			return;
		}
		store.inTransaction(em -> {
			digests.forEach((statusId, digest) -> em.createQuery("UPDATE SyncStatusEntity s SET s.writing = :digest" //$NON-NLS-1$
					+ " WHERE s.id = :id").setParameter("digest", digest).setParameter("id", statusId).executeUpdate()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			return null;
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
		String direction = query.ascending() ? " ASC" : " DESC"; //$NON-NLS-1$ //$NON-NLS-2$
		String order = query.order() == Order.ID ? "s.id" + direction //$NON-NLS-1$
				: "s." + SORT_PATHS.get(query.order()) + direction + ", s.id" + direction; //$NON-NLS-1$ //$NON-NLS-2$
		return store.inTransaction(em -> bind(em.createQuery("SELECT s FROM SyncStatusEntity s WHERE " //$NON-NLS-1$
				+ conditions(query) + " ORDER BY " + order, SyncStatusEntity.class), query) //$NON-NLS-1$
				.setFirstResult(Math.max(0, offset)).setMaxResults(limit).getResultStream()
				.map(SyncStatusEntity::toRecord).toList());
	}

	private static final Map<Order, String> SORT_PATHS = Map.of(Order.SYSTEM, "scope.system", //$NON-NLS-1$
			Order.ENTITY, "scope.entity", Order.LOCAL_ID, "localKey", Order.EXTERNAL_ID, "externalKey", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			Order.STATE, "state", Order.ATTEMPTS, "attempts", Order.UPDATED_AT, "updatedAt"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$

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
			where.append(" AND (LOWER(s.localId) LIKE :text ESCAPE '!' OR LOWER(s.externalId) LIKE :text ESCAPE '!'" //$NON-NLS-1$
					+ " OR LOWER(s.errorMessage) LIKE :text ESCAPE '!')"); //$NON-NLS-1$
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
