package io.syncbench.engine;

import java.time.Duration;

/**
 * When a company's automatic runs happen.
 *
 * @param automatic  whether runs start on the interval at all
 * @param interval   time between automatic runs (default 20 s)
 * @param onStart    run when the scheduler starts (the workbench or the service starts)
 * @param onChange   run soon after a change is signalled; a burst of changes makes one run
 * @param minimumGap an automatic run is held back while the last run ended less than this ago
 */
public record Schedule(boolean automatic, Duration interval, boolean onStart, boolean onChange, Duration minimumGap) {

	/**
	 * How long a change signal waits for more changes before the run starts: only long enough for the
	 * signals of one poll to make one run, since the run takes every change there is when it reads, and a
	 * change made during it starts one more run after it.
	 */
	public static final Duration CHANGE_DELAY = Duration.ofMillis(20);

	public static Schedule everyTwentySeconds() {
		return new Schedule(true, Duration.ofSeconds(20), false, false, Duration.ZERO);
	}
}
