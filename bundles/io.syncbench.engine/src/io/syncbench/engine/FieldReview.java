package io.syncbench.engine;

import io.syncbench.connector.FieldSchema;

/**
 * One field of a record under review, named as the connected system names it, with the values side
 * by side as text (null when a side has no value).
 *
 * @param rule          the field's rules on the connected system: type, required, length
 * @param localRule     the rules of the company database's field it maps to; null when it maps to none
 * @param localValue    the company database's value, mapped to the connected system
 * @param externalValue the connected system's value; after a conflict, the value that lost
 * @param lastSynced    the value both sides had after the last synchronization
 * @param needsDecision whether the operator must choose: the sides differ, or the error names it
 * @param holdsNow      after a conflict, what the overwritten side holds now, read when the review was
 *                      made, when it differs from the value it held (shown for review); null otherwise
 */
public record FieldReview(FieldSchema rule, FieldSchema localRule, String localValue, String externalValue, String lastSynced,
		boolean needsDecision, String holdsNow) {

	public String field() {
		return rule.name();
	}

	/**
	 * Reads what an operator typed for this field and checks it against the rules of both sides.
	 *
	 * @throws IllegalArgumentException naming the field and the broken rule
	 */
	public Object parse(String text) {
		Object value = FieldRules.parse(rule, text);
		if (localRule != null) {
			FieldRules.parse(localRule, text);
		}
		return value;
	}
}
