package io.syncbench.store.internal;

import java.time.Clock;
import java.util.List;

import io.syncbench.store.ServiceStateService;

/** {@link ServiceStateService} on JPA: one row per service process, updated at each heartbeat. */
final class JpaServiceStateService implements ServiceStateService {

	private final JpaStore store;
	private final Clock clock;

	JpaServiceStateService(JpaStore store, Clock clock) {
		this.store = store;
		this.clock = clock;
	}

	@Override
	public void beat(String instance, State state, String message) {
		store.inTransaction(em -> {
			ServiceStateEntity row = em.createQuery("SELECT s FROM ServiceStateEntity s WHERE s.instance = :instance", //$NON-NLS-1$
					ServiceStateEntity.class).setParameter("instance", instance).getResultStream().findFirst() //$NON-NLS-1$
					.orElseGet(() -> {
						ServiceStateEntity created = new ServiceStateEntity(instance, clock.instant());
						em.persist(created);
						return created;
					});
			row.beat(state, message, clock.instant());
			return null;
		});
	}

	@Override
	public List<ServiceState> all() {
		return store.inTransaction(em -> em.createQuery("SELECT s FROM ServiceStateEntity s ORDER BY s.heartbeatAt DESC", //$NON-NLS-1$
				ServiceStateEntity.class).getResultStream().map(ServiceStateEntity::toRecord).toList());
	}
}
