package io.syncbench.connector.jdbc.internal;

/**
 * Where an entity lives in the database.
 *
 * @param entity    the entity name shared by all systems, for example {@code product}
 * @param table     its table
 * @param key       the table's primary key column: the record's id
 * @param uniqueKey the column that identifies a record across systems, or null
 */
record TableMapping(String entity, String table, String key, String uniqueKey) {
}
