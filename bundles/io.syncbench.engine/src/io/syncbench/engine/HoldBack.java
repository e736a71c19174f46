package io.syncbench.engine;

/**
 * Why an automatic run did not start, in the operator's words, for example "Held back: the web
 * store's key was rejected. Fix it in Properties > Web store."
 */
public record HoldBack(Reason reason, String message) {

	public enum Reason {
		PAUSED, NOT_SET_UP, NO_CONNECTIVITY, CREDENTIALS_REJECTED, UNRESOLVED_CONFLICTS, TOO_SOON
	}
}
