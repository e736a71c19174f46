package io.syncbench.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Hashtable;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.time.Instant;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.ProgressProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.util.tracker.ServiceTracker;

import io.syncbench.connector.ConnectorException;
import io.syncbench.connector.EntitySchema;
import io.syncbench.connector.FieldSchema;
import io.syncbench.engine.RecordResult.Action;
import io.syncbench.engine.testsupport.MemorySystem;
import io.syncbench.store.RunHistoryService.Outcome;
import io.syncbench.store.RunHistoryService.Run;
import io.syncbench.store.StatusScope;
import io.syncbench.store.SyncStatus;
import io.syncbench.store.Stores;
import io.syncbench.store.Stores.OwnedStore;
import io.syncbench.store.SyncStatusService.Side;

/** A run is an Eclipse Job in the runs family, taking entities in dependency order. */
class SyncRunJobTest {

	private static final EntitySchema ADDRESS = schema("address", List.of());
	private static final EntitySchema CUSTOMER = schema("customer", List.of("address"));
	private static final EntitySchema ORDER = schema("order", List.of("customer", "product"));
	private static final EntitySchema PRODUCT = schema("product", List.of());

	@TempDir
	Path workspace;

	private OwnedStore store;
	private final List<Event> received = new CopyOnWriteArrayList<>();
	private ServiceRegistration<EventHandler> handler;
	private ServiceTracker<EventAdmin, EventAdmin> eventAdmin;
	private SyncEvents events;

	private static EntitySchema schema(String name, List<String> dependsOn) {
		return new EntitySchema(name, List.of(FieldSchema.text("key", true, 40)), "key", dependsOn);
	}

	@BeforeEach
	void openStore() throws InterruptedException {
		store = Stores.embeddedDerby(workspace.resolve("store"));
		BundleContext context = FrameworkUtil.getBundle(getClass()).getBundleContext();
		handler = context.registerService(EventHandler.class, received::add,
				new Hashtable<>(Map.of(EventConstants.EVENT_TOPIC, SyncEvents.ALL)));
		eventAdmin = new ServiceTracker<>(context, EventAdmin.class, null);
		eventAdmin.open();
		events = new SyncEvents(eventAdmin.waitForService(10_000), "Acme Ltd");
	}

	@AfterEach
	void closeStore() {
		handler.unregister();
		eventAdmin.close();
		store.close();
	}

	private List<String> topicsReceived(int atLeast) throws InterruptedException {
		Instant deadline = Instant.now().plusSeconds(20);
		while ((received.size() < atLeast || received.stream().noneMatch(e -> e.getTopic().equals(SyncEvents.RUN_FINISHED)))
				&& Instant.now().isBefore(deadline)) {
			Thread.sleep(20);
		}
		return received.stream().map(Event::getTopic).toList();
	}

	@Test
	void entitiesAreOrderedByTheirDependenciesInLevels() {
		assertEquals(List.of(List.of("address", "product"), List.of("customer"), List.of("order")),
				EntityOrder.levels(List.of(ORDER, CUSTOMER, ADDRESS, PRODUCT)));

		IllegalArgumentException cycle = assertThrows(IllegalArgumentException.class,
				() -> EntityOrder.levels(List.of(schema("a", List.of("b")), schema("b", List.of("a")))));
		assertEquals("The entities a, b depend on each other in a cycle; remove one of the dependencies.",
				cycle.getMessage());
	}

	@Test
	void aRunSynchronizesEveryEntityAndReportsInItsStatus() throws InterruptedException {
		SyncRunJob run = runOfFourEntitiesWithOneRecordEach();

		run.schedule();
		assertTrue(Job.getJobManager().find(SyncJobs.RUNS).length <= 1);
		run.join();

		IStatus result = run.getResult();
		assertEquals(IStatus.OK, result.getSeverity(), result::toString);
		assertEquals("Synchronizing Acme Ltd", run.getName());
		assertEquals(4, run.reports().stream().mapToInt(r -> r.count(Action.SENT)).sum());
		assertTrue(result.getMessage().startsWith("Synchronized: "), result.getMessage());
		assertTrue(result.getMessage().contains("order: 1 sent"), result.getMessage());

		Run history = store.runHistory().recent(1, 1).get(0);
		assertEquals(Outcome.SUCCEEDED, history.outcome());
		assertEquals("SYNCHRONIZE", history.mode());
		assertEquals(Map.of("sent", 4), history.counts());
		assertEquals(result.getMessage(), history.message());
		assertEquals(4, store.runHistory().actions(history.id(), 0, 100).size());
		List<String> topics = topicsReceived(3);
		assertEquals(SyncEvents.RUN_STARTED, topics.get(0));
		assertEquals(SyncEvents.RUN_FINISHED, topics.get(topics.size() - 1));
		assertTrue(topics.subList(1, topics.size() - 1).stream()
				.allMatch(t -> t.equals(SyncEvents.RUN_PROGRESS) || t.equals(SyncEvents.ENTITY_PROGRESS)), topics::toString);
		Event lastProgress = received.stream().filter(e -> e.getTopic().equals(SyncEvents.RUN_PROGRESS))
				.reduce((first, second) -> second).orElseThrow();
		// Each entity's progress after each page, counted against what there was to do, in the job's words.
		List<Event> orderProgress = received.stream().filter(e -> e.getTopic().equals(SyncEvents.ENTITY_PROGRESS)
				&& "order".equals(e.getProperty(SyncEvents.ENTITY))).toList();
		assertTrue(orderProgress.stream().anyMatch(e -> "order to webstore: 1 of 1".equals(e.getProperty(SyncEvents.TASK))
				&& Long.valueOf(1).equals(e.getProperty(SyncEvents.DONE)) && Long.valueOf(1).equals(e.getProperty(SyncEvents.TOTAL))
				&& "webstore".equals(e.getProperty(SyncEvents.SYSTEM))),
				() -> orderProgress.stream().map(e -> e.getProperty(SyncEvents.TASK)).toList().toString());
		assertEquals(8L, lastProgress.getProperty(SyncEvents.PROCESSED), "4 records sent, then their 4 echoes read back");
		assertEquals(0L, lastProgress.getProperty(SyncEvents.BACKLOG), "nothing left in the queue");
		Event finished = received.get(received.size() - 1);
		assertEquals("Acme Ltd", finished.getProperty(SyncEvents.COMPANY));
		assertEquals("SUCCEEDED", finished.getProperty(SyncEvents.OUTCOME));
		assertEquals(history.id(), finished.getProperty(SyncEvents.RUN_ID));
	}

	@Test
	void eachEntityRunsAsAJobOfTheRunsGroupWithItsOwnTaskLineAndBar() throws InterruptedException {
		SyncRunJob run = runOfFourEntitiesWithOneRecordEach();
		// What Background Jobs would show of each job: its group, its task lines and how much of its bar is done.
		Map<String, String> groups = new ConcurrentHashMap<>();
		Map<String, List<String>> taskLines = new ConcurrentHashMap<>();
		Map<String, Integer> worked = new ConcurrentHashMap<>();
		Map<String, Integer> bars = new ConcurrentHashMap<>();
		Job.getJobManager().setProgressProvider(new ProgressProvider() {
			@Override
			public IProgressMonitor createMonitor(Job job) {
				if (job.getJobGroup() != null) {
					groups.put(job.getName(), job.getJobGroup().getName() + ", " + job.getJobGroup().getMaxThreads() + " at a time");
				}
				return new NullProgressMonitor() {
					@Override
					public void beginTask(String name, int totalWork) {
						bars.put(job.getName(), totalWork);
					}

					@Override
					public void subTask(String name) {
						taskLines.computeIfAbsent(job.getName(), key -> new CopyOnWriteArrayList<>()).add(name);
					}

					@Override
					public void worked(int work) {
						worked.merge(job.getName(), work, Integer::sum);
					}
				};
			}
		});
		try {
			run.schedule();
			run.join();
		} finally {
			Job.getJobManager().setProgressProvider(null);
		}

		assertEquals(IStatus.OK, run.getResult().getSeverity(), run.getResult()::toString);
		for (String entity : List.of("address", "customer", "order", "product")) {
			String job = "Synchronizing Acme Ltd: " + entity + " with webstore";
			assertEquals("Synchronizing Acme Ltd, 2 at a time", groups.get(job), groups::toString);
			assertTrue(taskLines.getOrDefault(job, List.of()).contains(entity + " to webstore: 1 of 1"), taskLines::toString);
			assertTrue(worked.getOrDefault(job, 0) > 0, worked::toString);
		}
		assertEquals(4, run.reports().stream().mapToInt(r -> r.count(Action.SENT)).sum());
		// The run's own line names each step's entities, and its bar is done once all four ended.
		List<String> steps = taskLines.getOrDefault("Synchronizing Acme Ltd", List.of());
		assertTrue(steps.size() >= 2 && steps.get(0).matches("Step 1 of \\d: .*\\w+ with webstore.*")
				&& steps.get(steps.size() - 1).matches("Step (\\d) of \\1: .*"), steps::toString);
		assertEquals(bars.get("Synchronizing Acme Ltd"), worked.get("Synchronizing Acme Ltd"), () -> bars + " " + worked);
	}

	/**
	 * A large run keeps in its history every action that needs the operator, and of the others the first
	 * {@value RunJournal#KEPT_ACTIONS}; its counts are of all of them.
	 */
	@Test
	void aLargeRunKeepsWhatNeedsTheOperatorAndTheFirstOfItsOtherActions() {
		RunJournal journal = RunJournal.start(store.runHistory(), 1, SyncMode.SYNCHRONIZE, "manual", events,
				() -> CompanyAttention.of(store.syncStatus(), 1));
		EntityLink link = linkWithOneRecord("product");
		int sent = RunJournal.KEPT_ACTIONS + 500;
		for (int i = 1; i <= sent; i++) {
			journal.recorded(link, new RecordResult(Action.SENT, SyncStatus.untracked(link.scope(), Side.LOCAL, "L-" + i), List.of()));
			if (i % 500 == 0) {
				journal.recorded(link, new RecordResult(Action.FAILED, SyncStatus.untracked(link.scope(), Side.LOCAL, "F-" + i),
						List.of()));
			}
		}
		journal.recorded(link, new RecordResult(Action.SENT, SyncStatus.untracked(link.scope(), Side.LOCAL, "W-1"),
				List.of("the image was not found")));
		journal.finish(Outcome.SUCCEEDED, "done");

		List<String> kept = store.runHistory().actions(journal.runId(), 0, 10_000).stream()
				.map(io.syncbench.store.RunHistoryService.Action::recordId).toList();
		assertEquals(List.of("F-500", "F-1000", "F-1500"), kept.subList(0, 3), "what needs the operator first");
		assertEquals(3 + RunJournal.KEPT_ACTIONS + 1, kept.size(), "the failures, the first sent, and the one with a warning");
		assertEquals("L-" + RunJournal.KEPT_ACTIONS, kept.get(3 + RunJournal.KEPT_ACTIONS - 1));
		assertEquals("W-1", kept.get(kept.size() - 1));
		assertEquals(Map.of("sent", sent + 1, "failed", 3), store.runHistory().recent(1, 1).get(0).counts());
	}

	/** Each run waits for its entities' jobs; more runs than the Jobs framework's 50 workers must not starve them. */
	@Test
	void moreCompaniesDueAtOnceThanTheJobsFrameworkHasWorkersAllFinish() throws InterruptedException {
		EntitySync entitySync = new EntitySync(store.changeQueue(),
				new RecordSynchronizer(store.syncStatus(), "test", Duration.ofMinutes(1), List.of()), 50);
		List<SyncRunJob> runs = new java.util.ArrayList<>();
		for (long company = 1; company <= 60; company++) {
			long id = company;
			List<List<EntityLink>> levels = List.of(List.of(linkWithOneRecord(id, "product"), linkWithOneRecord(id, "address")));
			runs.add(new SyncRunJob("Company " + id, () -> RunPlan.of(levels), SyncMode.SYNCHRONIZE, entitySync, 2,
					mode -> RunJournal.start(store.runHistory(), id, mode, "manual", events,
							() -> CompanyAttention.of(store.syncStatus(), id))));
		}

		runs.forEach(Job::schedule);

		for (SyncRunJob run : runs) {
			assertTrue(run.join(120_000, null), run.getName() + " finished");
			assertEquals(IStatus.OK, run.getResult().getSeverity(), run.getResult()::toString);
		}
		assertEquals(120, runs.stream().flatMap(run -> run.reports().stream()).mapToInt(r -> r.count(Action.SENT)).sum());
	}

	@Test
	void anUnreachableSystemEndsTheRunWithItsMessage() throws InterruptedException {
		EntityLink product = linkWithOneRecord("product");
		((MemorySystem) product.external()).failWith(ConnectorException.unreachable("webstore does not answer", null));
		EntitySync entitySync = new EntitySync(store.changeQueue(),
				new RecordSynchronizer(store.syncStatus(), "test", Duration.ofMinutes(1), List.of()), 50);
		SyncRunJob run = new SyncRunJob("Acme Ltd", () -> RunPlan.of(List.of(List.of(product))), SyncMode.SYNCHRONIZE,
				entitySync, 1,
				mode -> RunJournal.start(store.runHistory(), 1, mode, "automatic", events,
				() -> CompanyAttention.of(store.syncStatus(), 1)));

		run.schedule();
		run.join();

		assertEquals(IStatus.ERROR, run.getResult().getSeverity());
		assertEquals("webstore does not answer", run.getResult().getMessage());
		assertEquals(Optional.empty(), store.changeQueue().cursor(new StatusScope(1, "webstore", "product"), Side.LOCAL),
				"the change is the next run's");
		assertEquals(Outcome.FAILED, store.runHistory().recent(1, 1).get(0).outcome());
		topicsReceived(3);
		assertEquals("webstore does not answer", received.get(received.size() - 1).getProperty(SyncEvents.MESSAGE));
	}

	@Test
	void cancellingARunAbortsTheCallInFlightAndRecordsTheRunAsCancelled() throws InterruptedException {
		EntityLink product = linkWithOneRecord("product");
		MemorySystem web = (MemorySystem) product.external();
		web.hangOnReads();
		EntitySync entitySync = new EntitySync(store.changeQueue(),
				new RecordSynchronizer(store.syncStatus(), "test", Duration.ofMinutes(1), List.of()), 50);
		SyncRunJob run = new SyncRunJob("Acme Ltd",
				() -> new RunPlan(List.of(List.of(product)), false, () -> {
				}, List.of(product.local(), web)), SyncMode.SYNCHRONIZE, entitySync, 1,
				mode -> RunJournal.start(store.runHistory(), 1, mode, "manual", events,
				() -> CompanyAttention.of(store.syncStatus(), 1)));
		run.schedule();
		Instant deadline = Instant.now().plusSeconds(20);
		while (!web.hanging() && Instant.now().isBefore(deadline)) {
			Thread.sleep(10);
		}
		assertTrue(web.hanging(), "the run waits on the web store");

		run.cancel();
		run.join();

		assertEquals(IStatus.CANCEL, run.getResult().getSeverity(), run.getResult()::toString);
		assertTrue(run.getResult().getMessage().contains("product: 1 sent"), run.getResult().getMessage());
		assertEquals(Outcome.CANCELED, store.runHistory().recent(1, 1).get(0).outcome());
	}

	/** A run of Acme Ltd over order, customer, address and product, one record each, two entities at a time. */
	private SyncRunJob runOfFourEntitiesWithOneRecordEach() {
		List<List<EntityLink>> levels = EntityOrder.levels(List.of(ORDER, CUSTOMER, ADDRESS, PRODUCT)).stream()
				.map(level -> level.stream().map(this::linkWithOneRecord).toList()).toList();
		EntitySync entitySync = new EntitySync(store.changeQueue(),
				new RecordSynchronizer(store.syncStatus(), "test", Duration.ofMinutes(1), List.of()), 50);
		return new SyncRunJob("Acme Ltd", () -> RunPlan.of(levels), SyncMode.SYNCHRONIZE, entitySync, 2,
				mode -> RunJournal.start(store.runHistory(), 1, mode, "manual", events,
						() -> CompanyAttention.of(store.syncStatus(), 1)));
	}

	private EntityLink linkWithOneRecord(String entity) {
		return linkWithOneRecord(1, entity);
	}

	private EntityLink linkWithOneRecord(long company, String entity) {
		EntitySchema schema = List.of(ADDRESS, CUSTOMER, ORDER, PRODUCT).stream().filter(s -> s.name().equals(entity))
				.findFirst().orElseThrow();
		MemorySystem erp = new MemorySystem("L-", schema);
		erp.put("L-1", Map.of("key", entity + "-1"));
		return new EntityLink(new StatusScope(company, "webstore", entity), erp, schema, new MemorySystem("", schema), schema,
				Side.LOCAL, List.of(), 3);
	}
}
