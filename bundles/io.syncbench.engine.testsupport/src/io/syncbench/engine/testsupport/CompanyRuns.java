package io.syncbench.engine.testsupport;

import java.time.Duration;
import java.util.List;

import io.syncbench.engine.CompanySync;
import io.syncbench.engine.ConnectorRegistry;
import io.syncbench.engine.CredentialSource;
import io.syncbench.engine.EntitySync;
import io.syncbench.engine.RecordSynchronizer;
import io.syncbench.engine.SyncEvents;
import io.syncbench.engine.SyncMode;
import io.syncbench.engine.SyncRunJob;
import io.syncbench.store.Company;
import io.syncbench.store.Store;

/** A manual run of a company, as the workbench's Sync Now makes one, for tests that drive runs themselves. */
public final class CompanyRuns {

	private CompanyRuns() {
	}

	/** A run of the company as the store has it now, not yet scheduled; its events go nowhere. */
	public static SyncRunJob newRun(Store store, ConnectorRegistry connectors, CredentialSource credentials,
			Company company) {
		return newRun(store, connectors, credentials, company, 1000);
	}

	/** As {@link #newRun(Store, ConnectorRegistry, CredentialSource, Company)}, in pages of at most {@code pageSize}. */
	public static SyncRunJob newRun(Store store, ConnectorRegistry connectors, CredentialSource credentials,
			Company company, int pageSize) {
		Company current = store.companies().find(company.id()).orElse(company);
		EntitySync entitySync = new EntitySync(store.changeQueue(),
				new RecordSynchronizer(store.syncStatus(), "test", Duration.ofMinutes(1), List.of()), pageSize);
		return new CompanySync(store, connectors, credentials).newRun(current, SyncMode.SYNCHRONIZE, "manual",
				entitySync, new SyncEvents(null, current.name()));
	}

	/** Runs the company once and waits for the run's end. */
	public static SyncRunJob runToEnd(Store store, ConnectorRegistry connectors, CredentialSource credentials,
			Company company) throws InterruptedException {
		SyncRunJob run = newRun(store, connectors, credentials, company);
		run.schedule();
		run.join();
		return run;
	}
}
