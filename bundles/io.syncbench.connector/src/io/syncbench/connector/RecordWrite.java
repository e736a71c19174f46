package io.syncbench.connector;

/**
 * One write of a batch ({@link SystemSession#writeAll}): a create when {@code id} is null, else an
 * update of the record with that id.
 *
 * @param id     the system's id of the record to update, or null to create one
 * @param fields the values to write, as the system names its fields
 */
public record RecordWrite(String id, FieldValues fields) {

	public static RecordWrite create(FieldValues fields) {
		return new RecordWrite(null, fields);
	}

	public static RecordWrite update(String id, FieldValues fields) {
		return new RecordWrite(id, fields);
	}

	public boolean creates() {
		return id == null;
	}
}
