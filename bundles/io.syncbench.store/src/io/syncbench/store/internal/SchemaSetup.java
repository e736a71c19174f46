package io.syncbench.store.internal;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.eclipse.osgi.util.NLS;
import org.eclipse.persistence.descriptors.ClassDescriptor;
import org.eclipse.persistence.jpa.JpaHelper;
import org.eclipse.persistence.sessions.server.Server;
import org.eclipse.persistence.tools.schemaframework.SchemaManager;

import jakarta.persistence.EntityManagerFactory;

/**
 * Creates the store's schema on a new database and migrates an older one, step by step, recording
 * each step in {@value #VERSION_TABLE}. A database written by a newer SyncBench is refused rather than
 * misread. On PostgreSQL, where several processes may open the store at the same moment, an advisory
 * lock lets one of them set the schema up while the others wait.
 *
 * <p>A new database gets the current mapping's tables from EclipseLink in one go. EclipseLink's own
 * create-or-extend mode is not used at every start: it re-issues sequence and constraint DDL each time
 * and logs each refusal as a warning.
 */
final class SchemaSetup {

	static final String VERSION_TABLE = "SB_SCHEMA_VERSION"; //$NON-NLS-1$

	/** PostgreSQL advisory lock key of the schema setup: "SyBe" in ASCII. */
	private static final long SETUP_LOCK = 0x53_79_42_65L;

	/** Without them, a million-row company's first page was a sort of the million rows (20 s on Derby). */
	static final String STATUS_BY_COMPANY = "SB_STATUS_BY_COMPANY"; //$NON-NLS-1$
	static final String STATUS_BY_COMPANY_STATE = "SB_STATUS_BY_COMPANY_STATE"; //$NON-NLS-1$

	private static final Pattern CREATE_TABLE = Pattern.compile("CREATE TABLE (\\w+)", Pattern.CASE_INSENSITIVE); //$NON-NLS-1$
	private static final Pattern ADD_COLUMN = Pattern.compile("ALTER TABLE (\\w+) ADD COLUMN (\\w+)", //$NON-NLS-1$
			Pattern.CASE_INSENSITIVE);
	private static final Pattern CREATE_INDEX = Pattern.compile("CREATE (?:UNIQUE )?INDEX (\\w+) ON (\\w+)", //$NON-NLS-1$
			Pattern.CASE_INSENSITIVE);
	private static final Pattern DROP_INDEX = Pattern.compile("DROP INDEX (\\w+)", Pattern.CASE_INSENSITIVE); //$NON-NLS-1$

	/** One step from the previous schema version to {@code version}, in one transaction. */
	record Migration(int version, String description, List<String> statements) {
	}

	/**
	 * The steps after version 1 (SyncBench 0.1's tables), oldest first. A step that changes a mapped
	 * table comes with the entity change that needs it; its statements must run on Derby and PostgreSQL.
	 */
	static final List<Migration> MIGRATIONS = List.of(new Migration(2,
			"the status view reads a company's rows in id order from an index", //$NON-NLS-1$
			List.of("CREATE INDEX " + STATUS_BY_COMPANY + " ON SB_SYNC_STATUS (COMPANY_ID, ID)", //$NON-NLS-1$ //$NON-NLS-2$
					"CREATE INDEX " + STATUS_BY_COMPANY_STATE + " ON SB_SYNC_STATUS (COMPANY_ID, STATE, ID)")), //$NON-NLS-1$ //$NON-NLS-2$
			new Migration(3, "a write is announced before it is sent, so that a crash leaves no false conflict", //$NON-NLS-1$
					List.of("ALTER TABLE SB_SYNC_STATUS ADD COLUMN WRITING VARCHAR(64)")), //$NON-NLS-1$
			new Migration(4, "values, settings and mappings kept as JSON get room beyond 255 characters", //$NON-NLS-1$
					List.of(widen("SB_SYNC_STATUS", "LAST_SYNCED"), widen("SB_SYNC_STATUS", "CONFLICT_VALUES"), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
							widen("SB_RUN", "COUNTS"), widen("SB_ENTITY_SETTINGS", "FIELD_MAPPINGS"), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
							widen("SB_ENTITY_SETTINGS", "RECORD_FILTER"), widen("SB_CONNECTED_SYSTEM", "SETTINGS"))), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
			new Migration(5, "a complete update keeps its progress, so a restart goes on where it stopped", //$NON-NLS-1$
					List.of("CREATE TABLE SB_RESEND_PROGRESS (ID BIGINT NOT NULL PRIMARY KEY, COMPANY_ID BIGINT NOT NULL," //$NON-NLS-1$
							+ " SYSTEM_NAME VARCHAR(80) NOT NULL, ENTITY VARCHAR(80) NOT NULL, POSITION VARCHAR(1000))", //$NON-NLS-1$
							"CREATE UNIQUE INDEX SB_RESEND_BY_SCOPE ON SB_RESEND_PROGRESS (COMPANY_ID, SYSTEM_NAME, ENTITY)")), //$NON-NLS-1$
			new Migration(6, "work is leased per entity and system, and a page's writes are announced in one row", //$NON-NLS-1$
					List.of("CREATE TABLE SB_WORK_LEASE (ID BIGINT NOT NULL PRIMARY KEY, COMPANY_ID BIGINT NOT NULL," //$NON-NLS-1$
							+ " SYSTEM_NAME VARCHAR(80) NOT NULL, ENTITY VARCHAR(80) NOT NULL, OWNER VARCHAR(200), EXPIRY TIMESTAMP)", //$NON-NLS-1$
							"CREATE UNIQUE INDEX SB_WORK_LEASE_BY_SCOPE ON SB_WORK_LEASE (COMPANY_ID, SYSTEM_NAME, ENTITY)", //$NON-NLS-1$
							"CREATE TABLE SB_PAGE_INTENT (ID BIGINT NOT NULL PRIMARY KEY, COMPANY_ID BIGINT NOT NULL," //$NON-NLS-1$
									+ " SYSTEM_NAME VARCHAR(80) NOT NULL, ENTITY VARCHAR(80) NOT NULL, OWNER VARCHAR(200) NOT NULL," //$NON-NLS-1$
									+ " CREATED_AT TIMESTAMP NOT NULL, DIGESTS VARCHAR(32672), CREATES INTEGER NOT NULL)", //$NON-NLS-1$
							"CREATE INDEX SB_PAGE_INTENT_BY_SCOPE ON SB_PAGE_INTENT (COMPANY_ID, SYSTEM_NAME, ENTITY)")), //$NON-NLS-1$
			new Migration(7, "a conflict holds back only the records it concerns, unless the company holds its runs", //$NON-NLS-1$
					List.of("ALTER TABLE SB_COMPANY ADD COLUMN HOLD_RUNS_ON_CONFLICT BOOLEAN DEFAULT FALSE NOT NULL")), //$NON-NLS-1$
			new Migration(8, "a status row is written with one index fewer: the company's index by state serves its queries", //$NON-NLS-1$
					List.of("DROP INDEX SB_STATUS_BY_STATE")), //$NON-NLS-1$
			new Migration(9, "a status row keeps its record's key (a SKU, an email), which the operator finds it by", //$NON-NLS-1$
					List.of("ALTER TABLE SB_SYNC_STATUS ADD COLUMN DISPLAY_KEY VARCHAR(255)")), //$NON-NLS-1$
			new Migration(10, "headless services on one store share its companies through a lease per company", //$NON-NLS-1$
					List.of("CREATE TABLE SB_COMPANY_LEASE (ID BIGINT NOT NULL PRIMARY KEY, COMPANY_ID BIGINT NOT NULL," //$NON-NLS-1$
							+ " OWNER VARCHAR(200), EXPIRY TIMESTAMP, REQUESTED_BY VARCHAR(200))", //$NON-NLS-1$
							"CREATE UNIQUE INDEX SB_COMPANY_LEASE_BY_COMPANY ON SB_COMPANY_LEASE (COMPANY_ID)")), //$NON-NLS-1$
			new Migration(11, "a status row is found by its record's id through an index that starts with the id", //$NON-NLS-1$
					List.of("DROP INDEX SB_STATUS_BY_LOCAL", "DROP INDEX SB_STATUS_BY_EXTERNAL", //$NON-NLS-1$ //$NON-NLS-2$
							"CREATE UNIQUE INDEX SB_STATUS_BY_LOCAL ON SB_SYNC_STATUS (LOCAL_KEY, COMPANY_ID, SYSTEM_NAME, ENTITY)", //$NON-NLS-1$
							"CREATE UNIQUE INDEX SB_STATUS_BY_EXTERNAL ON SB_SYNC_STATUS (EXTERNAL_KEY, COMPANY_ID, SYSTEM_NAME, ENTITY)")), //$NON-NLS-1$
			new Migration(12, "the store has an identity of its own, which its companies' secrets are kept under", //$NON-NLS-1$
					List.of("CREATE TABLE SB_STORE_IDENTITY (SINGLETON INTEGER NOT NULL PRIMARY KEY, STORE_ID VARCHAR(36) NOT NULL)"))); //$NON-NLS-1$

	/**
	 * The length of the columns that keep field values, settings and mappings as JSON: Derby's longest
	 * VARCHAR. (Until schema step 4 they were VARCHAR(255): an attribute converter made the mapping drop
	 * its {@code @Lob}.)
	 */
	static final int JSON_LENGTH = 32672;

	/** Derby and PostgreSQL both take the standard's form for a longer VARCHAR. */
	private static String widen(String table, String column) {
		return "ALTER TABLE " + table + " ALTER COLUMN " + column + " SET DATA TYPE VARCHAR(" + JSON_LENGTH + ")"; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
	}

	private SchemaSetup() {
	}

	/** The version a database set up by this SyncBench has. */
	static int currentVersion(List<Migration> migrations) {
		return migrations.isEmpty() ? 1 : migrations.get(migrations.size() - 1).version();
	}

	/**
	 * @throws SchemaTooNewException when the database was set up by a newer SyncBench
	 */
	static void ensure(EntityManagerFactory factory, DataSource dataSource, List<Migration> migrations)
			throws SQLException {
		try (Connection lock = dataSource.getConnection()) {
			boolean postgres = lock.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres"); //$NON-NLS-1$
			if (postgres) {
				execute(lock, "SELECT pg_advisory_lock(" + SETUP_LOCK + ")"); //$NON-NLS-1$ //$NON-NLS-2$
			}
			try {
				setUp(factory, dataSource, migrations);
			} finally {
				if (postgres) {
					execute(lock, "SELECT pg_advisory_unlock(" + SETUP_LOCK + ")"); //$NON-NLS-1$ //$NON-NLS-2$
				}
			}
		}
	}

	private static void setUp(EntityManagerFactory factory, DataSource dataSource, List<Migration> migrations)
			throws SQLException {
		Server session = JpaHelper.getServerSession(factory);
		Set<String> wanted = mappedTables(session);
		Set<String> existing = existingTables(dataSource);
		int current = currentVersion(migrations);
		if (!existing.contains(VERSION_TABLE)) {
			if (wanted.stream().noneMatch(existing::contains)) {
				new SchemaManager(session).createDefaultTables(true);
				createVersionTable(dataSource, current, "created"); //$NON-NLS-1$
				return;
			}
			// Tables from before versioning, or from a first start that stopped half-way: complete them as
			// version 1 and go on from there.
			new SchemaManager(session).extendDefaultTables(true);
			createVersionTable(dataSource, 1, "existing tables adopted as version 1"); //$NON-NLS-1$
		}
		int found = version(dataSource);
		if (found > current) {
			throw new SchemaTooNewException(NLS.bind(Messages.Store_schemaTooNew, found, current));
		}
		for (Migration migration : migrations) {
			if (migration.version() > found) {
				apply(dataSource, migration);
			}
		}
	}

	private static Set<String> mappedTables(Server session) {
		Set<String> tables = new TreeSet<>();
		for (ClassDescriptor descriptor : session.getDescriptors().values()) {
			if (!descriptor.isAggregateDescriptor() && descriptor.getTableName() != null) {
				tables.add(descriptor.getTableName().toUpperCase(Locale.ROOT));
			}
		}
		return tables;
	}

	private static void createVersionTable(DataSource dataSource, int version, String description)
			throws SQLException {
		try (Connection connection = dataSource.getConnection()) {
			connection.setAutoCommit(false);
			execute(connection, "CREATE TABLE " + VERSION_TABLE //$NON-NLS-1$
					+ " (SCHEMA_VERSION INTEGER NOT NULL PRIMARY KEY, DESCRIPTION VARCHAR(200) NOT NULL, APPLIED_AT TIMESTAMP NOT NULL)"); //$NON-NLS-1$
			record(connection, version, description);
			connection.commit();
		}
	}

	static int version(DataSource dataSource) throws SQLException {
		try (Connection connection = dataSource.getConnection();
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT MAX(SCHEMA_VERSION) FROM " + VERSION_TABLE)) { //$NON-NLS-1$
			result.next();
			return result.getInt(1);
		}
	}

	/** A step and its record commit together: a crash mid-step leaves the previous version, whole. */
	private static void apply(DataSource dataSource, Migration migration) throws SQLException {
		try (Connection connection = dataSource.getConnection()) {
			connection.setAutoCommit(false);
			try {
				for (String statement : migration.statements()) {
					if (!createsAnIndexThatExists(connection, statement) && !addsAColumnThatExists(connection, statement)
							&& !createsATableThatExists(connection, statement) && !dropsAnIndexThatIsGone(connection, statement)) {
						execute(connection, statement);
					}
				}
				record(connection, migration.version(), migration.description());
				connection.commit();
			} catch (SQLException e) {
				connection.rollback();
				throw e;
			}
		}
	}

	/**
	 * Tables adopted from before versioning, or made from the mappings, may have a step's index already;
	 * creating it again would fail the step, so it is left as it is.
	 */
	private static boolean createsAnIndexThatExists(Connection connection, String statement) throws SQLException {
		Matcher index = CREATE_INDEX.matcher(statement);
		if (!index.lookingAt()) {
			return false;
		}
		String name = index.group(1).toUpperCase(Locale.ROOT);
		String table = index.group(2).toUpperCase(Locale.ROOT);
		DatabaseMetaData metaData = connection.getMetaData();
		for (String tableName : List.of(table, table.toLowerCase(Locale.ROOT))) { // PostgreSQL folds names to lower case
			try (ResultSet indexes = metaData.getIndexInfo(null, connection.getSchema(), tableName, false, true)) {
				while (indexes.next()) {
					if (name.equalsIgnoreCase(indexes.getString("INDEX_NAME"))) { //$NON-NLS-1$
						return true;
					}
				}
			}
		}
		return false;
	}

	/**
	 * An index that a database set up from the mappings never had is not there to drop. Looked for on the
	 * status table: the only one a step drops an index from.
	 */
	private static boolean dropsAnIndexThatIsGone(Connection connection, String statement) throws SQLException {
		Matcher index = DROP_INDEX.matcher(statement);
		if (!index.lookingAt()) {
			return false;
		}
		String name = index.group(1);
		DatabaseMetaData metaData = connection.getMetaData();
		for (String table : List.of("SB_SYNC_STATUS", "sb_sync_status")) { //$NON-NLS-1$ //$NON-NLS-2$
			try (ResultSet indexes = metaData.getIndexInfo(null, connection.getSchema(), table, false, true)) {
				while (indexes.next()) {
					if (name.equalsIgnoreCase(indexes.getString("INDEX_NAME"))) { //$NON-NLS-1$
						return false;
					}
				}
			}
		}
		return true;
	}

	/** Tables adopted from before versioning were completed from the mappings, a step's new table with them. */
	private static boolean createsATableThatExists(Connection connection, String statement) throws SQLException {
		Matcher table = CREATE_TABLE.matcher(statement);
		if (!table.lookingAt()) {
			return false;
		}
		DatabaseMetaData metaData = connection.getMetaData();
		for (String name : List.of(table.group(1).toUpperCase(Locale.ROOT), table.group(1).toLowerCase(Locale.ROOT))) {
			try (ResultSet tables = metaData.getTables(null, connection.getSchema(), name, null)) {
				if (tables.next()) {
					return true;
				}
			}
		}
		return false;
	}

	/** Tables adopted from before versioning got the step's column from the mappings already. */
	private static boolean addsAColumnThatExists(Connection connection, String statement) throws SQLException {
		Matcher column = ADD_COLUMN.matcher(statement);
		if (!column.lookingAt()) {
			return false;
		}
		DatabaseMetaData metaData = connection.getMetaData();
		for (String table : List.of(column.group(1).toUpperCase(Locale.ROOT), column.group(1).toLowerCase(Locale.ROOT))) {
			try (ResultSet columns = metaData.getColumns(null, connection.getSchema(), table, null)) {
				while (columns.next()) {
					if (column.group(2).equalsIgnoreCase(columns.getString("COLUMN_NAME"))) { //$NON-NLS-1$
						return true;
					}
				}
			}
		}
		return false;
	}

	private static void record(Connection connection, int version, String description) throws SQLException {
		try (PreparedStatement insert = connection.prepareStatement(
				"INSERT INTO " + VERSION_TABLE + " (SCHEMA_VERSION, DESCRIPTION, APPLIED_AT) VALUES (?, ?, ?)")) { //$NON-NLS-1$ //$NON-NLS-2$
			insert.setInt(1, version);
			insert.setString(2, description);
			insert.setTimestamp(3, Timestamp.from(Instant.now()));
			insert.executeUpdate();
		}
	}

	private static void execute(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static Set<String> existingTables(DataSource dataSource) throws SQLException {
		Set<String> tables = new HashSet<>();
		try (Connection connection = dataSource.getConnection()) {
			DatabaseMetaData metadata = connection.getMetaData();
			try (ResultSet found = metadata.getTables(null, connection.getSchema(), "%", new String[] { "TABLE" })) { //$NON-NLS-1$ //$NON-NLS-2$
				while (found.next()) {
					tables.add(found.getString("TABLE_NAME").toUpperCase(Locale.ROOT)); //$NON-NLS-1$
				}
			}
		}
		return tables;
	}

	/** The database's schema is newer than this SyncBench knows; the message says what to do. */
	static final class SchemaTooNewException extends SQLException {

		private static final long serialVersionUID = 1L;

		SchemaTooNewException(String message) {
			super(message);
		}
	}
}
