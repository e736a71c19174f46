package io.syncbench.engine;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import io.syncbench.connector.Connector;

/**
 * The connectors installed now, by the kind of system they speak to. Connectors are OSGi services;
 * they come and go with their bundles, and the engine asks for them by type at the start of each run.
 */
@Component(service = ConnectorRegistry.class)
public final class ConnectorRegistry {

	private final Map<String, Connector> byType = new ConcurrentHashMap<>();

	@Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
	void addConnector(Connector connector) {
		byType.put(connector.systemType(), connector);
	}

	void removeConnector(Connector connector) {
		byType.remove(connector.systemType(), connector);
	}

	public Optional<Connector> find(String systemType) {
		return Optional.ofNullable(byType.get(systemType));
	}

	public Set<String> types() {
		return Set.copyOf(byType.keySet());
	}

	/** What the kind's connector finds wrong with these settings; empty when nothing, or no such connector. */
	public Optional<String> checkSettings(String systemType, Map<String, String> settings) {
		return find(systemType).flatMap(connector -> connector.checkSettings(settings));
	}
}
