package io.syncbench.secrets;

import java.util.Optional;

/**
 * The secrets of one store's companies' connected systems (passwords, consumer keys and secrets), kept
 * under the store's identity: one machine's secure storage serves every store used on it, and company 1
 * of a demo workspace is not company 1 of the real one. Without the identity, each would read, and send
 * to its own systems, the credentials the other saved last.
 */
public final class CompanySecrets {

	private final SecretStore secrets;
	private final String storeId;

	/** @param storeId the store's identity ({@code Store.id()}) */
	public CompanySecrets(SecretStore secrets, String storeId) {
		this.secrets = secrets;
		this.storeId = storeId;
	}

	/**
	 * The system's secret. One saved by a SyncBench from before stores had identities is moved under this
	 * store's at its first read: which store saved it cannot be known, so the first to ask takes it, and
	 * another store with a company of the same id finds none and says so.
	 */
	public Optional<char[]> read(long companyId, String systemName) {
		return secrets.readMovingFrom(SecretKeys.system(storeId, companyId, systemName),
				SecretKeys.systemWithoutStore(companyId, systemName));
	}

	public void write(long companyId, String systemName, char[] secret) {
		secrets.write(SecretKeys.system(storeId, companyId, systemName), secret);
	}

	public void remove(long companyId, String systemName) {
		secrets.remove(SecretKeys.system(storeId, companyId, systemName));
	}
}
