package io.syncbench.store;

import java.util.Set;

/**
 * Which status rows the operator looks at, and in what order: one company, optionally narrowed to a
 * connected system, an entity, some states and a text found in an id or the last error.
 *
 * @param companyId the company
 * @param system    the connected system's name, or null for all
 * @param entity    the entity, or null for all
 * @param states    the states shown; empty for all
 * @param text      text that the local id, the external id or the last error contains, ignoring case;
 *                  null or blank for any
 * @param order     the column the rows are sorted by
 * @param ascending whether the order is ascending
 */
public record StatusQuery(long companyId, String system, String entity, Set<SyncState> states, String text,
		Order order, boolean ascending) {

	public StatusQuery {
		states = Set.copyOf(states);
		text = text == null || text.isBlank() ? null : text.strip();
	}

	/** Every row of the company, oldest first. */
	public static StatusQuery all(long companyId) {
		return new StatusQuery(companyId, null, null, Set.of(), null, Order.ID, true);
	}

	public StatusQuery withStates(Set<SyncState> newStates) {
		return new StatusQuery(companyId, system, entity, newStates, text, order, ascending);
	}

	public StatusQuery withSystem(String newSystem) {
		return new StatusQuery(companyId, newSystem, entity, states, text, order, ascending);
	}

	public StatusQuery withEntity(String newEntity) {
		return new StatusQuery(companyId, system, newEntity, states, text, order, ascending);
	}

	public StatusQuery withText(String newText) {
		return new StatusQuery(companyId, system, entity, states, newText, order, ascending);
	}

	public StatusQuery sortedBy(Order newOrder, boolean newAscending) {
		return new StatusQuery(companyId, system, entity, states, text, newOrder, newAscending);
	}

	/** The columns rows can be sorted by; each ends with the row id so pages never overlap. */
	public enum Order {
		ID, SYSTEM, ENTITY, DISPLAY_KEY, LOCAL_ID, EXTERNAL_ID, STATE, ATTEMPTS, UPDATED_AT
	}
}
