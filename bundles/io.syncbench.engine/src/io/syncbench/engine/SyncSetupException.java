package io.syncbench.engine;

/** A company's sync setup cannot be run as it is; the message says what to fix and where. */
public final class SyncSetupException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public SyncSetupException(String message) {
		super(message);
	}
}
