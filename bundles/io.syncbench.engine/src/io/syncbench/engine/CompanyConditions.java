package io.syncbench.engine;

import java.text.MessageFormat;
import java.util.List;
import java.util.Optional;

import org.eclipse.osgi.util.NLS;

import io.syncbench.connector.ChangeCapture;
import io.syncbench.connector.Connector;
import io.syncbench.connector.ConnectorException;
import io.syncbench.connector.Health;
import io.syncbench.connector.SystemSession;
import io.syncbench.engine.HoldBack.Reason;
import io.syncbench.engine.internal.Messages;
import io.syncbench.store.Company;
import io.syncbench.store.ConnectedSystem;
import io.syncbench.store.ConnectedSystem.Role;
import io.syncbench.store.EntitySettings;
import io.syncbench.store.StatusScope;
import io.syncbench.store.Store;
import io.syncbench.store.SyncState;

/**
 * The conditions checked before each automatic run of a company: every connected system answers and
 * accepts its credentials, and, when the company holds its runs on conflicts, no conflict waits for
 * review. Each hold-back names the system or the number of conflicts and what to do.
 */
public final class CompanyConditions {

	private final Store store;
	private final ConnectorRegistry connectors;
	private final CredentialSource credentials;

	public CompanyConditions(Store store, ConnectorRegistry connectors, CredentialSource credentials) {
		this.store = store;
		this.connectors = connectors;
		this.credentials = credentials;
	}

	/** The conditions of one company, in the order they are checked. */
	public List<RunCondition> of(long companyId) {
		return List.of(() -> setUp(companyId), () -> systemsAnswer(companyId), () -> noConflictWaits(companyId));
	}

	/**
	 * A company without its company database, or without a connected system that takes an entity, has
	 * nothing to run yet (a new company, on its way through Properties): its automatic runs wait, and
	 * say what is missing, instead of failing again at every interval. A run asked for by hand still
	 * runs, and fails saying the same.
	 */
	Optional<HoldBack> setUp(long companyId) {
		List<ConnectedSystem> systems = store.syncSetup().systems(companyId).stream().filter(ConnectedSystem::enabled)
				.toList();
		if (systems.stream().noneMatch(system -> system.role() == Role.COMPANY_DATABASE)) {
			return Optional.of(new HoldBack(Reason.NOT_SET_UP, Messages.HoldBack_noDatabase));
		}
		boolean linked = systems.stream().filter(system -> system.role() == Role.OUTSIDE_SYSTEM)
				.anyMatch(system -> !store.syncSetup().entities(companyId, system.name()).isEmpty());
		return linked ? Optional.empty() : Optional.of(new HoldBack(Reason.NOT_SET_UP, Messages.HoldBack_noEntity));
	}

	/**
	 * A system whose connector is not installed is left to the run, which fails saying so: that is a
	 * setup to fix, not a condition to wait out.
	 */
	Optional<HoldBack> systemsAnswer(long companyId) {
		for (ConnectedSystem system : store.syncSetup().systems(companyId)) {
			if (!system.enabled()) {
				continue;
			}
			Optional<Connector> connector = connectors.find(system.type());
			if (connector.isEmpty()) {
				continue;
			}
			Optional<HoldBack> holdBack = check(connector.get(), system, companyId);
			if (holdBack.isPresent()) {
				return holdBack;
			}
		}
		return Optional.empty();
	}

	/**
	 * The system answers and takes its credentials; a company database also records its changes: without
	 * its change capture every run would fail on the missing change log, in the database's words.
	 */
	private Optional<HoldBack> check(Connector connector, ConnectedSystem system, long companyId) {
		Health health;
		try (SystemSession session = connector.open(system.settings(), credentials.credentials(companyId, system.name()))) {
			health = session.check();
			if (health.isReachable() && system.role() == Role.COMPANY_DATABASE) {
				Optional<ChangeCapture> capture = session.changeCapture();
				if (capture.isPresent() && !capture.get().installed()) {
					String company = store.companies().find(companyId).map(Company::name).orElse(String.valueOf(companyId));
					return Optional.of(new HoldBack(Reason.NOT_SET_UP,
							NLS.bind(Messages.HoldBack_noCapture, system.name(), company)));
				}
			}
		} catch (ConnectorException e) {
			health = new Health(e.kind() == ConnectorException.Kind.CREDENTIALS_REJECTED ? Health.State.CREDENTIALS_REJECTED
					: Health.State.UNREACHABLE, e.getMessage());
		}
		if (health.isReachable()) {
			return Optional.empty();
		}
		boolean rejected = health.state() == Health.State.CREDENTIALS_REJECTED;
		return Optional.of(new HoldBack(rejected ? Reason.CREDENTIALS_REJECTED : Reason.NO_CONNECTIVITY,
				NLS.bind(rejected ? Messages.HoldBack_credentials : Messages.HoldBack_unreachable, system.name(),
						health.message())));
	}

	/** Without the company's rule, a conflict holds back only its own record and those that refer to it. */
	Optional<HoldBack> noConflictWaits(long companyId) {
		boolean holdsRuns = store.companies().find(companyId).map(company -> company.runSettings().holdRunsOnConflict())
				.orElse(false);
		if (!holdsRuns) {
			return Optional.empty();
		}
		long conflicts = 0;
		for (ConnectedSystem system : store.syncSetup().systems(companyId)) {
			for (EntitySettings entity : store.syncSetup().entities(companyId, system.name())) {
				conflicts += store.syncStatus().count(new StatusScope(companyId, system.name(), entity.entity()),
						SyncState.CONFLICT);
			}
		}
		if (conflicts == 0) {
			return Optional.empty();
		}
		return Optional.of(new HoldBack(Reason.UNRESOLVED_CONFLICTS, MessageFormat.format(Messages.HoldBack_conflicts, conflicts)));
	}
}
