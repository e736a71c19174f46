package io.syncbench.store.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.eclipse.osgi.util.NLS;

import io.syncbench.store.StatusScope;
import io.syncbench.store.StoreException;
import io.syncbench.store.SyncOutcome;
import io.syncbench.store.SyncState;
import io.syncbench.store.SyncStatus;
import io.syncbench.store.SyncStatusService;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;

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

	@Override
	public boolean acquireLease(long statusId, String owner, Duration duration) {
		Instant now = clock.instant();
		int taken = store.inTransaction(em -> em.createQuery("UPDATE SyncStatusEntity s" //$NON-NLS-1$
				+ " SET s.leaseOwner = :owner, s.leaseExpiry = :expiry WHERE s.id = :id" //$NON-NLS-1$
				+ " AND (s.leaseOwner IS NULL OR s.leaseOwner = :owner OR s.leaseExpiry < :now)") //$NON-NLS-1$
				.setParameter("owner", owner).setParameter("expiry", now.plus(duration)) //$NON-NLS-1$ //$NON-NLS-2$
				.setParameter("id", statusId).setParameter("now", now).executeUpdate()); //$NON-NLS-1$ //$NON-NLS-2$
		return taken == 1;
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

	private static SyncStatusEntity existing(EntityManager em, long statusId) {
		SyncStatusEntity status = em.find(SyncStatusEntity.class, statusId);
		if (status == null) {
			throw new StoreException(NLS.bind(Messages.SyncStatus_notFound, statusId));
		}
		return status;
	}
}
