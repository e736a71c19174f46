package io.syncbench.monitoring.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.syncbench.store.ChangeQueueService.Backlog;
import io.syncbench.store.Company;
import io.syncbench.store.RunHistoryService.Run;
import io.syncbench.store.ServiceStateService.CompanyLease;
import io.syncbench.store.Store;
import io.syncbench.store.SyncStatusService.StateCount;
import io.syncbench.store.SyncStatusService.WorkLease;

/**
 * What the store holds now for monitoring, read in a handful of queries: each company with its latest
 * run (of any process), every scope's records per state, the waiting changes, the link leases, and
 * which service runs each company.
 *
 * @param companies each company's name by its id, in the store's order
 * @param lastRuns  the latest run of each company that has one, by the company's id
 */
public record StoreFigures(Map<Long, String> companies, Map<Long, Run> lastRuns, List<StateCount> states,
		List<Backlog> backlog, List<WorkLease> leases, List<CompanyLease> companyLeases) {

	public static StoreFigures read(Store store) {
		Map<Long, String> companies = new LinkedHashMap<>();
		Map<Long, Run> lastRuns = new LinkedHashMap<>();
		for (Company company : store.companies().list()) {
			companies.put(company.id(), company.name());
			store.runHistory().recent(company.id(), 1).stream().findFirst()
					.ifPresent(run -> lastRuns.put(company.id(), run));
		}
		return new StoreFigures(companies, lastRuns, store.syncStatus().stateCounts(), store.changeQueue().backlog(),
				store.syncStatus().leases(), store.serviceState().companyLeases());
	}

	/** The company's name, or its id for a company deleted since its rows were read. */
	public String companyName(long companyId) {
		return Optional.ofNullable(companies.get(companyId)).orElse("#" + companyId); //$NON-NLS-1$
	}
}
