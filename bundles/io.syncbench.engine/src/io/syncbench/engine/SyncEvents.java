package io.syncbench.engine;

import java.util.HashMap;
import java.util.Map;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * The engine's OSGi EventAdmin topics, posted asynchronously so the UI and the health notifier
 * observe the engine without polling the store. Every event carries {@value #COMPANY}.
 * <ul>
 * <li>{@value #RUN_STARTED}: {@value #RUN_ID}, {@value #MODE}, {@value #TRIGGER}</li>
 * <li>{@value #RUN_FINISHED}: {@value #RUN_ID}, {@value #OUTCOME} (SUCCEEDED, FAILED, CANCELED),
 * {@value #MESSAGE}, and what of the company needs its operator after the run (Longs, absent when the
 * store could not count them): {@value #FAILED_RECORDS}, {@value #CONFLICTS}, {@value #SKIPPED}</li>
 * <li>{@value #RUN_HELD_BACK}: {@value #REASON} (PAUSED, NOT_SET_UP, NO_CONNECTIVITY, CREDENTIALS_REJECTED,
 * UNRESOLVED_CONFLICTS, TOO_SOON), {@value #MESSAGE}</li>
 * <li>{@value #RUN_PROGRESS}: {@value #RUN_ID}, {@value #PROCESSED} (records handled so far, Long),
 * {@value #BACKLOG} (queued changes still waiting, Long); a few times a second at most, and once at the end</li>
 * <li>{@value #ENTITY_PROGRESS}: {@value #RUN_ID}, {@value #ENTITY}, {@value #SYSTEM}, {@value #DONE}
 * (records of the entity handled so far in this run, Long), {@value #TOTAL} (how many there are in all,
 * Long, absent when the system cannot count them), {@value #TASK} (the same in words, as the run's job
 * shows it: "product to webstore: 1,200 of 10,000"); once a page</li>
 * <li>{@value #RECORD_FAILED}: {@value #RUN_ID}, {@value #ENTITY}, {@value #RECORD_ID}, {@value #FIELD},
 * {@value #MESSAGE}</li>
 * </ul>
 * Subscribe to {@value #ALL} for everything.
 */
public final class SyncEvents {

	public static final String ALL = "io/syncbench/*";
	/** Every topic of runs: started, progress, held back, finished. */
	public static final String RUN_ALL = "io/syncbench/run/*";
	public static final String RUN_STARTED = "io/syncbench/run/STARTED";
	public static final String RUN_FINISHED = "io/syncbench/run/FINISHED";
	public static final String RUN_PROGRESS = "io/syncbench/run/PROGRESS";
	public static final String RUN_HELD_BACK = "io/syncbench/run/HELD_BACK";
	public static final String ENTITY_PROGRESS = "io/syncbench/run/ENTITY_PROGRESS";
	public static final String RECORD_FAILED = "io/syncbench/record/FAILED";

	public static final String COMPANY = "company";
	public static final String RUN_ID = "runId";
	public static final String MODE = "mode";
	public static final String TRIGGER = "trigger";
	public static final String OUTCOME = "outcome";
	public static final String REASON = "reason";
	public static final String ENTITY = "entity";
	public static final String RECORD_ID = "recordId";
	public static final String FIELD = "field";
	public static final String MESSAGE = "message";
	public static final String PROCESSED = "processed";
	public static final String BACKLOG = "backlog";
	public static final String SYSTEM = "system";
	public static final String DONE = "done";
	public static final String TOTAL = "total";
	public static final String TASK = "task";
	public static final String FAILED_RECORDS = "failedRecords";
	public static final String CONFLICTS = "conflicts";
	public static final String SKIPPED = "skipped";

	private final EventAdmin eventAdmin;
	private final String company;

	/** @param eventAdmin where to post; null posts nothing (tests, tools without OSGi events) */
	public SyncEvents(EventAdmin eventAdmin, String company) {
		this.eventAdmin = eventAdmin;
		this.company = company;
	}

	/** What of the company needs its operator, as a run's end tells it; null when the store could not count it. */
	public static CompanyAttention attention(Event finished) {
		if (finished.getProperty(FAILED_RECORDS) instanceof Long failed
				&& finished.getProperty(CONFLICTS) instanceof Long conflicts
				&& finished.getProperty(SKIPPED) instanceof Long skipped) {
			return new CompanyAttention(failed, conflicts, skipped);
		}
		return null;
	}

	/** Posts {@code topic} with the company and the given name-value pairs (nulls are left out). */
	public void post(String topic, Object... namesAndValues) {
		if (eventAdmin == null) {
			return;
		}
		Map<String, Object> properties = new HashMap<>();
		properties.put(COMPANY, company);
		for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
			if (namesAndValues[i + 1] != null) {
				properties.put((String) namesAndValues[i], namesAndValues[i + 1]);
			}
		}
		eventAdmin.postEvent(new Event(topic, properties));
	}
}
