package io.syncbench.connector;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A record's field values by field name, in a stable order. Values are String, Long, BigDecimal,
 * Boolean, Instant or null; connectors convert to and from their systems' types.
 */
public record FieldValues(Map<String, Object> values) {

	public FieldValues {
		values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
	}

	public static FieldValues of(Map<String, Object> values) {
		return new FieldValues(values);
	}

	public Object get(String field) {
		return values.get(field);
	}
}
