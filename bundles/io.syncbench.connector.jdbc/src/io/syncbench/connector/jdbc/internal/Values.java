package io.syncbench.connector.jdbc.internal;

import java.math.BigDecimal;
import java.sql.Clob;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.eclipse.osgi.util.NLS;

import io.syncbench.connector.ConnectorException;
import io.syncbench.connector.FieldSchema.FieldType;
import io.syncbench.connector.jdbc.internal.TableInfo.Column;

/**
 * Converts between column values and the engine's values (String, Long, BigDecimal, Boolean,
 * Instant).
 */
final class Values {

	private Values() {
	}

	static Map<String, Object> read(ResultSet row, TableInfo table) throws SQLException {
		Map<String, Object> values = new LinkedHashMap<>();
		for (Column column : table.columns()) {
			if (column != table.key()) {
				values.put(column.field(), read(row, column));
			}
		}
		return values;
	}

	static String id(ResultSet row, TableInfo table) throws SQLException {
		Object key = read(row, table.key());
		return key == null ? null : key.toString();
	}

	private static Object read(ResultSet row, Column column) throws SQLException {
		Object value = row.getObject(column.name());
		if (value == null) {
			return null;
		}
		return switch (column.type()) {
			case INTEGER -> ((Number) value).longValue();
			case DECIMAL -> value instanceof BigDecimal decimal ? decimal : new BigDecimal(value.toString());
			case BOOLEAN -> value instanceof Boolean flag ? flag : Boolean.valueOf(value.toString());
			case TIMESTAMP -> timestamp(value);
			case TEXT, FILE -> value instanceof Clob clob ? clob.getSubString(1, (int) clob.length()) : value.toString();
		};
	}

	private static Instant timestamp(Object value) {
		if (value instanceof Timestamp timestamp) {
			return timestamp.toInstant();
		}
		if (value instanceof java.sql.Date date) {
			return date.toLocalDate().atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
		}
		if (value instanceof OffsetDateTime offset) {
			return offset.toInstant();
		}
		return Instant.parse(value.toString());
	}

	/**
	 * Binds an engine value to a parameter of the column's type.
	 *
	 * @throws ConnectorException (record rejected, naming the column) when the value does not fit the type
	 */
	static void bind(PreparedStatement statement, int index, Column column, Object value, String table, String id)
			throws SQLException, ConnectorException {
		if (value == null) {
			statement.setNull(index, sqlType(column.type()));
			return;
		}
		try {
			switch (column.type()) {
				case INTEGER -> statement.setLong(index,
						value instanceof Number number ? number.longValue() : Long.parseLong(value.toString().strip()));
				case DECIMAL -> statement.setBigDecimal(index,
						value instanceof BigDecimal decimal ? decimal : new BigDecimal(value.toString().strip()));
				case BOOLEAN -> statement.setBoolean(index,
						value instanceof Boolean flag ? flag : parseBoolean(value.toString()));
				case TIMESTAMP -> statement.setTimestamp(index, Timestamp
						.from(value instanceof Instant instant ? instant : Instant.parse(value.toString().strip())));
				case TEXT, FILE -> statement.setString(index, value.toString());
			}
		} catch (NumberFormatException | DateTimeParseException e) {
			throw ConnectorException.recordRejected(column.field(), NLS.bind(Messages.Write_wrongType,
					new Object[] { table, id, column.name(), column.type().name().toLowerCase(), value }));
		}
	}

	private static boolean parseBoolean(String text) {
		return switch (text.strip().toLowerCase()) {
			case "true", "1", "yes" -> true; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			case "false", "0", "no" -> false; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			default -> throw new NumberFormatException(text);
		};
	}

	private static int sqlType(FieldType type) {
		return switch (type) {
			case INTEGER -> Types.BIGINT;
			case DECIMAL -> Types.DECIMAL;
			case BOOLEAN -> Types.BOOLEAN;
			case TIMESTAMP -> Types.TIMESTAMP;
			case TEXT, FILE -> Types.VARCHAR;
		};
	}

	/** Binds a record id to the key column's type; null when the id cannot be a key of that type. */
	static Object key(Column key, String id) {
		if (key.type() == FieldType.INTEGER) {
			try {
				return Long.valueOf(id.strip());
			} catch (NumberFormatException e) {
				return null;
			}
		}
		return id;
	}


}
