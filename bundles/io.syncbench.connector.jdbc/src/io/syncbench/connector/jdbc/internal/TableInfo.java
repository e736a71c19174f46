package io.syncbench.connector.jdbc.internal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.syncbench.connector.EntitySchema;
import io.syncbench.connector.FieldSchema;
import io.syncbench.connector.FieldSchema.FieldType;

/**
 * A mapped table as the database describes it: its columns in order, its key, and the entity schema
 * the engine sees (every column but the key, named in lower case).
 */
record TableInfo(TableMapping mapping, List<Column> columns, Column key, EntitySchema schema) {

	TableInfo {
		columns = List.copyOf(columns); // shared by the sessions of every thread (SchemaCache)
	}

	/**
	 * One column; {@code field} is the name the engine and the other systems use; {@code largest} is the
	 * largest magnitude a number column holds (null: no limit worth checking, or not a number).
	 */
	record Column(String name, String field, FieldType type, int maxLength, boolean generated, java.math.BigDecimal largest) {

		static String fieldName(String column) {
			return column.toLowerCase(Locale.ROOT);
		}
	}

	Optional<Column> column(String field) {
		for (Column column : columns) { // asked for each field of each record a page writes: no stream
			if (column.field().equals(field)) {
				return Optional.of(column);
			}
		}
		return Optional.empty();
	}

	Optional<FieldSchema> field(String field) {
		return schema.field(field);
	}
}
