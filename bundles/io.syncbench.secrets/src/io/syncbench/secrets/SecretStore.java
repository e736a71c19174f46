package io.syncbench.secrets;

import java.util.Optional;

/**
 * Where SyncBench keeps secrets: the passwords and keys of connected systems and of the store's own
 * database. The product's implementation is Eclipse secure storage, encrypted on disk; secrets never go
 * to the store, to preference files or to logs.
 *
 * <p>Callers own the arrays they get and should clear them once used.
 */
public interface SecretStore {

	/** @return the secret stored under {@code key}, or empty when there is none */
	Optional<char[]> read(String key);

	/**
	 * Stores a secret, replacing any previous one, and saves the storage at once.
	 *
	 * @throws SecretStoreException when the storage cannot be written
	 */
	void write(String key, char[] secret);

	/** Forgets the secret under {@code key}; forgetting one that is not there is not an error. */
	void remove(String key);

	/**
	 * The secret under {@code key}; one found only under {@code earlierKey}, where an older SyncBench kept
	 * it, is moved to {@code key} first, so that it is read from one place from then on.
	 */
	default Optional<char[]> readMovingFrom(String key, String earlierKey) {
		Optional<char[]> secret = read(key);
		if (secret.isPresent()) {
			return secret;
		}
		Optional<char[]> earlier = read(earlierKey);
		earlier.ifPresent(value -> {
			write(key, value);
			remove(earlierKey);
		});
		return earlier;
	}
}
