package io.syncbench.connector;

import java.util.List;
import java.util.Optional;

/**
 * An entity as a system defines it.
 *
 * @param name      the entity name shared by all systems, for example {@code customer}
 * @param fields    its fields
 * @param uniqueKey the field that identifies a record across systems (SKU, email, order reference),
 *                  used to find a partner for a record that has none yet; null when there is none
 * @param dependsOn entities whose records must be synchronized first (a customer's address)
 * @param keyMatch  how this system compares unique key values
 */
public record EntitySchema(String name, List<FieldSchema> fields, String uniqueKey, List<String> dependsOn,
		KeyMatch keyMatch) {

	public EntitySchema {
		fields = List.copyOf(fields);
		dependsOn = List.copyOf(dependsOn);
		keyMatch = keyMatch == null ? KeyMatch.EXACT : keyMatch;
	}

	/** An entity whose unique key compares exactly. */
	public EntitySchema(String name, List<FieldSchema> fields, String uniqueKey, List<String> dependsOn) {
		this(name, fields, uniqueKey, dependsOn, KeyMatch.EXACT);
	}

	public Optional<FieldSchema> field(String fieldName) {
		for (FieldSchema field : fields) { // asked for each field of each record a page writes: no stream
			if (field.name().equals(fieldName)) {
				return Optional.of(field);
			}
		}
		return Optional.empty();
	}

	/** The same entity, its unique key compared by {@code match}. */
	public EntitySchema withKeyMatch(KeyMatch match) {
		return new EntitySchema(name, fields, uniqueKey, dependsOn, match);
	}
}
