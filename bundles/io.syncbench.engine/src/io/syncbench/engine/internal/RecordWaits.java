package io.syncbench.engine.internal;

/**
 * A record refers to one whose conflict waits for the operator: it waits too, uncounted as an attempt,
 * and goes once the conflict is resolved. The message names the record, the field and the record in
 * conflict.
 */
public final class RecordWaits extends Exception {

	private static final long serialVersionUID = 1L;

	public RecordWaits(String message) {
		super(message);
	}
}
