package io.syncbench.engine.internal;

import java.util.Optional;

import org.eclipse.osgi.util.NLS;

import io.syncbench.connector.EntitySchema;
import io.syncbench.connector.FieldSchema;
import io.syncbench.connector.FieldValues;
import io.syncbench.engine.FieldRules;
import io.syncbench.engine.FieldRules.Broken;

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
			Optional<Broken> broken = FieldRules.broken(field, value);
			if (broken.isPresent()) {
				throw switch (broken.get()) {
					case REQUIRED -> problem(Messages.Problem_required, target, recordId, field, system);
					case TYPE -> problem(Messages.Problem_wrongType, target, recordId, field, system,
							FieldRules.describe(field.type()), abbreviate(String.valueOf(value)));
					case LENGTH -> problem(Messages.Problem_tooLong, target, recordId, field, system, field.maxLength(),
							FieldRules.length((String) value));
					case CONTROL_CHARACTERS -> problem(Messages.Problem_controlCharacters, target, recordId, field, system);
					case INVALID_TEXT -> problem(Messages.Problem_invalidText, target, recordId, field, system,
							firstLoneSurrogate((String) value));
					case SCALE -> problem(Messages.Problem_scale, target, recordId, field, system, plain(value),
							field.scale(), plain(FieldRules.rounded(field, new java.math.BigDecimal(value.toString()))));
					case PRECISION -> problem(Messages.Problem_precision, target, recordId, field, system, plain(value),
							field.precision() - Math.max(0, field.scale()), field.precision(), Math.max(0, field.scale()));
				};
			}
		}
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

	private static String plain(Object number) {
		return new java.math.BigDecimal(number.toString()).toPlainString();
	}

	/** Where the lone surrogate is, as U+XXXX at its position, so the operator can find it. */
	private static String firstLoneSurrogate(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
			if (paired) {
				i++;
			} else if (Character.isSurrogate(c)) {
				return String.format("U+%04X at position %d", (int) c, i + 1); //$NON-NLS-1$
			}
		}
		return ""; //$NON-NLS-1$
	}

	private static String abbreviate(String value) {
		return value.length() > 60 ? value.substring(0, 57) + "..." : value; //$NON-NLS-1$
	}
}
