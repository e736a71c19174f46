package io.syncbench.store.internal;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.eclipse.osgi.util.NLS;

import io.syncbench.store.RunHistoryService;
import io.syncbench.store.StoreException;

/** {@link RunHistoryService} on JPA. */
final class JpaRunHistoryService implements RunHistoryService {

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

	@Override
	public void recorded(long runId, List<Action> actions) {
		store.inTransaction(em -> {
			actions.forEach(action -> em.persist(new RunActionEntity(runId, action)));
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
		return store.inTransaction(em -> em.createQuery(
				"SELECT a FROM RunActionEntity a WHERE a.runId = :run ORDER BY a.id", RunActionEntity.class) //$NON-NLS-1$
				.setParameter("run", runId).setFirstResult(offset).setMaxResults(max).getResultStream() //$NON-NLS-1$
				.map(RunActionEntity::toRecord).toList());
	}
}
