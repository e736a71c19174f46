package io.syncbench.secrets;

/** The keys under which SyncBench's parts find their secrets, so that writer and reader agree. */
public final class SecretKeys {

	/**
	 * The password of a store's database on a PostgreSQL server, by the store's URL: the store's identity
	 * is in the database that the password opens, and one machine may use several stores.
	 */
	public static String storePassword(String url) {
		return "stores/by-url/" + encode(url) + "/password"; //$NON-NLS-1$ //$NON-NLS-2$
	}

	/** Where SyncBench kept the one store password before it kept one per store; read once, to move it. */
	public static final String STORE_PASSWORD_OF_ANY_STORE = "store/password"; //$NON-NLS-1$
	/** The URL that support's notifications go to: such URLs often carry the receiver's token. */
	public static final String HEALTH_WEBHOOK = "health/webhook"; //$NON-NLS-1$

	private SecretKeys() {
	}

	/**
	 * The secret (password, consumer secret) of one connected system of one company of one store; read and
	 * written through {@link CompanySecrets}.
	 */
	public static String system(String storeId, long companyId, String systemName) {
		return "stores/" + encode(storeId) + "/" + systemWithoutStore(companyId, systemName); //$NON-NLS-1$ //$NON-NLS-2$
	}

	/** Where SyncBench kept a system's secret before stores had identities; read once, to move it. */
	static String systemWithoutStore(long companyId, String systemName) {
		return "companies/" + companyId + "/systems/" + encode(systemName); //$NON-NLS-1$ //$NON-NLS-2$
	}

	/** System names are free text; a slash in one must not open a new storage node. */
	private static String encode(String name) {
		return name.replace("%", "%25").replace("/", "%2F"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
	}
}
