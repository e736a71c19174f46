package io.syncbench.store;

/**
 * A company's limits and triggers for runs, beside its schedule.
 *
 * @param syncOnChange       start a run within a second of a change (near real time)
 * @param minimumGapMinutes  hold an automatic run back while the last ended less than this ago
 * @param parallelEntities   entities of one run synchronized at the same time
 * @param maxAttempts        failed attempts after which a record is skipped
 * @param holdRunsOnConflict hold every automatic run back while a conflict waits for review; without it
 *                           (the default) only the records in conflict, and the records that refer to
 *                           them, wait
 */
public record RunSettings(boolean syncOnChange, int minimumGapMinutes, int parallelEntities, int maxAttempts,
		boolean holdRunsOnConflict) {

	/** Runs go on while conflicts wait: only the records they concern wait. */
	public RunSettings(boolean syncOnChange, int minimumGapMinutes, int parallelEntities, int maxAttempts) {
		this(syncOnChange, minimumGapMinutes, parallelEntities, maxAttempts, false);
	}

	public static final int MAX_PARALLEL_ENTITIES = 16;
	public static final int MAX_ATTEMPTS = 100;
	public static final int MAX_GAP_MINUTES = 24 * 60;

	/** No on-change runs, no gap, two entities at a time, five attempts, runs go on while conflicts wait. */
	public static RunSettings defaults() {
		return new RunSettings(false, 0, 2, 5);
	}
}
