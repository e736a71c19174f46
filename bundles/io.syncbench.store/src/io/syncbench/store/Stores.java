package io.syncbench.store;

import java.nio.file.Path;

import io.syncbench.store.internal.EmbeddedDerbyConnection;
import io.syncbench.store.internal.JpaStore;
import io.syncbench.store.internal.PostgresConnection;

/**
 * Opens stores on a database of the caller's choosing, for the headless service and for tests. The
 * workbench uses the {@link Store} OSGi service instead, which lives in its workspace.
 */
public final class Stores {

	private Stores() {
	}

	/** A store on embedded Derby in {@code directory}, created on first use. */
	public static OwnedStore embeddedDerby(Path directory) {
		return new JpaStore(new EmbeddedDerbyConnection(directory));
	}

	/** A store on a PostgreSQL server; {@code password} may be null for a server that trusts the caller. */
	public static OwnedStore postgres(String url, String user, char[] password) {
		return new JpaStore(new PostgresConnection(url, user, password));
	}

	/** A store its opener closes, which releases the database. */
	public interface OwnedStore extends Store, AutoCloseable {
		@Override
		void close();
	}
}
