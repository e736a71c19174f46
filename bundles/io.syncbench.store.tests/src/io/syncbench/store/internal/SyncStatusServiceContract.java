package io.syncbench.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.syncbench.store.StatusQuery;
import io.syncbench.store.StatusQuery.Order;
import io.syncbench.store.StatusScope;
import io.syncbench.store.StoreException;
import io.syncbench.store.SyncOutcome;
import io.syncbench.store.SyncState;
import io.syncbench.store.SyncStatus;
import io.syncbench.store.SyncStatusService;
import io.syncbench.store.QueuedChange;
import io.syncbench.store.SyncStatusService.ChangesTaken;
import io.syncbench.store.SyncStatusService.PageEnd;
import io.syncbench.store.SyncStatusService.PageIntent;
import io.syncbench.store.SyncStatusService.RecordEnd;
import io.syncbench.store.SyncStatusService.Side;
import io.syncbench.store.WorkLeaseLostException;

/** Sync status rows and record leases on a real database. */
abstract class SyncStatusServiceContract extends StoreContract {

	private static final StatusScope PRODUCTS = new StatusScope(1, "webstore", "product");
	private static final Duration LEASE = Duration.ofMinutes(2);

	private SyncStatusService statuses;

	@BeforeEach
	void findStatuses() {
		statuses = store.syncStatus();
	}

	@Test
	void aTrackedRecordHasOneRowFoundByEitherId() {
		SyncStatus tracked = statuses.track(PRODUCTS, Side.LOCAL, "A-1001");

		assertEquals(SyncState.PENDING, tracked.state());
		assertTrue(tracked.pending());
		assertEquals("A-1001", tracked.localId());
		assertNull(tracked.externalId());
		assertEquals(tracked.id(), statuses.track(PRODUCTS, Side.LOCAL, "A-1001").id(), "tracking twice");

		statuses.link(tracked.id(), Side.EXTERNAL, "311");

		assertEquals(tracked.id(), statuses.findByExternalId(PRODUCTS, "311").orElseThrow().id());
		assertEquals(tracked.id(), statuses.track(PRODUCTS, Side.EXTERNAL, "311").id());
		assertTrue(statuses.findByLocalId(new StatusScope(1, "warehouse", "product"), "A-1001").isEmpty(),
				"another system has its own rows");
	}

	@Test
	void aRowNeverLinkedOnThisSideIsAbsorbedByItsPartnersRowInOneStep() {
		SyncStatus local = statuses.track(PRODUCTS, Side.LOCAL, "A-1");
		SyncStatus echo = statuses.track(PRODUCTS, Side.EXTERNAL, "311");

		SyncStatus pair = statuses.absorb(local.id(), echo.id(), Side.EXTERNAL, "311", "engine-1");

		assertEquals("311", pair.externalId());
		assertEquals(local.id(), statuses.findByExternalId(PRODUCTS, "311").orElseThrow().id());
		assertTrue(statuses.find(echo.id()).isEmpty(), "the echo's row is gone");
	}

	@Test
	void aLinkedRowIsNotAbsorbed() {
		SyncStatus linked = statuses.track(PRODUCTS, Side.LOCAL, "A-1");
		statuses.link(linked.id(), Side.EXTERNAL, "311");
		SyncStatus other = statuses.track(PRODUCTS, Side.LOCAL, "A-2");

		assertThrows(StoreException.class, () -> statuses.absorb(other.id(), linked.id(), Side.EXTERNAL, "311", "engine-1"));
		assertEquals(linked.id(), statuses.findByExternalId(PRODUCTS, "311").orElseThrow().id());
	}

	@Test
	void manyRecordsWithoutAPartnerYetAreTrackedSideBySide() {
		for (int i = 0; i < 5; i++) {
			statuses.track(PRODUCTS, Side.LOCAL, "A-" + i);
			statuses.track(PRODUCTS, Side.EXTERNAL, "web-" + i);
		}

		assertEquals(10, statuses.count(PRODUCTS, SyncState.PENDING));
	}

	@Test
	void aPartnerAlreadyMappedToAnotherRecordIsRefused() {
		SyncStatus first = statuses.track(PRODUCTS, Side.LOCAL, "A-1");
		SyncStatus second = statuses.track(PRODUCTS, Side.LOCAL, "A-2");
		statuses.link(first.id(), Side.EXTERNAL, "311");

		StoreException refused = assertThrows(StoreException.class, () -> statuses.link(second.id(), Side.EXTERNAL, "311"));

		assertTrue(refused.getMessage().contains("311") && refused.getMessage().contains("already mapped"),
				refused.getMessage());
		assertNull(statuses.findByLocalId(PRODUCTS, "A-2").orElseThrow().externalId());
	}

	@Test
	void failuresAreCountedUntilTheRecordIsSkippedAndASuccessClearsThem() {
		long id = statuses.track(PRODUCTS, Side.LOCAL, "A-1").id();

		statuses.failed(id, "price", "price: 'abc' is not a number", 3);
		SyncStatus twice = statuses.failed(id, "price", "price: 'abc' is not a number", 3);
		assertEquals(SyncState.FAILED, twice.state());
		assertEquals(2, twice.attempts());
		assertEquals("price", twice.errorField());

		SyncStatus skipped = statuses.failed(id, "price", "price: 'abc' is not a number", 3);
		assertEquals(SyncState.SKIPPED, skipped.state());
		assertEquals(1, statuses.count(PRODUCTS, SyncState.SKIPPED));

		Map<String, String> values = new HashMap<>(Map.of("sku", "A-1", "price", "9.90"));
		values.put("description", null);
		SyncStatus synced = statuses.succeeded(id, new SyncOutcome(SyncState.SYNCHRONIZED, "A-1", "311", "v2",
				"2026-11-22T10:00:00Z", values, Map.of()));
		assertEquals(SyncState.SYNCHRONIZED, synced.state());
		assertFalse(synced.pending());
		assertEquals(0, synced.attempts());
		assertNull(synced.errorMessage());
		assertEquals(Map.of("sku", "A-1", "price", "9.90"), synced.lastSynced());
		assertEquals("311", statuses.findByExternalId(PRODUCTS, "311").orElseThrow().externalId());
	}

	@Test
	void longValuesAreKeptAndHugeOnesShortenedForReviewRatherThanRefused() {
		long id = statuses.track(PRODUCTS, Side.LOCAL, "A-1").id();
		String long1000 = "ä".repeat(1000); // over the 255 characters the columns had before schema step 4
		String huge = "x".repeat(100_000);

		statuses.succeeded(id, new SyncOutcome(SyncState.CONFLICT, "A-1", "311", "v1", "w1",
				Map.of("description", long1000, "name", "Chair"), Map.of("description", huge)));

		SyncStatus stored = statuses.find(id).orElseThrow();
		assertEquals(long1000, stored.lastSynced().get("description"));
		assertEquals("Chair", stored.lastSynced().get("name"));
		String shortened = stored.conflictValues().get("description");
		assertTrue(shortened.startsWith("xxxx") && shortened.endsWith("(100000 characters)")
				&& shortened.length() < SchemaSetup.JSON_LENGTH, shortened.length() + " characters kept");
	}

	@Test
	void aConflictKeepsTheLosingSidesValuesForReview() {
		long id = statuses.track(PRODUCTS, Side.LOCAL, "A-1").id();

		SyncStatus conflict = statuses.succeeded(id, new SyncOutcome(SyncState.CONFLICT, "A-1", "311", "v3", "w9",
				Map.of("price", "10.00"), Map.of("price", "12.50")));

		assertEquals(SyncState.CONFLICT, conflict.state());
		assertEquals(Map.of("price", "12.50"), store.syncStatus().findByLocalId(PRODUCTS, "A-1").orElseThrow()
				.conflictValues());
	}

	@Test
	void aPageOfLookupsReadsEachRowAsTheRowAloneIsRead() {
		long conflict = statuses.track(PRODUCTS, Side.LOCAL, "A-1").id();
		statuses.succeeded(conflict, new SyncOutcome(SyncState.CONFLICT, "A-1", "311", "v3", "w9",
				Map.of("price", "10.00", "name", "Chair ø"), Map.of("price", "12.50")));
		long failed = statuses.track(PRODUCTS, Side.LOCAL, "A-2").id();
		statuses.failed(failed, "name", "too long", 5);
		long scattered = statuses.track(PRODUCTS, Side.EXTERNAL, "900").id();
		for (int i = 0; i < 30; i++) { // rows of another scope between them: the ids no longer lie close together
			statuses.track(new StatusScope(PRODUCTS.companyId(), "branch", "product"), Side.LOCAL, "B-" + i);
		}
		long last = statuses.track(PRODUCTS, Side.LOCAL, "A-3").id();

		Map<String, SyncStatus> byLocal = statuses.findAll(PRODUCTS, Side.LOCAL, List.of("A-1", "A-2", "A-3", "nowhere"));
		Map<String, SyncStatus> byExternal = statuses.findAll(PRODUCTS, Side.EXTERNAL, List.of("311", "900"));

		assertEquals(Set.of("A-1", "A-2", "A-3"), byLocal.keySet());
		assertEquals(statuses.find(conflict).orElseThrow(), byLocal.get("A-1"));
		assertEquals(statuses.find(failed).orElseThrow(), byLocal.get("A-2"));
		assertEquals(statuses.find(last).orElseThrow(), byLocal.get("A-3"));
		assertEquals(statuses.find(conflict).orElseThrow(), byExternal.get("311"));
		assertEquals(statuses.find(scattered).orElseThrow(), byExternal.get("900"));
	}

	@Test
	void aVeryLongErrorIsKeptShortened() {
		long id = statuses.track(PRODUCTS, Side.LOCAL, "A-1").id();

		SyncStatus failed = statuses.failed(id, "description", "x".repeat(10_000), 5);

		assertEquals(SyncStatusEntity.MAX_MESSAGE_LENGTH, failed.errorMessage().length());
	}

	@Test
	void queriesFilterByStateEntitySystemAndTextAndReadOnePageInOrder() {
		StatusScope customers = new StatusScope(1, "webstore", "customer");
		StatusScope otherSystem = new StatusScope(1, "warehouse", "product");
		for (int i = 0; i < 30; i++) {
			long id = statuses.track(PRODUCTS, Side.LOCAL, String.format("A-%03d", i)).id();
			if (i % 3 == 0) {
				statuses.failed(id, "price", "price: 'x" + i + "' is not a number", 5);
			}
		}
		statuses.failed(statuses.track(customers, Side.EXTERNAL, "58").id(), "email", "email: 100%_sure@x is no address", 5);
		statuses.track(otherSystem, Side.LOCAL, "A-001");
		statuses.track(new StatusScope(2, "webstore", "product"), Side.LOCAL, "A-001");
		StatusQuery all = StatusQuery.all(1);

		assertEquals(32, statuses.count(all), "every row of company 1");
		assertEquals(11, statuses.count(all.withStates(Set.of(SyncState.FAILED))));
		assertEquals(10, statuses.count(all.withStates(Set.of(SyncState.FAILED)).withEntity("product")));
		assertEquals(31, statuses.count(all.withSystem("webstore")));
		assertEquals(1, statuses.count(all.withText("X27")), "the error text, ignoring case");
		assertEquals(2, statuses.count(all.withText("a-001")), "the local id, on both systems");
		assertEquals(1, statuses.count(all.withText("100%_")), "% and _ are matched as typed");
		assertEquals(0, statuses.count(all.withText("1%0")));

		List<SyncStatus> page = statuses.page(all.withSystem("webstore").withEntity("product")
				.sortedBy(Order.LOCAL_ID, false), 5, 10);
		assertEquals(10, page.size());
		assertEquals("A-024", page.get(0).localId(), "descending, after skipping five");
		assertEquals("A-015", page.get(9).localId());
		List<SyncStatus> failedFirst = statuses.page(all.sortedBy(Order.STATE, true), 0, 11);
		assertTrue(failedFirst.stream().allMatch(s -> s.state() == SyncState.FAILED), "FAILED sorts before PENDING");
		assertTrue(statuses.page(all, 40, 10).isEmpty(), "past the end");
	}

	@Test
	void retryMakesFailedAndSkippedRecordsPendingAgainAndSkipLeavesThemAlone() {
		long failed = statuses.track(PRODUCTS, Side.LOCAL, "A-1").id();
		statuses.failed(failed, "price", "price: 'abc' is not a number", 1);
		long fine = statuses.track(PRODUCTS, Side.LOCAL, "A-2").id();
		assertEquals(SyncState.SKIPPED, statuses.find(failed).orElseThrow().state());

		List<SyncStatus> retried = statuses.retry(List.of(failed, 999_999L));

		assertEquals(1, retried.size(), "a row that is gone is passed over");
		SyncStatus again = statuses.find(failed).orElseThrow();
		assertEquals(SyncState.PENDING, again.state());
		assertEquals(0, again.attempts());
		assertNull(again.errorMessage());

		statuses.skip(List.of(fine));
		assertEquals(SyncState.SKIPPED, statuses.find(fine).orElseThrow().state());
	}

	// ---- the work of a link, held per entity and system; a page's bookkeeping ------------------------

	@Test
	void aLinksWorkIsHeldByOneOwnerAcrossStoresUntilItExpires() {
		try (JpaStore otherProcess = newStore()) {
			SyncStatusService other = otherProcess.syncStatus();

			assertTrue(statuses.holdWork(PRODUCTS, "workbench", LEASE));
			assertFalse(other.holdWork(PRODUCTS, "service", LEASE), "held by the workbench");
			assertTrue(other.holdWork(new StatusScope(1, "webstore", "customer"), "service", LEASE),
					"another entity is another link");
			assertTrue(statuses.holdWork(PRODUCTS, "workbench", LEASE), "the holder may renew");

			clock.advance(LEASE.plusSeconds(1)); // the workbench died without giving it back
			assertTrue(other.holdWork(PRODUCTS, "service", LEASE), "an expired hold can be taken");
			assertFalse(statuses.holdWork(PRODUCTS, "workbench", LEASE));

			statuses.releaseWork(PRODUCTS, "workbench"); // not the holder: nothing happens
			assertFalse(statuses.holdWork(PRODUCTS, "workbench", LEASE));
			assertTrue(other.leaseOwners().contains("service"));
			other.releaseLeasesOf("service"); // as a successor does for a process that is gone
			assertTrue(statuses.holdWork(PRODUCTS, "workbench", LEASE));
		}
	}

	@Test
	void monitoringReadsEveryScopesStatesBacklogAndLeasesInOneQueryEach() {
		StatusScope customers = new StatusScope(2, "webstore", "customer");
		statuses.track(PRODUCTS, Side.LOCAL, "A-1");
		statuses.track(PRODUCTS, Side.LOCAL, "A-2");
		SyncStatus failing = statuses.track(customers, Side.EXTERNAL, "7");
		statuses.failed(failing.id(), "email", "not an address", 5);
		store.changeQueue().enqueue(PRODUCTS, Side.LOCAL, List.of("A-1", "A-2", "A-3"), null);
		store.changeQueue().enqueue(customers, Side.EXTERNAL, "7");
		assertTrue(statuses.holdWork(PRODUCTS, "service@a:1", LEASE));
		assertTrue(statuses.holdWork(customers, "service@b:2", LEASE));
		statuses.releaseWork(customers, "service@b:2");

		assertEquals(Set.of(new SyncStatusService.StateCount(PRODUCTS, SyncState.PENDING, 2),
				new SyncStatusService.StateCount(customers, SyncState.FAILED, 1)), Set.copyOf(statuses.stateCounts()));
		assertEquals(Set.of(new io.syncbench.store.ChangeQueueService.Backlog(PRODUCTS, Side.LOCAL, 3),
				new io.syncbench.store.ChangeQueueService.Backlog(customers, Side.EXTERNAL, 1)),
				Set.copyOf(store.changeQueue().backlog()));
		List<SyncStatusService.WorkLease> leases = statuses.leases();
		assertEquals(2, leases.size());
		SyncStatusService.WorkLease products = leases.stream().filter(l -> l.scope().equals(PRODUCTS)).findFirst().orElseThrow();
		assertEquals("service@a:1", products.owner());
		assertTrue(products.heldAt(clock.instant()));
		assertFalse(products.heldAt(clock.instant().plus(LEASE).plusSeconds(1)), "run out");
		assertFalse(leases.stream().filter(l -> l.scope().equals(customers)).findFirst().orElseThrow()
				.heldAt(clock.instant()), "given back");
	}

	@Test
	void aPageEndsWithOneRowWriteForEachRecordWithItsQueueEntriesAndProgress() {
		StatusScope scope = PRODUCTS;
		SyncStatus known = statuses.track(scope, Side.LOCAL, "A-1");
		store.changeQueue().enqueue(scope, Side.LOCAL, List.of("A-1", "A-2", "A-3"), "7");
		List<Long> entries = store.changeQueue().next(scope, Side.LOCAL, 0, 10).stream().map(QueuedChange::id).toList();
		assertTrue(statuses.holdWork(scope, "service", LEASE));
		assertEquals(Map.of("A-1", known.id()), statuses.findAll(scope, Side.LOCAL, List.of("A-1", "A-2", "A-3"))
				.entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> e.getValue().id())));
		PageIntent intent = statuses.beginPage(scope, "service", LEASE, Map.of(known.id(), "digest-1"), 1);
		long before = statuses.statusWrites();

		List<SyncStatus> stored = statuses.finishPage(scope, "service", LEASE, new PageEnd(List.of(
				RecordEnd.succeeded(known.id(), Side.LOCAL, "A-1", new SyncOutcome(SyncState.SYNCHRONIZED, "A-1", "311",
						"1", "w1", Map.of("name", "Chair"), Map.of())),
				RecordEnd.succeeded(0, Side.LOCAL, "A-2", new SyncOutcome(SyncState.SYNCHRONIZED, "A-2", "312", "1", "w1",
						Map.of("name", "Table"), Map.of())),
				RecordEnd.failed(0, Side.LOCAL, "A-3", "price", "price: 'abc' is not a number", 3)), List.of(intent),
				entries, "A-3"));

		assertEquals(3, statuses.statusWrites() - before, "one row write for each record");
		assertEquals(known.id(), stored.get(0).id(), "the known row, updated");
		assertEquals("312", statuses.findByLocalId(scope, "A-2").orElseThrow().externalId(), "made at the page's end");
		assertEquals(SyncState.FAILED, statuses.findByLocalId(scope, "A-3").orElseThrow().state());
		assertEquals(0, store.changeQueue().size(scope, Side.LOCAL), "the page's entries left the queue with it");
		assertEquals("A-3", store.changeQueue().resendPosition(scope).orElseThrow());
		assertNull(stored.get(0).writing());
		statuses.releaseWork(scope, "service");
		assertTrue(statuses.holdWork(scope, "next", LEASE));
		assertNull(statuses.find(known.id()).orElseThrow().writing(), "the closed announcement marks nothing");
	}

	@Test
	void aPageOfChangesTakenStraightFromItsSystemMovesTheCursorAndQueuesWhatWaitsWithItsOutcomes() {
		StatusScope scope = PRODUCTS;
		store.changeQueue().enqueue(scope, Side.LOCAL, List.of("A-3"), "7"); // queued already, by a Sync meanwhile
		assertTrue(statuses.holdWork(scope, "service", LEASE));

		statuses.finishPage(scope, "service", LEASE, new PageEnd(List.of(
				RecordEnd.succeeded(0, Side.LOCAL, "A-1", new SyncOutcome(SyncState.SYNCHRONIZED, "A-1", "311", "1", "w1",
						Map.of("name", "Chair"), Map.of()))), List.of(), List.of(), null,
				new ChangesTaken(Side.LOCAL, "12", List.of("A-2", "A-3"))));

		assertEquals("12", store.changeQueue().cursor(scope, Side.LOCAL).orElseThrow(), "the cursor moved with the page");
		assertEquals(List.of("A-3", "A-2"), store.changeQueue().next(scope, Side.LOCAL, 0, 10).stream()
				.map(QueuedChange::recordId).toList(), "what waits is queued, once");
		assertEquals(SyncState.SYNCHRONIZED, statuses.findByLocalId(scope, "A-1").orElseThrow().state());

		assertThrows(WorkLeaseLostException.class, () -> statuses.finishPage(scope, "other", LEASE, new PageEnd(List.of(),
				List.of(), List.of(), null, new ChangesTaken(Side.LOCAL, "20", List.of()))));
		assertEquals("12", store.changeQueue().cursor(scope, Side.LOCAL).orElseThrow(), "only the link's holder moves it");
	}

	@Test
	void aPageEndReturnsEachRowAsTheStoreReadsItBack() {
		assertTrue(statuses.holdWork(PRODUCTS, "service", LEASE));
		statuses.finishPage(PRODUCTS, "service", LEASE, PageEnd.of(List.of(
				RecordEnd.failed(0, Side.LOCAL, "A-1", "price", "price: 'abc' is not a number", 3).withDisplayKey("SKU-1"),
				RecordEnd.failed(0, Side.LOCAL, "A-2", "name", "name: too long", 3))));
		long failedBefore = statuses.findByLocalId(PRODUCTS, "A-1").orElseThrow().id();
		long failedTwice = statuses.findByLocalId(PRODUCTS, "A-2").orElseThrow().id();
		String huge = "x".repeat(SchemaSetup.JSON_LENGTH);

		List<SyncStatus> stored = statuses.finishPage(PRODUCTS, "service", LEASE, PageEnd.of(List.of(
				// a failure that succeeds now, without a key of its own: the one the store knows stays
				RecordEnd.succeeded(failedBefore, Side.LOCAL, "A-1", new SyncOutcome(SyncState.SYNCHRONIZED, "A-1", "311",
						"7", "w7", Map.of("name", "Chair", "price", "12.50"), Map.of())),
				RecordEnd.succeeded(0, Side.LOCAL, "A-3", new SyncOutcome(SyncState.CONFLICT, "A-3", "313", "8", "w8",
						Map.of("name", "Table", "description", huge), Map.of("name", "Desk"))).withDisplayKey("SKU-3"),
				RecordEnd.succeeded(0, Side.EXTERNAL, "314", new SyncOutcome(SyncState.SYNCHRONIZED, null, "314", null, "w9",
						Map.of(), Map.of())),
				RecordEnd.failed(failedTwice, Side.LOCAL, "A-2", "name", "name: still too long", 3),
				RecordEnd.failed(0, Side.LOCAL, "A-5", null, "the web store refused it", 3))));

		for (SyncStatus row : stored) {
			assertEquals(statuses.find(row.id()).orElseThrow(), row, "as read back: " + row.localId());
		}
		assertEquals(List.of(failedBefore), stored.subList(0, 1).stream().map(SyncStatus::id).toList(), "the known row");
		assertEquals("SKU-1", stored.get(0).displayKey(), "the key the store knew is kept");
		assertEquals(0, stored.get(0).attempts(), "a success clears the failures");
		assertNull(stored.get(0).errorMessage());
		assertTrue(stored.get(1).lastSynced().get("description").length() < huge.length(), "shortened, as kept");
		assertEquals("Desk", stored.get(1).conflictValues().get("name"));
		assertNull(stored.get(2).localId(), "a record of the connected system without a partner yet");
		assertEquals(2, stored.get(3).attempts(), "a failure counts an attempt");
		assertEquals(SyncState.FAILED, stored.get(4).state());
		assertTrue(statuses.findByExternalId(PRODUCTS, "314").isPresent());
	}

	/** New rows go to PostgreSQL as COPY text, where a tab, a line break or a backslash has a meaning of its own. */
	@Test
	void newRowsKeepValuesThatLookLikeTheBulkLoadFormatsSeparatorsAndEscapes() {
		assertTrue(statuses.holdWork(PRODUCTS, "service", LEASE));
		String awkward = "tab\there, line\nbreak, return\r, back\\slash, \\N, \\t, \u00e9t\u00e9 \ud83d\udce6, \u0007bell";
		Map<String, String> values = Map.of("name", awkward, "description", "\\N", "note", "ends with a backslash \\");
		List<SyncStatus> stored = statuses.finishPage(PRODUCTS, "service", LEASE, PageEnd.of(List.of(
				RecordEnd.succeeded(0, Side.LOCAL, "A\t1", new SyncOutcome(SyncState.SYNCHRONIZED, "A\t1", "9\n1", "s\\1",
						"\\N", values, Map.of())).withDisplayKey("SKU\t\\N\n"),
				RecordEnd.succeeded(0, Side.LOCAL, "\\N", new SyncOutcome(SyncState.CONFLICT, "\\N", "92", null, null,
						Map.of("name", "plain"), Map.of("name", awkward))))));

		for (SyncStatus row : stored) {
			assertEquals(statuses.find(row.id()).orElseThrow(), row, "as read back: " + row.localId());
		}
		SyncStatus first = statuses.findByLocalId(PRODUCTS, "A\t1").orElseThrow();
		assertEquals("9\n1", first.externalId());
		assertEquals("s\\1", first.localStamp());
		assertEquals("\\N", first.externalStamp(), "the text \\N, not a null");
		assertEquals(values, first.lastSynced());
		assertEquals("SKU\t\\N\n", first.displayKey());
		SyncStatus second = statuses.findByLocalId(PRODUCTS, "\\N").orElseThrow();
		assertNull(second.localStamp(), "a null stays a null");
		assertEquals(awkward, second.conflictValues().get("name"));
		assertEquals(Map.of("name", "plain"), second.lastSynced());
	}

	@Test
	void aRecordIsFoundByItsKeyAndIdsThatAreNumbersSortAsNumbers() {
		assertTrue(statuses.holdWork(PRODUCTS, "service", LEASE));
		List<RecordEnd> ends = new java.util.ArrayList<>();
		for (String id : List.of("10", "2", "1")) {
			ends.add(RecordEnd.succeeded(0, Side.LOCAL, id, new SyncOutcome(SyncState.SYNCHRONIZED, id, "w" + id, "1", "w1",
					Map.of(), Map.of())).withDisplayKey("SKU-" + id));
		}
		ends.add(RecordEnd.failed(0, Side.LOCAL, "3", "name", "name: too long", 3).withDisplayKey("Chair Ø-3"));
		statuses.finishPage(PRODUCTS, "service", LEASE, PageEnd.of(ends));
		StatusQuery all = StatusQuery.all(PRODUCTS.companyId());

		assertEquals("SKU-10", statuses.findByLocalId(PRODUCTS, "10").orElseThrow().displayKey());
		assertEquals(List.of("10"), statuses.page(all.withText("sku-10"), 0, 10).stream().map(SyncStatus::localId).toList(),
				"found by its SKU, ignoring case");
		assertEquals(List.of("3"), statuses.page(all.withText("chair ø"), 0, 10).stream().map(SyncStatus::localId).toList(),
				"a failed record by its key too");
		assertEquals(List.of("1", "2", "3", "10"), statuses.page(all.sortedBy(StatusQuery.Order.LOCAL_ID, true), 0, 10)
				.stream().map(SyncStatus::localId).toList(), "numbers in their order, not as text");
		assertEquals(List.of("Chair Ø-3", "SKU-1", "SKU-10", "SKU-2"), statuses.page(all.sortedBy(
				StatusQuery.Order.DISPLAY_KEY, true), 0, 10).stream().map(SyncStatus::displayKey).toList(),
				"keys sort as text");
	}

	@Test
	void aPageALostHolderLeftOpenMarksItsWritesForTheNextHolder() {
		SyncStatus known = statuses.track(PRODUCTS, Side.LOCAL, "A-1");
		try (JpaStore otherProcess = newStore()) {
			SyncStatusService other = otherProcess.syncStatus();
			assertTrue(statuses.holdWork(PRODUCTS, "killed", LEASE));
			Map<Long, String> digests = new HashMap<>();
			digests.put(known.id(), "digest-of-the-write");
			statuses.beginPage(PRODUCTS, "killed", LEASE, digests, 2);

			clock.advance(LEASE.plusSeconds(1)); // killed mid-page: its writes went out, its outcomes never came
			assertTrue(other.holdWork(PRODUCTS, "successor", LEASE));

			assertEquals("digest-of-the-write", other.find(known.id()).orElseThrow().writing());
			SyncStatusService.PageEnd late = SyncStatusService.PageEnd.of(List.of(RecordEnd.succeeded(known.id(), Side.LOCAL,
					"A-1", new SyncOutcome(SyncState.SYNCHRONIZED, "A-1", "311", "1", "w1", Map.of(), Map.of()))));
			assertThrows(WorkLeaseLostException.class, () -> statuses.finishPage(PRODUCTS, "killed", LEASE, late),
					"a holder whose hold ran out stores nothing");
			assertThrows(WorkLeaseLostException.class,
					() -> statuses.beginPage(PRODUCTS, "killed", LEASE, Map.of(known.id(), "x"), 0));
			assertEquals(SyncState.PENDING, other.find(known.id()).orElseThrow().state());

			other.releaseWork(PRODUCTS, "successor");
			assertTrue(other.holdWork(PRODUCTS, "third", LEASE));
			assertEquals("digest-of-the-write", other.find(known.id()).orElseThrow().writing(),
					"marked once; the announcement is closed");
		}
	}

	@Test
	void aHolderWhoseHoldRanOutIsRefusedAlsoWhenItHasNothingToAnnounce() {
		try (JpaStore otherProcess = newStore()) {
			SyncStatusService other = otherProcess.syncStatus();
			assertTrue(statuses.holdWork(PRODUCTS, "paused", LEASE));
			assertEquals(PageIntent.NONE, statuses.beginPage(PRODUCTS, "paused", LEASE, Map.of(), 0),
					"a page of updates that go one way has nothing to announce");
			clock.advance(LEASE.dividedBy(8));
			assertEquals(PageIntent.NONE, statuses.beginPage(PRODUCTS, "paused", LEASE, Map.of(), 3),
					"a page that only creates has nothing to announce either: its records are found again by their keys");

			clock.advance(LEASE.plusSeconds(1)); // paused past its lease: another process took the link over
			assertTrue(other.holdWork(PRODUCTS, "successor", LEASE));
			assertThrows(WorkLeaseLostException.class, () -> statuses.beginPage(PRODUCTS, "paused", LEASE, Map.of(), 0),
					"a holder whose hold ran out writes nothing, though it has nothing to announce");
			assertEquals(PageIntent.NONE, other.beginPage(PRODUCTS, "successor", LEASE, Map.of(), 0));
		}
	}
}
