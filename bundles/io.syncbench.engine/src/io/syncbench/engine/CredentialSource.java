package io.syncbench.engine;

/**
 * Where the engine gets a connected system's secret (password, key) when it opens a session. The
 * product reads them from Eclipse secure storage; they are never stored in the store or logged.
 */
@FunctionalInterface
public interface CredentialSource {

	/** @return the secret, or an empty array when the system needs none */
	char[] credentials(long companyId, String systemName);
}
