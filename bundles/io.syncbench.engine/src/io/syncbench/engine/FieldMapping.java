package io.syncbench.engine;

import java.util.Locale;

/**
 * An operator's mapping between a field of the company's database and a field of the connected
 * system that have different names, for example {@code ITEM_DESC} and {@code description}; a mapping
 * whose system field is followed by {@code round} ({@code price=price round}) lets a number with more
 * decimals than its target holds be rounded there, instead of failing its record.
 */
public record FieldMapping(String localField, String externalField, boolean round) {

	private static final String ROUND = " round"; //$NON-NLS-1$

	public FieldMapping(String localField, String externalField) {
		this(localField, externalField, false);
	}

	/** A mapping as the company's settings keep it: {@code externalField}, perhaps followed by {@code round}. */
	public static FieldMapping parse(String localField, String value) {
		String external = value.strip();
		boolean round = external.toLowerCase(Locale.ROOT).endsWith(ROUND);
		if (round) {
			external = external.substring(0, external.length() - ROUND.length()).strip();
		}
		return new FieldMapping(localField.strip(), external, round);
	}
}
