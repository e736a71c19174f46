package io.syncbench.store;

/**
 * What an operator sets for a company: its name and the first sync properties. Validated by
 * {@link CompanyRules}; the store refuses settings that break a rule.
 *
 * @param name                 display name, unique regardless of case
 * @param syncIntervalSeconds  seconds between automatic runs
 * @param automaticSync        whether runs start on the interval without an operator
 * @param syncOnStart          whether a run starts when the workbench or service starts
 * @param completeUpdate       whether the next run re-sends everything in scope; clears itself after it
 */
public record CompanySettings(String name, int syncIntervalSeconds, boolean automaticSync, boolean syncOnStart,
		boolean completeUpdate) {

	/** Settings for a new company: automatic sync every 20 seconds, as the tools SyncBench replaces do. */
	public static CompanySettings withDefaults(String name) {
		return new CompanySettings(name, CompanyRules.DEFAULT_INTERVAL_SECONDS, true, false, false);
	}

	public CompanySettings withCompleteUpdate(boolean newCompleteUpdate) {
		return new CompanySettings(name, syncIntervalSeconds, automaticSync, syncOnStart, newCompleteUpdate);
	}

	public CompanySettings withName(String newName) {
		return new CompanySettings(newName, syncIntervalSeconds, automaticSync, syncOnStart, completeUpdate);
	}
}
