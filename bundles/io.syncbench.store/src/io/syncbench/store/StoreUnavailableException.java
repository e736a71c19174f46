package io.syncbench.store;

/**
 * The database could not be opened. The message names the location and the cause in the operator's
 * words (in use by another process, directory not writable, ...).
 */
public class StoreUnavailableException extends StoreException {

	private static final long serialVersionUID = 1L;

	private final String location;

	public StoreUnavailableException(String location, String message, Throwable cause) {
		super(message, cause);
		this.location = location;
	}

	/** Where the database is: a directory for embedded Derby, a JDBC URL without credentials otherwise. */
	public String location() {
		return location;
	}
}
