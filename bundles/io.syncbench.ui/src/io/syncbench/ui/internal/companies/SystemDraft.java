package io.syncbench.ui.internal.companies;

import java.util.Map;

import io.syncbench.store.ConnectedSystem;
import io.syncbench.store.ConnectedSystem.Role;

/**
 * A connected system as the Properties dialog edits it, until OK saves it.
 *
 * @param savedName the name it is saved under, or null for a new system
 * @param secret    a new secret typed by the operator, or null to keep the saved one
 */
record SystemDraft(String savedName, String name, String type, Role role, Map<String, String> settings,
		boolean enabled, char[] secret) {

	SystemDraft {
		settings = Map.copyOf(settings);
	}

	static SystemDraft of(ConnectedSystem system) {
		return new SystemDraft(system.name(), system.name(), system.type(), system.role(), system.settings(),
				system.enabled(), null);
	}

	/** Settings as lines of {@code key=value}, the way the operator types them. */
	String settingsText() {
		return KeyValueLines.format(settings);
	}
}
