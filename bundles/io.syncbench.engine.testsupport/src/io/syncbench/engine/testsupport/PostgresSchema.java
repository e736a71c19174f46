package io.syncbench.engine.testsupport;

import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;

/**
 * A schema of its own on the test PostgreSQL server ({@code -Dsyncbench.test.postgres.url}), for a store
 * that several services share in one test; dropped at the end. Without a server the test is skipped,
 * unless {@code syncbench.test.postgres.required=true}.
 */
public final class PostgresSchema implements AutoCloseable {

	private final String server;
	private final String user;
	private final String name;

	private PostgresSchema(String server, String user, String name) {
		this.server = server;
		this.user = user;
		this.name = name;
	}

	public static PostgresSchema create(String prefix) throws SQLException {
		String server = System.getProperty("syncbench.test.postgres.url");
		if (server == null || server.isBlank() || server.equals("null")) {
			if (Boolean.getBoolean("syncbench.test.postgres.required")) {
				throw new IllegalStateException("syncbench.test.postgres.required is set but no server URL is");
			}
			Assumptions.abort("no PostgreSQL server for tests (-Dsyncbench.test.postgres.url)");
		}
		PostgresSchema schema = new PostgresSchema(server, System.getProperty("syncbench.test.postgres.user", "syncbench"),
				prefix + "_" + UUID.randomUUID().toString().replace("-", ""));
		schema.execute("CREATE SCHEMA " + schema.name);
		return schema;
	}

	/** The server's JDBC URL with this schema as the current one. */
	public String url() {
		return server + (server.contains("?") ? "&" : "?") + "currentSchema=" + name;
	}

	/** The same, reached through another host and port (a relay in front of the server). */
	public String urlThrough(String host, int port) {
		URI address = URI.create(server.substring("jdbc:".length()));
		return "jdbc:postgresql://" + host + ":" + port + address.getPath() + "?currentSchema=" + name;
	}

	/** The server's host and port, for a relay in front of it. */
	public URI serverAddress() {
		return URI.create(server.substring("jdbc:".length()));
	}

	public String user() {
		return user;
	}

	private void execute(String sql) throws SQLException {
		Properties login = new Properties();
		login.setProperty("user", user);
		try (Connection admin = new org.postgresql.Driver().connect(server, login); Statement statement = admin.createStatement()) {
			statement.execute(sql);
		}
	}

	@Override
	public void close() {
		try {
			execute("DROP SCHEMA " + name + " CASCADE");
		} catch (SQLException e) {
			// a schema left behind holds test data only
		}
	}
}
