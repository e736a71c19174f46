package io.syncbench.connector.jdbc.internal;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.eclipse.osgi.util.NLS;

import io.syncbench.connector.ChangeCapture;
import io.syncbench.connector.ChangePage;
import io.syncbench.connector.ConnectorException;
import io.syncbench.connector.EntitySchema;
import io.syncbench.connector.FieldSchema;
import io.syncbench.connector.FieldValues;
import io.syncbench.connector.KeyMatch;
import io.syncbench.connector.MediaFile;
import io.syncbench.connector.Health;
import io.syncbench.connector.RecordData;
import io.syncbench.connector.RecordWrite;
import io.syncbench.connector.SystemSession;
import io.syncbench.connector.WriteResult;
import io.syncbench.connector.jdbc.internal.TableInfo.Column;

/**
 * A session with one database over one JDBC connection. Each write is its own transaction, committed
 * before the method returns: all of the record or none of it. Changes are read from the change log,
 * oldest first, by log id.
 */
final class JdbcSession implements SystemSession {

	private static final String DELETED_STAMP = "deleted"; //$NON-NLS-1$
	private static final int LOCK_ATTEMPTS = 5;

	private final JdbcSettings settings;
	private final Dialect dialect;
	private final Connection connection;
	private final SchemaCache schemas;
	/** Gives the connection back once the session closes: rolled back, to be kept or closed. */
	private final Runnable release;
	private final AtomicBoolean closed = new AtomicBoolean();
	private Map<String, TableInfo> tables;

	JdbcSession(JdbcSettings settings, Dialect dialect, Connection connection, SchemaCache schemas, Runnable release)
			throws SQLException {
		this.settings = settings;
		this.dialect = dialect;
		this.connection = connection;
		this.schemas = schemas;
		this.release = release;
		connection.setAutoCommit(false);
		connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
	}

	@Override
	public Health check() {
		try {
			if (!connection.isValid(5)) {
				return new Health(Health.State.UNREACHABLE, NLS.bind(Messages.Connection_lost, settings.url()));
			}
			String product = connection.getMetaData().getDatabaseProductName() + " " //$NON-NLS-1$
					+ connection.getMetaData().getDatabaseProductVersion();
			return Health.reachable(NLS.bind(Messages.Connection_ok, product, settings.url()));
		} catch (SQLException e) {
			return new Health(Health.State.UNREACHABLE, NLS.bind(Messages.Connection_unreachable, settings.url(), e.getMessage()));
		}
	}

	@Override
	public synchronized List<EntitySchema> schema() throws ConnectorException {
		return tables().values().stream().map(TableInfo::schema).toList();
	}

	Map<String, TableInfo> tables() throws ConnectorException {
		if (tables == null) {
			try {
				tables = schemas.tables(connection, dialect, settings);
				connection.commit();
			} catch (SQLException e) {
				throw SqlErrors.stop(e, settings.url());
			}
		}
		return tables;
	}

	private TableInfo table(String entity) throws ConnectorException {
		TableInfo table = tables().get(entity);
		if (table == null) {
			throw new ConnectorException(ConnectorException.Kind.UNREACHABLE, null,
					NLS.bind(Messages.Schema_noEntity, entity, settings.url()), null);
		}
		return table;
	}

	/**
	 * The changes after the cursor (a change log id), oldest first. A record changed several times in
	 * the page comes once, at its last change, with its values as they are now; a deleted record comes
	 * as a tombstone.
	 */
	@Override
	public ChangePage readChanges(String entity, String cursor, int max) throws ConnectorException {
		return retrying(() -> readChangesOnce(entity, cursor, max));
	}

	private ChangePage readChangesOnce(String entity, String cursor, int max) throws ConnectorException {
		TableInfo table = table(entity);
		long after = cursor == null ? 0 : Long.parseLong(cursor);
		Map<String, Long> lastChange = new LinkedHashMap<>();
		long last = after;
		int rows = 0;
		String sql = "SELECT ID, ROW_KEY FROM " + settings.changeLog() + " WHERE ENTITY_NAME = ? AND ID > ?" //$NON-NLS-1$ //$NON-NLS-2$
				+ dialect.committedBefore() + " ORDER BY ID FETCH FIRST " + max + " ROWS ONLY"; //$NON-NLS-1$ //$NON-NLS-2$
		try (PreparedStatement query = connection.prepareStatement(sql)) {
			query.setString(1, entity);
			query.setLong(2, after);
			try (ResultSet log = query.executeQuery()) {
				while (log.next()) {
					last = log.getLong(1);
					String key = log.getString(2);
					lastChange.remove(key); // keeps the order of last changes
					lastChange.put(key, last);
					rows++;
				}
			}
			Map<String, RecordData> current = readRows(table, lastChange.keySet());
			connection.commit();
			List<RecordData> changes = new ArrayList<>();
			for (String key : lastChange.keySet()) {
				RecordData record = current.get(key);
				changes.add(record != null ? record : RecordData.tombstone(entity, key, DELETED_STAMP));
			}
			return new ChangePage(changes, Long.toString(last), rows == max);
		} catch (SQLException e) {
			throw rollbackAndStop(e);
		}
	}

	/** The records with committed changes after the cursor, each once however often it changed. */
	@Override
	public OptionalLong countChanges(String entity, String cursor) throws ConnectorException {
		return retrying(() -> countChangesOnce(entity, cursor));
	}

	private OptionalLong countChangesOnce(String entity, String cursor) throws ConnectorException {
		table(entity); // an entity the database does not have fails here, as a read of its changes would
		return count("SELECT COUNT(DISTINCT ROW_KEY) FROM " + settings.changeLog() + " WHERE ENTITY_NAME = ? AND ID > ?" //$NON-NLS-1$ //$NON-NLS-2$
				+ dialect.committedBefore(), query -> {
					query.setString(1, entity);
					query.setLong(2, cursor == null ? 0 : Long.parseLong(cursor));
				});
	}

	/** Every record by key order, a page at a time: the cursor is the last key read. */
	@Override
	public ChangePage readAll(String entity, String cursor, int max) throws ConnectorException {
		return retrying(() -> readAllOnce(entity, cursor, max));
	}

	private ChangePage readAllOnce(String entity, String cursor, int max) throws ConnectorException {
		TableInfo table = table(entity);
		String key = table.key().name();
		String sql = select(table) + (cursor == null ? "" : " WHERE " + key + " > ?") + " ORDER BY " + key //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
				+ " FETCH FIRST " + max + " ROWS ONLY"; //$NON-NLS-1$ //$NON-NLS-2$
		try (PreparedStatement query = connection.prepareStatement(sql)) {
			if (cursor != null) {
				query.setObject(1, Values.key(table.key(), cursor));
			}
			List<RecordData> records = new ArrayList<>();
			try (ResultSet rows = query.executeQuery()) {
				while (rows.next()) {
					records.add(record(rows, table));
				}
			}
			connection.commit();
			String next = records.isEmpty() ? cursor : records.get(records.size() - 1).id();
			return new ChangePage(records, next, records.size() == max);
		} catch (SQLException e) {
			throw rollbackAndStop(e);
		}
	}

	@Override
	public OptionalLong countAll(String entity, String cursor) throws ConnectorException {
		return retrying(() -> countAllOnce(entity, cursor));
	}

	private OptionalLong countAllOnce(String entity, String cursor) throws ConnectorException {
		TableInfo table = table(entity);
		return count("SELECT COUNT(*) FROM " + table.mapping().table() //$NON-NLS-1$
				+ (cursor == null ? "" : " WHERE " + table.key().name() + " > ?"), query -> { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
					if (cursor != null) {
						query.setObject(1, Values.key(table.key(), cursor));
					}
				});
	}

	/** The count a query of one row and one column answers, in a transaction of its own. */
	private OptionalLong count(String sql, Parameters parameters) throws ConnectorException {
		try (PreparedStatement query = connection.prepareStatement(sql)) {
			parameters.bind(query);
			try (ResultSet count = query.executeQuery()) {
				count.next();
				long rows = count.getLong(1);
				connection.commit();
				return OptionalLong.of(rows);
			}
		} catch (SQLException e) {
			throw rollbackAndStop(e);
		}
	}

	@FunctionalInterface
	private interface Parameters {
		void bind(PreparedStatement query) throws SQLException, ConnectorException;
	}

	@Override
	public Optional<RecordData> read(String entity, String id) throws ConnectorException {
		return retrying(() -> readOnce(entity, id));
	}

	private Optional<RecordData> readOnce(String entity, String id) throws ConnectorException {
		TableInfo table = table(entity);
		try {
			Optional<RecordData> found = Optional.ofNullable(readRows(table, List.of(id)).get(id));
			connection.commit();
			return found;
		} catch (SQLException e) {
			throw rollbackAndStop(e);
		}
	}

	/**
	 * A thousand rows: a page is one transaction of JDBC batches, whose cost hardly grows with its rows, and
	 * still takes well under a second.
	 */
	@Override
	public int pageSize() {
		return PAGE_SIZE;
	}

	private static final int PAGE_SIZE = 1000;

	/** A page of rows by id in one query and one transaction, instead of one of each per row. */
	@Override
	public Map<String, RecordData> readEach(String entity, Collection<String> ids) throws ConnectorException {
		if (ids.size() <= 1) {
			return SystemSession.super.readEach(entity, ids);
		}
		return retrying(() -> {
			TableInfo table = table(entity);
			try {
				Map<String, RecordData> found = readRows(table, ids);
				connection.commit();
				return found;
			} catch (SQLException e) {
				throw rollbackAndStop(e);
			}
		});
	}

	@Override
	public List<RecordData> findByKey(String entity, String value) throws ConnectorException {
		return findByKey(entity, value, KeyMatch.EXACT);
	}

	/** By the table's own rule, or a looser one the engine asks for. */
	@Override
	public List<RecordData> findByKey(String entity, String value, KeyMatch match) throws ConnectorException {
		return findByKeys(entity, List.of(value), match).getOrDefault(value, List.of());
	}

	/**
	 * Keys are looked up a page of values at a time, in one query: exact ones by {@code IN} through the
	 * column's index, folded ones by the lower-case spellings of their Unicode forms, which the databases
	 * compare with {@code LOWER} of the column (no index serves that); the rows found are kept where the
	 * rule's fold is the value's.
	 */
	@Override
	public Map<String, List<RecordData>> findByKeys(String entity, Collection<String> values, KeyMatch match)
			throws ConnectorException {
		KeyMatch rule = match.looser(table(entity).schema().keyMatch());
		Map<String, List<RecordData>> found = new LinkedHashMap<>();
		List<String> distinct = List.copyOf(new LinkedHashSet<>(values));
		int page = rule == KeyMatch.EXACT ? EXACT_PAGE : FOLDED_PAGE;
		for (int from = 0; from < distinct.size(); from += page) {
			List<String> slice = distinct.subList(from, Math.min(distinct.size(), from + page));
			found.putAll(retrying(() -> rule == KeyMatch.EXACT ? findExactOnce(entity, slice) : findFoldedOnce(entity, slice, rule)));
		}
		return found;
	}

	/** Exact keys go through the column's index: a page of the engine's in one query. */
	private static final int EXACT_PAGE = 1_000;
	/** Folded keys are compared with every row (no index serves {@code LOWER}): a short list each time. */
	private static final int FOLDED_PAGE = 100;

	private Map<String, List<RecordData>> findFoldedOnce(String entity, List<String> values, KeyMatch rule)
			throws ConnectorException {
		TableInfo table = table(entity);
		Map<String, List<RecordData>> found = new LinkedHashMap<>();
		values.forEach(value -> found.put(value, new ArrayList<>()));
		String uniqueKey = table.schema().uniqueKey();
		Column column = uniqueKey == null ? null : table.column(uniqueKey).orElseThrow();
		if (column == null || column.type() != FieldSchema.FieldType.TEXT) {
			for (String value : values) {
				found.put(value, findByKeyOnce(entity, value));
			}
			return found;
		}
		Set<String> spellings = new LinkedHashSet<>();
		values.forEach(value -> spellings.addAll(spellings(value)));
		String sql = select(table) + " WHERE LOWER(" + column.name() + ") IN (" //$NON-NLS-1$ //$NON-NLS-2$
				+ spellings.stream().map(v -> "?").collect(Collectors.joining(", ")) + ")"; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		try (PreparedStatement query = connection.prepareStatement(sql)) {
			int index = 1;
			for (String spelling : spellings) {
				Values.bind(query, index++, column, spelling, table.mapping().table(), null);
			}
			try (ResultSet rows = query.executeQuery()) {
				while (rows.next()) {
					RecordData record = record(rows, table);
					Object key = record.fields().get(uniqueKey);
					for (String value : values) {
						if (key != null && rule.fold(key.toString()).equals(rule.fold(value))) {
							found.get(value).add(record);
						}
					}
				}
			}
			connection.commit();
			return found;
		} catch (SQLException e) {
			throw rollbackAndStop(e);
		}
	}

	@Override
	public MediaFile file(String entity, String field, String recordId, String name) throws ConnectorException {
		return settings.files().image(field, recordId, name);
	}

	private Map<String, List<RecordData>> findExactOnce(String entity, List<String> values) throws ConnectorException {
		TableInfo table = table(entity);
		Map<String, List<RecordData>> found = new LinkedHashMap<>();
		values.forEach(value -> found.put(value, new ArrayList<>()));
		String uniqueKey = table.schema().uniqueKey();
		if (uniqueKey == null) {
			return found;
		}
		Column column = table.column(uniqueKey).orElseThrow();
		if (column.type() != FieldSchema.FieldType.TEXT && column.type() != FieldSchema.FieldType.INTEGER) {
			for (String value : values) { // a decimal or a time as a key: rare enough to ask one at a time
				found.put(value, findByKeyOnce(entity, value));
			}
			return found;
		}
		List<String> bindable = new ArrayList<>();
		for (String value : values) {
			if (column.type() == FieldSchema.FieldType.TEXT || Values.key(column, value) != null) {
				bindable.add(value); // a key that cannot even be of the column's type matches nothing
			}
		}
		if (bindable.isEmpty()) {
			return found;
		}
		Consumer<RecordData> match = record -> {
			List<RecordData> matches = found.get(String.valueOf(record.fields().get(uniqueKey)));
			if (matches != null) {
				matches.add(record);
			}
		};
		boolean inList = dialect.indexedInLists();
		String sql = select(table) + " WHERE " + column.name() + (inList ? " IN (" //$NON-NLS-1$ //$NON-NLS-2$
				+ bindable.stream().map(v -> "?").collect(Collectors.joining(", ")) + ")" : " = ?"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
		try (PreparedStatement query = connection.prepareStatement(sql)) {
			if (inList) {
				dialect.probeIndexes(connection);
				for (int i = 0; i < bindable.size(); i++) {
					Values.bind(query, i + 1, column, bindable.get(i), table.mapping().table(), null);
				}
				collect(query, table, match);
			} else { // one indexed probe for each key, for the reason Dialect.indexedInLists gives
				for (String value : bindable) {
					Values.bind(query, 1, column, value, table.mapping().table(), null);
					collect(query, table, match);
				}
			}
			connection.commit();
			return found;
		} catch (SQLException e) {
			throw rollbackAndStop(e);
		}
	}

	private List<RecordData> findByKeyOnce(String entity, String value) throws ConnectorException {
		TableInfo table = table(entity);
		String uniqueKey = table.schema().uniqueKey();
		if (uniqueKey == null) {
			return List.of();
		}
		Column column = table.column(uniqueKey).orElseThrow();
		try (PreparedStatement query = connection.prepareStatement(select(table) + " WHERE " + column.name() + " = ?")) { //$NON-NLS-1$ //$NON-NLS-2$
			Values.bind(query, 1, column, value, table.mapping().table(), null);
			List<RecordData> found = new ArrayList<>();
			try (ResultSet rows = query.executeQuery()) {
				while (rows.next()) {
					found.add(record(rows, table));
				}
			}
			connection.commit();
			return found;
		} catch (ConnectorException e) {
			rollback();
			return List.of(); // a key that cannot even be of the column's type matches nothing
		} catch (SQLException e) {
			throw rollbackAndStop(e);
		}
	}

	@Override
	public RecordData create(String entity, FieldValues fields) throws ConnectorException {
		return retrying(() -> createOnce(entity, fields));
	}

	private RecordData createOnce(String entity, FieldValues fields) throws ConnectorException {
		return writePageOnce(entity, List.of(RecordWrite.create(fields))).get(0).written();
	}

	@Override
	public RecordData update(String entity, String id, FieldValues fields) throws ConnectorException {
		return retrying(() -> updateOnce(entity, id, fields));
	}

	private RecordData updateOnce(String entity, String id, FieldValues fields) throws ConnectorException {
		return writePageOnce(entity, List.of(RecordWrite.update(id, fields))).get(0).written();
	}

	/**
	 * A page of creates and updates in one transaction with one commit, its rows read back in one query.
	 * A record that breaks a column's rules is refused before anything is sent; one the database refuses
	 * rolls the page back, and the page goes again one record at a time, so that it fails alone.
	 */
	@Override
	public List<WriteResult> writeAll(String entity, List<RecordWrite> writes) throws ConnectorException {
		if (writes.size() <= 1) {
			return SystemSession.super.writeAll(entity, writes);
		}
		try {
			return retrying(() -> writePageOnce(entity, writes));
		} catch (ConnectorException e) {
			if (e.kind() != ConnectorException.Kind.RECORD_REJECTED) {
				throw e;
			}
			return SystemSession.super.writeAll(entity, writes);
		}
	}

	/** @throws ConnectorException a rejection of the page's first record the database refused, or a stop */
	private List<WriteResult> writePageOnce(String entity, List<RecordWrite> writes) throws ConnectorException {
		TableInfo table = table(entity);
		WriteResult[] results = new WriteResult[writes.size()];
		String[] ids = new String[writes.size()];
		Map<String, PreparedStatement> statements = new HashMap<>();
		// Where the database answers them, creates go as INSERTs of many rows per column set.
		Map<List<Column>, List<Integer>> creates = new LinkedHashMap<>();
		// Updates too, one batch per column set: a count of 0 is a row that is gone.
		Map<PreparedStatement, List<Integer>> updates = new LinkedHashMap<>();
		try {
			for (int i = 0; i < writes.size(); i++) {
				RecordWrite write = writes.get(i);
				List<Column> columns;
				try {
					columns = writableColumns(table, write.fields(), write.id());
				} catch (ConnectorException refused) {
					if (refused.kind() != ConnectorException.Kind.RECORD_REJECTED || writes.size() == 1) {
						throw refused;
					}
					results[i] = WriteResult.refused(refused);
					continue;
				}
				if (write.creates() && dialect.insertsManyRows() && !columns.isEmpty()) {
					creates.computeIfAbsent(columns, set -> new ArrayList<>()).add(i);
				} else if (write.creates()) {
					ids[i] = insert(table, columns, write.fields(), statements);
				} else if (columns.isEmpty()) {
					ids[i] = write.id(); // nothing to write: read back as it is
				} else {
					updates.computeIfAbsent(bindUpdate(table, columns, write.id(), write.fields(), statements),
							statement -> new ArrayList<>()).add(i);
					ids[i] = write.id();
				}
			}
			if (!updates.isEmpty()) {
				dialect.planOnce(connection); // updates by key: one plan serves every row
			}
			for (Map.Entry<PreparedStatement, List<Integer>> batch : updates.entrySet()) {
				int[] counts = batch.getKey().executeBatch();
				for (int n = 0; n < counts.length; n++) {
					if (counts[n] == 0) {
						throw gone(table, ids[batch.getValue().get(n)]);
					}
				}
			}
			if (!updates.isEmpty()) {
				dialect.planEachRun(connection);
			}
			for (Map.Entry<List<Column>, List<Integer>> group : creates.entrySet()) {
				insertReturningRows(table, group.getKey(), group.getValue(), writes, results);
			}
			List<String> written = Arrays.stream(ids).filter(Objects::nonNull).toList();
			Map<String, RecordData> rows = readRows(table, written);
			for (int i = 0; i < writes.size(); i++) {
				if (results[i] == null) {
					RecordData row = rows.get(ids[i]);
					if (row == null) {
						throw gone(table, ids[i]);
					}
					results[i] = WriteResult.written(row);
				}
			}
			connection.commit();
			return List.of(results);
		} catch (SQLException e) {
			rollback();
			throw SqlErrors.ofRecord(e, settings.url(), table.mapping().table(), writes.size() == 1 ? writes.get(0).id() : null);
		} catch (ConnectorException e) {
			rollback();
			throw e;
		} finally {
			for (PreparedStatement statement : statements.values()) {
				try {
					statement.close();
				} catch (SQLException e) {
					// closed with its connection's transaction anyway
				}
			}
		}
	}

	/** Inserts a row (the statement prepared once per page and column set); its generated key. */
	private String insert(TableInfo table, List<Column> columns, FieldValues fields, Map<String, PreparedStatement> statements)
			throws SQLException, ConnectorException {
		PreparedStatement insert = prepareInsert(table, columns, statements);
		bind(table, columns, fields, insert);
		insert.executeUpdate();
		try (ResultSet generated = insert.getGeneratedKeys()) {
			if (!generated.next()) {
				throw new SQLException(NLS.bind(Messages.Write_noKey, table.mapping().table()));
			}
			return new java.math.BigDecimal(generated.getString(1)).toPlainString();
		}
	}

	/** The most rows one INSERT takes, and the most values: the driver counts its parameters in 16 bits. */
	private static final int ROWS_PER_INSERT = 1_000;
	private static final int VALUES_PER_INSERT = 30_000;

	/**
	 * Creates the records at {@code indexes} of the page, which write the same columns, with INSERTs of
	 * many rows that return each row as it was stored, so that none is read back. The key of each row is
	 * drawn in the order of the VALUES, so the rows sorted by key are in the page's order, whatever order
	 * RETURNING answers them in.
	 */
	private void insertReturningRows(TableInfo table, List<Column> columns, List<Integer> indexes, List<RecordWrite> writes,
			WriteResult[] results) throws SQLException, ConnectorException {
		int perInsert = Math.max(1, Math.min(ROWS_PER_INSERT, VALUES_PER_INSERT / columns.size()));
		String into = "INSERT INTO " + table.mapping().table() + " (" //$NON-NLS-1$ //$NON-NLS-2$
				+ columns.stream().map(Column::name).collect(Collectors.joining(", ")) + ") VALUES "; //$NON-NLS-1$ //$NON-NLS-2$
		String row = columns.stream().map(c -> "?").collect(Collectors.joining(", ", "(", ")")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
		String returning = " RETURNING " + table.columns().stream().map(Column::name).collect(Collectors.joining(", ")); //$NON-NLS-1$ //$NON-NLS-2$
		for (int from = 0; from < indexes.size(); from += perInsert) {
			List<Integer> part = indexes.subList(from, Math.min(indexes.size(), from + perInsert));
			try (PreparedStatement insert = connection.prepareStatement(
					into + String.join(", ", Collections.nCopies(part.size(), row)) + returning)) { //$NON-NLS-1$
				int parameter = 1;
				for (int i : part) {
					FieldValues fields = writes.get(i).fields();
					for (Column column : columns) {
						Values.bind(insert, parameter++, column, fields.get(column.field()), table.mapping().table(), null);
					}
				}
				List<RecordData> stored = new ArrayList<>(part.size());
				try (ResultSet rows = insert.executeQuery()) {
					while (rows.next()) {
						stored.add(record(rows, table));
					}
				}
				if (stored.size() != part.size() || stored.stream().anyMatch(record -> record.id() == null)) {
					throw new SQLException(NLS.bind(Messages.Write_noKey, table.mapping().table()));
				}
				stored.sort(Comparator.comparing(record -> new BigDecimal(record.id())));
				for (int n = 0; n < part.size(); n++) {
					results[part.get(n)] = WriteResult.written(stored.get(n));
				}
			}
		}
	}

	private void bind(TableInfo table, List<Column> columns, FieldValues fields, PreparedStatement insert)
			throws SQLException, ConnectorException {
		for (int i = 0; i < columns.size(); i++) {
			Values.bind(insert, i + 1, columns.get(i), fields.get(columns.get(i).field()), table.mapping().table(), null);
		}
	}

	private PreparedStatement prepareInsert(TableInfo table, List<Column> columns, Map<String, PreparedStatement> statements)
			throws SQLException {
		String sql = "INSERT INTO " + table.mapping().table() + " (" //$NON-NLS-1$ //$NON-NLS-2$
				+ columns.stream().map(Column::name).collect(Collectors.joining(", ")) + ") VALUES (" //$NON-NLS-1$ //$NON-NLS-2$
				+ columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")"; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		PreparedStatement insert = statements.get(sql);
		if (insert == null) {
			insert = dialect.prepareInsert(connection, sql, table.key().name());
			statements.put(sql, insert);
		}
		return insert;
	}

	/** Adds an update of a row's written columns to its column set's batch; the statement that holds the batch. */
	private PreparedStatement bindUpdate(TableInfo table, List<Column> columns, String id, FieldValues fields,
			Map<String, PreparedStatement> statements) throws SQLException, ConnectorException {
		String sql = "UPDATE " + table.mapping().table() + " SET " //$NON-NLS-1$ //$NON-NLS-2$
				+ columns.stream().map(c -> c.name() + " = ?").collect(Collectors.joining(", ")) + " WHERE " //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				+ table.key().name() + " = ?"; //$NON-NLS-1$
		PreparedStatement update = statements.get(sql);
		if (update == null) {
			update = connection.prepareStatement(sql);
			statements.put(sql, update);
		}
		for (int i = 0; i < columns.size(); i++) {
			Values.bind(update, i + 1, columns.get(i), fields.get(columns.get(i).field()), table.mapping().table(), id);
		}
		update.setObject(columns.size() + 1, Values.key(table.key(), id));
		update.addBatch();
		return update;
	}

	@Override
	public void delete(String entity, String id) throws ConnectorException {
		retrying(() -> { deleteOnce(entity, id); return null; });
	}

	private void deleteOnce(String entity, String id) throws ConnectorException {
		TableInfo table = table(entity);
		try (PreparedStatement delete = connection.prepareStatement(
				"DELETE FROM " + table.mapping().table() + " WHERE " + table.key().name() + " = ?")) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			delete.setObject(1, Values.key(table.key(), id));
			delete.executeUpdate();
			connection.commit();
		} catch (SQLException e) {
			rollback();
			throw SqlErrors.ofRecord(e, settings.url(), table.mapping().table(), id);
		}
	}

	/**
	 * Records the consumer's position, then deletes the log rows every consumer of the entity has
	 * passed. The two are separate transactions, and a prune that meets another one's locks is left to
	 * the next acknowledgement: forgetting changes can always wait, the run should not.
	 */
	@Override
	public void acknowledge(String entity, String consumer, String cursor) throws ConnectorException {
		long position = cursor == null ? 0 : Long.parseLong(cursor);
		String acks = ChangeLog.ackTable(settings.changeLog());
		try {
			try (PreparedStatement update = connection.prepareStatement(
					"UPDATE " + acks + " SET LAST_ID = ? WHERE ENTITY_NAME = ? AND CONSUMER = ?")) { //$NON-NLS-1$ //$NON-NLS-2$
				update.setLong(1, position);
				update.setString(2, entity);
				update.setString(3, consumer);
				if (update.executeUpdate() == 0) {
					try (PreparedStatement insert = connection.prepareStatement(
							"INSERT INTO " + acks + " (ENTITY_NAME, CONSUMER, LAST_ID) VALUES (?, ?, ?)")) { //$NON-NLS-1$ //$NON-NLS-2$
						insert.setString(1, entity);
						insert.setString(2, consumer);
						insert.setLong(3, position);
						insert.executeUpdate();
					}
				}
			}
			connection.commit();
		} catch (SQLException e) {
			throw rollbackAndStop(e);
		}
		try (PreparedStatement prune = connection.prepareStatement("DELETE FROM " + settings.changeLog() //$NON-NLS-1$
				+ " WHERE ENTITY_NAME = ? AND ID <= (SELECT MIN(LAST_ID) FROM " + acks + " WHERE ENTITY_NAME = ?)")) { //$NON-NLS-1$ //$NON-NLS-2$
			prune.setString(1, entity);
			prune.setString(2, entity);
			prune.executeUpdate();
			connection.commit();
		} catch (SQLTransactionRollbackException e) {
			rollback(); // a deadlock or lock time-out: the rows go with the next acknowledgement
		} catch (SQLException e) {
			throw rollbackAndStop(e);
		}
	}

	@Override
	public Optional<ChangeCapture> changeCapture() {
		return Optional.of(new ChangeLog(this));
	}

	JdbcSettings settings() {
		return settings;
	}

	Dialect dialect() {
		return dialect;
	}

	Connection connection() {
		return connection;
	}

	@Override
	public void close() {
		if (closed.compareAndSet(false, true)) { // a connection given back twice would serve two sessions
			release.run();
		}
	}

	/**
	 * The columns a write sets: the fields the record has that are columns of the table, not the key
	 * and not generated. Checks lengths and control characters first, so that the error names the
	 * column, where a database would only say "value too long" or "out of range".
	 */
	private static List<Column> writableColumns(TableInfo table, FieldValues fields, String id) throws ConnectorException {
		List<Column> columns = new ArrayList<>();
		for (Column column : table.columns()) {
			if (column == table.key() || column.generated() || !fields.values().containsKey(column.field())) {
				continue;
			}
			Object value = fields.get(column.field());
			if (value instanceof String text) {
				if (text.indexOf('\u0000') >= 0) {
					throw ConnectorException.recordRejected(column.field(), NLS.bind(Messages.Write_nul,
							new Object[] { table.mapping().table(), describe(id), column.name() }));
				}
				int length = text.codePointCount(0, text.length());
				if (column.maxLength() > 0 && length > column.maxLength()) {
					throw ConnectorException.recordRejected(column.field(), NLS.bind(Messages.Write_tooLong,
							new Object[] { table.mapping().table(), describe(id), column.name(), length, column.maxLength() }));
				}
			}
			if (value instanceof Number number && column.largest() != null
					&& new java.math.BigDecimal(number.toString()).abs().compareTo(column.largest()) > 0) {
				throw ConnectorException.recordRejected(column.field(), NLS.bind(Messages.Write_outOfRange,
						new Object[] { table.mapping().table(), describe(id), column.name(), column.largest().toPlainString(),
								number.toString() }));
			}
			int scale = table.field(column.field()).map(FieldSchema::scale).orElse(-1);
			if (value instanceof java.math.BigDecimal decimal && scale >= 0 && decimal.stripTrailingZeros().scale() > scale) {
				throw ConnectorException.recordRejected(column.field(), NLS.bind(Messages.Write_inexact,
						new Object[] { table.mapping().table(), describe(id), column.name(), scale, decimal.toPlainString() }));
			}
			columns.add(column);
		}
		for (FieldSchema field : table.schema().fields()) {
			if (field.required() && id == null && fields.get(field.name()) == null) {
				throw ConnectorException.recordRejected(field.name(), NLS.bind(Messages.Write_required,
						new Object[] { table.mapping().table(), describe(id), table.column(field.name()).orElseThrow().name() }));
			}
		}
		return columns;
	}

	private static String describe(String id) {
		return id == null ? "(new)" : id; //$NON-NLS-1$
	}

	private static ConnectorException gone(TableInfo table, String id) {
		return ConnectorException.recordRejected(null,
				NLS.bind(Messages.Write_gone, new Object[] { table.mapping().table(), table.key().name(), id }));
	}

	private static String select(TableInfo table) {
		return "SELECT " + table.columns().stream().map(Column::name).collect(Collectors.joining(", ")) + " FROM " //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				+ table.mapping().table();
	}

	private static RecordData record(ResultSet row, TableInfo table) throws SQLException {
		Map<String, Object> values = Values.read(row, table);
		// A hash of the values is the stamp: it changes exactly when the row does, with no column to maintain.
		FieldValues fields = FieldValues.of(values);
		return RecordData.of(table.mapping().entity(), Values.id(row, table), fields.hash(), fields);
	}

	/** The lower-case spellings of a value's Unicode forms: one of them is the column's LOWER if the folds are equal. */
	private static List<String> spellings(String value) {
		Set<String> spellings = new LinkedHashSet<>();
		for (Normalizer.Form form : Normalizer.Form.values()) {
			String normalized = Normalizer.normalize(value, form);
			spellings.add(normalized.toLowerCase(Locale.ROOT));
			spellings.add(Normalizer.normalize(normalized.toLowerCase(Locale.ROOT), form));
		}
		return List.copyOf(spellings);
	}

	/** The rows with these ids that exist, by id, in one query. */
	private Map<String, RecordData> readRows(TableInfo table, Collection<String> ids) throws SQLException {
		Map<String, RecordData> found = new LinkedHashMap<>();
		Set<Object> keys = new LinkedHashSet<>();
		for (String id : ids) {
			Object key = Values.key(table.key(), id);
			if (key != null) {
				keys.add(key);
			}
		}
		if (keys.isEmpty()) {
			return found;
		}
		if (!dialect.indexedInLists()) {
			try (PreparedStatement query = connection.prepareStatement(select(table) + " WHERE " + table.key().name() + " = ?")) { //$NON-NLS-1$ //$NON-NLS-2$
				for (Object key : keys) {
					query.setObject(1, key);
					collect(query, table, record -> found.put(record.id(), record));
				}
			}
			return found;
		}
		String sql = select(table) + " WHERE " + table.key().name() + " IN (" //$NON-NLS-1$ //$NON-NLS-2$
				+ keys.stream().map(k -> "?").collect(Collectors.joining(", ")) + ")"; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		dialect.probeIndexes(connection); // the write's transaction: it ends with this page
		try (PreparedStatement query = connection.prepareStatement(sql)) {
			int index = 1;
			for (Object key : keys) {
				query.setObject(index++, key);
			}
			collect(query, table, record -> found.put(record.id(), record));
		}
		return found;
	}

	private void collect(PreparedStatement query, TableInfo table, Consumer<RecordData> into)
			throws SQLException {
		try (ResultSet rows = query.executeQuery()) {
			while (rows.next()) {
				into.accept(record(rows, table));
			}
		}
	}

	/** A unit of work that may meet another transaction's locks. */
	@FunctionalInterface
	private interface Work<T> {
		T run() throws ConnectorException;
	}

	/**
	 * Runs the work again when the database gave it up for another transaction's locks (a deadlock, a
	 * lock time-out, Derby's contention on identity values): it was rolled back whole, so running it
	 * again is safe.
	 */
	private static <T> T retrying(Work<T> work) throws ConnectorException {
		for (int attempt = 1;; attempt++) {
			try {
				return work.run();
			} catch (ConnectorException e) {
				if (attempt >= LOCK_ATTEMPTS || !(e.getCause() instanceof SQLTransactionRollbackException)) {
					throw e;
				}
				try {
					Thread.sleep(ThreadLocalRandom.current().nextLong(20, 100) * attempt);
				} catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					throw e;
				}
			}
		}
	}

	private void rollback() {
		try {
			connection.rollback();
		} catch (SQLException e) {
			// the connection is gone; the database rolls the transaction back itself
		}
	}

	private ConnectorException rollbackAndStop(SQLException e) {
		rollback();
		return SqlErrors.stop(e, settings.url());
	}
}
