package io.syncbench.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.syncbench.connector.ConnectorException;
import io.syncbench.connector.EntitySchema;
import io.syncbench.connector.FieldSchema;
import io.syncbench.connector.FieldSchema.FieldType;
import io.syncbench.connector.FieldValues;
import io.syncbench.engine.RecordResult.Action;
import io.syncbench.engine.testsupport.MemorySystem;
import io.syncbench.store.StatusScope;
import io.syncbench.store.Stores;
import io.syncbench.store.Stores.OwnedStore;
import io.syncbench.store.SyncState;
import io.syncbench.store.SyncStatus;
import io.syncbench.store.SyncStatusService.Side;

/** Changes are read into the durable queue and leave it only when done; runs are cancellable. */
class EntitySyncTest {

	private static final StatusScope PRODUCTS = new StatusScope(1, "webstore", "product");
	private static final EntitySchema PRODUCT = new EntitySchema("product", List.of(FieldSchema.text("sku", true, 40),
			FieldSchema.text("name", true, 80), FieldSchema.of("price", FieldType.DECIMAL, false)), "sku", List.of());

	@TempDir
	Path workspace;

	private OwnedStore store;
	private MemorySystem erp;
	private MemorySystem web;
	private EntitySync entitySync;

	@BeforeEach
	void setUp() {
		store = Stores.embeddedDerby(workspace.resolve("store"));
		erp = new MemorySystem("A-", PRODUCT);
		web = new MemorySystem("", PRODUCT);
		entitySync = new EntitySync(store.changeQueue(),
				new RecordSynchronizer(store.syncStatus(), "test", Duration.ofMinutes(1), List.of()), 3);
	}

	@AfterEach
	void tearDown() {
		store.close();
	}

	private EntityLink link() {
		return new EntityLink(PRODUCTS, erp, PRODUCT, web, PRODUCT, Side.LOCAL, List.of(), 3);
	}

	private void products(MemorySystem system, String prefix, int count) {
		for (int i = 1; i <= count; i++) {
			system.put(prefix + i, Map.of("sku", prefix + "SKU-" + i, "name", "Item " + i, "price", new BigDecimal(i)));
		}
	}

	@Test
	void aRunSendsThenDownloadsAndLeavesTheQueueEmpty() throws ConnectorException {
		products(erp, "A-", 7);
		products(web, "W", 2);

		EntityReport report = entitySync.run(link(), SyncMode.SYNCHRONIZE, new NullProgressMonitor());

		assertEquals(7, report.count(Action.SENT));
		assertEquals(2, report.count(Action.RECEIVED));
		assertEquals(9, erp.liveRecords());
		assertEquals(9, web.liveRecords());
		assertEquals(0, store.changeQueue().size(PRODUCTS, Side.LOCAL));
		assertEquals(0, store.changeQueue().size(PRODUCTS, Side.EXTERNAL));
		assertEquals(9, store.syncStatus().count(PRODUCTS, SyncState.SYNCHRONIZED));
	}

	@Test
	void aSecondRunFindsOnlyItsOwnEchoesAndWritesNothing() throws ConnectorException {
		products(erp, "A-", 4);
		entitySync.run(link(), SyncMode.SYNCHRONIZE, new NullProgressMonitor());
		int writes = web.writes() + erp.writes();

		EntityReport again = entitySync.run(link(), SyncMode.SYNCHRONIZE, new NullProgressMonitor());

		assertEquals(0, again.count(Action.SENT) + again.count(Action.RECEIVED));
		assertEquals(writes, web.writes() + erp.writes());
	}

	@Test
	void sendOnlyLeavesTheConnectedSystemsChangesAlone() throws ConnectorException {
		products(erp, "A-", 2);
		products(web, "W", 3);

		EntityReport report = entitySync.run(link(), SyncMode.SEND, new NullProgressMonitor());

		assertEquals(2, report.count(Action.SENT));
		assertEquals(2, erp.liveRecords());
	}

	@Test
	void aLostConnectionLeavesEveryUnfinishedChangeForTheNextRunWhichDuplicatesNothing() throws ConnectorException {
		products(erp, "A-", 6);
		EntityLink link = link();
		web.failAfterWrites(3, ConnectorException.unreachable("webstore does not answer", null));

		EntitySync interrupted = new EntitySync(store.changeQueue(),
				new RecordSynchronizer(store.syncStatus(), "test", Duration.ofMinutes(1), List.of()), 3);
		assertThrows(ConnectorException.class, () -> interrupted.run(link, SyncMode.SEND, new NullProgressMonitor()));
		assertEquals(3, web.liveRecords());
		assertEquals(Optional.of("3"), store.changeQueue().cursor(PRODUCTS, Side.LOCAL),
				"the cursor moved past the page that was stored, not past the one that failed");

		web.failWith(null);
		EntityReport resumed = entitySync.run(link, SyncMode.SEND, new NullProgressMonitor());
		assertEquals(3, resumed.count(Action.SENT));
		assertEquals(0, resumed.count(Action.UNCHANGED), "the next run took only the three not sent");
		assertEquals(6, web.liveRecords(), "no record was created twice");
		assertEquals(0, store.changeQueue().size(PRODUCTS, Side.LOCAL));
	}

	@Test
	void cancellingStopsBetweenPagesAndLeavesTheRestForTheNextRun() throws ConnectorException {
		products(erp, "A-", 8);
		NullProgressMonitor monitor = new NullProgressMonitor();
		// cancelled as the first page's results come in: by then the second page is on its way
		RecordSynchronizer cancelling = new RecordSynchronizer(store.syncStatus(), "test", Duration.ofMinutes(1),
				List.of((l, result) -> monitor.setCanceled(true)));

		EntityReport report = new EntitySync(store.changeQueue(), cancelling, 3).run(link(), SyncMode.SEND, monitor);

		assertTrue(report.canceled());
		assertEquals(6, web.liveRecords(), "the first page, and the second already on its way, were written");
		assertEquals(6, report.count(Action.SENT), "both are in the run's report");
		assertEquals(6, store.syncStatus().count(PRODUCTS, SyncState.SYNCHRONIZED), "each record done or untouched");
		EntityReport next = entitySync.run(link(), SyncMode.SEND, new NullProgressMonitor());
		assertEquals(2, next.count(Action.SENT), "the third page is the next run's");
		assertEquals(0, next.count(Action.UNCHANGED), "and only the third page");
	}

	@Test
	void twoEnginesOnOneStoreNeverProcessARecordTwice() throws Exception {
		products(erp, "A-", 120);
		store.open(); // two processes creating a new database's schema at once is another matter
		try (OwnedStore secondProcess = Stores.embeddedDerby(workspace.resolve("store"))) {
			EntitySync second = new EntitySync(secondProcess.changeQueue(),
					new RecordSynchronizer(secondProcess.syncStatus(), "service", Duration.ofMinutes(1), List.of()), 10);
			EntitySync first = new EntitySync(store.changeQueue(),
					new RecordSynchronizer(store.syncStatus(), "workbench", Duration.ofMinutes(1), List.of()), 10);

			ExecutorService engines = Executors.newFixedThreadPool(2);
			Future<EntityReport> one = engines.submit(() -> first.run(link(), SyncMode.SEND, new NullProgressMonitor()));
			Future<EntityReport> two = engines.submit(() -> second.run(link(), SyncMode.SEND, new NullProgressMonitor()));
			int sent = one.get(2, TimeUnit.MINUTES).count(Action.SENT) + two.get(2, TimeUnit.MINUTES).count(Action.SENT);
			engines.shutdown();
			// What one engine left locked to the other is still queued: a further run settles it.
			sent += entitySync.run(link(), SyncMode.SEND, new NullProgressMonitor()).count(Action.SENT);

			assertEquals(120, sent);
			assertEquals(120, web.writes(), "each record written once, by one engine");
			assertEquals(120, web.liveRecords());
			assertEquals(0, store.changeQueue().size(PRODUCTS, Side.LOCAL));
			assertEquals(120, store.syncStatus().count(PRODUCTS, SyncState.SYNCHRONIZED));
		}
	}

	@Test
	void aKilledHoldersWorkIsTakenOverOnceItsHoldRunsOutAndItsWritesAreNoConflict() throws Exception {
		products(erp, "A-", 6);
		entitySync.run(link(), SyncMode.SEND, new NullProgressMonitor());
		// A process holds the link and dies mid-page: its page was announced and written, never stored.
		Duration shortHold = Duration.ofSeconds(2);
		SyncStatus first = store.syncStatus().findByLocalId(PRODUCTS, "A-1").orElseThrow();
		erp.put("A-1", Map.of("sku", "A-SKU-1", "name", "Renamed by the killed process", "price", new BigDecimal(1)));
		FieldValues written = FieldValues.of(Map.of("sku", "A-SKU-1", "name", "Renamed by the killed process",
				"price", new BigDecimal(1)));
		assertTrue(store.syncStatus().holdWork(PRODUCTS, "killed", shortHold));
		store.syncStatus().beginPage(PRODUCTS, "killed", shortHold,
				Map.of(first.id(), io.syncbench.engine.internal.WriteDigest.of(written)), 0);
		web.update("product", first.externalId(), written);
		erp.put("A-1", Map.of("sku", "A-SKU-1", "name", "Renamed again", "price", new BigDecimal(1)));
		products(erp, "B-", 2);

		EntityReport whileHeld = entitySync.run(link(), SyncMode.SEND, new NullProgressMonitor());
		assertTrue(whileHeld.wasHeldElsewhere(), whileHeld.toString());
		assertEquals(0, whileHeld.count(Action.SENT), "nothing is taken while the killed process's hold runs");

		Thread.sleep(shortHold.toMillis() + 200);
		EntityReport takenOver = entitySync.run(link(), SyncMode.SEND, new NullProgressMonitor());

		assertEquals(3, takenOver.count(Action.SENT), takenOver.toString());
		assertEquals(SyncState.SYNCHRONIZED, store.syncStatus().findByLocalId(PRODUCTS, "A-1").orElseThrow().state(),
				"the value the killed process wrote is its own, not a change on the web");
		assertEquals("Renamed again", web.get(first.externalId()).fields().get("name"));
		assertEquals(8, web.liveRecords());
		assertEquals(0, store.syncStatus().count(PRODUCTS, SyncState.CONFLICT));
		assertEquals(java.util.Set.of(), store.syncStatus().leaseOwners(), "nothing held after the run");
	}

	@Test
	void aForcedSyncRewritesTheChosenRecordsFromThePrimaryEvenUnchanged() throws ConnectorException {
		products(erp, "A-", 3);
		entitySync.run(link(), SyncMode.SEND, new NullProgressMonitor());
		int writes = web.writes();

		EntityReport forced = entitySync.force(link(), Side.LOCAL, List.of("A-1", "A-3"), new NullProgressMonitor());

		assertEquals(2, forced.count(Action.SENT));
		assertEquals(writes + 2, web.writes());
	}

	@Test
	void aCompleteUpdateResendsEveryRecordAndKeepsWhatItOverwritesForReview() throws ConnectorException {
		products(erp, "A-", 2);
		entitySync.run(link(), SyncMode.SEND, new NullProgressMonitor());
		products(erp, "B-", 2); // not yet sent
		web.put("1", Map.of("sku", "A-SKU-1", "name", "Renamed on the web", "price", new BigDecimal(1)));

		EntityReport report = entitySync.completeUpdate(link(), new NullProgressMonitor(), null);

		assertEquals(4, report.count(Action.SENT));
		assertEquals(4, web.liveRecords());
		assertEquals("Item 1", web.get("1").fields().get("name"));
		assertEquals("Renamed on the web", store.syncStatus().findByLocalId(PRODUCTS, "A-1").orElseThrow()
				.conflictValues().get("name"));
		assertEquals(SyncState.SYNCHRONIZED, store.syncStatus().findByLocalId(PRODUCTS, "A-2").orElseThrow().state());
	}

	/** A complete update counts its records of all there are, page by page, on the job's bar and task line. */
	@Test
	void aCompleteUpdateTellsItsProgressInCountsOfAllTheRecords() throws ConnectorException {
		products(erp, "A-", 7);
		List<String> tasks = new java.util.ArrayList<>();
		double[] work = new double[2]; // the total the job was given, the work done
		org.eclipse.core.runtime.IProgressMonitor monitor = new NullProgressMonitor() {
			@Override
			public void beginTask(String name, int totalWork) {
				work[0] = totalWork;
			}

			@Override
			public void worked(int worked) {
				work[1] += worked;
			}

			@Override
			public void internalWorked(double worked) {
				work[1] += worked;
			}

			@Override
			public void subTask(String name) {
				tasks.add(name);
			}
		};

		entitySync.completeUpdate(link(), SyncMode.SEND, monitor, null);

		assertEquals(List.of("product to webstore: 0 of 7", "product to webstore: 3 of 7", "product to webstore: 6 of 7",
				"product to webstore: 7 of 7"), tasks.subList(0, 4), tasks::toString);
		assertTrue(work[0] > 0 && work[1] > 0, () -> "the bar moves: " + java.util.Arrays.toString(work));
	}

	@Test
	void aCompleteUpdateInARunBothWaysAlsoDownloadsTheConnectedSystemsChanges() throws ConnectorException {
		products(erp, "A-", 3);
		products(web, "W", 2); // made on the web, never seen by the company database

		EntityReport report = entitySync.completeUpdate(link(), SyncMode.SYNCHRONIZE, new NullProgressMonitor(), null);

		assertEquals(3, report.count(Action.SENT));
		assertEquals(2, report.count(Action.RECEIVED), report.toString());
		assertEquals(5, erp.liveRecords());
		assertEquals(5, web.liveRecords());
		assertEquals(0, store.changeQueue().size(PRODUCTS, Side.EXTERNAL));
		assertEquals(5, store.syncStatus().count(PRODUCTS, SyncState.SYNCHRONIZED));
		int writes = web.writes() + erp.writes();

		EntityReport next = entitySync.run(link(), SyncMode.SYNCHRONIZE, new NullProgressMonitor());

		assertEquals(0, next.count(Action.SENT) + next.count(Action.RECEIVED), "the complete update left nothing to do");
		assertEquals(writes, web.writes() + erp.writes());
	}

	@Test
	void aCompleteUpdateInARunThatOnlySendsLeavesTheConnectedSystemsChangesAlone() throws ConnectorException {
		products(erp, "A-", 2);
		products(web, "W", 2);

		EntityReport report = entitySync.completeUpdate(link(), SyncMode.SEND, new NullProgressMonitor(), null);

		assertEquals(2, report.count(Action.SENT));
		assertEquals(0, report.count(Action.RECEIVED));
		assertEquals(2, erp.liveRecords());
	}

	@Test
	void aCompleteUpdateThatLosesTheConnectionGoesOnAfterItsLastPageAndLeavesNoLeaseBehind() throws ConnectorException {
		products(erp, "A-", 9);
		web.failAfterWrites(3, ConnectorException.unreachable("webstore does not answer", null));
		EntitySync interrupted = new EntitySync(store.changeQueue(),
				new RecordSynchronizer(store.syncStatus(), "first", Duration.ofMinutes(5), List.of()), 3);
		assertThrows(ConnectorException.class, () -> interrupted.completeUpdate(link(), new NullProgressMonitor(), null));
		assertEquals(3, web.liveRecords());

		web.failWith(null);
		EntitySync next = new EntitySync(store.changeQueue(),
				new RecordSynchronizer(store.syncStatus(), "second", Duration.ofMinutes(5), List.of()), 3);
		EntityReport resumed = next.completeUpdate(link(), new NullProgressMonitor(), null);

		assertEquals(0, resumed.count(Action.LOCKED), "no lease of the stopped run is left behind");
		assertEquals(6, resumed.count(Action.SENT), "the first page was done: it goes on from the second");
		assertEquals(9, web.liveRecords(), "no record was created twice");
		assertTrue(store.changeQueue().resendFinished(link().scope()), "finished: nothing to go on from");
		assertEquals(0, next.completeUpdate(link(), new NullProgressMonitor(), null).count(Action.SENT),
				"a run after a crash in another part of the complete update does not send this part again");
		store.changeQueue().clearResends(link().scope().companyId()); // the company's complete update is done
		assertEquals(9, next.completeUpdate(link(), new NullProgressMonitor(), null).count(Action.SENT),
				"the next complete update starts from the first record again");
	}

	@Test
	void eachSystemGetsOnlyItsSliceOfRecords() throws ConnectorException {
		EntitySchema warehoused = new EntitySchema("product", List.of(FieldSchema.text("sku", true, 40),
				FieldSchema.text("name", true, 80), FieldSchema.text("warehouse", false, 10)), "sku", List.of());
		erp = new MemorySystem("A-", warehoused);
		web = new MemorySystem("", warehoused);
		erp.put("A-1", Map.of("sku", "S1", "name", "Chair", "warehouse", "WH1"));
		erp.put("A-2", Map.of("sku", "S2", "name", "Table", "warehouse", "WH2"));
		EntityLink wh1Only = new EntityLink(PRODUCTS, erp, warehoused, web, warehoused, Side.LOCAL, List.of(), 3,
				Set.of(Side.LOCAL, Side.EXTERNAL), Map.of("warehouse", "WH1"));

		EntityReport first = entitySync.run(wh1Only, SyncMode.SEND, new NullProgressMonitor());
		assertEquals(1, first.count(Action.SENT));
		assertEquals(1, first.count(Action.OUT_OF_SLICE));
		assertEquals(1, web.liveRecords());

		erp.put("A-2", Map.of("sku", "S2", "name", "Table", "warehouse", "WH1")); // enters the slice
		erp.put("A-1", Map.of("sku", "S1", "name", "Armchair", "warehouse", "WH2")); // leaves it
		EntityReport second = entitySync.run(wh1Only, SyncMode.SEND, new NullProgressMonitor());

		assertEquals(1, second.count(Action.SENT));
		assertEquals(2, web.liveRecords());
		assertEquals("Chair", web.get("1").fields().get("name"), "a record that left the slice is not sent");
	}

	@Test
	void aSendOnlyEntityDownloadsNothing() throws ConnectorException {
		products(erp, "A-", 2);
		products(web, "W", 3);
		EntityLink sendOnly = new EntityLink(PRODUCTS, erp, PRODUCT, web, PRODUCT, Side.LOCAL, List.of(), 3,
				Set.of(Side.LOCAL), Map.of());

		EntityReport report = entitySync.run(sendOnly, SyncMode.SYNCHRONIZE, new NullProgressMonitor());

		assertEquals(2, report.count(Action.SENT));
		assertEquals(0, report.count(Action.RECEIVED));
		assertEquals(2, erp.liveRecords());
	}
}
