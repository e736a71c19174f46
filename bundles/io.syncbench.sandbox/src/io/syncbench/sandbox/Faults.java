package io.syncbench.sandbox;

import java.util.Random;

/**
 * The sandbox store's fault switches, settable by tests and over HTTP
 * ({@code POST /sandbox/faults}). Every switch is off by default. Decisions come from a seeded
 * random generator, so a test run is repeatable.
 */
public final class Faults {

	private final Random random = new Random(4711);
	private volatile long latencyMillis;
	private volatile double serverErrorRate;
	private volatile double dropRate;
	private volatile double malformedRate;
	private volatile boolean keyRevoked;
	private int tooManyRequests;
	private int retryAfterSeconds = 1;
	private long served;
	private long faulted;

	/** Every answer waits this long first. */
	public Faults latency(long millis) {
		latencyMillis = millis;
		return this;
	}

	/** This fraction of answers are 500 or 503. */
	public Faults serverErrors(double rate) {
		serverErrorRate = rate;
		return this;
	}

	/** This fraction of answers stop half-way through the body, and the connection is dropped. */
	public Faults droppedConnections(double rate) {
		dropRate = rate;
		return this;
	}

	/** This fraction of successful answers have a body cut short, which is not valid JSON. */
	public Faults malformedJson(double rate) {
		malformedRate = rate;
		return this;
	}

	/** The next {@code count} requests get 429 Too Many Requests with this Retry-After. */
	public synchronized Faults tooManyRequests(int count, int retryAfter) {
		tooManyRequests = count;
		retryAfterSeconds = retryAfter;
		return this;
	}

	/** The consumer key is revoked: every request gets 401. */
	public Faults revokeKey(boolean revoked) {
		keyRevoked = revoked;
		return this;
	}

	/** Turns every switch off. */
	public synchronized Faults clear() {
		latencyMillis = 0;
		serverErrorRate = 0;
		dropRate = 0;
		malformedRate = 0;
		keyRevoked = false;
		tooManyRequests = 0;
		return this;
	}

	public long latencyMillis() {
		return latencyMillis;
	}

	public boolean keyRevoked() {
		return keyRevoked;
	}

	/** @return the Retry-After seconds when this request is to be refused with 429, else -1 */
	public synchronized int nextTooManyRequests() {
		served++;
		if (tooManyRequests > 0) {
			tooManyRequests--;
			faulted++;
			return retryAfterSeconds;
		}
		return -1;
	}

	public synchronized boolean nextServerError() {
		return hit(serverErrorRate);
	}

	public synchronized boolean nextDrop() {
		return hit(dropRate);
	}

	public synchronized boolean nextMalformed() {
		return hit(malformedRate);
	}

	private boolean hit(double rate) {
		boolean hit = rate > 0 && random.nextDouble() < rate;
		if (hit) {
			faulted++;
		}
		return hit;
	}

	/** Requests answered, and how many of them with a fault. */
	public synchronized long[] counts() {
		return new long[] { served, faulted };
	}

	public synchronized double serverErrorRate() {
		return serverErrorRate;
	}

	public synchronized double dropRate() {
		return dropRate;
	}

	public synchronized double malformedRate() {
		return malformedRate;
	}
}
