package io.syncbench.engine.testsupport;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;

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
		PostgresSchema schema;
		try {
			schema = PostgresSchema.create("jdbc");
		} catch (SQLException e) {
			throw new IllegalStateException("cannot prepare a schema on the test PostgreSQL server", e);
		}
		String url = schema.url();
		Properties properties = new Properties();
		properties.setProperty("user", schema.user());
		return new CompanyDatabase() {
			@Override
			public Map<String, String> settings() {
				return Map.of(JdbcSystem.URL, url, JdbcSystem.USER, schema.user());
			}

			@Override
			public Connection application() throws SQLException {
				return new org.postgresql.Driver().connect(url, properties);
			}

			@Override
			public void close() {
				schema.close();
			}
		};
	}

	static {
		DriverManager.setLoginTimeout(10);
	}
}
