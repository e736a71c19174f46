package io.syncbench.store.internal;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.osgi.util.NLS;
import org.eclipse.persistence.sessions.Session;
import org.postgresql.PGConnection;

import io.syncbench.store.StatusScope;
import io.syncbench.store.StoreException;
import io.syncbench.store.SyncOutcome;
import io.syncbench.store.SyncStatus;
import io.syncbench.store.SyncStatusService.RecordEnd;
import jakarta.persistence.EntityManager;

/**
 * The rows of a page's records that succeeded, written with two JDBC batches in the page's
 * transaction: inserts for the records new to the store, updates for the others. A success overwrites
 * all that a row says about its last outcome, so no row is read first; JPA's change tracking of a
 * thousand entities cost more than the database's writes. The rows are those
 * {@link SyncStatusEntity#succeeded} would leave; the new rows' ids come from JPA's own allocation.
 */
final class SucceededRows {

	/** The columns a row is written with, in the order of {@link #values}. */
	private static final String COLUMNS = "LOCAL_ID, LOCAL_KEY, EXTERNAL_ID, EXTERNAL_KEY, LOCAL_STAMP, EXTERNAL_STAMP," //$NON-NLS-1$
			+ " STATE, UPDATED_AT, LAST_SYNCED, CONFLICT_VALUES, DISPLAY_KEY, PENDING, ATTEMPTS, ID, COMPANY_ID, SYSTEM_NAME," //$NON-NLS-1$
			+ " ENTITY"; //$NON-NLS-1$
	private static final String INSERT = "INSERT INTO SB_SYNC_STATUS (" + COLUMNS //$NON-NLS-1$
			+ ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"; //$NON-NLS-1$
	private static final String COPY = "COPY SB_SYNC_STATUS (" + COLUMNS + ") FROM STDIN"; //$NON-NLS-1$ //$NON-NLS-2$
	private static final String UPDATE = "UPDATE SB_SYNC_STATUS SET LOCAL_ID = ?, LOCAL_KEY = ?, EXTERNAL_ID = ?," //$NON-NLS-1$
			+ " EXTERNAL_KEY = ?, LOCAL_STAMP = ?, EXTERNAL_STAMP = ?, STATE = ?, UPDATED_AT = ?, LAST_SYNCED = ?," //$NON-NLS-1$
			+ " CONFLICT_VALUES = ?, DISPLAY_KEY = COALESCE(?, DISPLAY_KEY), PENDING = ?, ATTEMPTS = ?, ERROR_FIELD = NULL," //$NON-NLS-1$
			+ " ERROR_MESSAGE = NULL, WRITING = NULL, LEASE_OWNER = NULL, LEASE_EXPIRY = NULL" //$NON-NLS-1$
			+ " WHERE ID = ? AND COMPANY_ID = ? AND SYSTEM_NAME = ? AND ENTITY = ?"; //$NON-NLS-1$

	private static final ReviewValuesConverter REVIEW_VALUES = new ReviewValuesConverter();

	private final EntityManager em;
	private final StatusScope scope;
	private final Instant now;
	private final boolean postgresql;
	private final List<Row> inserts = new ArrayList<>();
	private final List<Row> updates = new ArrayList<>();

	/** One record's row as it is written, and its place in the page. */
	private record Row(int index, SyncStatus status, String lastSyncedJson, String conflictValuesJson) {
	}

	SucceededRows(EntityManager em, StatusScope scope, Instant now, boolean postgresql) {
		this.em = em;
		this.scope = scope;
		this.now = now;
		this.postgresql = postgresql;
	}

	/** Adds the record at {@code index} of the page; a new row gets its id now. */
	void add(int index, RecordEnd record) {
		SyncOutcome outcome = record.outcome();
		long id = record.statusId() != 0 ? record.statusId()
				: em.unwrap(Session.class).getNextSequenceNumberValue(SyncStatusEntity.class).longValue();
		ReviewValuesConverter.Stored synced = REVIEW_VALUES.stored(SyncStatusEntity.withoutEmpty(outcome.synced()));
		ReviewValuesConverter.Stored conflict = REVIEW_VALUES.stored(SyncStatusEntity.withoutEmpty(outcome.conflictValues()));
		SyncStatus status = new SyncStatus(id, scope, outcome.localId(), outcome.externalId(), outcome.localStamp(),
				outcome.externalStamp(), false, outcome.state(), null, null, 0, synced.values(), conflict.values(), now,
				null, SyncStatusEntity.displayKey(record.displayKey()));
		(record.statusId() == 0 ? inserts : updates).add(new Row(index, status, synced.json(), conflict.json()));
	}

	/**
	 * Sends both batches and puts each record's row in {@code stored} at its place in the page.
	 *
	 * @throws SQLException as the database refused a row: a key mapped to another row, or a row gone
	 */
	void write(SyncStatus[] stored) throws SQLException {
		Connection connection = em.unwrap(Connection.class);
		if (!inserts.isEmpty() && postgresql) {
			copyInserts(connection);
		} else if (!inserts.isEmpty()) {
			try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
				for (Row row : inserts) {
					bind(insert, row);
					insert.addBatch();
				}
				insert.executeBatch();
			}
		}
		if (!updates.isEmpty()) {
			if (postgresql) {
				// An update by primary key has one good plan: made once, not for each of the page's rows, as the
				// store's connections otherwise make them (see PostgresConnection).
				execute(connection, "SET LOCAL plan_cache_mode = force_generic_plan"); //$NON-NLS-1$
			}
			try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
				for (Row row : updates) {
					bind(update, row);
					update.addBatch();
				}
				int[] counts = update.executeBatch();
				if (postgresql) {
					execute(connection, "SET LOCAL plan_cache_mode TO DEFAULT"); //$NON-NLS-1$
				}
				for (int i = 0; i < counts.length; i++) {
					if (counts[i] == 0) {
						throw new StoreException(NLS.bind(Messages.SyncStatus_notFound, updates.get(i).status().id()));
					}
				}
			}
		}
		for (Row row : inserts) {
			stored[row.index()] = row.status();
		}
		for (Row row : updates) {
			SyncStatus status = row.status();
			if (status.displayKey() == null) { // the row kept the key it had: seldom, as the engine names the one it knows
				status = withDisplayKey(status, keptKey(connection, status.id()));
			}
			stored[row.index()] = status;
		}
	}

	/**
	 * The new rows as one COPY, in its text format: PostgreSQL takes a page of them in half the time of
	 * the same rows as INSERTs (each of which the server parses and plans), and the page's store
	 * transaction was what a complete update into another database waited for.
	 */
	private void copyInserts(Connection connection) throws SQLException {
		StringBuilder rows = new StringBuilder(inserts.size() * 512);
		for (Row row : inserts) {
			CopyText.row(rows, values(row));
		}
		try {
			connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY, new StringReader(rows.toString()));
		} catch (IOException e) {
			throw new SQLException(e); // a StringReader does not fail
		}
	}

	private static void execute(Connection connection, String sql) throws SQLException {
		try (java.sql.Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	private static String keptKey(Connection connection, long id) throws SQLException {
		try (PreparedStatement query = connection.prepareStatement("SELECT DISPLAY_KEY FROM SB_SYNC_STATUS WHERE ID = ?")) { //$NON-NLS-1$
			query.setLong(1, id);
			try (ResultSet key = query.executeQuery()) {
				return key.next() ? key.getString(1) : null;
			}
		}
	}

	private static SyncStatus withDisplayKey(SyncStatus s, String key) {
		return new SyncStatus(s.id(), s.scope(), s.localId(), s.externalId(), s.localStamp(), s.externalStamp(), s.pending(),
				s.state(), s.errorField(), s.errorMessage(), s.attempts(), s.lastSynced(), s.conflictValues(), s.updatedAt(),
				s.writing(), key);
	}

	/** Binds the row's values in the order both statements name them. */
	private void bind(PreparedStatement statement, Row row) throws SQLException {
		Object[] values = values(row);
		for (int i = 0; i < values.length; i++) {
			if (values[i] == null) {
				statement.setNull(i + 1, Types.VARCHAR); // only text columns are ever null
			} else {
				statement.setObject(i + 1, values[i]);
			}
		}
	}

	/**
	 * The row's values in the order of {@link #COLUMNS}, which is also the order of the UPDATE's SET and
	 * WHERE. The time is a {@link Timestamp}, which the drivers, and COPY's text as its {@code toString},
	 * give as this JVM's local time, as a column without time zone takes it.
	 */
	private Object[] values(Row row) {
		SyncStatus status = row.status();
		return new Object[] { status.localId(), SyncStatusEntity.key(status.localId()), status.externalId(),
				SyncStatusEntity.key(status.externalId()), status.localStamp(), status.externalStamp(), status.state().name(),
				Timestamp.from(status.updatedAt()), row.lastSyncedJson(), row.conflictValuesJson(), status.displayKey(),
				Boolean.FALSE, 0, status.id(), scope.companyId(), scope.system(), scope.entity() };
	}

	/** Whether there is anything to write. */
	boolean isEmpty() {
		return inserts.isEmpty() && updates.isEmpty();
	}
}
