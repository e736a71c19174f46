package io.syncbench.store.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

import io.syncbench.store.ChangeQueueService;
import io.syncbench.store.QueuedChange;
import io.syncbench.store.StatusScope;
import io.syncbench.store.SyncStatusService.ChangesTaken;
import io.syncbench.store.SyncStatusService.Side;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.persistence.TypedQuery;

/** {@link ChangeQueueService} on JPA. */
final class JpaChangeQueueService implements ChangeQueueService {

	private static final String IN_SCOPE = " WHERE " + ScopeColumns.matches("e") + " AND e.side = :side"; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$

	private final JpaStore store;
	private final Clock clock;

	JpaChangeQueueService(JpaStore store, Clock clock) {
		this.store = store;
		this.clock = clock;
	}

	@Override
	public Optional<String> cursor(StatusScope scope, Side side) {
		return store.inTransaction(em -> findCursor(em, scope, side).map(ChangeCursorEntity::position));
	}

	/**
	 * A page of changes is inserted as it is, with no lookup: the unique index refuses it whole when one
	 * of its records is queued already (changed again before a run took it, or queued by another process
	 * meanwhile), and then each record is looked up and only the new ones are inserted.
	 */
	@Override
	public void enqueue(StatusScope scope, Side side, Collection<String> recordIds, String newCursor) {
		try {
			write(scope, side, recordIds, newCursor, false);
			return;
		} catch (PersistenceException e) {
			if (!StoreErrors.isUniqueViolation(e)) {
				throw store.writeFailed(e);
			}
		}
		try {
			write(scope, side, recordIds, newCursor, true);
		} catch (PersistenceException e) {
			if (!StoreErrors.isUniqueViolation(e)) {
				throw store.writeFailed(e);
			}
			// Another process queued one of these records meanwhile; the second pass sees its entry.
			write(scope, side, recordIds, newCursor, true);
		}
	}

	@Override
	public void enqueue(StatusScope scope, Side side, String recordId) {
		enqueue(scope, side, List.of(recordId), null);
	}

	private void write(StatusScope scope, Side side, Collection<String> recordIds, String newCursor, boolean lookUp) {
		store.inTransaction(em -> {
			write(em, scope, side, recordIds, newCursor, lookUp, clock.instant());
			em.flush();
			return null;
		});
	}

	private static void write(EntityManager em, StatusScope scope, Side side, Collection<String> recordIds,
			String newCursor, boolean lookUp, Instant now) {
		for (String recordId : new LinkedHashSet<>(recordIds)) {
			boolean queued = lookUp && !scoped(em, "SELECT e.id FROM QueuedChangeEntity e", Long.class, scope, side, //$NON-NLS-1$
					" AND e.recordId = :record").setParameter("record", recordId).getResultList().isEmpty(); //$NON-NLS-1$ //$NON-NLS-2$
			if (!queued) {
				em.persist(new QueuedChangeEntity(scope, side, recordId, now));
			}
		}
		if (newCursor != null) {
			ChangeCursorEntity cursor = findCursor(em, scope, side).orElseGet(() -> {
				ChangeCursorEntity created = new ChangeCursorEntity(scope, side);
				em.persist(created);
				return created;
			});
			cursor.moveTo(newCursor);
		}
	}

	/**
	 * Moves the cursor past a page taken straight from its system, in the caller's transaction, and
	 * queues the page's records that wait. Each is looked up first: one queued already (by another
	 * process's Sync) must not fail the page's whole transaction on the unique index.
	 */
	static void taken(EntityManager em, StatusScope scope, ChangesTaken changes, Instant now) {
		write(em, scope, changes.side(), changes.waiting(), changes.cursor(), true, now);
	}

	@Override
	public List<QueuedChange> next(StatusScope scope, Side side, long afterId, int max) {
		return store.inTransaction(em -> scoped(em, "SELECT e FROM QueuedChangeEntity e", QueuedChangeEntity.class, //$NON-NLS-1$
				scope, side, " AND e.id > :after ORDER BY e.id").setParameter("after", afterId) //$NON-NLS-1$ //$NON-NLS-2$
				.setMaxResults(max).getResultStream().map(QueuedChangeEntity::toRecord).toList());
	}

	@Override
	public void remove(Collection<Long> entryIds) {
		if (entryIds.isEmpty()) {
			return;
		}
		store.inTransaction(em -> {
			remove(em, entryIds);
			return null;
		});
	}

	/** Removes the entries in the caller's transaction. */
	static void remove(EntityManager em, Collection<Long> entryIds) {
		List<Long> ids = List.copyOf(entryIds);
		for (int from = 0; from < ids.size(); from += 500) { // IN lists well inside what every database takes
			em.createQuery("DELETE FROM QueuedChangeEntity e WHERE e.id IN :ids") //$NON-NLS-1$
					.setParameter("ids", ids.subList(from, Math.min(ids.size(), from + 500))).executeUpdate(); //$NON-NLS-1$
		}
	}

	@Override
	public long size(StatusScope scope, Side side) {
		return store.inTransaction(em -> scoped(em, "SELECT COUNT(e) FROM QueuedChangeEntity e", Long.class, scope, //$NON-NLS-1$
				side, "").getSingleResult()); //$NON-NLS-1$
	}

	@Override
	public List<Backlog> backlog() {
		return store.inTransaction(em -> em.createQuery("SELECT e.scope.companyId, e.scope.system, e.scope.entity, e.side, COUNT(e) " //$NON-NLS-1$
				+ "FROM QueuedChangeEntity e GROUP BY e.scope.companyId, e.scope.system, e.scope.entity, e.side", Object[].class) //$NON-NLS-1$
				.getResultStream().map(row -> new Backlog(new StatusScope(((Number) row[0]).longValue(), (String) row[1],
						(String) row[2]), (Side) row[3], ((Number) row[4]).longValue()))
				.toList());
	}

	@Override
	public Optional<String> resendPosition(StatusScope scope) {
		return store.inTransaction(em -> findProgress(em, scope).map(ResendProgressEntity::position));
	}

	/** A finished part keeps its row, without a position, until the whole complete update is done. */
	@Override
	public void resendProgress(StatusScope scope, String position) {
		store.inTransaction(em -> {
			resendProgress(em, scope, position);
			return null;
		});
	}

	/** Moves the complete update's position in the caller's transaction. */
	static void resendProgress(EntityManager em, StatusScope scope, String position) {
		findProgress(em, scope).orElseGet(() -> {
			ResendProgressEntity created = new ResendProgressEntity(scope);
			em.persist(created);
			return created;
		}).moveTo(position);
	}

	@Override
	public boolean resendFinished(StatusScope scope) {
		return store.inTransaction(em -> findProgress(em, scope).map(progress -> progress.position() == null).orElse(false));
	}

	@Override
	public void clearResends(long companyId) {
		store.inTransaction(em -> em.createQuery("DELETE FROM ResendProgressEntity e WHERE e.scope.companyId = :company") //$NON-NLS-1$
				.setParameter("company", companyId).executeUpdate()); //$NON-NLS-1$
	}

	private static Optional<ResendProgressEntity> findProgress(EntityManager em, StatusScope scope) {
		return ScopeColumns.bind(em.createQuery("SELECT e FROM ResendProgressEntity e WHERE " //$NON-NLS-1$
				+ ScopeColumns.matches("e"), ResendProgressEntity.class), scope).getResultStream().findFirst(); //$NON-NLS-1$
	}

	private static Optional<ChangeCursorEntity> findCursor(EntityManager em, StatusScope scope, Side side) {
		return scoped(em, "SELECT e FROM ChangeCursorEntity e", ChangeCursorEntity.class, scope, side, "") //$NON-NLS-1$ //$NON-NLS-2$
				.getResultStream().findFirst();
	}

	private static <T> TypedQuery<T> scoped(EntityManager em, String select, Class<T> type, StatusScope scope,
			Side side, String rest) {
		return ScopeColumns.bind(em.createQuery(select + IN_SCOPE + rest, type), scope).setParameter("side", side); //$NON-NLS-1$
	}
}
