package io.syncbench.connector.woocommerce;

/**
 * The settings of a connected system of the kind {@value #TYPE}: a web store with the WooCommerce
 * REST API v3 (or the sandbox store). Its secret is the consumer key and secret, {@code ck_...:cs_...},
 * kept in secure storage, never a setting.
 */
public final class WooCommerceSystem {

	public static final String TYPE = "woocommerce"; //$NON-NLS-1$

	/**
	 * The store's address, for example {@code https://shop.example.com}; the API is under
	 * {@code /wp-json/wc/v3/}. Plain {@code http} is refused except for a store on this machine, since the
	 * consumer key would cross the network in clear.
	 */
	public static final String URL = "url"; //$NON-NLS-1$

	/**
	 * The path of a PEM file with the certificate (or certificates) to trust for this store beside the
	 * system's certificate authorities: for a store with a self-signed certificate. Host names are still
	 * verified; nothing turns verification off.
	 */
	public static final String TRUSTED_CERTIFICATE = "trustedCertificate"; //$NON-NLS-1$

	/** Records per page when reading (1 to 100, default 100). */
	public static final String PAGE_SIZE = "pageSize"; //$NON-NLS-1$

	/** The most items one batch request may carry (default 100, WooCommerce's default; store owners can raise it). */
	public static final String BATCH_LIMIT = "batchLimit"; //$NON-NLS-1$

	/**
	 * Seconds one request may take in all, from connecting to the last byte of the answer (1 to 3600,
	 * default 30): an answer that drips a byte at a time is aborted then, and the run stops.
	 */
	public static final String TIMEOUT_SECONDS = "timeoutSeconds"; //$NON-NLS-1$

	/** Attempts of a request on connection errors, 429 and 5xx before the run stops (default 5). */
	public static final String ATTEMPTS = "attempts"; //$NON-NLS-1$

	private WooCommerceSystem() {
	}

	/** The secret as the connector expects it from secure storage. */
	public static char[] credentials(String consumerKey, String consumerSecret) {
		return (consumerKey + ":" + consumerSecret).toCharArray(); //$NON-NLS-1$
	}
}
