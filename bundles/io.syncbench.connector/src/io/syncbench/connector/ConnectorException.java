package io.syncbench.connector;

/**
 * A system refused or failed a request. {@link #kind()} tells the engine what to do: stop the run
 * (unreachable, credentials rejected) or fail only this record (rejected).
 */
public class ConnectorException extends Exception {

	private static final long serialVersionUID = 1L;

	public enum Kind {
		/** The system cannot be reached now; the run stops and is retried later. */
		UNREACHABLE,
		/** The system refused the credentials; runs are held back until an operator fixes them. */
		CREDENTIALS_REJECTED,
		/** The system refused this record (validation, conflict); the run goes on with the others. */
		RECORD_REJECTED
	}

	private final Kind kind;
	private final String field;

	public ConnectorException(Kind kind, String field, String message, Throwable cause) {
		super(message, cause);
		this.kind = kind;
		this.field = field;
	}

	public static ConnectorException recordRejected(String field, String message) {
		return new ConnectorException(Kind.RECORD_REJECTED, field, message, null);
	}

	public static ConnectorException unreachable(String message, Throwable cause) {
		return new ConnectorException(Kind.UNREACHABLE, null, message, cause);
	}

	public Kind kind() {
		return kind;
	}

	/** The field the system named, when it named one; else null. */
	public String field() {
		return field;
	}
}
