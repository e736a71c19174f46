package io.syncbench.connector.jdbc.internal;

import java.sql.Array;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * What differs between the databases SyncBench speaks to: the driver, how identifiers are folded, the
 * change log's definition and the capture triggers.
 */
enum Dialect {

	/** Apache Derby, embedded ({@code jdbc:derby:path}) or network ({@code jdbc:derby://host/db}). */
	DERBY {
		@Override
		Driver driver(String url) {
			return url.startsWith("jdbc:derby://") ? new org.apache.derby.jdbc.ClientDriver() //$NON-NLS-1$
					: new org.apache.derby.jdbc.EmbeddedDriver();
		}

		@Override
		String fold(String identifier) {
			return identifier.toUpperCase(Locale.ROOT);
		}

		@Override
		String changeLogTable(String table) {
			return "CREATE TABLE " + table + " (ID BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, " //$NON-NLS-1$ //$NON-NLS-2$
					+ "ENTITY_NAME VARCHAR(64) NOT NULL, ROW_KEY VARCHAR(200) NOT NULL, OPERATION CHAR(1) NOT NULL, " //$NON-NLS-1$
					+ "CHANGED_AT TIMESTAMP DEFAULT CURRENT_TIMESTAMP)"; //$NON-NLS-1$
		}

		/**
		 * Derby keeps the plan it made for a statement while the table was small: an {@code IN} list of a
		 * page of keys stays a scan of the whole table once it has grown.
		 */
		@Override
		boolean indexedInLists() {
			return false;
		}

		/** Derby readers wait for uncommitted log rows (row locks), so every row they see is final. */
		@Override
		String committedBefore() {
			return ""; //$NON-NLS-1$
		}

		@Override
		List<String> captureTriggers(TableMapping mapping, String changeLog, boolean numericKey) {
			String trigger = triggerName(mapping);
			return List.of(
					captureTrigger(trigger + "_I", "INSERT", "NEW AS CHANGED_ROW", mapping, changeLog, numericKey, "I"), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
					captureTrigger(trigger + "_U", "UPDATE", "NEW AS CHANGED_ROW", mapping, changeLog, numericKey, "U"), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
					captureTrigger(trigger + "_D", "DELETE", "OLD AS CHANGED_ROW", mapping, changeLog, numericKey, "D")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
		}

		private String captureTrigger(String name, String event, String referencing, TableMapping mapping,
				String changeLog, boolean numericKey, String operation) {
			String key = numericKey ? "TRIM(CHAR(CHANGED_ROW." + mapping.key() + "))" : "CHANGED_ROW." + mapping.key(); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			return "CREATE TRIGGER " + name + " AFTER " + event + " ON " + mapping.table() + " REFERENCING " //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
					+ referencing + " FOR EACH ROW INSERT INTO " + changeLog //$NON-NLS-1$
					+ " (ENTITY_NAME, ROW_KEY, OPERATION) VALUES ('" + mapping.entity() + "', " + key + ", '" + operation //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
					+ "')"; //$NON-NLS-1$
		}

		@Override
		List<String> dropTriggers(TableMapping mapping) {
			String trigger = triggerName(mapping);
			return List.of("DROP TRIGGER " + trigger + "_I", "DROP TRIGGER " + trigger + "_U", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
					"DROP TRIGGER " + trigger + "_D"); //$NON-NLS-1$ //$NON-NLS-2$
		}

		@Override
		String triggerExists() {
			// In this schema: another schema's trigger of the same name captures another database's changes.
			return "SELECT COUNT(*) FROM SYS.SYSTRIGGERS T JOIN SYS.SYSSCHEMAS S ON T.SCHEMAID = S.SCHEMAID" //$NON-NLS-1$
					+ " WHERE T.TRIGGERNAME = ? AND S.SCHEMANAME = CURRENT SCHEMA"; //$NON-NLS-1$
		}

		@Override
		List<String> triggerNames(TableMapping mapping) {
			String trigger = triggerName(mapping);
			return List.of(trigger + "_I", trigger + "_U", trigger + "_D"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		}

		@Override
		PreparedStatement prepareInsert(Connection connection, String sql, String keyColumn) throws SQLException {
			return connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS);
		}
	},

	/** PostgreSQL. */
	POSTGRES {
		@Override
		Driver driver(String url) {
			return new org.postgresql.Driver();
		}

		@Override
		String fold(String identifier) {
			return identifier.toLowerCase(Locale.ROOT);
		}

		/**
		 * The transaction id goes with each log row: a change committed late may have a smaller log id
		 * than one already read, and readers must not step over it (see {@link #committedBefore()}).
		 */
		@Override
		String changeLogTable(String table) {
			return "CREATE TABLE " + table + " (ID BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, " //$NON-NLS-1$ //$NON-NLS-2$
					+ "ENTITY_NAME VARCHAR(64) NOT NULL, ROW_KEY VARCHAR(200) NOT NULL, OPERATION CHAR(1) NOT NULL, " //$NON-NLS-1$
					+ "CHANGED_AT TIMESTAMP DEFAULT CURRENT_TIMESTAMP, TX_ID BIGINT NOT NULL DEFAULT txid_current())"; //$NON-NLS-1$
		}

		/**
		 * The catalog rows the metadata of the tables comes from: each column's name, number, type, length,
		 * nullability, default and generation, and each constraint (foreign keys), with the tables' oids, so
		 * that a table dropped and made again counts as changed. Needs PostgreSQL 12 or later.
		 */
		@Override
		Optional<String> catalogFingerprint(Connection connection, String schema, List<String> tables) throws SQLException {
			String sql = "SELECT md5(COALESCE(string_agg(f, '|' ORDER BY f), '')) FROM (" //$NON-NLS-1$
					+ "SELECT concat_ws(':', c.oid, a.attnum, a.attname, a.atttypid, a.atttypmod, a.attnotnull, a.attisdropped," //$NON-NLS-1$
					+ " a.attidentity, a.attgenerated, pg_get_expr(d.adbin, d.adrelid)) AS f" //$NON-NLS-1$
					+ " FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid" //$NON-NLS-1$
					+ " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace" //$NON-NLS-1$
					+ " LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum" //$NON-NLS-1$
					+ " WHERE n.nspname = ? AND c.relname = ANY (?) AND a.attnum > 0" //$NON-NLS-1$
					+ " UNION ALL SELECT concat_ws(':', k.oid, k.conrelid, k.contype, k.conkey, k.confrelid, k.confkey)" //$NON-NLS-1$
					+ " FROM pg_catalog.pg_constraint k JOIN pg_catalog.pg_class c ON c.oid = k.conrelid" //$NON-NLS-1$
					+ " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace" //$NON-NLS-1$
					+ " WHERE n.nspname = ? AND c.relname = ANY (?)) rows"; //$NON-NLS-1$
			try (PreparedStatement query = connection.prepareStatement(sql)) {
				Array names = connection.createArrayOf("text", tables.toArray()); //$NON-NLS-1$
				query.setString(1, schema);
				query.setArray(2, names);
				query.setString(3, schema);
				query.setArray(4, names);
				try (ResultSet result = query.executeQuery()) {
					result.next();
					return Optional.of(result.getString(1));
				}
			}
		}

		/**
		 * Only rows of transactions older than every transaction still running: their log ids are final,
		 * and no later commit can slip in below them.
		 */
		@Override
		String committedBefore() {
			return " AND TX_ID < txid_snapshot_xmin(txid_current_snapshot())"; //$NON-NLS-1$
		}

		@Override
		List<String> captureTriggers(TableMapping mapping, String changeLog, boolean numericKey) {
			String name = triggerName(mapping);
			String function = "CREATE OR REPLACE FUNCTION " + name + "() RETURNS trigger LANGUAGE plpgsql AS $$\n" //$NON-NLS-1$ //$NON-NLS-2$
					+ "BEGIN\n" //$NON-NLS-1$
					+ "  IF TG_OP = 'DELETE' THEN\n" //$NON-NLS-1$
					+ "    INSERT INTO " + changeLog + " (ENTITY_NAME, ROW_KEY, OPERATION) VALUES ('" + mapping.entity() //$NON-NLS-1$ //$NON-NLS-2$
					+ "', OLD." + mapping.key() + "::text, 'D');\n" //$NON-NLS-1$ //$NON-NLS-2$
					+ "    RETURN OLD;\n" //$NON-NLS-1$
					+ "  END IF;\n" //$NON-NLS-1$
					+ "  INSERT INTO " + changeLog + " (ENTITY_NAME, ROW_KEY, OPERATION) VALUES ('" + mapping.entity() //$NON-NLS-1$ //$NON-NLS-2$
					+ "', NEW." + mapping.key() + "::text, substr(TG_OP, 1, 1));\n" //$NON-NLS-1$ //$NON-NLS-2$
					+ "  RETURN NEW;\n" //$NON-NLS-1$
					+ "END $$"; //$NON-NLS-1$
			String trigger = "CREATE TRIGGER " + name + " AFTER INSERT OR UPDATE OR DELETE ON " + mapping.table() //$NON-NLS-1$ //$NON-NLS-2$
					+ " FOR EACH ROW EXECUTE FUNCTION " + name + "()"; //$NON-NLS-1$ //$NON-NLS-2$
			return List.of(function, trigger);
		}

		@Override
		List<String> dropTriggers(TableMapping mapping) {
			String name = triggerName(mapping);
			return List.of("DROP TRIGGER IF EXISTS " + name + " ON " + mapping.table(), //$NON-NLS-1$ //$NON-NLS-2$
					"DROP FUNCTION IF EXISTS " + name + "()"); //$NON-NLS-1$ //$NON-NLS-2$
		}

		@Override
		String triggerExists() {
			// In this schema: one server often holds a company database per schema, each with its own triggers.
			return "SELECT COUNT(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid" //$NON-NLS-1$
					+ " JOIN pg_namespace n ON n.oid = c.relnamespace" //$NON-NLS-1$
					+ " WHERE NOT t.tgisinternal AND t.tgname = ? AND n.nspname = current_schema()"; //$NON-NLS-1$
		}

		@Override
		List<String> triggerNames(TableMapping mapping) {
			return List.of(fold(triggerName(mapping)));
		}

		@Override
		PreparedStatement prepareInsert(Connection connection, String sql, String keyColumn) throws SQLException {
			return connection.prepareStatement(sql, new String[] { fold(keyColumn) });
		}
	};

	static Dialect of(String url) {
		if (url.startsWith("jdbc:derby:")) { //$NON-NLS-1$
			return DERBY;
		}
		if (url.startsWith("jdbc:postgresql:")) { //$NON-NLS-1$
			return POSTGRES;
		}
		throw new IllegalArgumentException(org.eclipse.osgi.util.NLS.bind(Messages.Settings_url, url));
	}

	static String triggerName(TableMapping mapping) {
		return "SB_CAPTURE_" + mapping.entity().toUpperCase(Locale.ROOT); //$NON-NLS-1$
	}

	Connection connect(String url, String user, char[] password) throws SQLException {
		Properties properties = new Properties();
		if (user != null) {
			properties.setProperty("user", user); //$NON-NLS-1$
		}
		if (password != null && password.length > 0) {
			properties.setProperty("password", new String(password)); //$NON-NLS-1$
		}
		if (this == POSTGRES) {
			// The driver keeps a statement's plan once it ran five times, made while the table was small: a
			// lookup of a page of keys became a scan of the whole table as it grew. A plan for each run
			// costs a little parsing; a URL that sets options of its own keeps them.
			properties.setProperty("options", "-c plan_cache_mode=force_custom_plan"); //$NON-NLS-1$ //$NON-NLS-2$
		}
		Connection connection = driver(url).connect(url, properties);
		if (connection == null) {
			throw new SQLException(org.eclipse.osgi.util.NLS.bind(Messages.Settings_url, url), "08001"); //$NON-NLS-1$
		}
		return connection;
	}

	abstract Driver driver(String url);

	/**
	 * Whether one INSERT of many rows answers each of them with RETURNING, its generated key drawn in the
	 * order of the VALUES. PostgreSQL does; Derby answers the last generated key only, so there each
	 * insert goes on its own (in-process, it costs no round trip).
	 */
	boolean insertsManyRows() {
		return this == POSTGRES;
	}

	/**
	 * A fingerprint of the catalog rows that the tables' metadata is read from, which changes whenever
	 * their columns or constraints do ({@link SchemaCache}); empty where the metadata is cheap to read
	 * anyway (Derby runs in this process) or no such rows are known.
	 */
	Optional<String> catalogFingerprint(Connection connection, String schema, List<String> tables) throws SQLException {
		return Optional.empty();
	}

	/** Whether a column {@code IN} a list of values is answered through the column's index. */
	boolean indexedInLists() {
		return true;
	}

	/**
	 * Runs a batch of statements by key with one plan for all of them, for the rest of the batch's
	 * transaction or until {@link #planEachRun}: on PostgreSQL the connections otherwise plan each
	 * statement for its run (see {@link #connect}), a plan a row for a page of updates. Derby keeps one
	 * plan anyway.
	 */
	void planOnce(Connection connection) throws SQLException {
		setLocalOnPostgres(connection, "plan_cache_mode = force_generic_plan"); //$NON-NLS-1$
	}

	/**
	 * Has the rest of the transaction look keys up through their index: a lookup of a page of keys
	 * probes it a thousand times in 1 to 4 ms, but PostgreSQL costs each probe as a read from disk and
	 * scanned a table of 100,000 rows for each page instead, 10 ms and growing with the table. A column
	 * without an index is still scanned. Derby answers an {@code IN} list otherwise anyway (see
	 * {@link #indexedInLists}).
	 */
	void probeIndexes(Connection connection) throws SQLException {
		setLocalOnPostgres(connection, "enable_seqscan = off"); //$NON-NLS-1$
	}

	/** Back to the connection's own planning after {@link #planOnce}. */
	void planEachRun(Connection connection) throws SQLException {
		setLocalOnPostgres(connection, "plan_cache_mode TO DEFAULT"); //$NON-NLS-1$
	}

	/** Sets a PostgreSQL setting for the rest of the transaction; other databases have none of these. */
	private void setLocalOnPostgres(Connection connection, String setting) throws SQLException {
		if (this == POSTGRES) {
			try (Statement statement = connection.createStatement()) {
				statement.execute("SET LOCAL " + setting); //$NON-NLS-1$
			}
		}
	}

	/** The name the database stores an unquoted identifier under. */
	abstract String fold(String identifier);

	abstract String changeLogTable(String table);

	/** A condition (starting with AND) on change log rows that only committed, final rows meet. */
	abstract String committedBefore();

	abstract List<String> captureTriggers(TableMapping mapping, String changeLog, boolean numericKey);

	abstract List<String> dropTriggers(TableMapping mapping);

	/** A query counting the triggers named by its one parameter. */
	abstract String triggerExists();

	/** The capture triggers of an entity, as the database names them. */
	abstract List<String> triggerNames(TableMapping mapping);

	/** An INSERT that returns the generated key. */
	abstract PreparedStatement prepareInsert(Connection connection, String sql, String keyColumn) throws SQLException;
}
