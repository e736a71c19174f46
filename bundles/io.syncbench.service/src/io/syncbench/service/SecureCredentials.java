package io.syncbench.service;

import io.syncbench.engine.CredentialSource;
import io.syncbench.secrets.SecretKeys;
import io.syncbench.secrets.SecretStore;

/** Connected systems' secrets, from secure storage where the workbench or {@code -setSystemSecret} put them. */
public final class SecureCredentials implements CredentialSource {

	private final SecretStore secrets;

	public SecureCredentials(SecretStore secrets) {
		this.secrets = secrets;
	}

	@Override
	public char[] credentials(long companyId, String systemName) {
		return secrets.read(SecretKeys.system(companyId, systemName)).orElseGet(() -> new char[0]);
	}
}
