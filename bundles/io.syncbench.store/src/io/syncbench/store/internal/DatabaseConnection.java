package io.syncbench.store.internal;

import java.io.IOException;

import javax.sql.DataSource;

/** How the store reaches its database: embedded Derby by default, a server database by configuration. */
public interface DatabaseConnection {

	/** For messages: a directory or a JDBC URL, never with credentials. */
	String location();

	DataSource dataSource();

	/**
	 * Checks what can be checked before the first connection, so that the error names the real cause.
	 *
	 * @throws IOException when the database cannot be reached or created
	 */
	default void prepare() throws IOException {
	}

	/** Releases the database after the last use, so another process can open it. */
	void shutdown();
}
