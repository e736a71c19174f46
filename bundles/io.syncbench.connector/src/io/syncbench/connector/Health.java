package io.syncbench.connector;

/**
 * What a connectivity check found. Operators act differently on each, so they are kept apart.
 *
 * @param state   reachable, credentials rejected, or unreachable
 * @param message what was found, in the operator's words
 */
public record Health(State state, String message) {

	public enum State {
		REACHABLE, CREDENTIALS_REJECTED, UNREACHABLE
	}

	public static Health reachable(String message) {
		return new Health(State.REACHABLE, message);
	}

	public boolean isReachable() {
		return state == State.REACHABLE;
	}
}
