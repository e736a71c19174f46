package io.syncbench.connector;

import java.text.Normalizer;
import java.util.Locale;

/**
 * How a system compares the values of an entity's unique key (SKU, email), so that the engine looks a
 * partner up the way the stricter-looking side would otherwise miss it: a web store that takes
 * {@code Zed@Branch.example} for {@code zed@branch.example} must find that record, not get a second one.
 */
public enum KeyMatch {

	/** Character by character, as SQL's {@code =} on a plain column. */
	EXACT,
	/** Without regard to case, as emails are compared. */
	CASE_INSENSITIVE,
	/**
	 * Without regard to case or Unicode form: NFC and NFD spellings of {@code CAFÉ} and the Kelvin sign
	 * beside a {@code K} are one key, as a MySQL {@code utf8mb4_unicode_ci} column compares them.
	 */
	NORMALIZED;

	/** The value as this rule compares it: equal folds mean one key. */
	public String fold(String value) {
		return switch (this) {
			case EXACT -> value;
			case CASE_INSENSITIVE -> value.toLowerCase(Locale.ROOT);
			case NORMALIZED -> Normalizer.normalize(
					Normalizer.normalize(value, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT), Normalizer.Form.NFKC);
		};
	}

	/** The rule that takes more values for one key: a pair is looked up under the looser side's rule. */
	public KeyMatch looser(KeyMatch other) {
		return other.ordinal() > ordinal() ? other : this;
	}

	/** Reads a setting's value ({@code exact}, {@code case-insensitive}, {@code normalized}). */
	public static KeyMatch parse(String text) {
		String name = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
		return valueOf(name);
	}

	/** The name as a setting spells it, for example {@code case-insensitive}. */
	public String settingValue() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}
}
