package io.syncbench.service.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.jobs.Job;

import io.syncbench.connector.Health;
import io.syncbench.engine.SyncJobs;
import io.syncbench.engine.SyncMode;
import io.syncbench.engine.testsupport.ConnectorServices;
import io.syncbench.engine.testsupport.Eventually;
import io.syncbench.engine.testsupport.MemoryConnector;
import io.syncbench.engine.testsupport.MemorySystem;
import io.syncbench.engine.testsupport.ProductSetup;
import io.syncbench.service.SyncService;
import io.syncbench.store.Company;
import io.syncbench.store.CompanySettings;
import io.syncbench.store.ConnectedSystem.Role;
import io.syncbench.store.EntitySettings.Direction;
import io.syncbench.store.EntitySettings;
import io.syncbench.store.RunHistoryService.Outcome;
import io.syncbench.store.RunSettings;
import io.syncbench.store.ServiceStateService.ServiceState;
import io.syncbench.store.ServiceStateService.State;
import io.syncbench.store.StatusQuery;
import io.syncbench.store.StatusScope;
import io.syncbench.store.Stores.OwnedStore;
import io.syncbench.store.Stores;
import io.syncbench.store.SyncState;
import io.syncbench.store.SyncStatus;
import io.syncbench.store.SyncStatusService.Side;

/** The headless service syncs each company on its schedule, logs each run and keeps its heartbeat. */
class SyncServiceTest {

	@TempDir
	Path workspace;

	private OwnedStore store;
	private ConnectorServices services;
	private final List<String> log = new CopyOnWriteArrayList<>();
	private SyncService service;
	private final MemorySystem erp = new MemorySystem("A-", ProductSetup.PRODUCT);
	private final MemorySystem web = new MemorySystem("", ProductSetup.PRODUCT);

	@BeforeEach
	void setUp() throws InterruptedException {
		store = Stores.embeddedDerby(workspace.resolve("store"));
		services = new ConnectorServices();
		services.connector().put("erp", erp);
		services.connector().put("web", web);
		service = new SyncService(store, services.registry(), (companyId, system) -> new char[0], null,
				"service@test:1", Duration.ofMillis(200), log::add);
	}

	@AfterEach
	void tearDown() {
		services.close();
		store.close();
	}

	private void waitUntil(String what, BooleanSupplier condition) throws InterruptedException {
		Eventually.waitUntil(what, condition, () -> "the service logged " + log);
	}

	/** A company whose database is the memory system erp and whose web store is web. */
	/**
	 * The company with its systems in one transaction: made in steps, a running service could find it
	 * before its systems and hold its run on start back (a CI run saw it).
	 */
	private Company connectedCompany(CompanySettings settings) {
		return ProductSetup.create(store, settings, MemoryConnector.TYPE);
	}

	private ServiceState state() {
		return store.serviceState().all().get(0);
	}

	@Test
	void theServiceSynchronizesACompanyOnStartAndLogsTheRun() throws InterruptedException {
		Company acme = connectedCompany(new CompanySettings("Acme Ltd", 3600, true, true, false));
		for (int i = 1; i <= 3; i++) {
			erp.put("A-" + i, Map.of("sku", "SKU-" + i, "name", "Item " + i));
		}

		service.start();
		waitUntil("the run on start", () -> log.stream().anyMatch(line -> line.startsWith("Acme Ltd: Synchronized")));
		waitUntil("a heartbeat", () -> !store.serviceState().all().isEmpty());

		assertEquals(3, web.liveRecords());
		assertEquals(Outcome.SUCCEEDED, store.runHistory().recent(acme.id(), 1).get(0).outcome());
		assertTrue(log.contains("Acme Ltd: Synchronized: product: 3 sent, 3 unchanged"), log::toString); // the echoes
		assertEquals(State.RUNNING, state().state());
		assertEquals("service@test:1", state().instance());

		service.stop();
		assertEquals(State.STOPPED, state().state());
	}

	@Test
	void aRestartedServiceTakesOverTheLeasesOfAKilledPredecessorAtOnce() throws Exception {
		Company acme = connectedCompany(new CompanySettings("Acme Ltd", 3600, true, true, false));
		erp.put("A-1", Map.of("sku", "SKU-1", "name", "Chair"));
		erp.put("A-2", Map.of("sku", "SKU-2", "name", "Table"));
		Process ended = new ProcessBuilder("true").start();
		ended.waitFor();
		String killed = "service@test:" + ended.pid(); // a process of this host that is gone
		String alive = "service@test:" + ProcessHandle.current().pid(); // one that still runs
		StatusScope products = new StatusScope(acme.id(), "webstore", "product");
		StatusScope elsewhere = new StatusScope(acme.id(), "warehouse", "product");
		assertTrue(store.syncStatus().holdWork(products, killed, Duration.ofMinutes(5)));
		assertTrue(store.syncStatus().holdWork(elsewhere, alive, Duration.ofMinutes(5)));

		service.start();
		waitUntil("the run on start", () -> log.stream().anyMatch(line -> line.startsWith("Acme Ltd: Synchronized")));
		service.stop();

		assertTrue(log.stream().anyMatch(line -> line.startsWith("Took over 1 entities that " + killed)), log::toString);
		assertEquals(SyncState.SYNCHRONIZED, store.syncStatus().findByLocalId(products, "A-1").orElseThrow().state(),
				"the killed service's entity was synchronized without waiting for its hold to expire");
		assertEquals(Set.of(alive), store.syncStatus().leaseOwners(), "a running process keeps its hold");
	}

	@Test
	void withOnChangeSyncAChangeInTheCompanyDatabaseRunsLongBeforeTheInterval() throws InterruptedException {
		Company acme = connectedCompany(new CompanySettings("Acme Ltd", 3600, true, true, false));
		store.companies().updateRunSettings(acme.id(), new RunSettings(true, 0, 1, 3));
		erp.put("A-1", Map.of("sku", "SKU-1", "name", "Chair"));
		service.start();
		waitUntil("the run on start", () -> web.liveRecords() == 1);

		long changed = System.nanoTime();
		erp.put("A-2", Map.of("sku", "SKU-2", "name", "Table"));
		waitUntil("the change synchronized", () -> web.liveRecords() == 2);
		double seconds = (System.nanoTime() - changed) / 1e9;
		service.stop();

		assertTrue(seconds < 10, "the interval is an hour; the change took " + seconds + " s");
	}

	@Test
	void aFailingRunTurnsTheHeartbeatToFailingWithTheReason() throws InterruptedException {
		Company acme = store.companies().create(new CompanySettings("Acme Ltd", 3600, true, true, false));
		// Set up, with systems of a kind no installed connector serves: the run starts, and fails saying so.
		store.syncSetup().saveSystem(acme.id(), "erp", "retired-kind", Role.COMPANY_DATABASE, Map.of(), true);
		store.syncSetup().saveSystem(acme.id(), "web", "retired-kind", Role.OUTSIDE_SYSTEM, Map.of(), true);
		store.syncSetup().saveEntity(acme.id(),
				new EntitySettings("web", "product", Direction.BOTH, Side.LOCAL, Map.of(), Map.of()));

		service.start();
		waitUntil("a failing heartbeat", () -> !store.serviceState().all().isEmpty() && state().state() == State.FAILING);

		assertTrue(state().message().startsWith("The last run of Acme Ltd failed: No connector for "), state().message());
		assertTrue(state().message().contains("(of the kind retired-kind) is installed."), state().message());
		assertEquals(Outcome.FAILED, store.runHistory().recent(acme.id(), 1).get(0).outcome());
		service.stop();
	}

	@Test
	void anUnreachableSystemHoldsRunsBackAndTheLogSaysWhyUntilItAnswers() throws InterruptedException {
		web.setHealth(new Health(Health.State.UNREACHABLE, "connection refused"));
		Company acme = connectedCompany(new CompanySettings("Acme Ltd", 5, true, true, false));
		erp.put("A-1", Map.of("sku", "SKU-1", "name", "Item 1"));

		service.start();
		waitUntil("a hold-back", () -> log.contains(
				"Acme Ltd: Held back: webstore cannot be reached (connection refused). Runs start again once it answers."));
		assertEquals(0, web.liveRecords());
		assertTrue(store.runHistory().recent(acme.id(), 1).isEmpty(), "a held-back run leaves no history");

		web.setHealth(Health.reachable("back"));
		waitUntil("the run once it answers", () -> web.liveRecords() == 1);
		service.stop();
	}

	@Test
	void aCompanyCreatedWhileTheServiceRunsIsSynchronizedWithoutARestart() throws InterruptedException {
		erp.put("A-1", Map.of("sku", "SKU-1", "name", "Item 1"));
		service.start();

		connectedCompany(new CompanySettings("Acme Ltd", 3600, true, true, false));

		waitUntil("the new company's run on start", () -> web.liveRecords() == 1);
		service.stop();
	}

	@Test
	void syncNowRunsInTheModeAskedForAndLeavesTheScheduleAlone() throws InterruptedException {
		Company acme = connectedCompany(new CompanySettings("Acme Ltd", 3600, false, false, false));
		erp.put("A-1", Map.of("sku", "SKU-1", "name", "From the ERP"));
		web.put("900", Map.of("sku", "SKU-9", "name", "From the web"));
		service.start();

		assertEquals(1, service.runNow(io.syncbench.engine.SyncMode.SEND));
		waitUntil("the send", () -> web.liveRecords() == 2);
		org.eclipse.core.runtime.jobs.Job.getJobManager().join(io.syncbench.engine.SyncJobs.RUNS, null);
		assertEquals(1, erp.liveRecords(), "a send downloads nothing");

		// The scheduler sees its run over only after the job's listeners ran, a moment after join.
		waitUntil("the download to start", () -> service.runNow(io.syncbench.engine.SyncMode.DOWNLOAD) == 1);
		waitUntil("the download", () -> erp.liveRecords() == 2);
		service.stop();
		assertEquals("manual", store.runHistory().recent(acme.id(), 1).get(0).trigger());
	}

	@Test
	void withoutCompaniesTheServiceSaysWhatToDo() throws InterruptedException {
		service.start();
		service.stop();

		assertTrue(log.contains("No company is set up yet; create one in the workbench. The service starts synchronizing"
				+ " each company it finds, within a heartbeat of its creation."), log::toString);
		assertEquals(State.STOPPED, state().state());
	}

	@Test
	void aSkippedRecordIsLeftAloneUntilRetriedAndForceSendsARecordNobodyChanged() throws Exception {
		Company acme = connectedCompany(new CompanySettings("Acme Ltd", 3600, false, false, false));
		store.companies().updateRunSettings(acme.id(), new RunSettings(false, 0, 1, 1));
		erp.put("A-1", Map.of("sku", "SKU-1", "name", "Chair\u0000"));
		service.start();
		runNow(SyncMode.SYNCHRONIZE);
		SyncStatus skipped = only(acme);
		assertEquals(SyncState.SKIPPED, skipped.state(), "one attempt allowed");
		assertEquals("name", skipped.errorField());

		erp.put("A-1", Map.of("sku", "SKU-1", "name", "Chair"));
		runNow(SyncMode.SYNCHRONIZE);
		assertEquals(SyncState.SKIPPED, only(acme).state(), "a skipped record waits for the operator");
		assertEquals(0, web.liveRecords());

		service.records().retry(List.of(only(acme)));
		assertEquals(SyncState.PENDING, only(acme).state());
		runNow(SyncMode.SYNCHRONIZE);
		assertEquals(SyncState.SYNCHRONIZED, only(acme).state());
		assertEquals("Chair", web.get(only(acme).externalId()).fields().get("name"));

		int writes = web.writes();
		service.records().force(List.of(only(acme)), new NullProgressMonitor());
		assertEquals(writes + 1, web.writes(), "forced: sent again though neither side changed");
		assertEquals(SyncState.SYNCHRONIZED, only(acme).state());

		service.records().skip(List.of(only(acme)));
		assertEquals(SyncState.SKIPPED, only(acme).state());
		service.stop();
	}

	@Test
	void aScheduleChangedInPropertiesTakesEffectWithoutARestart() throws InterruptedException {
		Company acme = connectedCompany(new CompanySettings("Acme Ltd", 3600, false, false, false));
		erp.put("A-1", Map.of("sku", "SKU-1", "name", "Chair"));
		service.start();
		Thread.sleep(500); // a few heartbeats: a manual-only company is not synchronized
		assertEquals(0, web.liveRecords());

		store.companies().update(acme.id(), new CompanySettings("Acme Ltd", 3600, true, true, false));

		waitUntil("the run on start of the new schedule", () -> web.liveRecords() == 1);
		service.stop();
	}

	private void runNow(SyncMode mode) throws InterruptedException {
		waitUntil("the run to start", () -> service.runNow(mode) == 1);
		Job.getJobManager().join(SyncJobs.RUNS, null);
	}

	private SyncStatus only(Company company) {
		List<SyncStatus> rows = store.syncStatus().page(StatusQuery.all(company.id()), 0, 10);
		assertEquals(1, rows.size(), rows::toString);
		return rows.get(0);
	}
}
