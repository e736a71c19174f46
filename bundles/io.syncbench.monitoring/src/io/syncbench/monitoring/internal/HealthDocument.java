package io.syncbench.monitoring.internal;

import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.syncbench.monitoring.internal.RunWatch.HeldBack;
import io.syncbench.monitoring.internal.StoreReader.Reading;
import io.syncbench.store.RunHistoryService.Run;

/**
 * {@code /health} as JSON: {@code status} UP while the store answers, DOWN when it does not (served with
 * 503, so that a load balancer or a probe needs nothing but the status code); the store; and each
 * company's latest run and, when this service holds its runs back, the reason.
 */
public final class HealthDocument {

	private static final ObjectMapper JSON = new ObjectMapper();

	private HealthDocument() {
	}

	public static ObjectNode of(String instance, Reading reading, Map<String, HeldBack> heldBack) {
		ObjectNode health = JSON.createObjectNode();
		health.put("status", reading.reachable() ? "UP" : "DOWN"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		health.put("instance", instance); //$NON-NLS-1$
		ObjectNode store = health.putObject("store"); //$NON-NLS-1$
		store.put("reachable", reading.reachable()); //$NON-NLS-1$
		if (!reading.reachable()) {
			store.put("problem", reading.problem()); //$NON-NLS-1$
		}
		ArrayNode companies = health.putArray("companies"); //$NON-NLS-1$
		if (reading.reachable()) {
			StoreFigures figures = reading.figures();
			figures.companies().forEach((id, name) -> {
				ObjectNode company = companies.addObject();
				company.put("name", name); //$NON-NLS-1$
				Run run = figures.lastRuns().get(id);
				if (run == null) {
					company.putNull("lastRun"); //$NON-NLS-1$
				} else {
					ObjectNode last = company.putObject("lastRun"); //$NON-NLS-1$
					last.put("outcome", run.outcome().name()); //$NON-NLS-1$
					last.put("trigger", run.trigger()); //$NON-NLS-1$
					last.put("startedAt", run.startedAt().toString()); //$NON-NLS-1$
					last.put("endedAt", run.endedAt() == null ? null : run.endedAt().toString()); //$NON-NLS-1$
					last.put("message", run.message()); //$NON-NLS-1$
				}
				putHeldBack(company, heldBack.get(name));
			});
		} else { // the store is away: what this service knows of its own hold-backs still helps
			heldBack.forEach((name, hold) -> putHeldBack(companies.addObject().put("name", name), hold)); //$NON-NLS-1$
		}
		return health;
	}

	private static void putHeldBack(ObjectNode company, HeldBack hold) {
		if (hold == null) {
			company.putNull("heldBack"); //$NON-NLS-1$
			return;
		}
		ObjectNode held = company.putObject("heldBack"); //$NON-NLS-1$
		held.put("reason", hold.reason()); //$NON-NLS-1$
		held.put("message", hold.message()); //$NON-NLS-1$
		held.put("since", hold.since().toString()); //$NON-NLS-1$
	}

	public static byte[] bytes(ObjectNode health) {
		try {
			return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(health);
		} catch (com.fasterxml.jackson.core.JsonProcessingException e) {
			throw new IllegalStateException(e); // a tree of plain values always writes
		}
	}
}
