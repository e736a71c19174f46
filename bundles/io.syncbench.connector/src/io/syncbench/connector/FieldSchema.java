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
 * @param precision  the most significant digits a number may have ({@code DECIMAL(12,2)}: 12); 0 when
 *                   unlimited
 * @param scale      the most digits after the decimal point ({@code DECIMAL(12,2)}: 2); -1 when
 *                   unlimited. A value with more is not held exactly and is refused, not rounded.
 */
public record FieldSchema(String name, FieldType type, boolean required, int maxLength, String references,
		int precision, int scale) {

	public enum FieldType {
		TEXT, INTEGER, DECIMAL, BOOLEAN, TIMESTAMP,
		/**
		 * A file's content (a product's image). On the system that has the record, the value names the
		 * file, which that system offers through {@link SystemSession#file}; a system that receives such a
		 * field gets a {@link MediaFile} it may read, never a path to open.
		 */
		FILE
	}

	public FieldSchema(String name, FieldType type, boolean required, int maxLength, String references) {
		this(name, type, required, maxLength, references, 0, -1);
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
		return new FieldSchema(name, type, required, maxLength, entity, precision, scale);
	}

	/** The same number field, holding at most {@code precision} digits, {@code scale} of them after the point. */
	public FieldSchema digits(int precision, int scale) {
		return new FieldSchema(name, type, required, maxLength, references, precision, scale);
	}
}
