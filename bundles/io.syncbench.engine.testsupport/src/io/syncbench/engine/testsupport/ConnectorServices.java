package io.syncbench.engine.testsupport;

import java.util.Hashtable;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.tracker.ServiceTracker;

import io.syncbench.connector.Connector;
import io.syncbench.engine.ConnectorRegistry;

/**
 * A {@link MemoryConnector} registered as an OSGi service, as a real connector bundle would register
 * itself, and the engine's {@link ConnectorRegistry} as Declarative Services provides it.
 */
public final class ConnectorServices implements AutoCloseable {

	private final MemoryConnector connector = new MemoryConnector();
	private final ServiceRegistration<Connector> registration;
	private final ServiceTracker<ConnectorRegistry, ConnectorRegistry> registry;

	public ConnectorServices() {
		BundleContext context = FrameworkUtil.getBundle(ConnectorServices.class).getBundleContext();
		registration = context.registerService(Connector.class, connector,
				new Hashtable<>(Map.of(Connector.SYSTEM_TYPE, MemoryConnector.TYPE)));
		registry = new ServiceTracker<>(context, ConnectorRegistry.class, null);
		registry.open();
	}

	public MemoryConnector connector() {
		return connector;
	}

	/** The registry, once Declarative Services has it. */
	public ConnectorRegistry registry() throws InterruptedException {
		ConnectorRegistry found = registry.waitForService(Eventually.BOUND.toMillis());
		if (found == null) {
			throw new AssertionError("Declarative Services did not provide the ConnectorRegistry");
		}
		return found;
	}

	@Override
	public void close() {
		registration.unregister();
		registry.close();
	}
}
