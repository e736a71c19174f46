package io.syncbench.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.syncbench.engine.RecordResult.Action;

/** What a run did for one entity: how many records of each outcome, warnings, and whether it was cancelled. */
public final class EntityReport {

	private final String entity;
	private final String system;
	private final Map<Action, Integer> counts = new EnumMap<>(Action.class);
	private final List<String> warnings = new ArrayList<>();
	private boolean canceled;
	private boolean heldElsewhere;

	public EntityReport(String entity) {
		this(entity, null);
	}

	/** @param system the connected system the entity was synchronized with, or null */
	public EntityReport(String entity, String system) {
		this.entity = entity;
		this.system = system;
	}

	void add(RecordResult result) {
		counts.merge(result.action(), 1, Integer::sum);
		warnings.addAll(result.warnings());
	}

	void cancel() {
		canceled = true;
	}

	/** Another thread or process held the entity's work with this system: its records were left to it. */
	void heldElsewhere() {
		heldElsewhere = true;
	}

	public boolean wasHeldElsewhere() {
		return heldElsewhere;
	}

	public String entity() {
		return entity;
	}

	/** The connected system, or null when the report does not say. */
	public String system() {
		return system;
	}

	public int count(Action action) {
		return counts.getOrDefault(action, 0);
	}

	public List<String> warnings() {
		return Collections.unmodifiableList(warnings);
	}

	public boolean canceled() {
		return canceled;
	}

	/** For example "product: 812 sent, 3 failed". */
	@Override
	public String toString() {
		StringBuilder text = new StringBuilder(entity).append(':');
		counts.forEach((action, count) -> text.append(text.charAt(text.length() - 1) == ':' ? " " : ", ") //$NON-NLS-1$ //$NON-NLS-2$
				.append(count).append(' ').append(action.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')));
		if (heldElsewhere) {
			text.append(" left to another SyncBench process, which works on it now"); //$NON-NLS-1$
		} else if (counts.isEmpty()) {
			text.append(" nothing to do"); //$NON-NLS-1$
		}
		return canceled ? text.append(" (cancelled)").toString() : text.toString(); //$NON-NLS-1$
	}
}
