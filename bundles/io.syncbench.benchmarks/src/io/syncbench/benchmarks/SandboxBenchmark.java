package io.syncbench.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.jobs.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import io.syncbench.connector.woocommerce.WooCommerceSystem;
import io.syncbench.engine.ChangeWatch;
import io.syncbench.engine.ConnectorRegistry;
import io.syncbench.engine.Schedule;
import io.syncbench.engine.SyncEvents;
import io.syncbench.engine.SyncJobs;
import io.syncbench.engine.SyncScheduler;
import io.syncbench.engine.testsupport.CompanyRuns;
import io.syncbench.sandbox.SandboxStore;
import io.syncbench.store.Company;
import io.syncbench.store.Store;

/**
 * What every benchmark here stands on: a folder of its own, the connectors that Declarative Services
 * registers, sandbox web stores that take {@link BenchmarkCompany}'s key, and runs that must succeed.
 */
abstract class SandboxBenchmark {

	@TempDir
	Path folder;

	private ServiceTracker<ConnectorRegistry, ConnectorRegistry> registry;

	@BeforeEach
	void trackConnectors() {
		registry = new ServiceTracker<>(FrameworkUtil.getBundle(getClass()).getBundleContext(), ConnectorRegistry.class,
				null);
		registry.open();
	}

	@AfterEach
	void untrackConnectors() {
		registry.close();
	}

	/** The connector registry, once Declarative Services registered both connectors. */
	ConnectorRegistry connectors() throws InterruptedException {
		ConnectorRegistry found = registry.waitForService(TimeUnit.SECONDS.toMillis(30));
		assertTrue(found != null && found.find(WooCommerceSystem.TYPE).isPresent(), "both connectors are registered");
		return found;
	}

	/**
	 * A sandbox web store on a free port.
	 *
	 * @param documents the folder of its database; null for one in memory
	 */
	static SandboxStore webStore(Path documents) throws IOException, SQLException {
		return SandboxStore.start(0, documents, BenchmarkCompany.KEY, BenchmarkCompany.SECRET,
				SandboxStore.DEFAULT_BATCH_LIMIT);
	}

	/**
	 * The engine's own scheduler and change watch for the company, started, as the service runs them:
	 * on change, with an hourly interval that stays out of the way.
	 */
	static SyncScheduler onChange(Store store, ConnectorRegistry registry, Company company) {
		SyncScheduler scheduler = new SyncScheduler(company.name(), new Schedule(true, Duration.ofHours(1), false, true,
				Duration.ZERO), List.of(), () -> CompanyRuns.newRun(store, registry, BenchmarkCompany::credentials, company),
				Clock.systemUTC(), new SyncEvents(null, company.name()));
		scheduler.watch(new ChangeWatch(store, registry, BenchmarkCompany::credentials, company.id(), company.name()));
		scheduler.start();
		return scheduler;
	}

	/**
	 * Stops the scheduler and waits for the run it started, which goes on to its end: the store must not
	 * be closed under it (its last page is stored after the target already shows every record).
	 */
	static void stop(SyncScheduler scheduler) throws InterruptedException {
		scheduler.stop();
		Job.getJobManager().join(SyncJobs.RUNS, null);
	}

	/** Runs the company's synchronization to its end, which must succeed, and returns its report. */
	String runToEnd(Store store, Company company) throws InterruptedException {
		IStatus result = CompanyRuns.runToEnd(store, connectors(), BenchmarkCompany::credentials, company).getResult();
		assertEquals(IStatus.OK, result.getSeverity(), result::toString);
		return result.getMessage();
	}
}
