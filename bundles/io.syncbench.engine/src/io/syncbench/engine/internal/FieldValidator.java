package io.syncbench.engine.internal;

import java.math.BigDecimal;
import java.time.Instant;

import org.eclipse.osgi.util.NLS;

import io.syncbench.connector.EntitySchema;
import io.syncbench.connector.FieldSchema;
import io.syncbench.connector.FieldValues;

/**
 * Checks mapped values against the target's field rules before anything is written: required, type,
 * length and characters the target cannot store. The first broken rule is reported, naming the field.
 */
public final class FieldValidator {

	private FieldValidator() {
	}

	/**
	 * @param recordId the record's id on the source side, for the message
	 * @param system   the target system's name, for the message
	 */
	public static void validate(FieldValues values, EntitySchema target, String recordId, String system)
			throws RecordProblem {
		for (FieldSchema field : target.fields()) {
			Object value = values.get(field.name());
			if (value == null || value instanceof String text && text.isBlank()) {
				if (field.required()) {
					throw problem(Messages.Problem_required, target, recordId, field, system);
				}
				continue;
			}
			if (!hasType(value, field.type())) {
				throw problem(Messages.Problem_wrongType, target, recordId, field, system,
						field.type().name().toLowerCase(java.util.Locale.ROOT), abbreviate(String.valueOf(value)));
			}
			if (value instanceof String text) {
				int length = text.codePointCount(0, text.length());
				if (field.maxLength() > 0 && length > field.maxLength()) {
					throw problem(Messages.Problem_tooLong, target, recordId, field, system, field.maxLength(), length);
				}
				if (text.chars().anyMatch(c -> c == 0 || Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
					throw problem(Messages.Problem_controlCharacters, target, recordId, field, system);
				}
			}
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

	private static RecordProblem problem(String template, EntitySchema entity, String recordId, FieldSchema field,
			String system, Object... more) {
		Object[] arguments = new Object[4 + more.length];
		arguments[0] = entity.name();
		arguments[1] = recordId;
		arguments[2] = field.name();
		arguments[3] = system;
		System.arraycopy(more, 0, arguments, 4, more.length);
		return new RecordProblem(field.name(), NLS.bind(template, arguments));
	}

	private static String abbreviate(String value) {
		return value.length() > 60 ? value.substring(0, 57) + "..." : value; //$NON-NLS-1$
	}
}
