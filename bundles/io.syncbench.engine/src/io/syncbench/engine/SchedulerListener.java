package io.syncbench.engine;

/** Hears what the scheduler decides, so the workbench and the service can show it. */
public interface SchedulerListener {

	/** An automatic run was due and did not start. */
	default void heldBack(HoldBack reason) {
	}

	/** A run (automatic or manual) was started. */
	default void runStarted(boolean automatic) {
	}
}
