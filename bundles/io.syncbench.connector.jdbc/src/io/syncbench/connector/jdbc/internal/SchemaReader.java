package io.syncbench.connector.jdbc.internal;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.eclipse.osgi.util.NLS;

import io.syncbench.connector.ConnectorException;
import io.syncbench.connector.EntitySchema;
import io.syncbench.connector.FieldSchema;
import io.syncbench.connector.FieldSchema.FieldType;
import io.syncbench.connector.jdbc.internal.TableInfo.Column;

/**
 * Reads the mapped tables from the database's metadata: column types and lengths, which columns must
 * have a value, and the foreign keys that make references and dependencies between entities.
 */
final class SchemaReader {

	/** Text columns declared longer than this (PostgreSQL's text) count as unlimited. */
	private static final int UNLIMITED = 10_000_000;

	private SchemaReader() {
	}

	/** The tables that exist, by entity, in the settings' order. */
	static Map<String, TableInfo> read(Connection connection, Dialect dialect, JdbcSettings settings)
			throws SQLException, ConnectorException {
		DatabaseMetaData metadata = connection.getMetaData();
		String schema = connection.getSchema();
		Map<String, TableMapping> byTable = new LinkedHashMap<>();
		List<TableMapping> wanted = new ArrayList<>();
		if (settings.entities().isEmpty()) {
			for (TableMapping mapping : settings.mappings().values()) {
				if (exists(metadata, schema, dialect.fold(mapping.table()))) {
					wanted.add(mapping);
				}
			}
		} else {
			for (String entity : settings.entities()) {
				TableMapping mapping = settings.mappings().get(entity);
				if (!exists(metadata, schema, dialect.fold(mapping.table()))) {
					throw new ConnectorException(ConnectorException.Kind.UNREACHABLE, null,
							NLS.bind(Messages.Schema_noTable, mapping.table(), entity), null);
				}
				wanted.add(mapping);
			}
		}
		for (TableMapping mapping : wanted) {
			byTable.put(dialect.fold(mapping.table()), mapping);
		}
		Map<String, TableInfo> tables = new LinkedHashMap<>();
		for (TableMapping mapping : wanted) {
			tables.put(mapping.entity(), table(metadata, schema, dialect, mapping, byTable));
		}
		return tables;
	}

	private static boolean exists(DatabaseMetaData metadata, String schema, String table) throws SQLException {
		try (ResultSet found = metadata.getTables(null, schema, table, new String[] { "TABLE" })) { //$NON-NLS-1$
			return found.next();
		}
	}

	private static TableInfo table(DatabaseMetaData metadata, String schema, Dialect dialect, TableMapping mapping,
			Map<String, TableMapping> byTable) throws SQLException, ConnectorException {
		String table = dialect.fold(mapping.table());
		Map<String, String> references = new LinkedHashMap<>();
		Set<String> dependsOn = new LinkedHashSet<>();
		try (ResultSet keys = metadata.getImportedKeys(null, schema, table)) {
			while (keys.next()) {
				TableMapping target = byTable.get(keys.getString("PKTABLE_NAME")); //$NON-NLS-1$
				if (target != null && !target.entity().equals(mapping.entity())) {
					references.put(keys.getString("FKCOLUMN_NAME"), target.entity()); //$NON-NLS-1$
					dependsOn.add(target.entity());
				}
			}
		}
		List<Column> columns = new ArrayList<>();
		List<FieldSchema> fields = new ArrayList<>();
		Column key = null;
		try (ResultSet found = metadata.getColumns(null, schema, table, "%")) { //$NON-NLS-1$
			while (found.next()) {
				String name = found.getString("COLUMN_NAME"); //$NON-NLS-1$
				FieldType type = type(found.getInt("DATA_TYPE")); //$NON-NLS-1$
				int size = found.getInt("COLUMN_SIZE"); //$NON-NLS-1$
				int maxLength = type == FieldType.TEXT && size > 0 && size < UNLIMITED ? size : 0;
				boolean generated = "YES".equals(found.getString("IS_AUTOINCREMENT")) //$NON-NLS-1$ //$NON-NLS-2$
						|| "YES".equals(found.getString("IS_GENERATEDCOLUMN")); //$NON-NLS-1$ //$NON-NLS-2$
				boolean required = found.getInt("NULLABLE") == DatabaseMetaData.columnNoNulls //$NON-NLS-1$
						&& found.getString("COLUMN_DEF") == null && !generated; //$NON-NLS-1$
				Column column = new Column(name, Column.fieldName(name), type, maxLength, generated,
						largest(found.getInt("DATA_TYPE"), size, found.getInt("DECIMAL_DIGITS"))); //$NON-NLS-1$ //$NON-NLS-2$
				columns.add(column);
				if (name.equalsIgnoreCase(mapping.key())) {
					key = column;
				} else {
					FieldSchema field = new FieldSchema(column.field(), type, required, maxLength);
					int sqlType = found.getInt("DATA_TYPE"); //$NON-NLS-1$
					if ((sqlType == Types.DECIMAL || sqlType == Types.NUMERIC) && size > 0) {
						field = field.digits(size, Math.max(0, found.getInt("DECIMAL_DIGITS"))); //$NON-NLS-1$
					}
					fields.add(references.containsKey(name) ? field.referencing(references.get(name)) : field);
				}
			}
		}
		if (key == null) {
			throw new ConnectorException(ConnectorException.Kind.UNREACHABLE, null,
					NLS.bind(Messages.Schema_noKey, mapping.table(), mapping.key()), null);
		}
		String uniqueKey = mapping.uniqueKey() == null ? null : mapping.uniqueKey().toLowerCase(Locale.ROOT);
		return new TableInfo(mapping, columns, key,
				new EntitySchema(mapping.entity(), fields, uniqueKey, List.copyOf(dependsOn), mapping.keyMatch()));
	}

	/** The largest magnitude of an integer or fixed-point column, so that a write names it when a value is over. */
	private static BigDecimal largest(int sqlType, int precision, int scale) {
		return switch (sqlType) {
			case Types.TINYINT -> BigDecimal.valueOf(Byte.MAX_VALUE);
			case Types.SMALLINT -> BigDecimal.valueOf(Short.MAX_VALUE);
			case Types.INTEGER -> BigDecimal.valueOf(Integer.MAX_VALUE);
			case Types.BIGINT -> BigDecimal.valueOf(Long.MAX_VALUE);
			case Types.DECIMAL, Types.NUMERIC -> precision > 0 && precision >= scale
					? BigDecimal.TEN.pow(precision - scale).subtract(BigDecimal.ONE.movePointLeft(Math.max(0, scale)))
					: null;
			default -> null;
		};
	}

	private static FieldType type(int sqlType) {
		return switch (sqlType) {
			case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> FieldType.INTEGER;
			case Types.DECIMAL, Types.NUMERIC, Types.REAL, Types.FLOAT, Types.DOUBLE -> FieldType.DECIMAL;
			case Types.BOOLEAN, Types.BIT -> FieldType.BOOLEAN;
			case Types.DATE, Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> FieldType.TIMESTAMP;
			default -> FieldType.TEXT;
		};
	}
}
