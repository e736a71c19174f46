package io.syncbench.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.eclipse.osgi.util.NLS;
import org.eclipse.persistence.sessions.Session;

import io.syncbench.store.RunHistoryService;
import io.syncbench.store.StoreException;

/** {@link RunHistoryService} on JPA. */
final class JpaRunHistoryService implements RunHistoryService {

	private static final String INSERT_ACTION = "INSERT INTO SB_RUN_ACTION (ID, RUN_ID, ENTITY, RECORD_ID, RECORD_ACTION," //$NON-NLS-1$
			+ " MESSAGE) VALUES (?, ?, ?, ?, ?, ?)"; //$NON-NLS-1$

	private final JpaStore store;
	private final Clock clock;

	JpaRunHistoryService(JpaStore store, Clock clock) {
		this.store = store;
		this.clock = clock;
	}

	@Override
	public long started(long companyId, String mode, String trigger) {
		return store.inTransaction(em -> {
			RunEntity run = new RunEntity(companyId, mode, trigger, clock.instant());
			em.persist(run);
			em.flush();
			return run.id();
		});
	}

	/**
	 * One JDBC batch: JPA's bookkeeping of a hundred new entities (its identity maps and the lock on its
	 * id allocation) cost more than the inserts, on the thread the run's pages share the processor with.
	 */
	@Override
	public void recorded(long runId, List<Action> actions) {
		store.inTransaction(em -> {
			Session session = em.unwrap(Session.class);
			try (PreparedStatement insert = em.unwrap(Connection.class).prepareStatement(INSERT_ACTION)) {
				for (Action action : actions) {
					insert.setLong(1, session.getNextSequenceNumberValue(RunActionEntity.class).longValue());
					insert.setLong(2, runId);
					insert.setString(3, action.entity());
					insert.setString(4, action.recordId());
					insert.setString(5, action.action());
					insert.setString(6, SyncStatusEntity.shorten(action.message()));
					insert.addBatch();
				}
				insert.executeBatch();
			} catch (SQLException e) {
				throw new StoreException(NLS.bind(Messages.Run_actionsRefused, runId, e.getMessage()), e);
			}
			return null;
		});
	}

	@Override
	public void finished(long runId, Outcome outcome, String message, Map<String, Integer> counts) {
		store.inTransaction(em -> {
			RunEntity run = em.find(RunEntity.class, runId);
			if (run == null) {
				throw new StoreException(NLS.bind(Messages.Run_notFound, runId));
			}
			run.finish(outcome, message, counts, clock.instant());
			return null;
		});
	}

	@Override
	public List<Run> recent(long companyId, int max) {
		return store.inTransaction(em -> em.createQuery(
				"SELECT r FROM RunEntity r WHERE r.companyId = :company ORDER BY r.startedAt DESC, r.id DESC", //$NON-NLS-1$
				RunEntity.class).setParameter("company", companyId).setMaxResults(max).getResultStream() //$NON-NLS-1$
				.map(RunEntity::toRecord).toList());
	}

	@Override
	public List<Action> actions(long runId, int offset, int max) {
		return store.inTransaction(em -> em.createQuery("SELECT a FROM RunActionEntity a WHERE a.runId = :run" //$NON-NLS-1$
				+ " ORDER BY CASE WHEN a.action IN ('failed', 'skipped', 'waiting') THEN 0 ELSE 1 END, a.id", //$NON-NLS-1$
				RunActionEntity.class)
				.setParameter("run", runId).setFirstResult(offset).setMaxResults(max).getResultStream() //$NON-NLS-1$
				.map(RunActionEntity::toRecord).toList());
	}
}
