package io.syncbench.store.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.syncbench.store.ServiceStateService;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;

/** {@link ServiceStateService} on JPA: one row per service process, updated at each heartbeat. */
final class JpaServiceStateService implements ServiceStateService {

	/** The names of headless services, which share the companies; workbenches run every company. */
	private static final String SERVICE_PREFIX = "service@"; //$NON-NLS-1$

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

	@Override
	public Set<Long> shareCompanies(String instance, Duration lease, Duration silence) {
		Instant now = clock.instant();
		try {
			return store.inTransaction(em -> share(em, instance, now, lease, silence));
		} catch (PersistenceException e) {
			if (StoreErrors.isUniqueViolation(e) || StoreErrors.isContention(e)) {
				// Another service shared at the same moment: keep what is held, the next heartbeat goes on.
				return held(instance, now);
			}
			throw store.writeFailed(e);
		}
	}

	private static Set<Long> share(EntityManager em, String instance, Instant now, Duration lease, Duration silence) {
		Instant expiry = now.plus(lease);
		List<Long> companies = em.createQuery("SELECT c.id FROM CompanyEntity c ORDER BY c.id", Long.class) //$NON-NLS-1$
				.getResultList();
		Set<Long> leased = new HashSet<>();
		for (CompanyLeaseEntity row : em.createQuery("SELECT l FROM CompanyLeaseEntity l", CompanyLeaseEntity.class) //$NON-NLS-1$
				.getResultList()) {
			if (companies.contains(row.companyId())) {
				leased.add(row.companyId());
			} else {
				em.remove(row); // the company was deleted
			}
		}
		companies.stream().filter(id -> !leased.contains(id)).forEach(id -> em.persist(new CompanyLeaseEntity(id, now)));
		em.flush();
		Set<String> live = new HashSet<>();
		live.add(instance);
		for (ServiceStateEntity service : em.createQuery("SELECT s FROM ServiceStateEntity s", ServiceStateEntity.class) //$NON-NLS-1$
				.getResultList()) {
			ServiceState state = service.toRecord();
			if (state.instance().startsWith(SERVICE_PREFIX) && state.isAlive(now, silence)) {
				live.add(state.instance());
			}
		}
		// 1. Renew; 2. hand over what live services asked for, forget the asks of the others.
		em.createQuery("UPDATE CompanyLeaseEntity l SET l.expiry = :expiry WHERE l.owner = :me") //$NON-NLS-1$
				.setParameter("expiry", expiry).setParameter("me", instance).executeUpdate(); //$NON-NLS-1$ //$NON-NLS-2$
		em.createQuery("UPDATE CompanyLeaseEntity l SET l.owner = l.requestedBy, l.expiry = :expiry, l.requestedBy = NULL " //$NON-NLS-1$
				+ "WHERE l.owner = :me AND l.requestedBy IN :live AND l.requestedBy <> :me") //$NON-NLS-1$
				.setParameter("expiry", expiry).setParameter("me", instance).setParameter("live", live).executeUpdate(); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		em.createQuery("UPDATE CompanyLeaseEntity l SET l.requestedBy = NULL WHERE l.owner = :me AND l.requestedBy IS NOT NULL") //$NON-NLS-1$
				.setParameter("me", instance).executeUpdate(); //$NON-NLS-1$
		// 3. Take what nobody holds, up to a fair share: services that start together each get theirs, not
		// the first one everything. A company left free for a whole lease (its share is a service's that
		// beats but never takes it) is taken by anyone.
		int services = live.size();
		long ceiling = (companies.size() + services - 1) / services;
		long held = count(em, "SELECT COUNT(l) FROM CompanyLeaseEntity l WHERE l.owner = :me AND l.expiry > :now", instance, now); //$NON-NLS-1$
		List<Long> free = em.createQuery("SELECT l.companyId FROM CompanyLeaseEntity l WHERE l.owner IS NULL OR l.expiry IS NULL " //$NON-NLS-1$
				+ "OR l.expiry < :now ORDER BY l.companyId", Long.class).setParameter("now", now).getResultList(); //$NON-NLS-1$ //$NON-NLS-2$
		Instant orphaned = now.minus(lease);
		for (Long company : free) {
			// Within its share any free company; beyond it, only one free since before the last lease.
			Instant freeSince = held < ceiling ? expiry : orphaned;
			held += em.createQuery("UPDATE CompanyLeaseEntity l SET l.owner = :me, l.expiry = :expiry, l.requestedBy = NULL " //$NON-NLS-1$
					+ "WHERE l.companyId = :company AND (l.owner IS NULL OR l.expiry IS NULL OR l.expiry < :now) " //$NON-NLS-1$
					+ "AND (l.expiry IS NULL OR l.expiry < :freeSince)") //$NON-NLS-1$
					.setParameter("me", instance).setParameter("expiry", expiry).setParameter("company", company) //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
					.setParameter("now", now).setParameter("freeSince", freeSince).executeUpdate(); //$NON-NLS-1$ //$NON-NLS-2$
		}
		em.clear();
		// 4. Ask for the difference to a fair share from those over theirs, the fullest first.
		List<CompanyLeaseEntity> rows = em.createQuery("SELECT l FROM CompanyLeaseEntity l ORDER BY l.companyId", //$NON-NLS-1$
				CompanyLeaseEntity.class).getResultList();
		Map<String, List<CompanyLeaseEntity>> byOwner = new HashMap<>();
		long mine = 0;
		long asked = 0;
		for (CompanyLeaseEntity row : rows) {
			CompanyLease current = row.toRecord();
			if (current.heldAt(now)) {
				byOwner.computeIfAbsent(current.owner(), owner -> new ArrayList<>()).add(row);
				mine += instance.equals(current.owner()) ? 1 : 0;
			}
			asked += instance.equals(current.requestedBy()) ? 1 : 0;
		}
		long floor = companies.size() / services;
		long wanted = floor - mine - asked;
		List<Map.Entry<String, List<CompanyLeaseEntity>>> fullest = new ArrayList<>(byOwner.entrySet());
		fullest.sort((a, b) -> Integer.compare(b.getValue().size(), a.getValue().size()));
		for (Map.Entry<String, List<CompanyLeaseEntity>> holder : fullest) {
			long spare = holder.getValue().size() - ceiling;
			for (CompanyLeaseEntity row : holder.getValue().reversed()) {
				if (wanted <= 0 || spare <= 0 || instance.equals(holder.getKey())) {
					break;
				}
				if (row.toRecord().requestedBy() == null) {
					row.requestBy(instance);
					wanted--;
					spare--;
				} else {
					spare--; // asked for by another already
				}
			}
		}
		em.flush();
		return rows.stream().map(CompanyLeaseEntity::toRecord).filter(row -> instance.equals(row.owner()) && row.heldAt(now))
				.map(CompanyLease::companyId).collect(Collectors.toCollection(TreeSet::new));
	}

	private static long count(EntityManager em, String query, String instance, Instant now) {
		return em.createQuery(query, Long.class).setParameter("me", instance).setParameter("now", now).getSingleResult(); //$NON-NLS-1$ //$NON-NLS-2$
	}

	private Set<Long> held(String instance, Instant now) {
		return store.inTransaction(em -> em.createQuery("SELECT l FROM CompanyLeaseEntity l WHERE l.owner = :me", //$NON-NLS-1$
				CompanyLeaseEntity.class).setParameter("me", instance).getResultStream().map(CompanyLeaseEntity::toRecord) //$NON-NLS-1$
				.filter(lease -> lease.heldAt(now)).map(CompanyLease::companyId)
				.collect(Collectors.toCollection(TreeSet::new)));
	}

	@Override
	public void giveBackCompanies(String instance) {
		store.inTransaction(em -> {
			// Free from now: the expiry of a free company says since when, for the rule on companies left free.
			em.createQuery("UPDATE CompanyLeaseEntity l SET l.owner = NULL, l.expiry = :now WHERE l.owner = :me") //$NON-NLS-1$
					.setParameter("me", instance).setParameter("now", clock.instant()).executeUpdate(); //$NON-NLS-1$ //$NON-NLS-2$
			em.createQuery("UPDATE CompanyLeaseEntity l SET l.requestedBy = NULL WHERE l.requestedBy = :me") //$NON-NLS-1$
					.setParameter("me", instance).executeUpdate(); //$NON-NLS-1$
			return null;
		});
	}

	@Override
	public List<CompanyLease> companyLeases() {
		return store.inTransaction(em -> em.createQuery("SELECT l FROM CompanyLeaseEntity l ORDER BY l.companyId", //$NON-NLS-1$
				CompanyLeaseEntity.class).getResultStream().map(CompanyLeaseEntity::toRecord).toList());
	}
}
