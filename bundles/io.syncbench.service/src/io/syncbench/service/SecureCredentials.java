package io.syncbench.service;

import io.syncbench.engine.CredentialSource;
import io.syncbench.secrets.CompanySecrets;
import io.syncbench.secrets.SecretStore;
import io.syncbench.store.Store;

/**
 * Connected systems' secrets, from secure storage where the workbench or {@code -setSystemSecret} put them,
 * under the store's identity.
 */
public final class SecureCredentials implements CredentialSource {

	private final Store store;
	private final SecretStore secrets;

	/** @param store whose companies' secrets these are; its identity is read at the first request */
	public SecureCredentials(Store store, SecretStore secrets) {
		this.store = store;
		this.secrets = secrets;
	}

	@Override
	public char[] credentials(long companyId, String systemName) {
		return new CompanySecrets(secrets, store.id()).read(companyId, systemName).orElseGet(() -> new char[0]);
	}
}
