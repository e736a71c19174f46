package io.syncbench.secrets;

/** The secret storage cannot be read or written; the message says where and why. */
public final class SecretStoreException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public SecretStoreException(String message, Throwable cause) {
		super(message, cause);
	}
}
