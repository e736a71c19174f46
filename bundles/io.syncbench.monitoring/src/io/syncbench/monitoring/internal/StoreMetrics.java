package io.syncbench.monitoring.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.syncbench.monitoring.internal.RunWatch.HeldBack;
import io.syncbench.monitoring.internal.StoreReader.Reading;
import io.syncbench.store.ChangeQueueService.Backlog;
import io.syncbench.store.RunHistoryService.Run;
import io.syncbench.store.ServiceStateService.CompanyLease;
import io.syncbench.store.SyncStatusService.Side;
import io.syncbench.store.SyncStatusService.StateCount;
import io.syncbench.store.SyncStatusService.WorkLease;

/**
 * The gauges of one scrape, from one reading of the store: what every service on the store sees alike
 * (records per state, waiting changes, leases, each company's latest run), and what this service knows
 * alone (its hold-backs). Label values are the names operators know: the company's name, the
 * connected system's, the entity's.
 */
public final class StoreMetrics {

	private StoreMetrics() {
	}

	public static List<MetricSnapshot> of(String instance, Reading reading, Map<String, HeldBack> heldBack, Instant now) {
		List<MetricSnapshot> metrics = new ArrayList<>();
		metrics.add(gauge("syncbench_service_info", "This service, by the name it holds leases under", //$NON-NLS-1$ //$NON-NLS-2$
				List.of(point(1, "instance", instance)))); //$NON-NLS-1$
		metrics.add(gauge("syncbench_store_reachable", "1 when the store answered this scrape, 0 when it did not", //$NON-NLS-1$ //$NON-NLS-2$
				List.of(point(reading.reachable() ? 1 : 0))));
		List<GaugeDataPointSnapshot> held = new ArrayList<>();
		heldBack.forEach((company, hold) -> held.add(point(1, "company", company, "reason", hold.reason()))); //$NON-NLS-1$ //$NON-NLS-2$
		metrics.add(gauge("syncbench_runs_held_back", //$NON-NLS-1$
				"1 for each company whose runs this service holds back now, with the reason", held)); //$NON-NLS-1$
		if (!reading.reachable()) {
			return metrics;
		}
		StoreFigures figures = reading.figures();
		List<GaugeDataPointSnapshot> records = new ArrayList<>();
		for (StateCount count : figures.states()) {
			records.add(point(count.count(), "company", figures.companyName(count.scope().companyId()), //$NON-NLS-1$
					"system", count.scope().system(), "entity", count.scope().entity(), //$NON-NLS-1$ //$NON-NLS-2$
					"state", count.state().name().toLowerCase(Locale.ROOT))); //$NON-NLS-1$
		}
		metrics.add(gauge("syncbench_records", //$NON-NLS-1$
				"Records per company, connected system, entity and sync state (synchronized, pending, failed, skipped, conflict)", //$NON-NLS-1$
				records));
		List<GaugeDataPointSnapshot> queued = new ArrayList<>();
		for (Backlog backlog : figures.backlog()) {
			queued.add(point(backlog.count(), "company", figures.companyName(backlog.scope().companyId()), //$NON-NLS-1$
					"system", backlog.scope().system(), "entity", backlog.scope().entity(), //$NON-NLS-1$ //$NON-NLS-2$
					"side", backlog.side() == Side.LOCAL ? "company_database" : "connected_system")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		}
		metrics.add(gauge("syncbench_queued_changes", //$NON-NLS-1$
				"Changes waiting to be synchronized, by the side they were made on (company database or connected system)", //$NON-NLS-1$
				queued));
		Map<String, long[]> leases = new TreeMap<>(); // owner: held, run out
		for (WorkLease lease : figures.leases()) {
			if (lease.owner() != null) {
				leases.computeIfAbsent(lease.owner(), owner -> new long[2])[lease.heldAt(now) ? 0 : 1]++;
			}
		}
		List<GaugeDataPointSnapshot> leasePoints = new ArrayList<>();
		leases.forEach((owner, counts) -> {
			leasePoints.add(point(counts[0], "owner", owner, "state", "held")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			leasePoints.add(point(counts[1], "owner", owner, "state", "expired")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		});
		metrics.add(gauge("syncbench_work_leases", //$NON-NLS-1$
				"Links (an entity with a connected system) whose work a process holds, or held until its lease ran out", //$NON-NLS-1$
				leasePoints));
		Map<String, Long> companies = new TreeMap<>();
		for (CompanyLease lease : figures.companyLeases()) {
			if (lease.heldAt(now)) {
				companies.merge(lease.owner(), 1L, Long::sum);
			}
		}
		List<GaugeDataPointSnapshot> companyPoints = new ArrayList<>();
		companies.forEach((owner, count) -> companyPoints.add(point(count, "owner", owner))); //$NON-NLS-1$
		metrics.add(gauge("syncbench_company_leases", //$NON-NLS-1$
				"Companies each headless service runs now, by its share of the store's companies", companyPoints)); //$NON-NLS-1$
		List<GaugeDataPointSnapshot> ends = new ArrayList<>();
		List<GaugeDataPointSnapshot> durations = new ArrayList<>();
		for (Map.Entry<Long, Run> last : figures.lastRuns().entrySet()) {
			Run run = last.getValue();
			if (run.endedAt() == null) {
				continue; // running, or its process died: no end to tell
			}
			String company = figures.companyName(last.getKey());
			String outcome = run.outcome().name();
			ends.add(point(run.endedAt().toEpochMilli() / 1000.0, "company", company, "outcome", outcome)); //$NON-NLS-1$ //$NON-NLS-2$
			durations.add(point(Duration.between(run.startedAt(), run.endedAt()).toMillis() / 1000.0, "company", //$NON-NLS-1$
					company, "outcome", outcome)); //$NON-NLS-1$
		}
		metrics.add(gauge("syncbench_last_run_end_timestamp_seconds", //$NON-NLS-1$
				"When each company's latest finished run ended, by any service, with its outcome", ends)); //$NON-NLS-1$
		metrics.add(gauge("syncbench_last_run_duration_seconds", //$NON-NLS-1$
				"How long each company's latest finished run took, by any service, with its outcome", durations)); //$NON-NLS-1$
		return metrics;
	}

	private static GaugeSnapshot gauge(String name, String help, List<GaugeDataPointSnapshot> points) {
		GaugeSnapshot.Builder gauge = GaugeSnapshot.builder().name(name).help(help);
		points.forEach(gauge::dataPoint);
		return gauge.build();
	}

	private static GaugeDataPointSnapshot point(double value, String... labels) {
		return GaugeDataPointSnapshot.builder().value(value).labels(Labels.of(labels)).build();
	}
}
