package io.syncbench.store;

import java.util.Map;

/**
 * An outside system or device a company synchronizes with.
 *
 * @param id        the store's key
 * @param companyId the company it belongs to
 * @param name      its name within the company, for example {@code webstore}; names its status rows
 * @param type      the connector that speaks to it, for example {@code woocommerce}
 * @param settings  the connector's settings (URL, user, page size...), never a secret: secrets live in
 *                  Eclipse secure storage
 * @param role      whether it is the company's own database or an outside system
 * @param enabled   whether runs include it
 */
public record ConnectedSystem(long id, long companyId, String name, String type, Role role,
		Map<String, String> settings, boolean enabled) {

	/** The company's own database (one per company), or an outside system it is kept in step with. */
	public enum Role {
		COMPANY_DATABASE, OUTSIDE_SYSTEM
	}

	public ConnectedSystem {
		settings = Map.copyOf(settings);
	}
}
