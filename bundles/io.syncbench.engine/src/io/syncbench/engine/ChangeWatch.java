package io.syncbench.engine;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.osgi.util.NLS;

import io.syncbench.connector.Connector;
import io.syncbench.connector.ConnectorException;
import io.syncbench.connector.SystemSession;
import io.syncbench.engine.internal.Messages;
import io.syncbench.store.ConnectedSystem;
import io.syncbench.store.ConnectedSystem.Role;
import io.syncbench.store.EntitySettings;
import io.syncbench.store.EntitySettings.Direction;
import io.syncbench.store.StatusScope;
import io.syncbench.store.Store;
import io.syncbench.store.SyncStatusService.Side;

/**
 * Watches a company's database for changes its links have not read yet, so that on-change sync runs
 * soon after a commit: every period it asks the change log of each entity the company sends for one
 * change after that link's cursor (an indexed read of one row), on a system job with a session of its
 * own; a link that has never read changes (only a complete update ran) is asked from the beginning of
 * the log. When the database cannot be reached the watch says nothing: the runs report that.
 */
public final class ChangeWatch {

	/**
	 * How often the company database is asked: with the scheduler's delay, a change's run starts within
	 * a fifth of a second, at the cost of a few indexed one-row reads a poll.
	 */
	public static final Duration PERIOD = Duration.ofMillis(150);

	private final Store store;
	private final ConnectorRegistry connectors;
	private final CredentialSource credentials;
	private final long companyId;
	private final Job poll;
	private volatile Runnable signal;
	private SystemSession session;

	public ChangeWatch(Store store, ConnectorRegistry connectors, CredentialSource credentials, long companyId,
			String companyName) {
		this.store = store;
		this.connectors = connectors;
		this.credentials = credentials;
		this.companyId = companyId;
		this.poll = Job.createSystem(NLS.bind(Messages.Watch_name, companyName), this::poll);
	}

	/** Starts watching; {@code changed} is called from the watch's job for each poll that finds a change. */
	public void start(Runnable changed) {
		signal = changed;
		poll.schedule();
	}

	public void stop() {
		signal = null;
		poll.cancel();
	}

	private IStatus poll(IProgressMonitor monitor) {
		Runnable changed = signal;
		if (changed == null) {
			close();
			return Status.OK_STATUS;
		}
		try {
			if (unreadChange()) {
				changed.run();
			}
		} catch (ConnectorException | RuntimeException e) { // unreachable for now; the runs say so
			close();
		}
		if (signal != null) {
			poll.schedule(PERIOD.toMillis());
		} else {
			close();
		}
		return Status.OK_STATUS;
	}

	private boolean unreadChange() throws ConnectorException {
		List<ConnectedSystem> systems = store.syncSetup().systems(companyId).stream().filter(ConnectedSystem::enabled)
				.toList();
		Optional<ConnectedSystem> database = systems.stream().filter(s -> s.role() == Role.COMPANY_DATABASE).findFirst();
		if (database.isEmpty()) {
			return false;
		}
		for (ConnectedSystem outside : systems.stream().filter(s -> s.role() == Role.OUTSIDE_SYSTEM).toList()) {
			for (EntitySettings entity : store.syncSetup().entities(companyId, outside.name())) {
				if (entity.direction() == Direction.DOWNLOAD_ONLY) {
					continue;
				}
				StatusScope scope = new StatusScope(companyId, outside.name(), entity.entity());
				String cursor = store.changeQueue().cursor(scope, Side.LOCAL).orElse(null); // null: never read
				if (!session(database.get()).readChanges(entity.entity(), cursor, 1).changes().isEmpty()) {
					return true;
				}
			}
		}
		return false;
	}

	private SystemSession session(ConnectedSystem database) throws ConnectorException {
		if (session == null) {
			Connector connector = connectors.find(database.type()).orElseThrow(() -> new SyncSetupException(
					NLS.bind(Messages.Setup_noConnector, database.name(), database.type())));
			session = connector.open(database.settings(), credentials.credentials(companyId, database.name()));
		}
		return session;
	}

	private void close() {
		if (session != null) {
			session.close();
			session = null;
		}
	}
}
