package io.syncbench.connector;

import java.util.Map;

/**
 * One record as a system has it.
 *
 * @param entity  the entity name, for example {@code product}
 * @param id      the system's own id of the record
 * @param stamp   the system's change stamp (a version, a modification time or a hash): it changes
 *                whenever the record does
 * @param fields  the values; empty for a deletion
 * @param deleted whether this is a tombstone: the record was deleted on this system
 */
public record RecordData(String entity, String id, String stamp, FieldValues fields, boolean deleted) {

	public static RecordData of(String entity, String id, String stamp, FieldValues fields) {
		return new RecordData(entity, id, stamp, fields, false);
	}

	public static RecordData tombstone(String entity, String id, String stamp) {
		return new RecordData(entity, id, stamp, FieldValues.of(Map.of()), true);
	}
}
