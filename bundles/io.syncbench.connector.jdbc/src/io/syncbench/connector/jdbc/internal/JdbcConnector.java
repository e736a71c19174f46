package io.syncbench.connector.jdbc.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.eclipse.osgi.util.NLS;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import io.syncbench.connector.Connector;
import io.syncbench.connector.ConnectorException;
import io.syncbench.connector.SettingKey;
import io.syncbench.connector.SystemSession;
import io.syncbench.connector.jdbc.JdbcSystem;

/**
 * The connector for databases over JDBC: Apache Derby and PostgreSQL, the driver chosen by the URL.
 * Used for the company's own database and for other databases a company keeps in step.
 */
@Component(service = Connector.class, property = Connector.SYSTEM_TYPE + "=" + JdbcSystem.TYPE)
public final class JdbcConnector implements Connector {

	/** How the help names an entity in the keys of a family. */
	private static final String NAME = "<name>"; //$NON-NLS-1$
	private static final Set<String> KNOWN = Set.of(JdbcSystem.URL, JdbcSystem.USER, JdbcSystem.ENTITIES, JdbcSystem.CAPTURE,
			JdbcSystem.CHANGE_LOG, JdbcSystem.IMAGE_FOLDER, JdbcSystem.IMAGE_MAX_MEGABYTES);
	private static final Pattern PER_ENTITY = Pattern.compile("entity\\.[A-Za-z][A-Za-z0-9_]*\\.(table|key|uniqueKey|keyMatch)"); //$NON-NLS-1$

	/** The tables each database's sessions read, kept while its catalog is unchanged: every run opens sessions. */
	private final SchemaCache schemas = new SchemaCache();
	/** The connections of closed sessions, for the next ones: every run opens sessions. */
	private final IdleConnections idle = new IdleConnections();

	@Deactivate
	void deactivate() {
		idle.closeAll();
	}

	@Override
	public String systemType() {
		return JdbcSystem.TYPE;
	}

	@Override
	public List<SettingKey> settingKeys() {
		return List.of(new SettingKey(JdbcSystem.URL, true, Messages.Key_url),
				new SettingKey(JdbcSystem.USER, false, Messages.Key_user),
				new SettingKey(JdbcSystem.ENTITIES, false, Messages.Key_entities),
				new SettingKey(JdbcSystem.CAPTURE, false, Messages.Key_capture),
				new SettingKey(JdbcSystem.CHANGE_LOG, false, Messages.Key_changeLog),
				new SettingKey(JdbcSystem.IMAGE_FOLDER, false, Messages.Key_imageFolder),
				new SettingKey(JdbcSystem.IMAGE_MAX_MEGABYTES, false, Messages.Key_imageMaxMegabytes),
				new SettingKey(JdbcSystem.table(NAME), false, Messages.Key_table),
				new SettingKey(JdbcSystem.key(NAME), false, Messages.Key_key),
				new SettingKey(JdbcSystem.uniqueKey(NAME), false, Messages.Key_uniqueKey),
				new SettingKey(JdbcSystem.keyMatch(NAME), false, Messages.Key_keyMatch));
	}

	@Override
	public Optional<String> checkSettings(Map<String, String> settings) {
		for (String key : settings.keySet()) {
			if (!KNOWN.contains(key) && !PER_ENTITY.matcher(key).matches()) {
				return Optional.of(NLS.bind(Messages.Settings_unknown, key,
						settingKeys().stream().map(SettingKey::key).collect(Collectors.joining(", ")))); //$NON-NLS-1$
			}
		}
		try {
			Dialect.of(JdbcSettings.parse(settings).url());
			return Optional.empty();
		} catch (IllegalArgumentException e) {
			return Optional.of(e.getMessage());
		}
	}

	/**
	 * @throws IllegalArgumentException naming the setting when the settings cannot work (no URL, a table
	 *                                  name that is not an identifier)
	 */
	@Override
	public SystemSession open(Map<String, String> settings, char[] credentials) throws ConnectorException {
		JdbcSettings parsed = JdbcSettings.parse(settings);
		Dialect dialect = Dialect.of(parsed.url());
		IdleConnections.Key whose = IdleConnections.key(parsed.url(), parsed.user(), credentials);
		Connection connection = idle.take(dialect, whose);
		if (connection == null) {
			try {
				connection = dialect.connect(parsed.url(), parsed.user(), credentials);
			} catch (SQLException e) {
				throw SqlErrors.stop(e, parsed.url());
			}
		}
		try {
			Connection opened = connection;
			return new JdbcSession(parsed, dialect, connection, schemas, () -> idle.giveBack(dialect, whose, opened));
		} catch (SQLException e) {
			IdleConnections.closeQuietly(connection);
			throw SqlErrors.stop(e, parsed.url());
		}
	}
}
