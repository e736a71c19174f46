package io.syncbench.engine.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import io.syncbench.connector.FieldSchema;
import io.syncbench.connector.FieldValues;
import io.syncbench.engine.EntityLink;
import io.syncbench.engine.FieldMapping;
import io.syncbench.store.SyncStatusService.Side;

/**
 * Maps a record's values from one side to the other: every field of the target that the source has
 * under the same name, then the operator's mappings, which win over same-name fields.
 */
public final class FieldMapper {

	private FieldMapper() {
	}

	public static FieldValues map(FieldValues source, Side from, EntityLink link) {
		Map<String, Object> target = new LinkedHashMap<>();
		for (FieldSchema field : link.schema(from.other()).fields()) {
			if (source.values().containsKey(field.name())) {
				target.put(field.name(), source.get(field.name()));
			}
		}
		for (FieldMapping mapping : link.mappings()) {
			String sourceField = from == Side.LOCAL ? mapping.localField() : mapping.externalField();
			String targetField = from == Side.LOCAL ? mapping.externalField() : mapping.localField();
			if (source.values().containsKey(sourceField)) {
				target.put(targetField, source.get(sourceField));
			}
		}
		return FieldValues.of(target);
	}
}
