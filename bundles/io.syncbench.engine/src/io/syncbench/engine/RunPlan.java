package io.syncbench.engine;

import java.util.List;
import java.util.Optional;

import io.syncbench.connector.SystemSession;
import io.syncbench.store.StatusScope;

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

	/** The link of one company, connected system and entity, if the plan has it. */
	public Optional<EntityLink> link(StatusScope scope) {
		return levels.stream().flatMap(List::stream).filter(l -> l.scope().equals(scope)).findFirst();
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
