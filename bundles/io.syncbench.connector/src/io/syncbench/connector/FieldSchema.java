package io.syncbench.connector;

/**
 * A field as a system defines it: what a value must be to be saved there.
 *
 * @param name      the field name
 * @param type      the kind of value
 * @param required  whether a value must be present
 * @param maxLength the most characters a text value may have; 0 when unlimited
 */
public record FieldSchema(String name, FieldType type, boolean required, int maxLength) {

	public enum FieldType {
		TEXT, INTEGER, DECIMAL, BOOLEAN, TIMESTAMP
	}

	public static FieldSchema text(String name, boolean required, int maxLength) {
		return new FieldSchema(name, FieldType.TEXT, required, maxLength);
	}

	public static FieldSchema of(String name, FieldType type, boolean required) {
		return new FieldSchema(name, type, required, 0);
	}
}
