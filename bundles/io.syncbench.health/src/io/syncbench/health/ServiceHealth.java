package io.syncbench.health;

import java.time.Instant;

/**
 * How one sync service is, as the workbench tells the operator and support.
 *
 * @param service   the service, for example {@code service@host} (one per host: a restart keeps the name)
 * @param instance  the process that reported last, for example {@code service@host:4711}
 * @param condition running, stopped, silent or failing
 * @param headline  the condition in a few words, for the status line
 * @param message   what happened and what to do, in the operator's words
 * @param since     when the condition began, as far as the store tells
 */
public record ServiceHealth(String service, String instance, Condition condition, String headline, String message,
		Instant since) {

	public enum Condition {
		/** Reports in time and its last runs succeeded. */
		RUNNING,
		/** Stopped on purpose (Ctrl+C, a shutdown) and said so. */
		STOPPED,
		/** Stopped reporting without saying so: crashed, killed, or cut off from the store. */
		SILENT,
		/** Reports, but its runs have failed for longer than the settings allow. */
		FAILING;

		public boolean healthy() {
			return this == RUNNING;
		}
	}
}
