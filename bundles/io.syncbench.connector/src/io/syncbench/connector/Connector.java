package io.syncbench.connector;

import java.util.Map;

/**
 * One kind of outside system (a JDBC database, a WooCommerce store, the sandbox store). Connectors are
 * OSGi services registered with the property {@value #SYSTEM_TYPE}; the engine finds them by that
 * type at run time and never refers to a connector class.
 */
public interface Connector {

	/** Service property naming the kind of system, for example {@code jdbc} or {@code woocommerce}. */
	String SYSTEM_TYPE = "syncbench.systemType";

	/** The kind of system this connector speaks to; the same value as its {@link #SYSTEM_TYPE} property. */
	String systemType();

	/**
	 * Opens a session with one system.
	 *
	 * @param settings    the system's settings (URL, user, options), never secrets
	 * @param credentials the secret (password, key), read from secure storage by the caller; may be empty
	 * @throws ConnectorException when the system cannot be reached or refuses the credentials
	 */
	SystemSession open(Map<String, String> settings, char[] credentials) throws ConnectorException;
}
