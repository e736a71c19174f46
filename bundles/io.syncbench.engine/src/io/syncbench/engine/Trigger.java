package io.syncbench.engine;

/** Why a record is synchronized, which decides the direction when neither side changed. */
public enum Trigger {
	/** A change was queued: nothing happens when neither side changed after all. */
	CHANGE,
	/** An operator forced it (Sync in the status view): from the primary side, changed or not. */
	FORCED,
	/** A complete update re-sends everything in scope: from the company's database, changed or not. */
	COMPLETE_UPDATE
}
