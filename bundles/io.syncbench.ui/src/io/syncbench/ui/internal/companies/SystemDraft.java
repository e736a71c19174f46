package io.syncbench.ui.internal.companies;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.eclipse.osgi.util.NLS;

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
		StringBuilder text = new StringBuilder();
		settings.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
		return text.toString();
	}

	/**
	 * Reads {@code key=value} lines; blank lines are passed over.
	 *
	 * @return the settings, or the problem naming the line
	 */
	static Result parseSettings(String text) {
		Map<String, String> settings = new LinkedHashMap<>();
		String[] lines = text.split("\\R"); //$NON-NLS-1$
		for (int i = 0; i < lines.length; i++) {
			String line = lines[i].strip();
			if (line.isEmpty()) {
				continue;
			}
			int equals = line.indexOf('=');
			if (equals <= 0) {
				return new Result(null, Optional.of(NLS.bind(Messages.System_settingsLine, i + 1, line)));
			}
			String key = line.substring(0, equals).strip();
			if (settings.containsKey(key)) {
				return new Result(null, Optional.of(NLS.bind(Messages.System_settingsTwice, i + 1, key)));
			}
			settings.put(key, line.substring(equals + 1).strip());
		}
		return new Result(settings, Optional.empty());
	}

	record Result(Map<String, String> settings, Optional<String> problem) {
	}
}
