package io.syncbench.store;

/** Where a record stands with one connected system. */
public enum SyncState {
	/** Changed on a side and not yet synchronized. */
	PENDING,
	/** Both sides hold the same values. */
	SYNCHRONIZED,
	/** The last attempt failed; the record is tried again on the next run. */
	FAILED,
	/** Failed as often as the company allows; no more attempts until an operator retries it. */
	SKIPPED,
	/** Deleted on one side, and the deletion was carried to the other. */
	DELETED,
	/** Both sides changed; the primary system's values were applied and the others kept for review. */
	CONFLICT
}
