package io.syncbench.engine.internal;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.eclipse.osgi.util.NLS;

import io.syncbench.connector.ConnectorException;
import io.syncbench.connector.FieldSchema;
import io.syncbench.connector.FieldValues;
import io.syncbench.engine.EntityLink;
import io.syncbench.engine.FieldMapping;
import io.syncbench.engine.FieldRules;
import io.syncbench.store.SyncStatusService.Side;

/**
 * What a record's mapped values become on their way to the target: numbers rounded where the mapping
 * says so, files named by the record handed over as the source side's checked files, and whether the
 * target holds them already.
 */
public final class TargetValues {

	private TargetValues() {
	}

	/**
	 * Rounds the numbers whose mapping says to round to the target field's scale, each noted in
	 * {@code notes}; every other number is left for the validation, which fails its record when it does
	 * not fit.
	 */
	public static FieldValues rounded(EntityLink link, String recordId, Side to, FieldValues mapped, String system,
			List<String> notes) {
		Map<String, Object> values = null;
		for (FieldMapping mapping : link.mappings()) {
			String target = to == Side.LOCAL ? mapping.localField() : mapping.externalField();
			Optional<FieldSchema> field = link.schema(to).field(target);
			Object value = mapped.get(target);
			if (!mapping.round() || field.isEmpty() || value == null) {
				continue;
			}
			Object rounded = FieldRules.rounded(field.get(), value);
			if (rounded != value) {
				values = values == null ? new LinkedHashMap<>(mapped.values()) : values;
				values.put(target, rounded);
				notes.add(NLS.bind(Messages.Warning_rounded, new Object[] { link.entity(), recordId, target,
						((BigDecimal) value).toPlainString(), ((BigDecimal) rounded).toPlainString(), system }));
			}
		}
		return values == null ? mapped : FieldValues.of(values);
	}

	/**
	 * A target's file fields get the file the source side offers for the name the record gives, checked
	 * there (its folder, its type, its size); a name the source refuses fails the record, naming the field.
	 */
	public static FieldValues withFiles(EntityLink link, Side from, Side to, String sourceId, FieldValues mapped)
			throws ConnectorException, RecordProblem {
		Map<String, Object> values = null;
		for (FieldSchema field : link.schema(to).fields()) {
			if (field.type() != FieldSchema.FieldType.FILE || !(mapped.get(field.name()) instanceof String name)
					|| FieldRules.isBlank(name)) {
				continue;
			}
			values = values == null ? new LinkedHashMap<>(mapped.values()) : values;
			try {
				values.put(field.name(), link.session(from).file(link.entity(), sourceField(link, from, field.name()),
						sourceId, name));
			} catch (ConnectorException e) {
				if (e.kind() != ConnectorException.Kind.RECORD_REJECTED) {
					throw e;
				}
				// the source side refused to offer the file: not the target's refusal
				throw new RecordProblem(e.field(), link.entity() + " " + e.getMessage()); //$NON-NLS-1$
			}
		}
		return values == null ? mapped : FieldValues.of(values);
	}

	/** Whether the target already holds every value about to be written (12.50 and 12.5 are one price). */
	public static boolean same(FieldValues mapped, FieldValues target) {
		for (Map.Entry<String, Object> value : mapped.values().entrySet()) {
			if (!Objects.equals(FieldValues.canonical(value.getValue()), FieldValues.canonical(target.get(value.getKey())))) {
				return false;
			}
		}
		return true;
	}

	/** The source side's name of a target field: its mapping's, else the same name. */
	private static String sourceField(EntityLink link, Side from, String targetField) {
		for (FieldMapping mapping : link.mappings()) {
			if ((from == Side.LOCAL ? mapping.externalField() : mapping.localField()).equals(targetField)) {
				return from == Side.LOCAL ? mapping.localField() : mapping.externalField();
			}
		}
		return targetField;
	}
}
