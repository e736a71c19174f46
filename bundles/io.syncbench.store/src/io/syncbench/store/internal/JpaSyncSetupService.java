package io.syncbench.store.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.osgi.util.NLS;

import io.syncbench.store.CompanyRules;
import io.syncbench.store.ConnectedSystem;
import io.syncbench.store.EntitySettings;
import io.syncbench.store.InvalidFieldException;
import io.syncbench.store.StatusScope;
import io.syncbench.store.StoreException;
import io.syncbench.store.SyncSetupService;
import jakarta.persistence.EntityManager;

/** {@link SyncSetupService} on JPA. */
final class JpaSyncSetupService implements SyncSetupService {

	private final JpaStore store;

	JpaSyncSetupService(JpaStore store) {
		this.store = store;
	}

	@Override
	public List<ConnectedSystem> systems(long companyId) {
		return store.inTransaction(em -> em.createQuery(
				"SELECT s FROM ConnectedSystemEntity s WHERE s.companyId = :company ORDER BY s.name", //$NON-NLS-1$
				ConnectedSystemEntity.class).setParameter("company", companyId).getResultStream() //$NON-NLS-1$
				.map(ConnectedSystemEntity::toRecord).toList());
	}

	@Override
	public ConnectedSystem saveSystem(long companyId, String name, String type, ConnectedSystem.Role role,
			Map<String, String> settings, boolean enabled) {
		CompanyRules.checkSystemName(name).ifPresent(problem -> {
			throw new InvalidFieldException(CompanyRules.FIELD_SYSTEM_NAME, problem);
		});
		if (type == null || type.isBlank()) {
			throw new InvalidFieldException(CompanyRules.FIELD_SYSTEM_TYPE, Messages.Setup_typeRequired);
		}
		return store.inTransaction(em -> {
			if (role == ConnectedSystem.Role.COMPANY_DATABASE) {
				refuseSecondDatabase(em, companyId, name);
			}
			ConnectedSystemEntity system = findSystem(em, companyId, name).orElseGet(() -> {
				ConnectedSystemEntity created = new ConnectedSystemEntity(companyId, name);
				em.persist(created);
				return created;
			});
			system.apply(type, role, settings, enabled);
			em.flush();
			return system.toRecord();
		});
	}

	@Override
	public void removeSystem(long companyId, String name) {
		store.inTransaction(em -> {
			em.createQuery("DELETE FROM EntitySettingsEntity e WHERE e.scope.companyId = :company" //$NON-NLS-1$
					+ " AND e.scope.system = :system").setParameter("company", companyId) //$NON-NLS-1$ //$NON-NLS-2$
					.setParameter("system", name).executeUpdate(); //$NON-NLS-1$
			findSystem(em, companyId, name).ifPresent(em::remove);
			return null;
		});
	}

	@Override
	public void removeEntity(long companyId, String system, String entity) {
		store.inTransaction(em -> em.createQuery("DELETE FROM EntitySettingsEntity e WHERE e.scope.companyId = :company" //$NON-NLS-1$
				+ " AND e.scope.system = :system AND e.scope.entity = :entity").setParameter("company", companyId) //$NON-NLS-1$ //$NON-NLS-2$
				.setParameter("system", system).setParameter("entity", entity).executeUpdate()); //$NON-NLS-1$ //$NON-NLS-2$
	}

	@Override
	public List<EntitySettings> entities(long companyId, String system) {
		return store.inTransaction(em -> em.createQuery("SELECT e FROM EntitySettingsEntity e" //$NON-NLS-1$
				+ " WHERE e.scope.companyId = :company AND e.scope.system = :system ORDER BY e.scope.entity", //$NON-NLS-1$
				EntitySettingsEntity.class).setParameter("company", companyId).setParameter("system", system) //$NON-NLS-1$ //$NON-NLS-2$
				.getResultStream().map(EntitySettingsEntity::toRecord).toList());
	}

	@Override
	public EntitySettings saveEntity(long companyId, EntitySettings settings) {
		StatusScope scope = new StatusScope(companyId, settings.system(), settings.entity());
		return store.inTransaction(em -> {
			if (findSystem(em, companyId, settings.system()).isEmpty()) {
				throw new StoreException(NLS.bind(Messages.Setup_noSuchSystem, settings.system()));
			}
			EntitySettingsEntity entity = ScopeColumns.bind(em.createQuery(
					"SELECT e FROM EntitySettingsEntity e WHERE " + ScopeColumns.matches("e"), //$NON-NLS-1$ //$NON-NLS-2$
					EntitySettingsEntity.class), scope).getResultStream().findFirst().orElseGet(() -> {
						EntitySettingsEntity created = new EntitySettingsEntity(scope);
						em.persist(created);
						return created;
					});
			entity.apply(settings);
			em.flush();
			return entity.toRecord();
		});
	}

	private static void refuseSecondDatabase(EntityManager em, long companyId, String name) {
		em.createQuery("SELECT s FROM ConnectedSystemEntity s WHERE s.companyId = :company AND s.role = :role" //$NON-NLS-1$
				+ " AND s.name <> :name", ConnectedSystemEntity.class).setParameter("company", companyId) //$NON-NLS-1$ //$NON-NLS-2$
				.setParameter("role", ConnectedSystem.Role.COMPANY_DATABASE).setParameter("name", name) //$NON-NLS-1$ //$NON-NLS-2$
				.getResultStream().findFirst().ifPresent(other -> {
					throw new InvalidFieldException(CompanyRules.FIELD_SYSTEM_ROLE,
							NLS.bind(Messages.Setup_secondDatabase, other.toRecord().name()));
				});
	}

	private static Optional<ConnectedSystemEntity> findSystem(EntityManager em, long companyId, String name) {
		return em.createQuery("SELECT s FROM ConnectedSystemEntity s WHERE s.companyId = :company AND s.name = :name", //$NON-NLS-1$
				ConnectedSystemEntity.class).setParameter("company", companyId).setParameter("name", name) //$NON-NLS-1$ //$NON-NLS-2$
				.getResultStream().findFirst();
	}
}
