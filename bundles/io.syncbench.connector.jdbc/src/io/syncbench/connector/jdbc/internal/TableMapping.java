package io.syncbench.connector.jdbc.internal;

import io.syncbench.connector.KeyMatch;

/**
 * Where an entity lives in the database.
 *
 * @param entity    the entity name shared by all systems, for example {@code product}
 * @param table     its table
 * @param key       the table's primary key column: the record's id
 * @param uniqueKey the column that identifies a record across systems, or null
 * @param keyMatch  how the unique key's values compare
 */
record TableMapping(String entity, String table, String key, String uniqueKey, KeyMatch keyMatch) {

	TableMapping(String entity, String table, String key, String uniqueKey) {
		this(entity, table, key, uniqueKey, KeyMatch.EXACT);
	}
}
