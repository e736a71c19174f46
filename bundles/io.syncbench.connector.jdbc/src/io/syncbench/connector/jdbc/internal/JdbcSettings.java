package io.syncbench.connector.jdbc.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.eclipse.osgi.util.NLS;

import io.syncbench.connector.FileFolder;
import io.syncbench.connector.KeyMatch;
import io.syncbench.connector.jdbc.JdbcSystem;

/**
 * A JDBC system's settings, checked: every table and column name is a plain SQL identifier, so that
 * no setting can carry SQL into a statement.
 *
 * @param url        the JDBC URL
 * @param user       the user, or null
 * @param entities   the entities asked for, in order; empty for the standard layout's
 * @param mappings   each entity's table, key and unique key
 * @param capture    triggers or application
 * @param changeLog  the change log table
 * @param files      the folder records may name files in
 */
record JdbcSettings(String url, String user, List<String> entities, Map<String, TableMapping> mappings,
		String capture, String changeLog, FileFolder files) {

	private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,62}"); //$NON-NLS-1$

	/** The standard back-office layout, also the demo company database's: entity, table, unique key. */
	static final List<TableMapping> STANDARD_LAYOUT = List.of( //
			new TableMapping("product", "ITEM", "ID", "SKU"), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
			new TableMapping("customer", "CUSTOMER", "ID", "EMAIL", KeyMatch.CASE_INSENSITIVE), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
			new TableMapping("address", "ADDRESS", "ID", null), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			new TableMapping("salesorder", "SALES_ORDER", "ID", "ORDER_REF"), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
			new TableMapping("salesorderline", "SALES_ORDER_LINE", "ID", null), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			new TableMapping("stocklevel", "STOCK_LEVEL", "ID", null)); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$

	/** @throws IllegalArgumentException naming the setting that is missing or not usable */
	static JdbcSettings parse(Map<String, String> settings) {
		String url = settings.get(JdbcSystem.URL);
		if (url == null || url.isBlank()) {
			throw new IllegalArgumentException(NLS.bind(Messages.Settings_missing, JdbcSystem.URL));
		}
		String user = blankToNull(settings.get(JdbcSystem.USER));
		String capture = settings.getOrDefault(JdbcSystem.CAPTURE, JdbcSystem.CAPTURE_TRIGGERS);
		if (!capture.equals(JdbcSystem.CAPTURE_TRIGGERS) && !capture.equals(JdbcSystem.CAPTURE_APPLICATION)) {
			throw new IllegalArgumentException(NLS.bind(Messages.Settings_capture, capture));
		}
		String changeLog = identifier(JdbcSystem.CHANGE_LOG, settings.getOrDefault(JdbcSystem.CHANGE_LOG, "SB_CHANGE_LOG")); //$NON-NLS-1$
		List<String> entities = new ArrayList<>();
		String listed = blankToNull(settings.get(JdbcSystem.ENTITIES));
		if (listed != null) {
			for (String entity : listed.split(",")) { //$NON-NLS-1$
				entities.add(identifier(JdbcSystem.ENTITIES, entity.strip()).toLowerCase(Locale.ROOT));
			}
		}
		Map<String, TableMapping> mappings = new LinkedHashMap<>();
		for (TableMapping standard : STANDARD_LAYOUT) {
			mappings.put(standard.entity(), mapping(settings, standard.entity(), standard));
		}
		for (String entity : entities) {
			mappings.computeIfAbsent(entity, e -> mapping(settings, e, null));
		}
		long maxBytes = FileFolder.DEFAULT_MAX_BYTES;
		String megabytes = blankToNull(settings.get(JdbcSystem.IMAGE_MAX_MEGABYTES));
		if (megabytes != null) {
			try {
				maxBytes = Long.parseLong(megabytes) * 1024 * 1024;
			} catch (NumberFormatException e) {
				maxBytes = -1;
			}
			if (maxBytes <= 0) {
				throw new IllegalArgumentException(NLS.bind(Messages.Settings_megabytes, JdbcSystem.IMAGE_MAX_MEGABYTES, megabytes));
			}
		}
		return new JdbcSettings(url.strip(), user, List.copyOf(entities), mappings, capture, changeLog,
				FileFolder.of(settings.get(JdbcSystem.IMAGE_FOLDER), maxBytes));
	}

	private static TableMapping mapping(Map<String, String> settings, String entity, TableMapping standard) {
		String table = settings.get(JdbcSystem.table(entity));
		if (table == null && standard == null) {
			throw new IllegalArgumentException(NLS.bind(Messages.Settings_missing, JdbcSystem.table(entity)));
		}
		table = identifier(JdbcSystem.table(entity), table != null ? table : standard.table());
		String key = identifier(JdbcSystem.key(entity),
				settings.getOrDefault(JdbcSystem.key(entity), standard != null ? standard.key() : "ID")); //$NON-NLS-1$
		String uniqueKey = settings.containsKey(JdbcSystem.uniqueKey(entity))
				? blankToNull(settings.get(JdbcSystem.uniqueKey(entity)))
				: standard != null ? standard.uniqueKey() : null;
		if (uniqueKey != null) {
			uniqueKey = identifier(JdbcSystem.uniqueKey(entity), uniqueKey);
		}
		KeyMatch match = standard != null ? standard.keyMatch() : KeyMatch.EXACT;
		String matchSetting = blankToNull(settings.get(JdbcSystem.keyMatch(entity)));
		if (matchSetting != null) {
			try {
				match = KeyMatch.parse(matchSetting);
			} catch (IllegalArgumentException e) {
				throw new IllegalArgumentException(NLS.bind(Messages.Settings_keyMatch, JdbcSystem.keyMatch(entity), matchSetting), e);
			}
		}
		return new TableMapping(entity, table, key, uniqueKey, match);
	}

	private static String identifier(String setting, String value) {
		if (value == null || !IDENTIFIER.matcher(value).matches()) {
			throw new IllegalArgumentException(NLS.bind(Messages.Settings_identifier, setting, value));
		}
		return value;
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}
}
