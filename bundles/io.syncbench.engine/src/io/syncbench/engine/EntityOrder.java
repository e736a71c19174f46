package io.syncbench.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.osgi.util.NLS;

import io.syncbench.connector.EntitySchema;
import io.syncbench.engine.internal.Messages;

/**
 * Orders entities so that each comes after the entities it depends on (address before customer
 * before order), in levels: the entities of one level do not depend on each other and may run in
 * parallel.
 */
public final class EntityOrder {

	private EntityOrder() {
	}

	/**
	 * @throws IllegalArgumentException when the dependencies form a cycle, naming its entities
	 */
	public static List<List<String>> levels(List<EntitySchema> schemas) {
		Map<String, List<String>> remaining = new LinkedHashMap<>();
		schemas.forEach(schema -> remaining.put(schema.name(), schema.dependsOn().stream()
				.filter(dependency -> schemas.stream().anyMatch(s -> s.name().equals(dependency))).toList()));
		List<List<String>> levels = new ArrayList<>();
		List<String> done = new ArrayList<>();
		while (!remaining.isEmpty()) {
			List<String> level = remaining.entrySet().stream().filter(e -> done.containsAll(e.getValue()))
					.map(Map.Entry::getKey).toList();
			if (level.isEmpty()) {
				throw new IllegalArgumentException(NLS.bind(Messages.Order_cycle, String.join(", ", remaining.keySet()))); //$NON-NLS-1$
			}
			level.forEach(remaining::remove);
			done.addAll(level);
			levels.add(level);
		}
		return levels;
	}
}
