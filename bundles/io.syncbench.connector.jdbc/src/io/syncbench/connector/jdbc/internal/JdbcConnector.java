package io.syncbench.connector.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

import org.osgi.service.component.annotations.Component;

import io.syncbench.connector.Connector;
import io.syncbench.connector.ConnectorException;
import io.syncbench.connector.SystemSession;
import io.syncbench.connector.jdbc.JdbcSystem;

/**
 * The connector for databases over JDBC: Apache Derby and PostgreSQL, the driver chosen by the URL.
 * Used for the company's own database and for other databases a company keeps in step.
 */
@Component(service = Connector.class, property = Connector.SYSTEM_TYPE + "=" + JdbcSystem.TYPE)
public final class JdbcConnector implements Connector {

	@Override
	public String systemType() {
		return JdbcSystem.TYPE;
	}

	/**
	 * @throws IllegalArgumentException naming the setting when the settings cannot work (no URL, a table
	 *                                  name that is not an identifier)
	 */
	@Override
	public SystemSession open(Map<String, String> settings, char[] credentials) throws ConnectorException {
		JdbcSettings parsed = JdbcSettings.parse(settings);
		Dialect dialect = Dialect.of(parsed.url());
		Connection connection;
		try {
			connection = dialect.connect(parsed.url(), parsed.user(), credentials);
		} catch (SQLException e) {
			throw SqlErrors.stop(e, parsed.url());
		}
		try {
			return new JdbcSession(parsed, dialect, connection);
		} catch (SQLException e) {
			try {
				connection.close();
			} catch (SQLException ignored) {
				// already failing
			}
			throw SqlErrors.stop(e, parsed.url());
		}
	}
}
