package io.syncbench.store;

import java.util.Map;

import io.syncbench.store.SyncStatusService.Side;

/**
 * How one entity is synchronized with one connected system.
 *
 * @param system    the connected system's name
 * @param entity    the entity, for example {@code product}
 * @param direction which ways changes travel
 * @param primary   whose values win when both sides changed
 * @param mappings  the operator's field mappings: company database field to connected system field
 * @param filter    the slice of records this system gets: field values that must match (for example
 *                  {@code warehouse=WH1}); empty for every record
 */
public record EntitySettings(String system, String entity, Direction direction, Side primary,
		Map<String, String> mappings, Map<String, String> filter) {

	public EntitySettings {
		mappings = Map.copyOf(mappings);
		filter = Map.copyOf(filter);
	}

	/** Which ways an entity's changes travel. */
	public enum Direction {
		BOTH, SEND_ONLY, DOWNLOAD_ONLY
	}
}
