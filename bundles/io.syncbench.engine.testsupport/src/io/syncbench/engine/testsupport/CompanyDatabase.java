package io.syncbench.engine.testsupport;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;

import io.syncbench.connector.jdbc.JdbcSystem;

/**
 * An empty company database for one test or benchmark, reached as the application and as SyncBench reach it:
 * embedded Derby in a temporary folder, or a schema of its own on the test PostgreSQL server
 * ({@code -Dsyncbench.test.postgres.url}; skipped without it unless {@code .required=true}).
 */
public abstract class CompanyDatabase implements AutoCloseable {

	/** The settings of a connected system on this database. */
	public abstract Map<String, String> settings();

	/** A connection of the company's application, committing by itself unless told otherwise. */
	public abstract Connection application() throws SQLException;

	@Override
	public abstract void close();

	public void execute(String... statements) throws SQLException {
		try (Connection connection = application(); Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
	}

	public static CompanyDatabase derby(Path folder) {
		String url = "jdbc:derby:" + folder.resolve("erp");
		return new CompanyDatabase() {
			@Override
			public Map<String, String> settings() {
				return Map.of(JdbcSystem.URL, url);
			}

			@Override
			public Connection application() throws SQLException {
				return new org.apache.derby.jdbc.EmbeddedDriver().connect(url + ";create=true", new Properties());
			}

			@Override
			public void close() {
				try {
					new org.apache.derby.jdbc.EmbeddedDriver().connect(url + ";shutdown=true", new Properties());
				} catch (SQLException expected) {
					// Derby reports a shutdown as an exception
				}
			}
		};
	}

	public static CompanyDatabase postgres() {
		String server = System.getProperty("syncbench.test.postgres.url");
		boolean required = Boolean.getBoolean("syncbench.test.postgres.required");
		if (server == null || server.isBlank() || server.equals("null")) {
			if (required) {
				throw new IllegalStateException("syncbench.test.postgres.required is set but no server URL is");
			}
			Assumptions.abort("no PostgreSQL server for tests (-Dsyncbench.test.postgres.url)");
		}
		String user = System.getProperty("syncbench.test.postgres.user", "syncbench");
		String schema = "jdbc_" + UUID.randomUUID().toString().replace("-", "");
		String url = server + (server.contains("?") ? "&" : "?") + "currentSchema=" + schema;
		Properties properties = new Properties();
		properties.setProperty("user", user);
		try (Connection admin = new org.postgresql.Driver().connect(server, properties);
				Statement statement = admin.createStatement()) {
			statement.execute("CREATE SCHEMA " + schema);
		} catch (SQLException e) {
			throw new IllegalStateException("cannot prepare a schema on " + server, e);
		}
		return new CompanyDatabase() {
			@Override
			public Map<String, String> settings() {
				return Map.of(JdbcSystem.URL, url, JdbcSystem.USER, user);
			}

			@Override
			public Connection application() throws SQLException {
				return new org.postgresql.Driver().connect(url, properties);
			}

			@Override
			public void close() {
				try (Connection admin = new org.postgresql.Driver().connect(server, properties);
						Statement statement = admin.createStatement()) {
					statement.execute("DROP SCHEMA " + schema + " CASCADE");
				} catch (SQLException e) {
					// a schema left behind holds test data only
				}
			}
		};
	}

	static {
		DriverManager.setLoginTimeout(10);
	}
}
