package io.syncbench.store.internal;

import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Field values as JSON text, fields in name order. */
@Converter
public final class FieldValuesConverter implements AttributeConverter<Map<String, String>, String> {

	private static final ObjectMapper JSON = new ObjectMapper();
	private static final TypeReference<TreeMap<String, String>> VALUES = new TypeReference<>() {
	};

	@Override
	public String convertToDatabaseColumn(Map<String, String> values) {
		try {
			return values == null || values.isEmpty() ? null : JSON.writeValueAsString(new TreeMap<>(values));
		} catch (JsonProcessingException e) {
			throw new IllegalArgumentException("Field values cannot be written as JSON", e); //$NON-NLS-1$
		}
	}

	@Override
	public Map<String, String> convertToEntityAttribute(String json) {
		try {
			return json == null || json.isBlank() ? new TreeMap<>() : JSON.readValue(json, VALUES);
		} catch (JsonProcessingException e) {
			throw new IllegalStateException("Stored field values are not valid JSON: " + e.getOriginalMessage(), e); //$NON-NLS-1$
		}
	}
}
