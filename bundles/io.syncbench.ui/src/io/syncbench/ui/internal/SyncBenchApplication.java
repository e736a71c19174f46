package io.syncbench.ui.internal;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.EventAdmin;
import org.osgi.util.tracker.ServiceTracker;

import io.syncbench.connector.ConnectorException;
import io.syncbench.demo.DemoCompany;
import io.syncbench.engine.ConnectorRegistry;
import io.syncbench.health.HealthMonitor;
import io.syncbench.health.HealthSettings;
import io.syncbench.secrets.SecretStore;
import io.syncbench.service.SecureCredentials;
import io.syncbench.service.SyncService;
import io.syncbench.store.Store;
import io.syncbench.store.StoreUnavailableException;
import io.syncbench.ui.internal.workbench.KeptLayout;

/**
 * Starts the e4 workbench once the store is open. A database that cannot be opened (held by another
 * process, a folder that cannot be written) is reported in one dialog naming the path and the cause,
 * and SyncBench ends with exit code 1 instead of showing a window that cannot work. Any other problem
 * met while starting (a demo that cannot start) is shown in a dialog over the window, which works.
 */
public final class SyncBenchApplication implements IApplication {

	private static final String E4_APPLICATION = "org.eclipse.e4.ui.workbench.swt.E4Application"; //$NON-NLS-1$
	/** The application model, as plugin.xml names it to the workbench. */
	private static final String APPLICATION_MODEL = "Application.e4xmi"; //$NON-NLS-1$
	private static final int STORE_WAIT_SECONDS = 30;
	private static final Integer EXIT_STORE_UNAVAILABLE = 1;
	private static final Duration HEARTBEAT = Duration.ofSeconds(10);
	private static final Duration HEALTH_CHECK = Duration.ofSeconds(5);
	private static final int WINDOW_POLL_MILLIS = 500;
	private static final int WINDOW_POLL_TRIES = 120;

	private IApplication workbench;
	private AutoCloseable demo = () -> {
	};
	private SyncService sync;
	private HealthMonitor health;
	/** A problem met while starting that the operator is told of once the window shows; null for none. */
	private String startupProblem;
	/** The services the application offers the views; withdrawn before they stop. */
	private final List<ServiceRegistration<?>> registrations = new ArrayList<>();

	@Override
	public Object start(IApplicationContext context) throws Exception {
		String problem = openStore((String[]) context.getArguments().get(IApplicationContext.APPLICATION_ARGS));
		if (problem != null) {
			context.applicationRunning();
			Display display = Display.getDefault();
			MessageDialog.openError(null, Messages.Startup_problemTitle, problem);
			display.dispose();
			return EXIT_STORE_UNAVAILABLE;
		}
		setAsideALayoutOfAnotherModel();
		workbench = createE4Application();
		if (startupProblem != null) {
			reportOnceTheWindowShows(Display.getDefault(), startupProblem, WINDOW_POLL_TRIES);
		}
		try {
			return workbench.start(context);
		} finally {
			registrations.forEach(ServiceRegistration::unregister);
			registrations.clear();
			if (health != null) {
				health.stop();
			}
			if (sync != null) {
				sync.stop();
			}
			demo.close();
		}
	}

	@Override
	public void stop() {
		if (workbench != null) {
			workbench.stop();
		}
	}

	/**
	 * Opens the store and, when asked with {@code -demo} on a store without companies, sets up the demo
	 * company; a demo that cannot be set up is logged and the workbench starts anyway.
	 *
	 * @return the operator's message when the store cannot be opened, else null
	 */
	private String openStore(String[] arguments) throws InterruptedException {
		BundleContext bundleContext = FrameworkUtil.getBundle(getClass()).getBundleContext();
		ServiceTracker<Store, Store> tracker = new ServiceTracker<>(bundleContext, Store.class, null);
		tracker.open();
		try {
			Store store = tracker.waitForService(TimeUnit.SECONDS.toMillis(STORE_WAIT_SECONDS));
			if (store == null) {
				return NLS.bind(Messages.Startup_storeServiceMissing, STORE_WAIT_SECONDS,
						Platform.getLogFileLocation().toOSString());
			}
			store.open();
			setUpDemo(bundleContext, store, arguments);
			return null;
		} catch (StoreUnavailableException e) {
			Platform.getLog(getClass()).error(e.getMessage(), e);
			return e.getMessage();
		} finally {
			tracker.close();
		}
	}

	private void setUpDemo(BundleContext bundleContext, Store store, String[] arguments) throws InterruptedException {
		ServiceTracker<ConnectorRegistry, ConnectorRegistry> connectors = new ServiceTracker<>(bundleContext,
				ConnectorRegistry.class, null);
		ServiceTracker<SecretStore, SecretStore> secrets = new ServiceTracker<>(bundleContext, SecretStore.class, null);
		connectors.open();
		secrets.open();
		try {
			ConnectorRegistry registry = connectors.waitForService(TimeUnit.SECONDS.toMillis(STORE_WAIT_SECONDS));
			SecretStore secretStore = secrets.waitForService(TimeUnit.SECONDS.toMillis(STORE_WAIT_SECONDS));
			if (registry == null || secretStore == null) {
				startupProblem = NLS.bind(Messages.Startup_servicesMissing, STORE_WAIT_SECONDS,
						Platform.getLogFileLocation().toOSString());
				Platform.getLog(getClass()).error(startupProblem);
				return;
			}
			try {
				demo = DemoCompany.startIfAsked(arguments, store, registry, secretStore, Platform.getLog(getClass())::info);
			} catch (SQLException | ConnectorException | IOException | RuntimeException e) {
				// The companies there are still synchronize, and the operator is told once the window is open.
				Platform.getLog(getClass()).error(NLS.bind(Messages.Startup_demoFailed, e.getMessage()), e);
				startupProblem = NLS.bind(Messages.Startup_demoFailedDialog, e.getMessage(),
						Platform.getLogFileLocation().toOSString());
			}
			startSynchronizing(bundleContext, store, registry, secretStore);
		} finally {
			connectors.close();
			secrets.close();
		}
	}

	/**
	 * Tells the operator of a problem met while starting, once the workbench window shows: in a dialog
	 * over it, not only in the log. The window stays usable behind it.
	 */
	private static void reportOnceTheWindowShows(Display display, String problem, int triesLeft) {
		display.timerExec(WINDOW_POLL_MILLIS, () -> {
			Shell window = Arrays.stream(display.getShells()).filter(shell -> shell.isVisible()).findFirst().orElse(null);
			if (window == null && triesLeft > 0) {
				reportOnceTheWindowShows(display, problem, triesLeft - 1);
				return;
			}
			MessageDialog.openWarning(window, Messages.Startup_problemAfterStartTitle, problem);
		});
	}

	/**
	 * The workbench synchronizes its companies as the headless service does, on their schedules, in
	 * background jobs; the views observe the runs through the engine's events. Record leases keep it and
	 * any service on the same store from processing a record twice.
	 */
	private void startSynchronizing(BundleContext bundleContext, Store store, ConnectorRegistry registry,
			SecretStore secretStore) {
		ServiceTracker<EventAdmin, EventAdmin> eventAdmin = new ServiceTracker<>(bundleContext, EventAdmin.class, null);
		eventAdmin.open();
		String instance = "workbench@" + ProcessHandle.current().pid(); //$NON-NLS-1$
		sync = new SyncService(store, registry, new SecureCredentials(store, secretStore), eventAdmin.getService(),
				instance, HEARTBEAT, Platform.getLog(getClass())::info);
		sync.start();
		// The views reach it as an OSGi service (@Service), the way they reach the store.
		registrations.add(bundleContext.registerService(SyncService.class, sync, null));
		// The workbench watches the headless services on its store and tells the operator and support.
		IEclipsePreferences preferences = InstanceScope.INSTANCE.getNode(HealthSettings.NODE);
		health = new HealthMonitor(store, () -> HealthSettings.read(preferences, secretStore), eventAdmin.getService(),
				instance, HEALTH_CHECK, Clock.systemUTC(), Platform.getLog(getClass())::warn);
		health.start();
		registrations.add(bundleContext.registerService(HealthMonitor.class, health, null));
	}

	/**
	 * A window layout that an earlier SyncBench kept, made from another application model, is set aside
	 * before the workbench reads it: otherwise this SyncBench's new views and menus would never show.
	 */
	private void setAsideALayoutOfAnotherModel() {
		URL instance = Platform.getInstanceLocation() == null ? null : Platform.getInstanceLocation().getURL();
		if (instance == null || !"file".equals(instance.getProtocol())) { //$NON-NLS-1$ started without a workspace
			return;
		}
		try {
			URL model = FrameworkUtil.getBundle(getClass()).getEntry(APPLICATION_MODEL);
			KeptLayout.setAsideIfMadeFromAnotherModel(new File(instance.getFile()).toPath(), KeptLayout.fingerprint(model))
					.ifPresent(aside -> Platform.getLog(getClass()).info(NLS.bind(Messages.Startup_layoutSetAside, aside)));
		} catch (IOException | RuntimeException e) { // the layout kept is used as it is
			Platform.getLog(getClass()).warn(NLS.bind(Messages.Startup_layoutUnchecked, e.getMessage()), e);
		}
	}

	/** The platform's e4 workbench application, found by its id as the launcher would find it. */
	private static IApplication createE4Application() throws Exception {
		IConfigurationElement[] applications = Platform.getExtensionRegistry()
				.getExtension(Platform.PI_RUNTIME, Platform.PT_APPLICATIONS, E4_APPLICATION).getConfigurationElements();
		IConfigurationElement run = applications[0].getChildren("run")[0]; //$NON-NLS-1$
		return (IApplication) run.createExecutableExtension("class"); //$NON-NLS-1$
	}
}
