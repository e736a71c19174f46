package io.syncbench.engine.testsupport;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.syncbench.connector.Connector;
import io.syncbench.connector.ConnectorException;
import io.syncbench.connector.SystemSession;

/**
 * A connector of the kind {@value #TYPE} for tests, registered as an OSGi service like a real one:
 * the setting {@code name} picks one of the in-memory systems the test put in.
 */
public final class MemoryConnector implements Connector {

	public static final String TYPE = "memory";

	private final Map<String, MemorySystem> systems = new ConcurrentHashMap<>();

	public void put(String name, MemorySystem system) {
		systems.put(name, system);
	}

	@Override
	public String systemType() {
		return TYPE;
	}

	@Override
	public SystemSession open(Map<String, String> settings, char[] credentials) throws ConnectorException {
		MemorySystem system = systems.get(settings.get("name"));
		if (system == null) {
			throw ConnectorException.unreachable("no memory system named " + settings.get("name"), null);
		}
		return system;
	}
}
