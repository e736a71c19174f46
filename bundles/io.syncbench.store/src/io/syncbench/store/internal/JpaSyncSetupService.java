package io.syncbench.store.internal;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.eclipse.osgi.util.NLS;

import io.syncbench.store.Company;
import io.syncbench.store.CompanyRules;
import io.syncbench.store.CompanySetup;
import io.syncbench.store.ConnectedSystem;
import io.syncbench.store.EntitySettings;
import io.syncbench.store.InvalidFieldException;
import io.syncbench.store.StatusScope;
import io.syncbench.store.StoreException;
import io.syncbench.store.SyncSetupService;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;

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
			ConnectedSystemEntity system = systemRow(em, companyId, name);
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
			EntitySettingsEntity entity = entityRow(em, scope);
			entity.apply(settings);
			em.flush();
			return entity.toRecord();
		});
	}

	@Override
	public CompanySetup setup(long companyId) {
		return store.inTransaction(em -> {
			CompanyEntity company = em.find(CompanyEntity.class, companyId);
			if (company == null) {
				throw new StoreException(NLS.bind(Messages.CompanyNotFound, companyId));
			}
			List<ConnectedSystem> systems = em.createQuery(
					"SELECT s FROM ConnectedSystemEntity s WHERE s.companyId = :company ORDER BY s.name", //$NON-NLS-1$
					ConnectedSystemEntity.class).setParameter("company", companyId).getResultStream() //$NON-NLS-1$
					.map(ConnectedSystemEntity::toRecord).toList();
			List<EntitySettings> entities = em.createQuery("SELECT e FROM EntitySettingsEntity e" //$NON-NLS-1$
					+ " WHERE e.scope.companyId = :company ORDER BY e.scope.system, e.scope.entity", //$NON-NLS-1$
					EntitySettingsEntity.class).setParameter("company", companyId).getResultStream() //$NON-NLS-1$
					.map(EntitySettingsEntity::toRecord).toList();
			Company record = company.toRecord();
			return new CompanySetup(record.settings(), record.runSettings(), systems, entities);
		});
	}

	@Override
	public Company saveSetup(CompanySetup setup) {
		return save(setup, em -> {
			CompanyEntity company = em.createQuery("SELECT c FROM CompanyEntity c WHERE c.nameKey = :key", //$NON-NLS-1$
					CompanyEntity.class).setParameter("key", CompanyRules.nameKey(setup.settings().name())) //$NON-NLS-1$
					.getResultStream().findFirst().orElse(null);
			if (company == null) {
				company = new CompanyEntity(setup.settings(), Instant.now());
				em.persist(company);
			}
			return company;
		});
	}

	@Override
	public Company saveSetup(long companyId, CompanySetup setup) {
		return save(setup, em -> {
			CompanyEntity company = em.find(CompanyEntity.class, companyId);
			if (company == null) {
				throw new StoreException(NLS.bind(Messages.CompanyNotFound, companyId));
			}
			return company;
		});
	}

	/** The setup's company, found or made by {@code company}, gets the whole setup in one transaction. */
	private Company save(CompanySetup setup, java.util.function.Function<EntityManager, CompanyEntity> companyOf) {
		check(setup);
		try {
			return store.inTransaction(em -> {
				CompanyEntity company = companyOf.apply(em);
				company.apply(setup.settings());
				company.apply(setup.runSettings());
				em.flush();
				long companyId = company.toRecord().id();
				Set<String> systems = new HashSet<>();
				for (ConnectedSystem wanted : setup.systems()) {
					systems.add(wanted.name());
					systemRow(em, companyId, wanted.name()).apply(wanted.type(), wanted.role(), wanted.settings(),
							wanted.enabled());
				}
				Set<StatusScope> entities = new HashSet<>();
				for (EntitySettings wanted : setup.entities()) {
					StatusScope scope = new StatusScope(companyId, wanted.system(), wanted.entity());
					entities.add(scope);
					entityRow(em, scope).apply(wanted);
				}
				// What the setup no longer names goes, entities before their systems.
				em.createQuery("SELECT e FROM EntitySettingsEntity e WHERE e.scope.companyId = :company", //$NON-NLS-1$
						EntitySettingsEntity.class).setParameter("company", companyId).getResultStream() //$NON-NLS-1$
						.filter(entity -> !entities.contains(new StatusScope(companyId, entity.toRecord().system(),
								entity.toRecord().entity())))
						.forEach(em::remove);
				em.createQuery("SELECT s FROM ConnectedSystemEntity s WHERE s.companyId = :company", //$NON-NLS-1$
						ConnectedSystemEntity.class).setParameter("company", companyId).getResultStream() //$NON-NLS-1$
						.filter(system -> !systems.contains(system.toRecord().name())).forEach(em::remove);
				em.flush();
				return company.toRecord();
			});
		} catch (PersistenceException e) {
			throw store.writeFailed(e);
		}
	}

	/** The Properties dialog's checks, and those a setup made elsewhere needs: each name once, one database. */
	private static void check(CompanySetup setup) {
		CompanyRules.validate(setup.settings());
		CompanyRules.validate(setup.runSettings());
		Set<String> names = new HashSet<>();
		String database = null;
		for (ConnectedSystem system : setup.systems()) {
			CompanyRules.checkSystemName(system.name()).ifPresent(problem -> {
				throw new InvalidFieldException(CompanyRules.FIELD_SYSTEM_NAME, problem);
			});
			if (!names.add(system.name())) {
				throw new InvalidFieldException(CompanyRules.FIELD_SYSTEM_NAME, NLS.bind(Messages.Setup_systemTwice, system.name()));
			}
			if (system.type() == null || system.type().isBlank()) {
				throw new InvalidFieldException(CompanyRules.FIELD_SYSTEM_TYPE, Messages.Setup_typeRequired);
			}
			if (system.role() == null) {
				throw new InvalidFieldException(CompanyRules.FIELD_SYSTEM_ROLE, NLS.bind(Messages.Setup_roleRequired, system.name()));
			}
			if (system.role() == ConnectedSystem.Role.COMPANY_DATABASE) {
				if (database != null) {
					throw new InvalidFieldException(CompanyRules.FIELD_SYSTEM_ROLE, NLS.bind(Messages.Setup_secondDatabase, database));
				}
				database = system.name();
			}
		}
		Set<List<String>> entities = new HashSet<>();
		for (EntitySettings entity : setup.entities()) {
			if (!names.contains(entity.system())) {
				throw new InvalidFieldException(CompanyRules.FIELD_SYSTEM_NAME, NLS.bind(Messages.Setup_noSuchSystem, entity.system()));
			}
			if (entity.entity() == null || entity.entity().isBlank()) {
				throw new InvalidFieldException(FIELD_ENTITY, NLS.bind(Messages.Setup_entityRequired, entity.system()));
			}
			if (!entities.add(List.of(entity.system(), entity.entity()))) {
				throw new InvalidFieldException(FIELD_ENTITY, NLS.bind(Messages.Setup_entityTwice, entity.system(), entity.entity()));
			}
			if (entity.direction() == null || entity.primary() == null) {
				throw new InvalidFieldException(FIELD_ENTITY, NLS.bind(Messages.Setup_entityChoicesRequired, entity.system(),
						entity.entity()));
			}
		}
	}

	private static final String FIELD_ENTITY = "entity"; //$NON-NLS-1$

	private static void refuseSecondDatabase(EntityManager em, long companyId, String name) {
		em.createQuery("SELECT s FROM ConnectedSystemEntity s WHERE s.companyId = :company AND s.role = :role" //$NON-NLS-1$
				+ " AND s.name <> :name", ConnectedSystemEntity.class).setParameter("company", companyId) //$NON-NLS-1$ //$NON-NLS-2$
				.setParameter("role", ConnectedSystem.Role.COMPANY_DATABASE).setParameter("name", name) //$NON-NLS-1$ //$NON-NLS-2$
				.getResultStream().findFirst().ifPresent(other -> {
					throw new InvalidFieldException(CompanyRules.FIELD_SYSTEM_ROLE,
							NLS.bind(Messages.Setup_secondDatabase, other.toRecord().name()));
				});
	}

	/** The system's row, made when there is none. */
	private static ConnectedSystemEntity systemRow(EntityManager em, long companyId, String name) {
		return findSystem(em, companyId, name).orElseGet(() -> {
			ConnectedSystemEntity created = new ConnectedSystemEntity(companyId, name);
			em.persist(created);
			return created;
		});
	}

	/** The entity's settings row, made when there is none. */
	private static EntitySettingsEntity entityRow(EntityManager em, StatusScope scope) {
		return ScopeColumns.bind(em.createQuery("SELECT e FROM EntitySettingsEntity e WHERE " + ScopeColumns.matches("e"), //$NON-NLS-1$ //$NON-NLS-2$
				EntitySettingsEntity.class), scope).getResultStream().findFirst().orElseGet(() -> {
					EntitySettingsEntity created = new EntitySettingsEntity(scope);
					em.persist(created);
					return created;
				});
	}

	private static Optional<ConnectedSystemEntity> findSystem(EntityManager em, long companyId, String name) {
		return em.createQuery("SELECT s FROM ConnectedSystemEntity s WHERE s.companyId = :company AND s.name = :name", //$NON-NLS-1$
				ConnectedSystemEntity.class).setParameter("company", companyId).setParameter("name", name) //$NON-NLS-1$ //$NON-NLS-2$
				.getResultStream().findFirst();
	}
}
