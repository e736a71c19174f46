package io.syncbench.service.internal;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
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

import io.syncbench.engine.ConnectorRegistry;
import io.syncbench.store.Store;
import io.syncbench.store.StoreUnavailableException;

/**
 * {@code -application io.syncbench.service.headless}: runs the sync service until the process is
 * stopped (Ctrl+C, SIGTERM, or the OSGi console's close). Every run is written to the Eclipse log; with
 * {@code -consoleLog} also to the console.
 */
public final class ServiceApplication implements IApplication {

	private static final int SERVICE_WAIT_SECONDS = 30;
	private static final Integer EXIT_STORE_UNAVAILABLE = 1;
	private static final Duration HEARTBEAT = Duration.ofSeconds(10);

	private final CountDownLatch stopped = new CountDownLatch(1);

	@Override
	public Object start(IApplicationContext context) throws Exception {
		BundleContext bundle = FrameworkUtil.getBundle(getClass()).getBundleContext();
		ILog log = ILog.of(getClass());
		Store store = service(bundle, Store.class);
		ConnectorRegistry connectors = service(bundle, ConnectorRegistry.class);
		ServiceTracker<EventAdmin, EventAdmin> eventAdmin = new ServiceTracker<>(bundle, EventAdmin.class, null);
		eventAdmin.open();
		// Secrets come from secure storage once the workbench stores them there; until then, none.
		SyncService service = new SyncService(store, connectors, (companyId, system) -> new char[0],
				eventAdmin.getService(), instanceName(), HEARTBEAT, log::info);
		try {
			service.start();
		} catch (StoreUnavailableException e) {
			log.error(NLS.bind(Messages.Service_cannotOpenStore, e.getMessage()), e);
			return EXIT_STORE_UNAVAILABLE;
		}
		context.applicationRunning();
		stopped.await();
		service.stop();
		eventAdmin.close();
		return EXIT_OK;
	}

	@Override
	public void stop() {
		stopped.countDown();
	}

	private static <S> S service(BundleContext bundle, Class<S> type) throws InterruptedException {
		ServiceTracker<S, S> tracker = new ServiceTracker<>(bundle, type, null);
		tracker.open();
		S found = tracker.waitForService(TimeUnit.SECONDS.toMillis(SERVICE_WAIT_SECONDS));
		if (found == null) {
			throw new IllegalStateException(NLS.bind(Messages.Service_missing, type.getSimpleName(), SERVICE_WAIT_SECONDS));
		}
		return found;
	}

	private static String instanceName() {
		String host;
		try {
			host = InetAddress.getLocalHost().getHostName();
		} catch (UnknownHostException e) {
			host = "localhost"; //$NON-NLS-1$
		}
		return "service@" + host + ":" + ManagementFactory.getRuntimeMXBean().getPid(); //$NON-NLS-1$ //$NON-NLS-2$
	}
}
