package io.syncbench.connector.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.syncbench.connector.ConnectorException;

/**
 * The tables read from a database's metadata, kept from one session to the next while the database's
 * catalog says they are unchanged. Reading them costs a session on PostgreSQL 30 to 60 ms a table, and
 * every run opens sessions; a fingerprint of the catalog rows that the schema comes from costs one
 * query. Taken before the metadata is read, so that a change made meanwhile makes the next session
 * read again. A database whose dialect has no fingerprint is read each time.
 */
final class SchemaCache {

	/** What the tables depend on besides the catalog: where they are and how the settings map them. */
	private record Key(String url, String user, String schema, List<String> entities, Map<String, TableMapping> mappings) {
	}

	private record Entry(String fingerprint, Map<String, TableInfo> tables) {
	}

	private final Map<Key, Entry> read = new ConcurrentHashMap<>();

	Map<String, TableInfo> tables(Connection connection, Dialect dialect, JdbcSettings settings)
			throws SQLException, ConnectorException {
		String schema = connection.getSchema();
		List<String> tableNames = settings.mappings().values().stream().map(mapping -> dialect.fold(mapping.table()))
				.distinct().toList();
		Optional<String> fingerprint = dialect.catalogFingerprint(connection, schema, tableNames);
		if (fingerprint.isEmpty()) {
			return SchemaReader.read(connection, dialect, settings);
		}
		Key key = new Key(settings.url(), settings.user(), schema, settings.entities(), settings.mappings());
		Entry known = read.get(key);
		if (known != null && known.fingerprint().equals(fingerprint.get())) {
			return known.tables();
		}
		// Shared by the sessions of every thread from now on: read-only, in the settings' order.
		Map<String, TableInfo> tables = Collections.unmodifiableMap(SchemaReader.read(connection, dialect, settings));
		read.put(key, new Entry(fingerprint.get(), tables));
		return tables;
	}
}
