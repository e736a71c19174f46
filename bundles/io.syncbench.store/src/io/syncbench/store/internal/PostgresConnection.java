package io.syncbench.store.internal;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

/** A PostgreSQL server database, for deployments where the workbench and the service share one store. */
public final class PostgresConnection implements DatabaseConnection {

	private final String url;
	private final PGSimpleDataSource dataSource = new PGSimpleDataSource();

	/**
	 * @param url      a {@code jdbc:postgresql:} URL, without user or password in it
	 * @param user     the database user
	 * @param password the user's password, or null for servers that trust the connection
	 */
	public PostgresConnection(String url, String user, char[] password) {
		this.url = url;
		dataSource.setURL(url);
		dataSource.setUser(user);
		if (password != null) {
			dataSource.setPassword(new String(password));
		}
		dataSource.setApplicationName("SyncBench"); //$NON-NLS-1$
	}

	@Override
	public String location() {
		return url;
	}

	@Override
	public DataSource dataSource() {
		return dataSource;
	}

	@Override
	public void shutdown() {
		// Connections are opened per use and closed by EclipseLink; the server stays up.
	}
}
