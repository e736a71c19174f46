package io.syncbench.store;

/** A value was refused; {@link #field()} names the field so a dialog can show the message beside it. */
public class InvalidFieldException extends StoreException {

	private static final long serialVersionUID = 1L;

	private final String field;

	public InvalidFieldException(String field, String message) {
		super(message);
		this.field = field;
	}

	public InvalidFieldException(String field, String message, Throwable cause) {
		super(message, cause);
		this.field = field;
	}

	public String field() {
		return field;
	}
}
