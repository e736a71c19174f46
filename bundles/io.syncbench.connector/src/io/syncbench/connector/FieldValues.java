package io.syncbench.connector;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
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

	/** The values as text, for people to review; a missing value stays null. */
	public Map<String, String> text() {
		Map<String, String> text = new LinkedHashMap<>();
		values.forEach((field, value) -> text.put(field, value == null ? null : value.toString()));
		return Collections.unmodifiableMap(text);
	}

	/**
	 * A change stamp made of the values themselves, for systems that keep none: 16 bytes of SHA-256
	 * over the field names and values, so it changes exactly when a value does. Decimals count without
	 * their trailing zeros, so 12.50 and 12.5 are one price.
	 */
	public String hash() {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256"); //$NON-NLS-1$
			for (Map.Entry<String, Object> value : values.entrySet()) {
				digest.update(value.getKey().getBytes(StandardCharsets.UTF_8));
				digest.update((byte) 0);
				digest.update(canonical(value.getValue()).getBytes(StandardCharsets.UTF_8));
				digest.update((byte) 1);
			}
			return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest.digest(), 16));
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e); // every Java has SHA-256
		}
	}

	/**
	 * The text a value compares and hashes as: a decimal without its trailing zeros (12.50 and 12.5 are
	 * one price), any other value as its text, and null as a text no value has.
	 */
	public static String canonical(Object value) {
		if (value == null) {
			return "\u0000null"; //$NON-NLS-1$
		}
		if (value instanceof BigDecimal decimal) {
			return decimal.signum() == 0 ? "0" : decimal.stripTrailingZeros().toPlainString(); //$NON-NLS-1$
		}
		return value.toString();
	}
}
