package io.syncbench.monitoring.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventHandler;

import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.syncbench.engine.SyncEvents;

/**
 * Follows this process's runs through the engine's events: how long each run took (a histogram per
 * company and outcome), and which companies' runs are held back now, and why. A company's hold-back
 * ends when its next run starts.
 */
public final class RunWatch implements EventHandler {

	/** A company's runs held back since {@code since}, for {@code reason} (PAUSED, NO_CONNECTIVITY, ...). */
	public record HeldBack(String reason, String message, Instant since) {
	}

	private final Clock clock;
	private final Histogram durations;
	private final Map<Object, Instant> started = new ConcurrentHashMap<>();
	private final Map<String, HeldBack> heldBack = new ConcurrentHashMap<>();

	public RunWatch(PrometheusRegistry registry, Clock clock) {
		this.clock = clock;
		this.durations = Histogram.builder().name("syncbench_run_duration_seconds") //$NON-NLS-1$
				.help("How long this service's runs took, by company and outcome (SUCCEEDED, FAILED, CANCELED)") //$NON-NLS-1$
				.labelNames("company", "outcome") //$NON-NLS-1$ //$NON-NLS-2$
				.classicOnly().classicUpperBounds(0.5, 1, 5, 15, 60, 300, 900, 3600) //
				// Exemplars name trace spans, which runs do not have; sampling them would load the client's
				// optional tracer bundle, which the product does not ship.
				.withoutExemplars() //
				.register(registry);
	}

	@Override
	public void handleEvent(Event event) {
		String company = String.valueOf(event.getProperty(SyncEvents.COMPANY));
		Object runId = event.getProperty(SyncEvents.RUN_ID);
		switch (event.getTopic()) {
		case SyncEvents.RUN_STARTED -> {
			heldBack.remove(company);
			if (runId != null) {
				started.put(runId, clock.instant());
			}
		}
		case SyncEvents.RUN_FINISHED -> {
			Instant start = runId == null ? null : started.remove(runId);
			if (start != null) {
				durations.labelValues(company, String.valueOf(event.getProperty(SyncEvents.OUTCOME)))
						.observe(Duration.between(start, clock.instant()).toMillis() / 1000.0);
			}
		}
		case SyncEvents.RUN_HELD_BACK -> heldBack.compute(company, (name, before) -> {
			String reason = String.valueOf(event.getProperty(SyncEvents.REASON));
			String message = (String) event.getProperty(SyncEvents.MESSAGE);
			// The same reason again keeps when it began.
			return new HeldBack(reason, message,
					before != null && before.reason().equals(reason) ? before.since() : clock.instant());
		});
		default -> {
			// progress and record events are not monitored here
		}
		}
	}

	/** The companies held back now, by name, in name order. */
	public Map<String, HeldBack> heldBack() {
		return new TreeMap<>(heldBack);
	}
}
