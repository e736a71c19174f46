package io.syncbench.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

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

	/**
	 * One heartbeat's share-out of the companies among the headless services on the store, in one
	 * transaction; each service calls it after its own {@link #beat}. {@code instance}:
	 * <ol>
	 * <li>renews the leases of the companies it holds;</li>
	 * <li>hands the companies other live services asked for over to them;</li>
	 * <li>takes the companies nobody holds (never held, given back, or its holder's lease ran out), up to
	 * its fair share rounded up; a company free for longer than {@code lease} is taken whatever the share
	 * (its share is a service's that beats but does not take it);</li>
	 * <li>when it holds fewer than its share (the companies divided by the live services, rounded down),
	 * asks the service that holds the most for the difference.</li>
	 * </ol>
	 * A live service is one whose name starts with {@code service@} and that beat within {@code silence}
	 * without stopping. No coordinator: each service's heartbeat moves the share-out on.
	 *
	 * @return the ids of the companies {@code instance} holds now
	 */
	Set<Long> shareCompanies(String instance, Duration lease, Duration silence);

	/** Gives back every company {@code instance} holds, for the others to take at their next heartbeat. */
	void giveBackCompanies(String instance);

	/** Every company's lease as stored now. */
	List<CompanyLease> companyLeases();

	/**
	 * Which service runs a company.
	 *
	 * @param owner       the holder, or null when nobody does
	 * @param expiry      when the holder's lease runs out unless renewed; for a company nobody holds,
	 *                    since when it is free
	 * @param requestedBy a service that asked for it, or null
	 */
	record CompanyLease(long companyId, String owner, Instant expiry, String requestedBy) {

		public boolean heldAt(Instant now) {
			return owner != null && expiry != null && expiry.isAfter(now);
		}
	}
}
