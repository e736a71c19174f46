package io.syncbench.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.osgi.util.NLS;

import io.syncbench.connector.ConnectorException;
import io.syncbench.engine.CompanySync;
import io.syncbench.engine.EntityLink;
import io.syncbench.engine.EntityReport;
import io.syncbench.engine.EntitySync;
import io.syncbench.engine.RecordRepair;
import io.syncbench.engine.RecordResult;
import io.syncbench.engine.RecordReview;
import io.syncbench.engine.RunPlan;
import io.syncbench.engine.SyncSetupException;
import io.syncbench.service.internal.Messages;
import io.syncbench.store.Company;
import io.syncbench.store.EntitySettings;
import io.syncbench.store.StatusScope;
import io.syncbench.store.Store;
import io.syncbench.store.SyncState;
import io.syncbench.store.SyncStatus;
import io.syncbench.store.SyncStatusService.Side;

/**
 * What an operator does to chosen records in the Sync Status view and the Status Debugger: force,
 * retry, skip, review and resolve. Each call that talks to the systems opens sessions with them
 * (only those of the record's entity and system), so call it from a job, never from the UI thread.
 */
public final class RecordActions {

	private final Store store;
	private final CompanySync companySync;
	private final EntitySync entitySync;
	private final RecordRepair repair;

	RecordActions(Store store, CompanySync companySync, EntitySync entitySync, String leaseOwner) {
		this.store = store;
		this.companySync = companySync;
		this.entitySync = entitySync;
		this.repair = new RecordRepair(store.syncStatus(), leaseOwner, Duration.ofMinutes(5));
	}

	/** Fields and values of one failed or conflicting record, read from both sides now. */
	public RecordReview review(SyncStatus status) throws ConnectorException {
		try (RunPlan plan = plan(status.scope())) {
			return repair.review(link(plan, status.scope()), status.id());
		}
	}

	/** Writes the operator's decisions to both sides; see {@link RecordRepair#resolve}. */
	public RecordResult resolve(SyncStatus status, Map<String, Object> decisions) throws ConnectorException {
		try (RunPlan plan = plan(status.scope())) {
			return repair.resolve(link(plan, status.scope()), status.id(), decisions);
		}
	}

	/**
	 * Synchronizes the records now from their primary side, even when neither side changed; one
	 * company's records at a time.
	 */
	public List<EntityReport> force(Collection<SyncStatus> statuses, IProgressMonitor monitor) throws ConnectorException {
		Map<StatusScope, List<SyncStatus>> byScope = byScope(statuses);
		SubMonitor progress = SubMonitor.convert(monitor, statuses.size());
		List<EntityReport> reports = new ArrayList<>();
		for (Map.Entry<StatusScope, List<SyncStatus>> scope : byScope.entrySet()) {
			try (RunPlan plan = plan(scope.getKey())) {
				EntityLink link = link(plan, scope.getKey());
				Side side = link.primary();
				List<String> ids = new ArrayList<>();
				List<String> otherIds = new ArrayList<>();
				for (SyncStatus status : scope.getValue()) {
					String id = side == Side.LOCAL ? status.localId() : status.externalId();
					if (id != null) {
						ids.add(id);
					} else { // exists on the other side only so far
						otherIds.add(side == Side.LOCAL ? status.externalId() : status.localId());
					}
				}
				reports.add(entitySync.force(link, side, ids, progress.split(ids.size())));
				if (!otherIds.isEmpty()) {
					reports.add(entitySync.force(link, side.other(), otherIds, progress.split(otherIds.size())));
				}
			}
		}
		return reports;
	}

	/**
	 * Makes the records pending again with no attempts counted, and queues them for the next run from
	 * the side whose changes the entity takes.
	 */
	public List<SyncStatus> retry(Collection<SyncStatus> statuses) {
		List<SyncStatus> retried = store.syncStatus().retry(statuses.stream().map(SyncStatus::id).toList());
		for (SyncStatus status : retried) {
			Side side = queueSide(status);
			String id = side == Side.LOCAL ? status.localId() : status.externalId();
			if (id != null) {
				store.changeQueue().enqueue(status.scope(), side, id);
			}
		}
		return retried;
	}

	/** Leaves the records alone in runs until they are retried or forced. */
	public List<SyncStatus> skip(Collection<SyncStatus> statuses) {
		return store.syncStatus().skip(statuses.stream().filter(s -> s.state() != SyncState.DELETED)
				.map(SyncStatus::id).toList());
	}

	/** The side a retried record is queued on: one whose changes the entity takes and that has the record. */
	private Side queueSide(SyncStatus status) {
		EntitySettings.Direction direction = store.syncSetup().entities(status.scope().companyId(), status.scope().system())
				.stream().filter(e -> e.entity().equals(status.scope().entity())).map(EntitySettings::direction).findFirst()
				.orElse(EntitySettings.Direction.BOTH);
		return switch (direction) {
			case SEND_ONLY -> Side.LOCAL;
			case DOWNLOAD_ONLY -> Side.EXTERNAL;
			case BOTH -> status.localId() != null ? Side.LOCAL : Side.EXTERNAL;
		};
	}

	private RunPlan plan(StatusScope scope) throws ConnectorException {
		Company company = store.companies().find(scope.companyId())
				.orElseThrow(() -> new SyncSetupException(Messages.Records_companyGone));
		return companySync.plan(company, scope::equals);
	}

	private static EntityLink link(RunPlan plan, StatusScope scope) {
		return plan.link(scope).orElseThrow(() -> new SyncSetupException(
				NLS.bind(Messages.Records_noLink, scope.entity(), scope.system())));
	}

	private static Map<StatusScope, List<SyncStatus>> byScope(Collection<SyncStatus> statuses) {
		Map<StatusScope, List<SyncStatus>> byScope = new LinkedHashMap<>();
		statuses.forEach(s -> byScope.computeIfAbsent(s.scope(), k -> new ArrayList<>()).add(s));
		return byScope;
	}
}
