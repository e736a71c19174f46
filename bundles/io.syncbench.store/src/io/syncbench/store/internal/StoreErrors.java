package io.syncbench.store.internal;

import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.Set;

import org.eclipse.osgi.util.NLS;

import io.syncbench.store.StoreUnavailableException;

/** Turns JDBC failures into messages an operator can act on. */
final class StoreErrors {

	/** SQLState of a unique or primary key violation, the same on Derby and PostgreSQL. */
	static final String UNIQUE_VIOLATION = "23505"; //$NON-NLS-1$

	private static final String DERBY_ALREADY_BOOTED = "XSDB6"; //$NON-NLS-1$
	private static final String DERBY_DIRECTORY_NOT_CREATED = "XBM0H"; //$NON-NLS-1$
	private static final String DERBY_CANNOT_CREATE_DATABASE = "XJ041"; //$NON-NLS-1$
	/** Connection refused or the host is unknown (PostgreSQL: 08001, 08004). */
	private static final String CANNOT_CONNECT = "08001"; //$NON-NLS-1$
	private static final String CONNECTION_REJECTED = "08004"; //$NON-NLS-1$
	/** Password or user rejected (PostgreSQL: 28P01, 28000). */
	private static final String INVALID_PASSWORD = "28P01"; //$NON-NLS-1$
	private static final String INVALID_AUTHORIZATION = "28000"; //$NON-NLS-1$
	/** "Database not found": we always connect with create=true, so the folder could not be made. */
	private static final String DERBY_DATABASE_NOT_FOUND = "XJ004"; //$NON-NLS-1$

	private StoreErrors() {
	}

	static StoreUnavailableException cannotOpen(String location, Throwable failure) {
		Set<String> states = sqlStates(failure);
		String cause;
		if (states.contains(DERBY_ALREADY_BOOTED)) {
			cause = Messages.Store_inUse;
		} else if (states.contains(DERBY_DIRECTORY_NOT_CREATED) || states.contains(DERBY_CANNOT_CREATE_DATABASE)
				|| states.contains(DERBY_DATABASE_NOT_FOUND)) {
			cause = Messages.Store_notWritable;
		} else if (states.contains(INVALID_PASSWORD) || states.contains(INVALID_AUTHORIZATION)) {
			cause = Messages.Store_credentialsRejected;
		} else if (states.contains(CANNOT_CONNECT) || states.contains(CONNECTION_REJECTED)) {
			cause = NLS.bind(Messages.Store_serverUnreachable, deepestMessage(failure));
		} else {
			cause = NLS.bind(Messages.Store_otherCause, deepestMessage(failure));
		}
		return new StoreUnavailableException(location, NLS.bind(Messages.Store_cannotOpen, location, cause), failure);
	}

	static StoreUnavailableException notWritable(String location, Throwable failure) {
		return new StoreUnavailableException(location,
				NLS.bind(Messages.Store_cannotOpen, location, Messages.Store_notWritable), failure);
	}

	/** Something the connection needs before connecting (its password) is not available; says why. */
	static StoreUnavailableException cannotPrepare(String location, RuntimeException failure) {
		return new StoreUnavailableException(location,
				NLS.bind(Messages.Store_cannotOpen, location, failure.getMessage()), failure);
	}

	static boolean isUniqueViolation(Throwable failure) {
		return sqlStates(failure).contains(UNIQUE_VIOLATION);
	}

	/**
	 * Whether the database gave up on the transaction because of other transactions (a deadlock, a lock
	 * wait timeout, a serialization failure): SQLState class 40, or Derby's lock timeout 40XL1. Doing
	 * the work again, in smaller transactions, succeeds.
	 */
	static boolean isContention(Throwable failure) {
		return sqlStates(failure).stream().anyMatch(state -> state.startsWith("40")); //$NON-NLS-1$
	}

	/** All SQLStates in the cause chain and in every SQLException's next-exception chain. */
	static Set<String> sqlStates(Throwable failure) {
		Set<String> states = new LinkedHashSet<>();
		for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (t instanceof SQLException sql) {
				for (SQLException next = sql; next != null; next = next.getNextException()) {
					if (next.getSQLState() != null) {
						states.add(next.getSQLState());
					}
				}
			}
		}
		return states;
	}

	private static String deepestMessage(Throwable failure) {
		String message = failure.toString();
		for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
			if (t.getMessage() != null) {
				message = t.getMessage();
			}
		}
		return message;
	}
}
