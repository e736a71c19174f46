package io.syncbench.connector;

/**
 * A field as a system defines it: what a value must be to be saved there.
 *
 * @param name       the field name
 * @param type       the kind of value
 * @param required   whether a value must be present
 * @param maxLength  the most characters a text value may have; 0 when unlimited
 * @param references the entity whose record this field points to (an address's customer), by that
 *                   system's id; null for a plain value. The engine translates such a value into the
 *                   partner record's id on the other system.
 */
public record FieldSchema(String name, FieldType type, boolean required, int maxLength, String references) {

	public enum FieldType {
		TEXT, INTEGER, DECIMAL, BOOLEAN, TIMESTAMP
	}

	public FieldSchema(String name, FieldType type, boolean required, int maxLength) {
		this(name, type, required, maxLength, null);
	}

	public static FieldSchema text(String name, boolean required, int maxLength) {
		return new FieldSchema(name, FieldType.TEXT, required, maxLength);
	}

	public static FieldSchema of(String name, FieldType type, boolean required) {
		return new FieldSchema(name, type, required, 0);
	}

	/** The same field, pointing to a record of {@code entity}. */
	public FieldSchema referencing(String entity) {
		return new FieldSchema(name, type, required, maxLength, entity);
	}
}
