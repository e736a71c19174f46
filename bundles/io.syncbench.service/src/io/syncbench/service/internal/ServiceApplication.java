package io.syncbench.service.internal;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.runtime.ILog;
import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.eclipse.osgi.util.NLS;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.event.EventAdmin;
import org.osgi.util.tracker.ServiceTracker;

import io.syncbench.connector.ConnectorException;
import io.syncbench.demo.DemoCompany;
import io.syncbench.engine.ConnectorRegistry;
import io.syncbench.monitoring.Monitoring;
import io.syncbench.monitoring.MonitoringSettings;
import io.syncbench.secrets.SecretStore;
import io.syncbench.service.SecureCredentials;
import io.syncbench.service.SyncService;
import io.syncbench.setupfile.SystemKinds;
import io.syncbench.store.Store;
import io.syncbench.store.StoreUnavailableException;

/**
 * {@code -application io.syncbench.service.headless}: runs the sync service until the process is
 * stopped (Ctrl+C, SIGTERM, or the OSGi console's close). Every run is written to the Eclipse log; with
 * {@code -consoleLog} also to the console.
 *
 * <p>Two arguments save a secret read from the standard input into secure storage, and exit:
 * {@code -setStorePassword} (the PostgreSQL store's password) and {@code -setSystemSecret <company>
 * <system>} (a connected system's password or key). Secrets are never taken from the command line,
 * where other users' process lists would show them. {@code -exportCompany <company> <file>} and
 * {@code -importCompany <file>} write or read a company's setup file, and exit.
 */
public final class ServiceApplication implements IApplication {

	private static final int SERVICE_WAIT_SECONDS = 30;
	private static final Integer EXIT_STORE_UNAVAILABLE = 1;
	private static final Integer EXIT_BAD_SETTINGS = 2;
	/** The name this service goes by among the services on one store, instead of its host's. */
	static final String NAME_PROPERTY = "syncbench.service.name"; //$NON-NLS-1$
	/** Seconds after its last heartbeat until a dead service's companies and links are taken over. */
	static final String LEASE_PROPERTY = "syncbench.service.leaseSeconds"; //$NON-NLS-1$
	private static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);
	static final String SET_STORE_PASSWORD = "-setStorePassword"; //$NON-NLS-1$
	static final String SET_SYSTEM_SECRET = "-setSystemSecret"; //$NON-NLS-1$

	private static final int STOP_WAIT_SECONDS = 20;

	private final CountDownLatch stopped = new CountDownLatch(1);
	private final CountDownLatch finished = new CountDownLatch(1);

	@Override
	public Object start(IApplicationContext context) throws Exception {
		BundleContext bundle = FrameworkUtil.getBundle(getClass()).getBundleContext();
		ILog log = ILog.of(getClass());
		SecretStore secrets = service(bundle, SecretStore.class);
		List<String> arguments = List.of((String[]) context.getArguments().get(IApplicationContext.APPLICATION_ARGS));
		if (arguments.contains(SET_STORE_PASSWORD) || arguments.contains(SET_SYSTEM_SECRET)) {
			return new SecretCommand(secrets, () -> service(bundle, Store.class), System.out).run(arguments);
		}
		Store store = service(bundle, Store.class);
		ConnectorRegistry connectors = service(bundle, ConnectorRegistry.class);
		if (CaptureCommand.asked(arguments)) {
			return new CaptureCommand(() -> store, connectors, new SecureCredentials(store, secrets), System.out).run(arguments);
		}
		if (SetupFileCommand.asked(arguments)) {
			return new SetupFileCommand(() -> store, secrets, SystemKinds.of(connectors.types(), connectors::checkSettings),
					System.out).run(arguments);
		}
		AutoCloseable demo = () -> {
		};
		try {
			store.open();
			demo = DemoCompany.startIfAsked(arguments.toArray(String[]::new), store, connectors, secrets, log::info);
		} catch (StoreUnavailableException e) {
			log.error(NLS.bind(Messages.Service_cannotOpenStore, e.getMessage()), e);
			return EXIT_STORE_UNAVAILABLE;
		} catch (SQLException | ConnectorException | java.io.IOException e) { // goes on with the companies there are
			log.error(NLS.bind(Messages.Service_demoFailed, e.getMessage()), e);
		}
		ServiceTracker<EventAdmin, EventAdmin> eventAdmin = new ServiceTracker<>(bundle, EventAdmin.class, null);
		eventAdmin.open();
		Optional<MonitoringSettings> monitoringSettings;
		Duration lease;
		String instance;
		try {
			monitoringSettings = MonitoringSettings.from(System::getProperty);
			lease = lease(System.getProperty(LEASE_PROPERTY));
			instance = instanceName(System.getProperty(NAME_PROPERTY));
		} catch (IllegalArgumentException e) {
			log.error(e.getMessage());
			return EXIT_BAD_SETTINGS;
		}
		// Ten heartbeats to a lease: a live service renews its companies and links long before they run out.
		Duration heartbeat = lease.dividedBy(10);
		SyncService service = new SyncService(store, connectors, new SecureCredentials(store, secrets),
				eventAdmin.getService(), instance, heartbeat, log::info).shareCompanies(lease);
		try {
			service.start();
		} catch (StoreUnavailableException e) {
			log.error(NLS.bind(Messages.Service_cannotOpenStore, e.getMessage()), e);
			return EXIT_STORE_UNAVAILABLE;
		}
		AutoCloseable monitoring = monitoringSettings.map(settings -> monitor(settings, store, service, bundle, log))
				.orElse(() -> {
				});
		context.applicationRunning();
		// SIGTERM and Ctrl+C end the JVM without stopping the application: stop it here, so that the
		// runs finish their record and the heartbeat says "stopped" rather than going silent.
		Thread shutdown = new Thread(this::stopAndWait, "SyncBench service shutdown"); //$NON-NLS-1$
		Runtime.getRuntime().addShutdownHook(shutdown);
		try {
			stopped.await();
			monitoring.close();
			service.stop();
			eventAdmin.close();
			demo.close();
		} finally {
			finished.countDown();
		}
		try {
			Runtime.getRuntime().removeShutdownHook(shutdown);
		} catch (IllegalStateException e) {
			// the JVM is shutting down already: the hook is running
		}
		return EXIT_OK;
	}

	/**
	 * Serves /health and /metrics; a port another program holds is reported, and the service goes on
	 * synchronizing without them.
	 */
	private static AutoCloseable monitor(MonitoringSettings settings, Store store, SyncService service,
			BundleContext bundle, ILog log) {
		try {
			Monitoring monitoring = Monitoring.start(settings, store, service.instance(), bundle);
			log.info(NLS.bind(Messages.Service_monitoring, monitoring.uri()));
			return monitoring;
		} catch (java.io.IOException e) {
			log.error(NLS.bind(Messages.Service_monitoringFailed, new Object[] { settings.address().getHostAddress(),
					settings.port(), e.getMessage(), MonitoringSettings.PORT_PROPERTY }), e);
			return () -> {
			};
		}
	}

	@Override
	public void stop() {
		stopped.countDown();
	}

	private void stopAndWait() {
		stopped.countDown();
		try {
			finished.await(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	private static <S> S service(BundleContext bundle, Class<S> type) {
		ServiceTracker<S, S> tracker = new ServiceTracker<>(bundle, type, null);
		tracker.open();
		S found;
		try {
			found = tracker.waitForService(TimeUnit.SECONDS.toMillis(SERVICE_WAIT_SECONDS));
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			found = null;
		}
		if (found == null) {
			throw new IllegalStateException(NLS.bind(Messages.Service_missing, type.getSimpleName(), SERVICE_WAIT_SECONDS));
		}
		return found;
	}

	/**
	 * {@code service@<name>:<pid>}: the name is the host's unless {@value #NAME_PROPERTY} gives one, for
	 * several services on one host, each watched on its own.
	 */
	static String instanceName(String name) {
		String service = name;
		if (service == null || service.isBlank()) {
			try {
				service = InetAddress.getLocalHost().getHostName();
			} catch (UnknownHostException e) {
				service = "localhost"; //$NON-NLS-1$
			}
		} else if (!service.strip().matches("[\\p{Alnum}._-]{1,100}")) { //$NON-NLS-1$
			throw new IllegalArgumentException(NLS.bind(Messages.Service_badName, NAME_PROPERTY, name));
		}
		return "service@" + service.strip() + ":" + ManagementFactory.getRuntimeMXBean().getPid(); //$NON-NLS-1$ //$NON-NLS-2$
	}

	/** How long a dead service's companies and links stay its own: {@value #LEASE_PROPERTY}, 30 s by default. */
	static Duration lease(String seconds) {
		if (seconds == null || seconds.isBlank()) {
			return DEFAULT_LEASE;
		}
		try {
			int value = Integer.parseInt(seconds.strip());
			if (value >= 5 && value <= 3600) {
				return Duration.ofSeconds(value);
			}
		} catch (NumberFormatException e) {
			// refused below
		}
		throw new IllegalArgumentException(NLS.bind(Messages.Service_badLease, LEASE_PROPERTY, seconds));
	}
}
