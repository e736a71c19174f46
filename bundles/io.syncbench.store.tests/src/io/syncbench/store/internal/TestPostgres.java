package io.syncbench.store.internal;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.postgresql.ds.PGSimpleDataSource;

/**
 * The PostgreSQL server for tests: the URL comes from the system property
 * {@value #URL_PROPERTY} (test.sh starts a server on loopback and sets it). Without it the PostgreSQL
 * tests are skipped, unless {@value #REQUIRED_PROPERTY} is true (CI), where they fail.
 */
final class TestPostgres {

	static final String URL_PROPERTY = "syncbench.test.postgres.url";
	static final String USER_PROPERTY = "syncbench.test.postgres.user";
	static final String REQUIRED_PROPERTY = "syncbench.test.postgres.required";

	private TestPostgres() {
	}

	/** A fresh schema; tests see only their own tables. */
	static Schema newSchema() {
		String url = System.getProperty(URL_PROPERTY, "");
		if (url.isBlank() || url.equals("null")) { // Tycho passes an empty Maven property as "null"
			if (Boolean.getBoolean(REQUIRED_PROPERTY)) {
				throw new IllegalStateException("No PostgreSQL server for the tests: " + URL_PROPERTY + " is not set");
			}
			assumeTrue(false, "No PostgreSQL server for the tests (" + URL_PROPERTY + " is not set)");
		}
		String name = "t_" + UUID.randomUUID().toString().replace("-", "");
		Schema schema = new Schema(url, System.getProperty(USER_PROPERTY, "syncbench"), name);
		schema.execute("CREATE SCHEMA " + name);
		return schema;
	}

	record Schema(String url, String user, String name) {

		DatabaseConnection connection() {
			return new PostgresConnection(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + name, user, (char[]) null);
		}

		void drop() {
			execute("DROP SCHEMA " + name + " CASCADE");
		}

		private void execute(String sql) {
			PGSimpleDataSource admin = new PGSimpleDataSource();
			admin.setURL(url);
			admin.setUser(user);
			try (Connection connection = admin.getConnection(); Statement statement = connection.createStatement()) {
				statement.execute(sql);
			} catch (SQLException e) {
				throw new IllegalStateException(sql + " failed on " + url, e);
			}
		}
	}
}
