package io.syncbench.store.internal;

import javax.sql.DataSource;

import org.eclipse.persistence.sessions.DatabaseLogin;
import org.eclipse.persistence.sessions.DatabaseSession;
import org.eclipse.persistence.sessions.JNDIConnector;
import org.eclipse.persistence.sessions.Session;
import org.eclipse.persistence.sessions.SessionCustomizer;

/**
 * Gives EclipseLink's id allocation connections of its own, from a pool apart from the transactions'.
 * A transaction that needs a new block of ids holds a connection meanwhile; were the block allocated
 * on one from the same pool, transactions holding every connection and each needing ids would wait for
 * each other until the pool's timeout. EclipseLink's sequence connection pool switch alone does not do
 * it: with a data source given to it, that pool draws from the same data source.
 */
final class IdConnections implements SessionCustomizer {

	private final DataSource connections;

	IdConnections(DataSource connections) {
		this.connections = connections;
	}

	@Override
	public void customize(Session session) {
		DatabaseLogin login = (DatabaseLogin) ((DatabaseLogin) session.getDatasourceLogin()).clone();
		login.setConnector(new JNDIConnector(connections));
		login.useExternalConnectionPooling();
		DatabaseSession server = (DatabaseSession) session;
		server.getSequencingControl().setShouldUseSeparateConnection(true);
		server.getSequencingControl().setLogin(login);
	}
}
