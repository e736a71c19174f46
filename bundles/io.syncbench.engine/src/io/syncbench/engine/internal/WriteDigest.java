package io.syncbench.engine.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import io.syncbench.connector.FieldValues;

/**
 * A digest of the values a write sends, announced in the store before the write goes out. After a
 * crash between the write and its outcome, the target's values are compared by digest with it: equal
 * means the target holds this engine's own write, not a change someone made there.
 */
public final class WriteDigest {

	private WriteDigest() {
	}

	/** The digest of the values written, as the target names its fields. */
	public static String of(FieldValues written) {
		return digest(new TreeMap<>(withValues(written.text())));
	}

	/** The digest of the target's values of the same fields as {@code written}. */
	public static String ofTarget(FieldValues target, FieldValues written) {
		Map<String, String> found = target.text();
		TreeMap<String, String> same = new TreeMap<>();
		withValues(written.text()).keySet().forEach(field -> same.put(field, found.get(field)));
		return digest(same);
	}

	private static Map<String, String> withValues(Map<String, String> values) {
		Map<String, String> kept = new TreeMap<>();
		values.forEach((field, value) -> {
			if (value != null) {
				kept.put(field, value);
			}
		});
		return kept;
	}

	private static String digest(TreeMap<String, String> values) {
		try {
			MessageDigest sha = MessageDigest.getInstance("SHA-256"); //$NON-NLS-1$
			values.forEach((field, value) -> {
				sha.update(field.getBytes(StandardCharsets.UTF_8));
				sha.update((byte) 0);
				sha.update(String.valueOf(value).getBytes(StandardCharsets.UTF_8));
				sha.update((byte) 0);
			});
			return HexFormat.of().formatHex(sha.digest());
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("every Java runtime has SHA-256", e); //$NON-NLS-1$
		}
	}
}
