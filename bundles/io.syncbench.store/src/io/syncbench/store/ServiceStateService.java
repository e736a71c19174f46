package io.syncbench.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The heartbeat and state of each headless sync service process, so the workbench can tell a running
 * service from a stopped or failing one, and say so.
 */
public interface ServiceStateService {

	enum State {
		RUNNING, FAILING, STOPPED
	}

	/**
	 * @param instance    the process, for example {@code service@host:4711}
	 * @param state       what it reported last
	 * @param message     why it is failing, or what it did last
	 * @param startedAt   when it started
	 * @param heartbeatAt when it reported last
	 */
	record ServiceState(String instance, State state, String message, Instant startedAt, Instant heartbeatAt) {

		/** Running, and reported within {@code silence}: a process that stops beating has died. */
		public boolean isAlive(Instant now, Duration silence) {
			return state != State.STOPPED && heartbeatAt.plus(silence).isAfter(now);
		}
	}

	/** Records that {@code instance} is alive and in {@code state}. */
	void beat(String instance, State state, String message);

	/** Every service that ever reported, the latest first. */
	List<ServiceState> all();
}
