package io.syncbench.store;

import java.time.Instant;

/**
 * A company whose back-office database SyncBench keeps in step with outside systems, as stored.
 *
 * @param id            the store's key, stable across renames
 * @param settings      the company's name and sync properties
 * @param runSettings   its limits and triggers for runs
 * @param createdAt     when the company was created
 */
public record Company(long id, CompanySettings settings, RunSettings runSettings, Instant createdAt) {

	/** The company's display name, unique among companies regardless of case. */
	public String name() {
		return settings.name();
	}
}
