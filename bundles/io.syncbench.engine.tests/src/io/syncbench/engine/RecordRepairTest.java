package io.syncbench.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.syncbench.connector.ConnectorException;
import io.syncbench.connector.EntitySchema;
import io.syncbench.engine.RecordResult.Action;
import io.syncbench.engine.testsupport.MemorySystem;
import io.syncbench.store.StatusScope;
import io.syncbench.store.Stores;
import io.syncbench.store.Stores.OwnedStore;
import io.syncbench.store.SyncState;
import io.syncbench.store.SyncStatus;
import io.syncbench.store.SyncStatusService.Side;

/** The Status Debugger's review and resolution of one record, on a real Derby status store. */
class RecordRepairTest {

	// The products of the pipeline's own tests: the web store's names are shorter than the ERP's.
	private static final StatusScope PRODUCTS = RecordSynchronizerTest.PRODUCTS;
	private static final EntitySchema LOCAL_PRODUCT = RecordSynchronizerTest.LOCAL_PRODUCT;
	private static final EntitySchema WEB_PRODUCT = RecordSynchronizerTest.WEB_PRODUCT;

	@TempDir
	Path workspace;

	private OwnedStore store;
	private MemorySystem erp;
	private MemorySystem web;
	private RecordSynchronizer pipeline;
	private RecordRepair repair;

	@BeforeEach
	void setUp() {
		store = Stores.embeddedDerby(workspace.resolve("store"));
		erp = new MemorySystem("A-", LOCAL_PRODUCT);
		web = new MemorySystem("", WEB_PRODUCT);
		pipeline = new RecordSynchronizer(store.syncStatus(), "run", Duration.ofMinutes(1), List.of());
		repair = new RecordRepair(store.syncStatus(), "operator", Duration.ofMinutes(1));
	}

	@AfterEach
	void tearDown() {
		store.close();
	}

	private EntityLink link() {
		return new EntityLink(PRODUCTS, erp, LOCAL_PRODUCT, web, WEB_PRODUCT, Side.LOCAL,
				List.of(new FieldMapping("ITEM_DESC", "description")), 3);
	}

	private RecordResult sync(Side origin, String id) throws ConnectorException {
		return pipeline.synchronize(link(), origin, id, Trigger.CHANGE);
	}

	private SyncStatus conflict() throws ConnectorException {
		erp.put("A-1", Map.of("sku", "SKU-1", "name", "Chair", "price", new BigDecimal("49.90"), "ITEM_DESC", "Oak"));
		sync(Side.LOCAL, "A-1");
		erp.put("A-1", Map.of("sku", "SKU-1", "name", "Chair", "price", new BigDecimal("44.00"), "ITEM_DESC", "Oak"));
		web.put("1", Map.of("sku", "SKU-1", "name", "Chair", "price", new BigDecimal("42.00"), "description", "Oak"));
		SyncStatus status = sync(Side.EXTERNAL, "1").status();
		assertEquals(SyncState.CONFLICT, status.state());
		return status;
	}

	@Test
	void aConflictShowsTheWinnerTheLoserAndTheLastSynchronizedValuesSideBySide() throws ConnectorException {
		SyncStatus status = conflict();

		RecordReview review = repair.review(link(), status.id());

		assertEquals(List.of("price"), review.decisions().stream().map(FieldReview::field).toList());
		FieldReview price = review.fields().get(0);
		assertEquals("44.00", price.localValue(), "the company database won");
		assertEquals("42.00", price.externalValue(), "the web store's value that lost, kept for review");
		assertEquals("44.00", price.lastSynced());
		assertEquals(Side.EXTERNAL, review.overwritten(), "the web store's values lost and were written over");
		assertEquals("44.00", price.holdsNow(), "read when the review is made: the web store holds the winner's price now");
		FieldReview description = review.fields().stream().filter(f -> f.field().equals("description")).findFirst()
				.orElseThrow();
		assertEquals("Oak", description.localValue(), "ITEM_DESC is mapped to description");
		assertEquals("ITEM_DESC", description.localRule().name());
		assertFalse(description.needsDecision());
		assertEquals(null, description.holdsNow(), "a field that was not written over says nothing more");
	}

	@Test
	void takingTheOtherSidesValueWritesItToBothSidesAndTheRecordIsSynchronized() throws ConnectorException {
		SyncStatus status = conflict();
		FieldReview price = repair.review(link(), status.id()).decisions().get(0);

		RecordResult result = repair.resolve(link(), status.id(), Map.of("price", price.parse(price.externalValue())));

		assertEquals(Action.RESOLVED, result.action());
		assertEquals(SyncState.SYNCHRONIZED, result.status().state());
		assertTrue(result.status().conflictValues().isEmpty());
		assertEquals(new BigDecimal("42.00"), erp.get("A-1").fields().get("price"));
		assertEquals(new BigDecimal("42.00"), web.get("1").fields().get("price"));
		assertEquals("Oak", erp.get("A-1").fields().get("ITEM_DESC"), "fields without a decision keep their values");
		assertEquals(Action.UNCHANGED, sync(Side.LOCAL, "A-1").action(), "the next run finds nothing to do");
		assertEquals(Action.UNCHANGED, sync(Side.EXTERNAL, "1").action());
	}

	@Test
	void aFailedRecordOpensOnTheFieldThatProducedTheErrorAndATypedValueIsCheckedAgainstBothSides()
			throws ConnectorException {
		erp.put("A-1", Map.of("sku", "SKU-1", "name", "A chair with a name far too long for the web store"));
		SyncStatus failed = sync(Side.LOCAL, "A-1").status();
		assertEquals(SyncState.FAILED, failed.state());

		RecordReview review = repair.review(link(), failed.id());

		assertEquals("name", review.errorField());
		FieldReview name = review.fields().get(0);
		assertEquals("name", name.field(), "the wizard opens on the field at fault");
		assertTrue(name.needsDecision());
		assertEquals(List.of("name"), review.decisions().stream().map(FieldReview::field).toList(),
				"the web store has no record yet, so nothing else differs");
		IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
				() -> name.parse("A chair with a name far too long"));
		assertEquals("name takes at most 20 characters; this has 32.", tooLong.getMessage());
		assertEquals("name is required. Enter a value.",
				assertThrows(IllegalArgumentException.class, () -> name.parse("")).getMessage());

		RecordResult result = repair.resolve(link(), failed.id(), Map.of("name", name.parse("Long chair")));

		assertEquals(Action.RESOLVED, result.action());
		assertEquals("Long chair", web.get(result.status().externalId()).fields().get("name"));
		assertEquals("Long chair", erp.get("A-1").fields().get("name"), "the company database takes the decision too");
		assertEquals(0, result.status().attempts());
	}

	@Test
	void aDecisionThatBreaksARuleFailsTheRecordNamingTheFieldAndWritesNothing() throws ConnectorException {
		SyncStatus status = conflict();
		int writes = web.writes() + erp.writes();

		RecordResult result = repair.resolve(link(), status.id(), Map.of("price", "cheap"));

		assertEquals(Action.FAILED, result.action());
		assertEquals("price", result.status().errorField());
		assertEquals(writes, web.writes() + erp.writes());
	}

	@Test
	void aRecordThatARunHoldsIsLeftAlone() throws ConnectorException {
		SyncStatus status = conflict();
		assertTrue(store.syncStatus().holdWork(PRODUCTS, "someone else", Duration.ofMinutes(1)));
		int writes = web.writes() + erp.writes();

		RecordResult result = repair.resolve(link(), status.id(), Map.of("price", new BigDecimal("1")));

		assertEquals(Action.LOCKED, result.action());
		assertEquals(writes, web.writes() + erp.writes());
		assertEquals(SyncState.CONFLICT, store.syncStatus().find(status.id()).orElseThrow().state());
	}
}
