package io.syncbench.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.eclipse.osgi.util.NLS;

import io.syncbench.connector.Connector;
import io.syncbench.connector.ConnectorException;
import io.syncbench.connector.EntitySchema;
import io.syncbench.connector.SystemSession;
import io.syncbench.engine.internal.Messages;
import io.syncbench.store.Company;
import io.syncbench.store.ConnectedSystem;
import io.syncbench.store.ConnectedSystem.Role;
import io.syncbench.store.EntitySettings;
import io.syncbench.store.StatusScope;
import io.syncbench.store.Store;
import io.syncbench.store.SyncStatusService.Side;

/**
 * Turns a company's setup into runs: finds the connector of each system among the installed ones,
 * opens a session per entity and side, reads each entity's schema from both systems, and orders the
 * entities by their dependencies in the company database.
 */
public final class CompanySync {

	private final Store store;
	private final ConnectorRegistry connectors;
	private final CredentialSource credentials;

	public CompanySync(Store store, ConnectorRegistry connectors, CredentialSource credentials) {
		this.store = store;
		this.connectors = connectors;
		this.credentials = credentials;
	}

	/** A run of the company, with its journal in the store's history and its events on {@code events}. */
	public SyncRunJob newRun(Company company, SyncMode mode, String trigger, EntitySync entitySync, SyncEvents events) {
		SyncRunJob run = new SyncRunJob(company.name(), () -> plan(company), mode, entitySync,
				company.runSettings().parallelEntities(),
				runMode -> RunJournal.start(store.runHistory(), company.id(), runMode, trigger, events,
						() -> CompanyAttention.of(store.syncStatus(), company.id())));
		run.setRule(new CompanyRule(company.id()));
		return run;
	}

	/**
	 * Opens the sessions and links of a run. Call it inside the run's job: it talks to the systems.
	 *
	 * @throws SyncSetupException when the setup cannot run (no company database, a connector that is not
	 *                            installed, an entity a system does not have), saying what to fix
	 */
	public RunPlan plan(Company company) throws ConnectorException {
		return plan(company, scope -> true);
	}

	/**
	 * As {@link #plan(Company)}, with only the links whose scope {@code wanted} accepts: an operator's
	 * action on one record opens the sessions of its entity and system, not of the whole company.
	 */
	public RunPlan plan(Company company, Predicate<StatusScope> wanted) throws ConnectorException {
		List<ConnectedSystem> systems = store.syncSetup().systems(company.id()).stream().filter(ConnectedSystem::enabled)
				.toList();
		ConnectedSystem database = systems.stream().filter(s -> s.role() == Role.COMPANY_DATABASE).findFirst()
				.orElseThrow(() -> new SyncSetupException(NLS.bind(Messages.Setup_noDatabase, company.name())));
		List<SystemSession> sessions = new ArrayList<>();
		try {
			Map<String, List<EntityLink>> linksByEntity = new LinkedHashMap<>();
			Map<String, EntitySchema> localSchemas = new LinkedHashMap<>();
			for (ConnectedSystem outside : systems.stream().filter(s -> s.role() == Role.OUTSIDE_SYSTEM).toList()) {
				for (EntitySettings entity : store.syncSetup().entities(company.id(), outside.name())) {
					if (!wanted.test(new StatusScope(company.id(), outside.name(), entity.entity()))) {
						continue;
					}
					SystemSession local = open(company, database, sessions);
					SystemSession external = open(company, outside, sessions);
					EntitySchema localSchema = schema(local, database, entity.entity());
					localSchemas.put(entity.entity(), localSchema);
					linksByEntity.computeIfAbsent(entity.entity(), e -> new ArrayList<>())
							.add(link(company, outside, entity, local, localSchema, external,
									schema(external, outside, entity.entity())));
				}
			}
			List<List<EntityLink>> levels = EntityOrder.levels(List.copyOf(localSchemas.values())).stream()
					.map(level -> level.stream().flatMap(name -> linksByEntity.get(name).stream()).toList()).toList();
			return new RunPlan(levels, company.settings().completeUpdate(), () -> completeUpdateDone(company), sessions);
		} catch (ConnectorException | RuntimeException e) {
			sessions.forEach(SystemSession::close);
			throw e;
		}
	}

	private static EntityLink link(Company company, ConnectedSystem outside, EntitySettings entity,
			SystemSession local, EntitySchema localSchema, SystemSession external, EntitySchema externalSchema) {
		Set<Side> origins = switch (entity.direction()) {
			case BOTH -> Set.of(Side.LOCAL, Side.EXTERNAL);
			case SEND_ONLY -> Set.of(Side.LOCAL);
			case DOWNLOAD_ONLY -> Set.of(Side.EXTERNAL);
		};
		List<FieldMapping> mappings = entity.mappings().entrySet().stream()
				.map(m -> FieldMapping.parse(m.getKey(), m.getValue())).toList();
		return new EntityLink(new StatusScope(company.id(), outside.name(), entity.entity()), local, localSchema,
				external, externalSchema, entity.primary(), mappings, company.runSettings().maxAttempts(), origins,
				entity.filter());
	}

	private SystemSession open(Company company, ConnectedSystem system, List<SystemSession> sessions)
			throws ConnectorException {
		Connector connector = connectors.find(system.type()).orElseThrow(() -> new SyncSetupException(
				NLS.bind(Messages.Setup_noConnector, system.name(), system.type())));
		SystemSession session = connector.open(system.settings(), credentials.credentials(company.id(), system.name()));
		sessions.add(session);
		return session;
	}

	private static EntitySchema schema(SystemSession session, ConnectedSystem system, String entity)
			throws ConnectorException {
		return session.schema().stream().filter(s -> s.name().equals(entity)).findFirst().orElseThrow(
				() -> new SyncSetupException(NLS.bind(Messages.Setup_noEntity, system.name(), entity)));
	}

	/** A complete update that succeeded turns its flag off, so the next runs send changes only. */
	private void completeUpdateDone(Company company) {
		if (company.settings().completeUpdate()) {
			store.companies().find(company.id()).ifPresent(
					current -> store.companies().update(current.id(), current.settings().withCompleteUpdate(false)));
			store.changeQueue().clearResends(company.id());
		}
	}
}
