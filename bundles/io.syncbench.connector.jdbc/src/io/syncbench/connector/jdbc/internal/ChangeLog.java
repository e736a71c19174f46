package io.syncbench.connector.jdbc.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import io.syncbench.connector.ChangeCapture;
import io.syncbench.connector.ConnectorException;
import io.syncbench.connector.jdbc.JdbcSystem;

/**
 * The change log of a database and the triggers that write it in the same transaction as each
 * change: an insert, an update or a delete of a mapped table adds a row (entity, key, operation).
 * With {@link JdbcSystem#CAPTURE_APPLICATION} the application writes the log itself and only the
 * tables are installed. A second table holds how far each consumer has read, so that rows are deleted
 * only once every consumer has them.
 */
final class ChangeLog implements ChangeCapture {

	private final JdbcSession session;

	ChangeLog(JdbcSession session) {
		this.session = session;
	}

	static String ackTable(String changeLog) {
		return changeLog + "_ACK"; //$NON-NLS-1$
	}

	@Override
	public List<String> plan() throws ConnectorException {
		JdbcSettings settings = session.settings();
		Dialect dialect = session.dialect();
		List<String> statements = new ArrayList<>();
		try {
			if (!tableExists(settings.changeLog())) {
				statements.add(dialect.changeLogTable(settings.changeLog()));
				statements.add("CREATE INDEX " + settings.changeLog() + "_BY_ENTITY ON " + settings.changeLog() //$NON-NLS-1$ //$NON-NLS-2$
						+ " (ENTITY_NAME, ID)"); //$NON-NLS-1$
			}
			if (!tableExists(ackTable(settings.changeLog()))) {
				statements.add("CREATE TABLE " + ackTable(settings.changeLog()) //$NON-NLS-1$
						+ " (CONSUMER VARCHAR(200) NOT NULL, ENTITY_NAME VARCHAR(64) NOT NULL, LAST_ID BIGINT NOT NULL," //$NON-NLS-1$
						+ " PRIMARY KEY (ENTITY_NAME, CONSUMER))"); //$NON-NLS-1$
			}
			if (settings.capture().equals(JdbcSystem.CAPTURE_TRIGGERS)) {
				for (TableInfo table : session.tables().values()) {
					if (!triggersExist(table.mapping())) {
						statements.addAll(dialect.captureTriggers(table.mapping(), settings.changeLog(),
								table.key().type() == io.syncbench.connector.FieldSchema.FieldType.INTEGER));
					}
				}
			}
			session.connection().commit();
		} catch (SQLException e) {
			throw SqlErrors.stop(e, settings.url());
		}
		return statements;
	}

	@Override
	public void install() throws ConnectorException {
		execute(plan());
	}

	@Override
	public void remove() throws ConnectorException {
		List<String> statements = new ArrayList<>();
		try {
			for (TableInfo table : session.tables().values()) {
				if (anyTriggerExists(table.mapping())) {
					statements.addAll(session.dialect().dropTriggers(table.mapping()));
				}
			}
		} catch (SQLException e) {
			throw SqlErrors.stop(e, session.settings().url());
		}
		execute(statements);
	}

	@Override
	public boolean installed() throws ConnectorException {
		return plan().isEmpty();
	}

	/** All statements in one transaction: a capture is installed whole or not at all. */
	private void execute(List<String> statements) throws ConnectorException {
		Connection connection = session.connection();
		try (Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
			connection.commit();
		} catch (SQLException e) {
			try {
				connection.rollback();
			} catch (SQLException ignored) {
				// the connection is gone: the database rolls back
			}
			throw SqlErrors.stop(e, session.settings().url());
		}
	}

	private boolean tableExists(String table) throws SQLException {
		Connection connection = session.connection();
		try (ResultSet found = connection.getMetaData().getTables(null, connection.getSchema(),
				session.dialect().fold(table), new String[] { "TABLE" })) { //$NON-NLS-1$
			return found.next();
		}
	}

	private boolean triggersExist(TableMapping mapping) throws SQLException {
		for (String trigger : session.dialect().triggerNames(mapping)) {
			if (!triggerExists(trigger)) {
				return false;
			}
		}
		return true;
	}

	private boolean anyTriggerExists(TableMapping mapping) throws SQLException {
		for (String trigger : session.dialect().triggerNames(mapping)) {
			if (triggerExists(trigger)) {
				return true;
			}
		}
		return false;
	}

	private boolean triggerExists(String trigger) throws SQLException {
		try (PreparedStatement query = session.connection().prepareStatement(session.dialect().triggerExists())) {
			query.setString(1, trigger);
			try (ResultSet count = query.executeQuery()) {
				count.next();
				return count.getInt(1) > 0;
			}
		}
	}
}
