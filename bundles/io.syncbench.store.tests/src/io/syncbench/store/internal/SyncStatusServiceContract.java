package io.syncbench.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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
}
