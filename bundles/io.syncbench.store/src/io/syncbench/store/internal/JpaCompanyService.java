package io.syncbench.store.internal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import org.eclipse.osgi.util.NLS;

import io.syncbench.store.Company;
import io.syncbench.store.CompanyNameTakenException;
import io.syncbench.store.CompanyRules;
import io.syncbench.store.CompanyService;
import io.syncbench.store.CompanySettings;
import io.syncbench.store.RunSettings;
import io.syncbench.store.StoreException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;

/** {@link CompanyService} on JPA. The name-key unique constraint settles races between processes. */
final class JpaCompanyService implements CompanyService {

	private final JpaStore store;

	JpaCompanyService(JpaStore store) {
		this.store = store;
	}

	@Override
	public List<Company> list() {
		return store.inTransaction(em -> em
				.createQuery("SELECT c FROM CompanyEntity c ORDER BY c.nameKey", CompanyEntity.class) //$NON-NLS-1$
				.getResultStream().map(CompanyEntity::toRecord).toList());
	}

	@Override
	public Optional<Company> find(long id) {
		return store.inTransaction(em -> Optional.ofNullable(em.find(CompanyEntity.class, id)))
				.map(CompanyEntity::toRecord);
	}

	@Override
	public Company create(CompanySettings settings) {
		CompanyRules.validate(settings);
		return write(settings.name(), em -> {
			refuseTakenName(em, settings.name(), null);
			CompanyEntity entity = new CompanyEntity(settings, Instant.now());
			em.persist(entity);
			em.flush();
			return entity.toRecord();
		});
	}

	@Override
	public Company rename(long id, String newName) {
		return write(newName, em -> {
			CompanyEntity entity = existing(em, id);
			return replace(em, entity, entity.settings().withName(newName));
		});
	}

	@Override
	public Company update(long id, CompanySettings settings) {
		return write(settings.name(), em -> replace(em, existing(em, id), settings));
	}

	@Override
	public Company updateRunSettings(long id, RunSettings runSettings) {
		CompanyRules.validate(runSettings);
		return store.inTransaction(em -> {
			CompanyEntity entity = existing(em, id);
			entity.apply(runSettings);
			return entity.toRecord();
		});
	}

	private static Company replace(EntityManager em, CompanyEntity entity, CompanySettings settings) {
		CompanyRules.validate(settings);
		refuseTakenName(em, settings.name(), entity.toRecord().id());
		entity.apply(settings);
		em.flush();
		return entity.toRecord();
	}

	private static CompanyEntity existing(EntityManager em, long id) {
		CompanyEntity entity = em.find(CompanyEntity.class, id);
		if (entity == null) {
			throw new StoreException(NLS.bind(Messages.CompanyNotFound, id));
		}
		return entity;
	}

	@Override
	public void delete(long id) {
		store.inTransaction(em -> {
			CompanyEntity entity = em.find(CompanyEntity.class, id);
			if (entity != null) {
				// Everything the company owns goes with it, in the same transaction: a company created
				// later with the same id range must not inherit old status rows or queue entries.
				em.createQuery("DELETE FROM RunActionEntity a WHERE a.runId IN" //$NON-NLS-1$
						+ " (SELECT r.id FROM RunEntity r WHERE r.companyId = :company)") //$NON-NLS-1$
						.setParameter("company", id).executeUpdate(); //$NON-NLS-1$
				for (String owned : OWNED_BY_SCOPE) {
					em.createQuery("DELETE FROM " + owned + " o WHERE o.scope.companyId = :company") //$NON-NLS-1$ //$NON-NLS-2$
							.setParameter("company", id).executeUpdate(); //$NON-NLS-1$
				}
				for (String owned : OWNED_BY_COMPANY) {
					em.createQuery("DELETE FROM " + owned + " o WHERE o.companyId = :company") //$NON-NLS-1$ //$NON-NLS-2$
							.setParameter("company", id).executeUpdate(); //$NON-NLS-1$
				}
				em.remove(entity);
			}
			return null;
		});
	}

	private static final List<String> OWNED_BY_SCOPE = List.of("SyncStatusEntity", "QueuedChangeEntity", //$NON-NLS-1$ //$NON-NLS-2$
			"ChangeCursorEntity", "ResendProgressEntity", "EntitySettingsEntity"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
	private static final List<String> OWNED_BY_COMPANY = List.of("RunEntity", "ConnectedSystemEntity"); //$NON-NLS-1$ //$NON-NLS-2$

	/** Checks first for a clear message; the unique constraint still decides when two writers race. */
	private static void refuseTakenName(EntityManager em, String name, Long exceptId) {
		List<Long> holders = em
				.createQuery("SELECT c.id FROM CompanyEntity c WHERE c.nameKey = :key", Long.class) //$NON-NLS-1$
				.setParameter("key", CompanyRules.nameKey(name)).getResultList(); //$NON-NLS-1$
		if (holders.stream().anyMatch(holder -> !holder.equals(exceptId))) {
			throw new CompanyNameTakenException(name, null);
		}
	}

	private Company write(String name, Function<EntityManager, Company> work) {
		try {
			return store.inTransaction(work);
		} catch (PersistenceException e) {
			if (StoreErrors.isUniqueViolation(e)) {
				throw new CompanyNameTakenException(name, e);
			}
			throw store.writeFailed(e);
		}
	}
}
