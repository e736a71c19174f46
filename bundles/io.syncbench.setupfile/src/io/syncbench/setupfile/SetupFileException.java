package io.syncbench.setupfile;

/** A setup file that cannot be read or taken, naming the place in it and what is wrong there. */
public class SetupFileException extends Exception {

	private static final long serialVersionUID = 1L;

	private final String field;

	/** @param field where in the file, as a path such as {@code systems[1].type}; empty for the whole file */
	public SetupFileException(String field, String message) {
		super(field.isEmpty() ? message : field + ": " + message); //$NON-NLS-1$
		this.field = field;
	}

	public String field() {
		return field;
	}
}
