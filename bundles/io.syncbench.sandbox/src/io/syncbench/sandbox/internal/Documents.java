package io.syncbench.sandbox.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The sandbox store's data: each product, customer and order is a JSON document in a Derby database of
 * its own, with its id, its unique value (SKU, email, order number) and its modification time as
 * columns for lookups and paging. One connection, used by one request at a time: the sandbox is for
 * tests and demos, not for speed.
 */
final class Documents implements AutoCloseable {

	/** A page of a list. */
	record Page(List<ObjectNode> documents, long total) {
	}

	private final ObjectMapper json = new ObjectMapper();
	private final String url;
	private final Connection connection;

	/** @param url a Derby URL, for example {@code jdbc:derby:memory:sandbox} or {@code jdbc:derby:/data/sandbox} */
	Documents(String url) throws SQLException {
		this.url = url;
		this.connection = new org.apache.derby.jdbc.EmbeddedDriver().connect(url + ";create=true", new Properties());
		try (ResultSet found = connection.getMetaData().getTables(null, null, "DOCUMENT", null)) {
			if (!found.next()) {
				try (Statement statement = connection.createStatement()) {
					statement.execute("CREATE TABLE DOCUMENT (RESOURCE VARCHAR(20) NOT NULL, ID BIGINT NOT NULL," //$NON-NLS-1$
							+ " UNIQUE_VALUE VARCHAR(400), MODIFIED TIMESTAMP NOT NULL, BODY CLOB NOT NULL," //$NON-NLS-1$
							+ " PRIMARY KEY (RESOURCE, ID))"); //$NON-NLS-1$
					statement.execute("CREATE INDEX DOCUMENT_BY_UNIQUE ON DOCUMENT (RESOURCE, UNIQUE_VALUE)"); //$NON-NLS-1$
					statement.execute("CREATE INDEX DOCUMENT_BY_MODIFIED ON DOCUMENT (RESOURCE, MODIFIED, ID)"); //$NON-NLS-1$
				}
			}
		}
		refoldSkus();
	}

	/** A store written before SKUs were folded keeps them as given: they are folded once, as new ones are. */
	private void refoldSkus() throws SQLException {
		Map<Long, String> folded = new LinkedHashMap<>();
		try (PreparedStatement query = connection.prepareStatement("SELECT ID, UNIQUE_VALUE FROM DOCUMENT" //$NON-NLS-1$
				+ " WHERE RESOURCE = ? AND UNIQUE_VALUE IS NOT NULL AND UNIQUE_VALUE <> LOWER(UNIQUE_VALUE)")) { //$NON-NLS-1$
			query.setString(1, Resource.PRODUCTS.path);
			try (ResultSet rows = query.executeQuery()) {
				while (rows.next()) {
					folded.put(rows.getLong(1), Resource.PRODUCTS.fold(rows.getString(2)));
				}
			}
		}
		try (PreparedStatement update = connection.prepareStatement(
				"UPDATE DOCUMENT SET UNIQUE_VALUE = ? WHERE RESOURCE = ? AND ID = ?")) { //$NON-NLS-1$
			for (Map.Entry<Long, String> row : folded.entrySet()) {
				update.setString(1, row.getValue());
				update.setString(2, Resource.PRODUCTS.path);
				update.setLong(3, row.getKey());
				update.executeUpdate();
			}
		}
	}

	/**
	 * The next id of the resource, counted in memory from the largest stored one: Derby finds a MAX by
	 * scanning, which made each create cost as much as the whole table. As in WooCommerce, an id is never
	 * given twice, even when its record was deleted.
	 */
	synchronized long nextId(String resource) throws SQLException {
		Long last = lastIds.get(resource);
		if (last == null) {
			try (PreparedStatement query = connection.prepareStatement("SELECT MAX(ID) FROM DOCUMENT WHERE RESOURCE = ?")) { //$NON-NLS-1$
				query.setString(1, resource);
				try (ResultSet result = query.executeQuery()) {
					result.next();
					last = result.getLong(1);
				}
			}
		}
		lastIds.put(resource, last + 1);
		return last + 1;
	}

	private final Map<String, Long> lastIds = new HashMap<>();

	/**
	 * Documents with these ids, in id order; ids that do not exist are left out. One indexed lookup per
	 * id: Derby answers {@code ID IN (...)} beside the resource by scanning the resource.
	 */
	synchronized List<ObjectNode> findAll(String resource, List<Long> ids) throws SQLException {
		return inOrder(resource, new TreeSet<>(ids));
	}

	/**
	 * Documents whose unique value is one of {@code values}, in id order. One indexed lookup per value:
	 * Derby answers {@code UNIQUE_VALUE IN (...)} beside the resource by scanning the resource.
	 */
	synchronized List<ObjectNode> findByUniques(String resource, List<String> values) throws SQLException {
		TreeMap<Long, ObjectNode> found = new TreeMap<>();
		try (PreparedStatement query = byUnique(resource)) {
			for (String value : values) {
				matching(query, value, found);
			}
		}
		return List.copyOf(found.values());
	}

	/** The documents with these ids, in the ids' order, each by its primary key; ids that do not exist are left out. */
	private List<ObjectNode> inOrder(String resource, Iterable<Long> ids) throws SQLException {
		List<ObjectNode> found = new ArrayList<>();
		try (PreparedStatement query = connection.prepareStatement("SELECT BODY FROM DOCUMENT WHERE RESOURCE = ? AND ID = ?")) { //$NON-NLS-1$
			query.setString(1, resource);
			for (long id : ids) {
				query.setLong(2, id);
				try (ResultSet result = query.executeQuery()) {
					if (result.next()) {
						found.add(parse(result.getString(1)));
					}
				}
			}
		}
		return found;
	}

	synchronized Optional<ObjectNode> find(String resource, long id) throws SQLException {
		return inOrder(resource, List.of(id)).stream().findFirst();
	}

	/** Documents whose unique value (SKU, email, number) is {@code value}. */
	synchronized List<ObjectNode> findByUnique(String resource, String value) throws SQLException {
		TreeMap<Long, ObjectNode> found = new TreeMap<>();
		try (PreparedStatement query = byUnique(resource)) {
			matching(query, value, found);
		}
		return List.copyOf(found.values());
	}

	/**
	 * The lookup of a resource's documents by unique value, prepared once for many values. Not ordered
	 * by the database: Derby sorts even the one row such a lookup finds, and each sort looks its
	 * messages up in resource bundles; that cost a quarter of a batch create's time, which checks every
	 * SKU.
	 */
	private PreparedStatement byUnique(String resource) throws SQLException {
		PreparedStatement query = connection.prepareStatement(
				"SELECT ID, BODY FROM DOCUMENT WHERE RESOURCE = ? AND UNIQUE_VALUE = ?"); //$NON-NLS-1$
		query.setString(1, resource);
		return query;
	}

	/** Adds the documents with this unique value to {@code found}, by id, which keeps them in id order. */
	private void matching(PreparedStatement byUnique, String value, Map<Long, ObjectNode> found) throws SQLException {
		byUnique.setString(2, value);
		try (ResultSet result = byUnique.executeQuery()) {
			while (result.next()) {
				found.put(result.getLong(1), parse(result.getString(2)));
			}
		}
	}

	/** Work of several statements, committed together or not at all. */
	@FunctionalInterface
	interface Work<T, E extends Exception> {
		T run() throws E, SQLException;
	}

	/**
	 * Runs {@code work} in one transaction: a batch of a hundred items is one commit, as it is one
	 * request, instead of a hundred forced log writes. Its statements' failure or a crash leaves none of
	 * them stored.
	 */
	synchronized <T, E extends Exception> T inOneCommit(Work<T, E> work) throws E, SQLException {
		connection.setAutoCommit(false);
		boolean committed = false;
		try {
			T result = work.run();
			connection.commit();
			committed = true;
			return result;
		} finally {
			if (!committed) {
				connection.rollback();
			}
			connection.setAutoCommit(true);
		}
	}

	synchronized void save(String resource, long id, String uniqueValue, Instant modified, ObjectNode body)
			throws SQLException {
		try (PreparedStatement update = connection.prepareStatement(
				"UPDATE DOCUMENT SET UNIQUE_VALUE = ?, MODIFIED = ?, BODY = ? WHERE RESOURCE = ? AND ID = ?")) { //$NON-NLS-1$
			update.setString(1, uniqueValue);
			update.setTimestamp(2, Timestamp.from(modified));
			update.setString(3, body.toString());
			update.setString(4, resource);
			update.setLong(5, id);
			if (update.executeUpdate() == 1) {
				return;
			}
		}
		insert(resource, id, uniqueValue, modified, body);
	}

	/** Stores a document with a new id, which {@link #nextId} gave. */
	synchronized void insert(String resource, long id, String uniqueValue, Instant modified, ObjectNode body)
			throws SQLException {
		try (PreparedStatement insert = connection.prepareStatement(
				"INSERT INTO DOCUMENT (RESOURCE, ID, UNIQUE_VALUE, MODIFIED, BODY) VALUES (?, ?, ?, ?, ?)")) { //$NON-NLS-1$
			insert.setString(1, resource);
			insert.setLong(2, id);
			insert.setString(3, uniqueValue);
			insert.setTimestamp(4, Timestamp.from(modified));
			insert.setString(5, body.toString());
			insert.executeUpdate();
		}
	}

	synchronized boolean delete(String resource, long id) throws SQLException {
		try (PreparedStatement delete = connection.prepareStatement("DELETE FROM DOCUMENT WHERE RESOURCE = ? AND ID = ?")) { //$NON-NLS-1$
			delete.setString(1, resource);
			delete.setLong(2, id);
			return delete.executeUpdate() == 1;
		}
	}

	/**
	 * A page of documents modified after (exclusive) and before (exclusive) the given times, when given,
	 * ordered by the column named.
	 */
	synchronized Page list(String resource, Instant modifiedAfter, Instant modifiedBefore, String orderBy,
			boolean ascending, int page, int perPage) throws SQLException {
		StringBuilder where = new StringBuilder(" WHERE RESOURCE = ?"); //$NON-NLS-1$
		if (modifiedAfter != null) {
			where.append(" AND MODIFIED > ?"); //$NON-NLS-1$
		}
		if (modifiedBefore != null) {
			where.append(" AND MODIFIED < ?"); //$NON-NLS-1$
		}
		long total;
		try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM DOCUMENT" + where)) { //$NON-NLS-1$
			bind(count, resource, modifiedAfter, modifiedBefore);
			try (ResultSet result = count.executeQuery()) {
				result.next();
				total = result.getLong(1);
			}
		}
		String direction = ascending ? " ASC" : " DESC"; //$NON-NLS-1$ //$NON-NLS-2$
		String order = orderBy.equals("modified") ? "MODIFIED" + direction + ", ID" + direction : "ID" + direction; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
		// The page's ids first, then their bodies: Derby sorts the rows it selects whole, and a sort of
		// every matching body (a CLOB each) for a page of one cost more than the batches beside it.
		List<Long> ids = new ArrayList<>();
		try (PreparedStatement query = connection.prepareStatement("SELECT ID FROM DOCUMENT" + where + " ORDER BY " //$NON-NLS-1$ //$NON-NLS-2$
				+ order + " OFFSET " + (long) (page - 1) * perPage + " ROWS FETCH NEXT " + perPage + " ROWS ONLY")) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			bind(query, resource, modifiedAfter, modifiedBefore);
			try (ResultSet result = query.executeQuery()) {
				while (result.next()) {
					ids.add(result.getLong(1));
				}
			}
		}
		return new Page(inOrder(resource, ids), total);
	}

	private static void bind(PreparedStatement statement, String resource, Instant after, Instant before)
			throws SQLException {
		int index = 1;
		statement.setString(index++, resource);
		if (after != null) {
			statement.setTimestamp(index++, Timestamp.from(after));
		}
		if (before != null) {
			statement.setTimestamp(index, Timestamp.from(before));
		}
	}

	private ObjectNode parse(String body) throws SQLException {
		try {
			return (ObjectNode) json.readTree(body);
		} catch (JsonProcessingException e) {
			throw new SQLException("a stored document is not JSON", e); //$NON-NLS-1$
		}
	}

	@Override
	public synchronized void close() throws SQLException {
		connection.close();
		if (url.startsWith("jdbc:derby:memory:")) { //$NON-NLS-1$
			try {
				new org.apache.derby.jdbc.EmbeddedDriver().connect(url + ";drop=true", new Properties()); //$NON-NLS-1$
			} catch (SQLException expected) {
				// Derby reports a dropped database as an exception
			}
		}
	}
}
