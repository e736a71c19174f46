package io.syncbench.engine;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

import org.eclipse.osgi.util.NLS;

import io.syncbench.connector.FieldSchema;
import io.syncbench.connector.FieldSchema.FieldType;
import io.syncbench.connector.MediaFile;
import io.syncbench.engine.internal.Messages;

/**
 * A field's rules (required, type, length, storable characters) for one value at a time: the pipeline
 * checks every value with them before writing, and the Resolve Error wizard checks what an operator
 * types before it lets Finish write it.
 */
public final class FieldRules {

	/** The rule a value breaks. */
	public enum Broken {
		REQUIRED, TYPE, LENGTH, CONTROL_CHARACTERS,
		/** Text with a lone UTF-16 surrogate: not a character at all, which no system stores as it is. */
		INVALID_TEXT,
		/** More digits after the decimal point than the field holds: it would be stored rounded. */
		SCALE,
		/** More digits before the decimal point than the field holds. */
		PRECISION
	}

	private FieldRules() {
	}

	/** The first rule of {@code field} that {@code value} breaks, if any. */
	public static Optional<Broken> broken(FieldSchema field, Object value) {
		if (value instanceof String text && hasLoneSurrogate(text)) {
			return Optional.of(Broken.INVALID_TEXT);
		}
		if (value == null || value instanceof String text && isBlank(text)) {
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
		if (value instanceof Number number && (field.type() == FieldType.DECIMAL || field.type() == FieldType.INTEGER)) {
			return digits(field, new BigDecimal(number.toString()));
		}
		return Optional.empty();
	}

	/** Whether the number fits the field's digits exactly. */
	private static Optional<Broken> digits(FieldSchema field, BigDecimal number) {
		BigDecimal exact = number.signum() == 0 ? BigDecimal.ZERO : number.stripTrailingZeros();
		int scale = field.type() == FieldType.INTEGER ? 0 : field.scale();
		if (scale >= 0 && exact.scale() > scale) {
			return Optional.of(Broken.SCALE);
		}
		if (field.precision() > 0 && exact.precision() - exact.scale() > field.precision() - Math.max(0, scale)) {
			return Optional.of(Broken.PRECISION);
		}
		return Optional.empty();
	}

	/** The value rounded half-even to the field's scale, for a mapping that says to round; as it was otherwise. */
	public static Object rounded(FieldSchema field, Object value) {
		if (value instanceof BigDecimal number && field.type() == FieldType.DECIMAL && field.scale() >= 0
				&& number.stripTrailingZeros().scale() > field.scale()) {
			return number.setScale(field.scale(), RoundingMode.HALF_EVEN);
		}
		return value;
	}

	/**
	 * Blank means nothing a reader can see: empty after removing every Unicode space (no-break spaces
	 * included) and format character (zero-width space and joiners, the byte-order mark).
	 */
	public static boolean isBlank(String text) {
		return text.codePoints().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c)
				|| Character.getType(c) == Character.FORMAT || c == '\u180E' || c == '\u3164' || c == '\u115F'
				|| c == '\u1160' || c == '\uFFA0' || c == '\u2800');
	}

	/** A high surrogate without its low one after it, or a low one without its high one before it. */
	public static boolean hasLoneSurrogate(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isHighSurrogate(c)) {
				if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
					i++;
					continue;
				}
				return true;
			}
			if (Character.isLowSurrogate(c)) {
				return true;
			}
		}
		return false;
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
			case FILE -> Messages.Type_file;
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
				case INVALID_TEXT -> NLS.bind(Messages.Input_invalidText, field.name());
				case SCALE -> NLS.bind(Messages.Input_scale, field.name(), field.scale());
				case PRECISION -> NLS.bind(Messages.Input_precision, field.name(), field.precision() - Math.max(0, field.scale()));
			});
		}
		return value;
	}

	private static Object convert(FieldSchema field, String text) {
		String trimmed = text.strip();
		try {
			return switch (field.type()) {
				case TEXT, FILE -> text;
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
			case FILE -> value instanceof String || value instanceof MediaFile;
			case INTEGER -> value instanceof Long || value instanceof Integer;
			case DECIMAL -> value instanceof BigDecimal || value instanceof Long || value instanceof Integer;
			case BOOLEAN -> value instanceof Boolean;
			case TIMESTAMP -> value instanceof Instant;
		};
	}
}
