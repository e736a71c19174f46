package io.syncbench.store.internal;

import java.util.Map;
import java.util.TreeMap;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * Values kept for an operator to review (the last synchronized values, a conflict's losing values), as
 * JSON like {@link FieldValuesConverter}. They are shown, never written back, so a record with huge
 * values is not refused for them: when the JSON would not fit its column, the longest values are
 * shortened, saying how long they were.
 */
@Converter
public final class ReviewValuesConverter implements AttributeConverter<Map<String, String>, String> {

	private static final FieldValuesConverter JSON = new FieldValuesConverter();

	@Override
	public String convertToDatabaseColumn(Map<String, String> values) {
		String json = JSON.convertToDatabaseColumn(values);
		for (int keep = 4000; json != null && json.length() > SchemaSetup.JSON_LENGTH && keep >= 10; keep /= 4) {
			json = JSON.convertToDatabaseColumn(shortened(values, keep));
		}
		return json;
	}

	/** Values as a row keeps them: the JSON written, and the values read back from it. */
	record Stored(String json, Map<String, String> values) {
	}

	/** The JSON of {@code values} and the values as read back from it: the same unless they were shortened. */
	Stored stored(Map<String, String> values) {
		String whole = JSON.convertToDatabaseColumn(values);
		if (whole == null || whole.length() <= SchemaSetup.JSON_LENGTH) {
			return new Stored(whole, values == null ? Map.of() : Map.copyOf(values));
		}
		String json = convertToDatabaseColumn(values);
		return new Stored(json, Map.copyOf(convertToEntityAttribute(json)));
	}

	private static Map<String, String> shortened(Map<String, String> values, int keep) {
		Map<String, String> shortened = new TreeMap<>();
		values.forEach((field, value) -> shortened.put(field, value == null || value.length() <= keep ? value
				: value.substring(0, keep) + "\u2026 (" + value.length() + " characters)")); //$NON-NLS-1$ //$NON-NLS-2$
		return shortened;
	}

	@Override
	public Map<String, String> convertToEntityAttribute(String json) {
		return JSON.convertToEntityAttribute(json);
	}
}
