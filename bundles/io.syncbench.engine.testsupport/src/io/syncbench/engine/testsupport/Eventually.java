package io.syncbench.engine.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for something that happens on another thread (a Job, a scheduler). The bound is generous and
 * only ends a test that would otherwise hang: tests assert what happened, never how fast.
 */
public final class Eventually {

	public static final Duration BOUND = Duration.ofSeconds(30);

	private Eventually() {
	}

	/** @param context said when the wait fails, for example what the service logged */
	public static void waitUntil(String what, BooleanSupplier condition, Supplier<Object> context)
			throws InterruptedException {
		Instant deadline = Instant.now().plus(BOUND);
		while (!condition.getAsBoolean()) {
			if (Instant.now().isAfter(deadline)) {
				throw new AssertionError("Timed out waiting for " + what + "; " + context.get());
			}
			Thread.sleep(20);
		}
	}

	public static void waitUntil(String what, BooleanSupplier condition) throws InterruptedException {
		waitUntil(what, condition, () -> "nothing more to say");
	}
}
