package io.syncbench.store.internal;

import java.util.function.Supplier;

import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

/** A PostgreSQL server database, for deployments where the workbench and the service share one store. */
public final class PostgresConnection implements DatabaseConnection {

	private final String url;
	private final Supplier<char[]> password;
	private final PGSimpleDataSource dataSource = new PGSimpleDataSource();

	/**
	 * @param url      a {@code jdbc:postgresql:} URL, without user or password in it
	 * @param user     the database user
	 * @param password the user's password, or null for servers that trust the connection
	 */
	public PostgresConnection(String url, String user, char[] password) {
		this(url, user, () -> password);
	}

	/**
	 * @param password reads the user's password (null for none) when the store opens, so that a
	 *                 password changed meanwhile, or a secret storage that cannot be read, is seen then
	 */
	public PostgresConnection(String url, String user, Supplier<char[]> password) {
		this.url = url;
		this.password = password;
		dataSource.setURL(url);
		dataSource.setUser(user);
		dataSource.setApplicationName("SyncBench"); //$NON-NLS-1$
		// A page's status rows go as multi-row INSERTs: one statement for many rows, not one a row.
		dataSource.setReWriteBatchedInserts(true);
		if (dataSource.getOptions() == null) {
			// A statement's plan is made for each run: the driver would keep the plan of its fifth run,
			// made while the status table was small, and look a page of records up by scanning it.
			dataSource.setOptions("-c plan_cache_mode=force_custom_plan"); //$NON-NLS-1$
		}
	}

	@Override
	public void prepare() {
		char[] secret = password.get();
		if (secret != null) {
			dataSource.setPassword(new String(secret));
		}
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
