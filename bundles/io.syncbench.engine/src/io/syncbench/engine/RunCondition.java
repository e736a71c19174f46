package io.syncbench.engine;

import java.util.Optional;

/**
 * A condition checked before every automatic run: connectivity, credentials, unresolved conflicts.
 * Manual runs are not held back.
 */
@FunctionalInterface
public interface RunCondition {

	/** @return why the run must wait, or empty when it may start */
	Optional<HoldBack> check();
}
