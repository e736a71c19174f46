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
import io.syncbench.store.SyncStatusService.Side;

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
	void aLinkedRowOrOneAnotherProcessHoldsIsNotAbsorbed() {
		SyncStatus linked = statuses.track(PRODUCTS, Side.LOCAL, "A-1");
		statuses.link(linked.id(), Side.EXTERNAL, "311");
		SyncStatus other = statuses.track(PRODUCTS, Side.LOCAL, "A-2");
		SyncStatus held = statuses.track(PRODUCTS, Side.EXTERNAL, "312");
		assertTrue(statuses.acquireLease(held.id(), "engine-2", LEASE));

		assertThrows(StoreException.class, () -> statuses.absorb(other.id(), linked.id(), Side.EXTERNAL, "311", "engine-1"));
		assertThrows(StoreException.class, () -> statuses.absorb(other.id(), held.id(), Side.EXTERNAL, "312", "engine-1"));

		assertEquals("A-1", statuses.findByExternalId(PRODUCTS, "311").orElseThrow().localId());
		assertTrue(statuses.find(held.id()).isPresent());
		assertNull(statuses.find(other.id()).orElseThrow().externalId());
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
	void aLeaseIsExclusiveAcrossStoresUntilItExpires() {
		long id = statuses.track(PRODUCTS, Side.LOCAL, "A-1").id();
		try (JpaStore otherProcess = newStore()) {
			SyncStatusService other = otherProcess.syncStatus();

			assertTrue(statuses.acquireLease(id, "workbench", LEASE));
			assertFalse(other.acquireLease(id, "service", LEASE), "held by the workbench");
			assertTrue(statuses.acquireLease(id, "workbench", LEASE), "the holder may renew");

			clock.advance(LEASE.plusSeconds(1)); // the workbench died without giving the lease back
			assertTrue(other.acquireLease(id, "service", LEASE), "an expired lease can be taken");
			assertFalse(statuses.acquireLease(id, "workbench", LEASE));

			statuses.releaseLease(id, "workbench"); // not the holder: nothing happens
			assertFalse(statuses.acquireLease(id, "workbench", LEASE));
			other.releaseLease(id, "service");
			assertTrue(statuses.acquireLease(id, "workbench", LEASE));
		}
	}

	@Test
	void aPageExpectedNewIsMadeLeasedAndOneAlreadyTrackedIsFoundInstead() {
		SyncStatusService.Claimed fresh = statuses.claimAll(PRODUCTS, Side.LOCAL, List.of("A-2", "A-1", "A-2"),
				"workbench", LEASE, true);
		assertTrue(fresh.allNew());
		assertEquals(List.of("A-2", "A-1"), List.copyOf(fresh.statuses().keySet()), "each distinct id, in order");
		assertEquals(Set.copyOf(fresh.statuses().values().stream().map(SyncStatus::id).toList()), fresh.held());
		assertEquals(SyncState.PENDING, fresh.statuses().get("A-1").state());
		long made = fresh.statuses().get("A-1").id();
		assertFalse(statuses.acquireLease(made, "service", LEASE), "made leased to the workbench");

		// Expected new, but A-1 is tracked: the insert is refused as a whole, and the page is looked up.
		SyncStatusService.Claimed mixed = statuses.claimAll(PRODUCTS, Side.LOCAL, List.of("A-1", "A-3"), "service", LEASE,
				true);
		assertFalse(mixed.allNew());
		assertEquals(made, mixed.statuses().get("A-1").id(), "the same row, not a second one");
		assertEquals(Set.of(mixed.statuses().get("A-3").id()), mixed.held(), "A-1 is still the workbench's");
		assertEquals(3, statuses.count(PRODUCTS, SyncState.PENDING));

		SyncStatusService.Claimed looked = statuses.claimAll(PRODUCTS, Side.LOCAL, List.of("A-4"), "service", LEASE, false);
		assertTrue(looked.allNew(), "none was there");
		assertEquals(Set.of(looked.statuses().get("A-4").id()), looked.held());
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
}
