package io.syncbench.connector.jdbc.internal;

import java.sql.SQLException;

import org.eclipse.osgi.util.NLS;

import io.syncbench.connector.ConnectorException;
import io.syncbench.connector.ConnectorException.Kind;

/**
 * Tells apart what the engine must do about a database error: a lost or refused connection stops the
 * run; bad data fails only its record. Judged by SQLState class, which both databases follow.
 */
final class SqlErrors {

	private SqlErrors() {
	}

	static ConnectorException of(SQLException e, String url) {
		String state = e.getSQLState() == null ? "" : e.getSQLState(); //$NON-NLS-1$
		if (state.startsWith("28") || state.equals("08004")) { // invalid authorization; Derby's refused connection //$NON-NLS-1$ //$NON-NLS-2$
			return new ConnectorException(Kind.CREDENTIALS_REJECTED, null,
					NLS.bind(Messages.Connection_rejected, url, e.getMessage()), e);
		}
		if (state.startsWith("08") || state.startsWith("57") || state.startsWith("40") || state.startsWith("XJ") //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
				|| state.startsWith("XSDB") || state.isEmpty()) { //$NON-NLS-1$
			return ConnectorException.unreachable(NLS.bind(Messages.Connection_unreachable, url, e.getMessage()), e);
		}
		return null;
	}

	/** A failure of one record's statement: bad data fails the record; anything else stops the run. */
	static ConnectorException ofRecord(SQLException e, String url, String table, String id) {
		ConnectorException connection = of(e, url);
		if (connection != null) {
			return connection;
		}
		return new ConnectorException(Kind.RECORD_REJECTED, null,
				NLS.bind(Messages.Write_refused, new Object[] { table, id == null ? "(new)" : id, e.getMessage() }), e); //$NON-NLS-1$
	}

	/** A failure outside any one record (reading changes, the schema): the run stops, saying why. */
	static ConnectorException stop(SQLException e, String url) {
		ConnectorException connection = of(e, url);
		return connection != null ? connection
				: ConnectorException.unreachable(NLS.bind(Messages.Connection_failed, url, e.getMessage()), e);
	}
}
