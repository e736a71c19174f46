package io.syncbench.engine;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

import org.eclipse.osgi.util.NLS;

import io.syncbench.connector.FieldSchema;
import io.syncbench.engine.internal.Messages;

/**
 * A field's rules (required, type, length, storable characters) for one value at a time: the pipeline
 * checks every value with them before writing, and the Resolve Error wizard checks what an operator
 * types before it lets Finish write it.
 */
public final class FieldRules {

	/** The rule a value breaks. */
	public enum Broken {
		REQUIRED, TYPE, LENGTH, CONTROL_CHARACTERS
	}

	private FieldRules() {
	}

	/** The first rule of {@code field} that {@code value} breaks, if any. */
	public static Optional<Broken> broken(FieldSchema field, Object value) {
		if (value == null || value instanceof String text && text.isBlank()) {
			return field.required() ? Optional.of(Broken.REQUIRED) : Optional.empty();
		}
		if (!hasType(value, field.type())) {
			return Optional.of(Broken.TYPE);
		}
		if (value instanceof String text) {
			if (field.maxLength() > 0 && length(text) > field.maxLength()) {
				return Optional.of(Broken.LENGTH);
			}
			if (text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
				return Optional.of(Broken.CONTROL_CHARACTERS);
			}
		}
		return Optional.empty();
	}

	/** Characters as a reader counts them: a letter outside the basic plane is one, not two. */
	public static int length(String text) {
		return text.codePointCount(0, text.length());
	}

	/** The type as an operator reads it, for example "a decimal number". */
	public static String describe(FieldSchema.FieldType type) {
		return switch (type) {
			case TEXT -> Messages.Type_text;
			case INTEGER -> Messages.Type_integer;
			case DECIMAL -> Messages.Type_decimal;
			case BOOLEAN -> Messages.Type_boolean;
			case TIMESTAMP -> Messages.Type_timestamp;
		};
	}

	/**
	 * Reads a value an operator typed: an empty text is no value; numbers are plain ({@code 12.50}),
	 * true or false, times in ISO-8601 ({@code 2026-11-23T10:15:00Z}). The result is checked against the
	 * field's rules.
	 *
	 * @throws IllegalArgumentException with a message for the operator, naming the field, when the text
	 *                                  is not such a value or breaks a rule
	 */
	public static Object parse(FieldSchema field, String text) {
		Object value = text == null || text.isEmpty() ? null : convert(field, text);
		Optional<Broken> broken = broken(field, value);
		if (broken.isPresent()) {
			throw new IllegalArgumentException(switch (broken.get()) {
				case REQUIRED -> NLS.bind(Messages.Input_required, field.name());
				case TYPE -> NLS.bind(Messages.Input_wrongType, field.name(), describe(field.type()));
				case LENGTH -> NLS.bind(Messages.Input_tooLong, new Object[] { field.name(), field.maxLength(),
						length((String) value) });
				case CONTROL_CHARACTERS -> NLS.bind(Messages.Input_controlCharacters, field.name());
			});
		}
		return value;
	}

	private static Object convert(FieldSchema field, String text) {
		String trimmed = text.strip();
		try {
			return switch (field.type()) {
				case TEXT -> text;
				case INTEGER -> Long.valueOf(trimmed);
				case DECIMAL -> new BigDecimal(trimmed);
				case BOOLEAN -> switch (trimmed.toLowerCase(Locale.ROOT)) {
					case "true", "yes" -> Boolean.TRUE; //$NON-NLS-1$ //$NON-NLS-2$
					case "false", "no" -> Boolean.FALSE; //$NON-NLS-1$ //$NON-NLS-2$
					default -> throw new IllegalArgumentException(NLS.bind(Messages.Input_wrongType, field.name(),
							describe(field.type())));
				};
				case TIMESTAMP -> Instant.parse(trimmed);
			};
		} catch (NumberFormatException | DateTimeParseException e) {
			throw new IllegalArgumentException(NLS.bind(Messages.Input_wrongType, field.name(), describe(field.type())), e);
		}
	}

	private static boolean hasType(Object value, FieldSchema.FieldType type) {
		return switch (type) {
			case TEXT -> value instanceof String;
			case INTEGER -> value instanceof Long || value instanceof Integer;
			case DECIMAL -> value instanceof BigDecimal || value instanceof Long || value instanceof Integer;
			case BOOLEAN -> value instanceof Boolean;
			case TIMESTAMP -> value instanceof Instant;
		};
	}
}
