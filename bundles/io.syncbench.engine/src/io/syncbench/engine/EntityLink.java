package io.syncbench.engine;

import java.util.List;

import io.syncbench.connector.EntitySchema;
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
 */
public record EntityLink(StatusScope scope, SystemSession local, EntitySchema localSchema, SystemSession external,
		EntitySchema externalSchema, Side primary, List<FieldMapping> mappings, int maxAttempts) {

	public EntityLink {
		mappings = List.copyOf(mappings);
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
