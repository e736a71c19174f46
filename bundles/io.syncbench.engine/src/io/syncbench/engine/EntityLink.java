package io.syncbench.engine;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.syncbench.connector.EntitySchema;
import io.syncbench.connector.FieldValues;
import io.syncbench.connector.SystemSession;
import io.syncbench.store.StatusScope;
import io.syncbench.store.SyncStatusService.Side;

/**
 * Everything the pipeline needs to synchronize the records of one entity between a company's database
 * and one connected system.
 *
 * @param scope          company, connected system and entity, for the status rows
 * @param local          a session with the company's database
 * @param localSchema    the entity as the company's database defines it
 * @param external       a session with the connected system
 * @param externalSchema the entity as the connected system defines it
 * @param primary        the side whose values win when both changed
 * @param mappings       the operator's field mappings; fields with the same name on both sides map
 *                       without one
 * @param maxAttempts    failed attempts after which a record is skipped
 * @param origins        the sides whose changes travel (both, or one for send-only and download-only)
 * @param filter         the slice of the company's records this system gets: local field values that
 *                       must match; empty for every record
 */
public record EntityLink(StatusScope scope, SystemSession local, EntitySchema localSchema, SystemSession external,
		EntitySchema externalSchema, Side primary, List<FieldMapping> mappings, int maxAttempts, Set<Side> origins,
		Map<String, String> filter) {

	public EntityLink {
		mappings = List.copyOf(mappings);
		origins = Set.copyOf(origins);
		filter = Map.copyOf(filter);
	}

	/** A link both ways for every record. */
	public EntityLink(StatusScope scope, SystemSession local, EntitySchema localSchema, SystemSession external,
			EntitySchema externalSchema, Side primary, List<FieldMapping> mappings, int maxAttempts) {
		this(scope, local, localSchema, external, externalSchema, primary, mappings, maxAttempts,
				Set.of(Side.LOCAL, Side.EXTERNAL), Map.of());
	}

	/** Whether a record of the company database with these values is in this system's slice. */
	public boolean inSlice(FieldValues localValues) {
		return filter.entrySet().stream()
				.allMatch(wanted -> wanted.getValue().equals(String.valueOf(localValues.get(wanted.getKey()))));
	}

	public SystemSession session(Side side) {
		return side == Side.LOCAL ? local : external;
	}

	public EntitySchema schema(Side side) {
		return side == Side.LOCAL ? localSchema : externalSchema;
	}

	public String entity() {
		return scope.entity();
	}
}
