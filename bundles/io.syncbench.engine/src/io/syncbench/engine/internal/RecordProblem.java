package io.syncbench.engine.internal;

/** A record cannot be synchronized as it is; the message names the record and the field. */
public final class RecordProblem extends Exception {

	private static final long serialVersionUID = 1L;

	private final String field;

	public RecordProblem(String field, String message) {
		super(message);
		this.field = field;
	}

	/** The field at fault, or null when the problem is the record as a whole. */
	public String field() {
		return field;
	}
}
