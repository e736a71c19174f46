package io.syncbench.connector;

import java.util.List;
import java.util.Map;
import java.util.Optional;

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

	/** The settings this kind of system takes, for the operator who types them; empty when it does not say. */
	default List<SettingKey> settingKeys() {
		return List.of();
	}

	/**
	 * What is wrong with these settings, in the operator's words naming the key, found without reaching
	 * the system: a key this kind of system does not take, a required one missing, a value out of its
	 * range. Empty when they can be used; {@link #open} still finds what only the system can tell.
	 */
	default Optional<String> checkSettings(Map<String, String> settings) {
		return Optional.empty();
	}
}
