package io.syncbench.ui.internal.companies;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.eclipse.osgi.util.NLS;

/**
 * Pairs as an operator types them, one {@code key=value} per line: a system's settings, an entity's
 * field mappings and record filter.
 */
final class KeyValueLines {

	private KeyValueLines() {
	}

	static String format(Map<String, String> pairs) {
		StringBuilder text = new StringBuilder();
		pairs.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
		return text.toString();
	}

	/**
	 * Reads {@code key=value} lines; blank lines are passed over.
	 *
	 * @return the pairs, or the problem naming the line
	 */
	static Result parse(String text) {
		Map<String, String> pairs = new LinkedHashMap<>();
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
			if (pairs.containsKey(key)) {
				return new Result(null, Optional.of(NLS.bind(Messages.System_settingsTwice, i + 1, key)));
			}
			pairs.put(key, line.substring(equals + 1).strip());
		}
		return new Result(pairs, Optional.empty());
	}

	record Result(Map<String, String> pairs, Optional<String> problem) {
	}
}
