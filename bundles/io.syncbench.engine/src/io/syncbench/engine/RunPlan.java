package io.syncbench.engine;

import java.util.List;

import io.syncbench.connector.SystemSession;

/**
 * What one run works on: the entity links in dependency levels, whether it is a complete update, what
 * to do once it succeeded, and the sessions to close when it ends.
 */
public record RunPlan(List<List<EntityLink>> levels, boolean completeUpdate, Runnable onSucceeded,
		List<SystemSession> sessions) implements AutoCloseable {

	public RunPlan {
		levels = List.copyOf(levels);
		sessions = List.copyOf(sessions);
	}

	/** A plan over links whose sessions the caller closes. */
	public static RunPlan of(List<List<EntityLink>> levels) {
		return new RunPlan(levels, false, () -> {
		}, List.of());
	}

	/** Aborts every session's call in flight: the run was cancelled. */
	public void cancel() {
		sessions.forEach(SystemSession::cancel);
	}

	@Override
	public void close() {
		sessions.forEach(SystemSession::close);
	}
}
