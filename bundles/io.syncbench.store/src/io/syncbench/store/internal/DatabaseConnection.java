package io.syncbench.store.internal;

import javax.sql.DataSource;

/** How the store reaches its database: embedded Derby by default, a server database by configuration. */
public interface DatabaseConnection {

	/** For messages: a directory or a JDBC URL, never with credentials. */
	String location();

	DataSource dataSource();

	/** Releases the database after the last use, so another process can open it. */
	void shutdown();
}
