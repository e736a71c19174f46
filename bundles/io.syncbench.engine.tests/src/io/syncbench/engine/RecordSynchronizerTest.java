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
import java.util.Optional;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.syncbench.connector.ConnectorException;
import io.syncbench.connector.EntitySchema;
import io.syncbench.connector.FieldSchema;
import io.syncbench.connector.FieldSchema.FieldType;
import io.syncbench.engine.RecordResult.Action;
import io.syncbench.engine.testsupport.MemorySystem;
import io.syncbench.store.QueuedChange;
import io.syncbench.store.StatusScope;
import io.syncbench.store.Stores;
import io.syncbench.store.Stores.OwnedStore;
import io.syncbench.store.SyncState;
import io.syncbench.store.SyncStatus;
import io.syncbench.store.SyncStatusService;
import io.syncbench.store.SyncStatusService.Side;

/** Every rule of the per-record pipeline, on a real Derby status store and two in-memory systems. */
class RecordSynchronizerTest {

	static final StatusScope PRODUCTS = new StatusScope(1, "webstore", "product");
	static final EntitySchema LOCAL_PRODUCT = new EntitySchema("product",
			List.of(FieldSchema.text("sku", true, 40), FieldSchema.text("name", true, 80),
					FieldSchema.of("price", FieldType.DECIMAL, false), FieldSchema.text("ITEM_DESC", false, 200)),
			"sku", List.of());
	static final EntitySchema WEB_PRODUCT = new EntitySchema("product",
			List.of(FieldSchema.text("sku", true, 40), FieldSchema.text("name", true, 20),
					FieldSchema.of("price", FieldType.DECIMAL, false), FieldSchema.text("description", false, 200)),
			"sku", List.of());

	@TempDir
	Path workspace;

	private OwnedStore store;
	private MemorySystem erp;
	private MemorySystem web;
	private RecordSynchronizer pipeline;
	private Side primary = Side.LOCAL;
	private List<FieldMapping> mappings = List.of();

	@BeforeEach
	void setUp() {
		store = Stores.embeddedDerby(workspace.resolve("store"));
		erp = new MemorySystem("A-", LOCAL_PRODUCT);
		web = new MemorySystem("", WEB_PRODUCT);
		pipeline = new RecordSynchronizer(store.syncStatus(), "test", Duration.ofMinutes(1), List.of());
	}

	@AfterEach
	void tearDown() {
		store.close();
	}

	private EntityLink link() {
		return new EntityLink(PRODUCTS, erp, LOCAL_PRODUCT, web, WEB_PRODUCT, primary, mappings, 3);
	}

	private RecordResult sync(Side origin, String id) throws ConnectorException {
		return pipeline.synchronize(link(), origin, id, Trigger.CHANGE);
	}

	private static Map<String, Object> product(String sku, String name, String price) {
		return Map.of("sku", sku, "name", name, "price", new BigDecimal(price));
	}

	// ---- references ----------------------------------------------------------------------------------

	private static final EntitySchema CUSTOMER = new EntitySchema("customer",
			List.of(FieldSchema.text("email", true, 100)), "email", List.of());
	private static final EntitySchema LOCAL_ADDRESS = new EntitySchema("address",
			List.of(FieldSchema.of("customer_id", FieldType.INTEGER, true).referencing("customer"),
					FieldSchema.text("city", true, 60)),
			null, List.of("customer"));
	private static final EntitySchema WEB_ADDRESS = new EntitySchema("address",
			List.of(FieldSchema.text("customer_id", true, 20), FieldSchema.text("city", true, 60)), null,
			List.of("customer"));

	/** Customers and their addresses in a company database and a web store, and the links between them. */
	private record CustomersAndAddresses(MemorySystem erpCustomers, MemorySystem webCustomers, MemorySystem erpAddresses,
			MemorySystem webAddresses, StatusScope customers, StatusScope addresses, EntityLink customerLink,
			EntityLink addressLink) {
	}

	private CustomersAndAddresses customersAndAddresses(EntitySchema customer) {
		MemorySystem erpCustomers = new MemorySystem("", customer);
		MemorySystem webCustomers = new MemorySystem("C", customer);
		MemorySystem erpAddresses = new MemorySystem("", LOCAL_ADDRESS);
		MemorySystem webAddresses = new MemorySystem("ADR", WEB_ADDRESS);
		StatusScope customers = new StatusScope(1, "webstore", "customer");
		StatusScope addresses = new StatusScope(1, "webstore", "address");
		return new CustomersAndAddresses(erpCustomers, webCustomers, erpAddresses, webAddresses, customers, addresses,
				new EntityLink(customers, erpCustomers, customer, webCustomers, customer, primary, List.of(), 3),
				new EntityLink(addresses, erpAddresses, LOCAL_ADDRESS, webAddresses, WEB_ADDRESS, primary, List.of(), 3));
	}

	@Test
	void aReferenceIsTranslatedToThePartnersIdEachWay() throws ConnectorException {
		CustomersAndAddresses shop = customersAndAddresses(CUSTOMER);
		shop.erpCustomers().put("17", Map.of("email", "ann@example.com"));
		shop.erpAddresses().put("5", Map.of("customer_id", 17L, "city", "Lyon"));
		shop.webCustomers().put("C900", Map.of("email", "bob@example.com"));
		shop.webAddresses().put("ADR1", Map.of("customer_id", "C900", "city", "Graz"));

		pipeline.synchronize(shop.customerLink(), Side.LOCAL, "17", Trigger.CHANGE);
		pipeline.synchronize(shop.customerLink(), Side.EXTERNAL, "C900", Trigger.CHANGE);
		RecordResult sent = pipeline.synchronize(shop.addressLink(), Side.LOCAL, "5", Trigger.CHANGE);
		RecordResult received = pipeline.synchronize(shop.addressLink(), Side.EXTERNAL, "ADR1", Trigger.CHANGE);

		String annOnTheWeb = store.syncStatus().findByLocalId(shop.customers(), "17").orElseThrow().externalId();
		String bobInTheErp = store.syncStatus().findByExternalId(shop.customers(), "C900").orElseThrow().localId();
		assertEquals(Action.SENT, sent.action());
		assertEquals(annOnTheWeb, shop.webAddresses().get(sent.status().externalId()).fields().get("customer_id"));
		assertEquals(Action.RECEIVED, received.action());
		assertEquals(Long.valueOf(bobInTheErp),
				shop.erpAddresses().get(received.status().localId()).fields().get("customer_id"));
	}

	@Test
	void aReferenceToARecordNotSynchronizedYetFailsNamingTheField() throws ConnectorException {
		CustomersAndAddresses shop = customersAndAddresses(CUSTOMER);
		shop.erpAddresses().put("5", Map.of("customer_id", 17L, "city", "Lyon"));

		RecordResult result = pipeline.synchronize(shop.addressLink(), Side.LOCAL, "5", Trigger.CHANGE);

		assertEquals(Action.FAILED, result.action());
		assertEquals("customer_id", result.status().errorField());
		assertEquals("address 5: customer_id points to customer 17, which is not synchronized with webstore yet. "
				+ "It is retried once that customer is.", result.status().errorMessage());
		assertEquals(0, shop.webAddresses().liveRecords(), "nothing written");
	}

	// ---- duplicate check ----------------------------------------------------------------------------

	@Test
	void aRecordWithoutPartnerIsCreatedOnTheOtherSide() throws ConnectorException {
		erp.put("A-1", product("SKU-1", "Chair", "49.90"));

		RecordResult result = sync(Side.LOCAL, "A-1");

		assertEquals(Action.SENT, result.action());
		SyncStatus status = result.status();
		assertEquals(SyncState.SYNCHRONIZED, status.state());
		assertEquals("1", status.externalId());
		assertEquals(new BigDecimal("49.90"), web.get("1").fields().get("price"));
		assertEquals(erp.get("A-1").stamp(), status.localStamp());
		assertEquals(web.get("1").stamp(), status.externalStamp());
		assertEquals("Chair", status.lastSynced().get("name"));
		assertEquals("SKU-1", status.displayKey(), "what the operator finds it by");
	}

	@Test
	void theOnePartnerFoundByUniqueKeyIsMappedInsteadOfDuplicated() throws ConnectorException {
		erp.put("A-1", product("SKU-1", "Chair", "49.90"));
		web.put("311", product("SKU-1", "Old chair", "45.00"));

		RecordResult result = sync(Side.LOCAL, "A-1");

		assertEquals(Action.SENT, result.action(), "the primary side's values win for a new pair");
		assertEquals("311", result.status().externalId());
		assertEquals(1, web.liveRecords(), "no second record with SKU-1");
		assertEquals("Chair", web.get("311").fields().get("name"));
		assertEquals(SyncState.SYNCHRONIZED, result.status().state(), "a new pair is no conflict");
	}

	@Test
	void severalPartnersWithTheKeyFailTheRecordAndNothingIsWritten() throws ConnectorException {
		erp.put("A-1", product("SKU-1", "Chair", "49.90"));
		web.put("311", product("SKU-1", "Chair", "45.00"));
		web.put("312", product("SKU-1", "Chair too", "45.00"));

		RecordResult result = sync(Side.LOCAL, "A-1");

		assertEquals(Action.FAILED, result.action());
		assertEquals("sku", result.status().errorField());
		assertEquals("product A-1: 2 records on webstore have sku \"SKU-1\" (311, 312). Make sku unique there, then retry.",
				result.status().errorMessage());
		assertEquals(0, web.writes());
	}

	@Test
	void aPartnerMappedToAnotherRecordFailsTheRecord() throws ConnectorException {
		erp.put("A-1", product("SKU-1", "Chair", "49.90"));
		sync(Side.LOCAL, "A-1");
		erp.put("A-2", product("SKU-1", "Chair copy", "49.90")); // a duplicate SKU in the company database

		RecordResult result = sync(Side.LOCAL, "A-2");

		assertEquals(Action.FAILED, result.action());
		assertEquals("product A-2: the record on webstore with sku \"SKU-1\" is already mapped to another record (A-1)."
				+ " Correct sku on one of them, then retry.", result.status().errorMessage());
		assertEquals(1, web.liveRecords());
	}

	// ---- direction -----------------------------------------------------------------------------------

	@Test
	void onlyTheChangedSideIsCopiedEachWay() throws ConnectorException {
		erp.put("A-1", product("SKU-1", "Chair", "49.90"));
		sync(Side.LOCAL, "A-1");

		web.put("1", product("SKU-1", "Chair", "39.90"));
		RecordResult received = sync(Side.EXTERNAL, "1");
		assertEquals(Action.RECEIVED, received.action());
		assertEquals(new BigDecimal("39.90"), erp.get("A-1").fields().get("price"));

		erp.put("A-1", product("SKU-1", "Armchair", "39.90"));
		RecordResult sent = sync(Side.LOCAL, "A-1");
		assertEquals(Action.SENT, sent.action());
		assertEquals("Armchair", web.get("1").fields().get("name"));
	}

	@Test
	void aWriteWhoseOutcomeALostProcessNeverStoredIsRecognizedAndIsNoConflict() throws ConnectorException {
		erp.put("A-1", product("SKU-1", "Chair", "49.90"));
		sync(Side.LOCAL, "A-1");
		erp.put("A-1", product("SKU-1", "Armchair", "49.90"));
		SyncStatusService real = store.syncStatus();
		SyncStatusService dying = (SyncStatusService) java.lang.reflect.Proxy.newProxyInstance(
				getClass().getClassLoader(), new Class<?>[] { SyncStatusService.class }, (proxy, method, arguments) -> {
					if (method.getName().equals("finishPage")) {
						throw new IllegalStateException("the process was killed before it stored the outcome");
					}
					try {
						return method.invoke(real, arguments);
					} catch (java.lang.reflect.InvocationTargetException e) {
						throw e.getCause();
					}
				});
		RecordSynchronizer killed = new RecordSynchronizer(dying, "killed", Duration.ofMinutes(5), List.of());
		assertThrows(IllegalStateException.class, () -> killed.synchronize(link(), Side.LOCAL, "A-1", Trigger.CHANGE));
		assertEquals("Armchair", web.get("1").fields().get("name"), "the write went out");
		real.releaseLeasesOf("killed"); // as its successor does for a process that is gone

		erp.put("A-1", product("SKU-1", "Armchair", "44.00"));
		RecordResult result = sync(Side.LOCAL, "A-1");

		assertEquals(Action.SENT, result.action());
		assertEquals(SyncState.SYNCHRONIZED, result.status().state(), "the web store held our own write, not a change");
		assertEquals(null, result.status().writing());
		assertEquals(new BigDecimal("44.00"), web.get("1").fields().get("price"));
	}

	@Test
	void whenBothChangedThePrimaryWinsAndTheOtherValuesAreKeptForReview() throws ConnectorException {
		erp.put("A-1", product("SKU-1", "Chair", "49.90"));
		sync(Side.LOCAL, "A-1");
		erp.put("A-1", product("SKU-1", "Chair", "44.00"));
		web.put("1", product("SKU-1", "Chair", "42.00"));

		RecordResult result = sync(Side.EXTERNAL, "1");

		assertEquals(Action.SENT, result.action(), "the company database is primary");
		assertEquals(SyncState.CONFLICT, result.status().state());
		assertEquals(new BigDecimal("44.00"), web.get("1").fields().get("price"));
		assertEquals("42.00", result.status().conflictValues().get("price"));
	}

	@Test
	void aRecordInConflictAndTheRecordsThatReferToItWaitForTheOperatorWhileTheRestGoesOn() throws ConnectorException {
		EntitySchema named = new EntitySchema("customer", List.of(FieldSchema.text("email", true, 100),
				FieldSchema.text("name", false, 60)), "email", List.of());
		CustomersAndAddresses shop = customersAndAddresses(named);
		String annOnTheWeb = annInConflict(shop);

		shop.erpCustomers().put("17", Map.of("email", "ann@example.com", "name", "Ann Smith-Jones"));
		shop.erpCustomers().put("18", Map.of("email", "bob@example.com", "name", "Bob Miller"));
		Map<String, RecordResult> later = pipeline.synchronizeAll(shop.customerLink(), Side.LOCAL, List.of("17", "18"),
				Map.of(), Trigger.CHANGE);
		shop.erpAddresses().put("5", Map.of("customer_id", 17L, "city", "Lyon"));
		shop.erpAddresses().put("6", Map.of("customer_id", 18L, "city", "Graz"));
		Map<String, RecordResult> addressed = pipeline.synchronizeAll(shop.addressLink(), Side.LOCAL, List.of("5", "6"),
				Map.of(), Trigger.CHANGE);

		assertEquals(Action.WAITING, later.get("17").action(), "the record in conflict waits for the operator");
		assertEquals("Ann Smith", shop.webCustomers().get(annOnTheWeb).fields().get("name"),
				"not written over meanwhile");
		assertEquals(Action.SENT, later.get("18").action(), "the rest of the company keeps synchronizing");
		assertEquals(Action.WAITING, addressed.get("5").action(), "an address of the customer in conflict waits too");
		assertTrue(addressed.get("5").warnings().get(0).contains("customer_id"), addressed.get("5").warnings().toString());
		assertTrue(store.syncStatus().findByLocalId(shop.addresses(), "5").isEmpty(),
				"waiting stores nothing, counts no attempt");
		assertEquals(Action.SENT, addressed.get("6").action());

		SyncStatus ann = store.syncStatus().findByLocalId(shop.customers(), "17").orElseThrow();
		store.syncStatus().retry(List.of(ann.id())); // as the operator's decision leaves it: no conflict any more
		assertEquals(Action.SENT, pipeline.synchronize(shop.addressLink(), Side.LOCAL, "5", Trigger.CHANGE).action());
	}

	@Test
	void aChangeThatWaitsOnARecordInConflictIsQueuedAsTheCursorPassesItAndTakenOnceTheConflictIsResolved()
			throws ConnectorException {
		EntitySchema named = new EntitySchema("customer", List.of(FieldSchema.text("email", true, 100),
				FieldSchema.text("name", false, 60)), "email", List.of());
		CustomersAndAddresses shop = customersAndAddresses(named);
		annInConflict(shop);
		shop.erpAddresses().put("5", Map.of("customer_id", 17L, "city", "Lyon"));
		shop.erpAddresses().put("6", Map.of("customer_id", 18L, "city", "Graz"));
		EntitySync entitySync = new EntitySync(store.changeQueue(), pipeline, 10);

		EntityReport first = entitySync.run(shop.addressLink(), SyncMode.SEND, new NullProgressMonitor());

		assertEquals(1, first.count(Action.WAITING), first::toString);
		assertEquals(1, first.count(Action.SENT), first::toString);
		assertEquals(Optional.of("2"), store.changeQueue().cursor(shop.addresses(), Side.LOCAL), "past both changes");
		assertEquals(List.of("5"), store.changeQueue().next(shop.addresses(), Side.LOCAL, 0, 10).stream()
				.map(QueuedChange::recordId).toList(), "the address that waits is queued, not left behind the cursor");

		SyncStatus ann = store.syncStatus().findByLocalId(shop.customers(), "17").orElseThrow();
		store.syncStatus().retry(List.of(ann.id())); // as the operator's decision leaves it
		EntityReport next = entitySync.run(shop.addressLink(), SyncMode.SEND, new NullProgressMonitor());

		assertEquals(1, next.count(Action.SENT), next::toString);
		assertEquals(0, store.changeQueue().size(shop.addresses(), Side.LOCAL));
		assertEquals(SyncState.SYNCHRONIZED, store.syncStatus().findByLocalId(shop.addresses(), "5").orElseThrow().state());
	}

	/** Customers 17 (Ann) and 18 (Bob) synchronized, then Ann changed on both sides: in conflict. */
	private String annInConflict(CustomersAndAddresses shop) throws ConnectorException {
		shop.erpCustomers().put("17", Map.of("email", "ann@example.com", "name", "Ann"));
		shop.erpCustomers().put("18", Map.of("email", "bob@example.com", "name", "Bob"));
		pipeline.synchronizeAll(shop.customerLink(), Side.LOCAL, List.of("17", "18"), Map.of(), Trigger.CHANGE);
		String annOnTheWeb = store.syncStatus().findByLocalId(shop.customers(), "17").orElseThrow().externalId();
		shop.erpCustomers().put("17", Map.of("email", "ann@example.com", "name", "Ann Smith"));
		shop.webCustomers().put(annOnTheWeb, Map.of("email", "ann@example.com", "name", "Ann Jones"));
		assertEquals(SyncState.CONFLICT,
				pipeline.synchronize(shop.customerLink(), Side.EXTERNAL, annOnTheWeb, Trigger.CHANGE).status().state());
		return annOnTheWeb;
	}

	@Test
	void aPairTrackedFromBothEndsAfterACrashBecomesOneRowInsteadOfTwoThatBlockEachOther() throws ConnectorException {
		erp.put("A-1", product("SKU-1", "Chair", "49.90"));
		web.put("1", product("SKU-1", "Chair", "49.90")); // created by a process killed before it stored the outcome
		SyncStatusService statuses = store.syncStatus();
		statuses.track(PRODUCTS, Side.LOCAL, "A-1");
		statuses.track(PRODUCTS, Side.EXTERNAL, "1"); // the create's echo, tracked on its own

		RecordResult local = sync(Side.LOCAL, "A-1");
		RecordResult echo = sync(Side.EXTERNAL, "1");

		assertEquals(SyncState.SYNCHRONIZED, local.status().state(), String.valueOf(local.status().errorMessage()));
		assertEquals("1", local.status().externalId());
		assertEquals(local.status().id(), echo.status().id(), "one row for the pair");
		assertEquals(Action.UNCHANGED, echo.action());
		assertEquals(1, web.liveRecords());
	}

	@Test
	void whenBothChangedToTheSameValuesThereIsNoConflict() throws ConnectorException {
		erp.put("A-1", product("SKU-1", "Chair", "49.90"));
		sync(Side.LOCAL, "A-1");
		erp.put("A-1", product("SKU-1", "Chair", "44.00"));
		web.put("1", Map.of("sku", "SKU-1", "name", "Chair", "price", new BigDecimal("44.0")));

		RecordResult result = sync(Side.EXTERNAL, "1");

		assertEquals(SyncState.SYNCHRONIZED, result.status().state(), "44.00 and 44.0 are one price");
		assertEquals(Map.of(), result.status().conflictValues());
	}

	@Test
	void anEntityThatGoesOneWayIsNeverInConflict() throws ConnectorException {
		EntityLink sendOnly = new EntityLink(PRODUCTS, erp, LOCAL_PRODUCT, web, WEB_PRODUCT, Side.LOCAL, List.of(), 3,
				java.util.Set.of(Side.LOCAL), Map.of());
		erp.put("A-1", product("SKU-1", "Chair", "49.90"));
		pipeline.synchronize(sendOnly, Side.LOCAL, "A-1", Trigger.CHANGE);
		erp.put("A-1", product("SKU-1", "Chair", "44.00"));
		web.put("1", product("SKU-1", "Chair", "42.00"));

		RecordResult changed = pipeline.synchronize(sendOnly, Side.LOCAL, "A-1", Trigger.CHANGE);
		web.put("1", product("SKU-1", "Chair", "41.00"));
		RecordResult repaired = pipeline.synchronize(sendOnly, Side.LOCAL, "A-1", Trigger.COMPLETE_UPDATE);

		assertEquals(SyncState.SYNCHRONIZED, changed.status().state(), "the company's values go out, as the entity says");
		assertEquals(SyncState.SYNCHRONIZED, repaired.status().state());
		assertEquals(new BigDecimal("44.00"), web.get("1").fields().get("price"));
	}

	@Test
	void theConnectedSystemCanBePrimary() throws ConnectorException {
		primary = Side.EXTERNAL;
		erp.put("A-1", product("SKU-1", "Chair", "49.90"));
		sync(Side.LOCAL, "A-1");
		erp.put("A-1", product("SKU-1", "Chair", "44.00"));
		web.put("1", product("SKU-1", "Chair", "42.00"));

		RecordResult result = sync(Side.LOCAL, "A-1");

		assertEquals(Action.RECEIVED, result.action());
		assertEquals(new BigDecimal("42.00"), erp.get("A-1").fields().get("price"));
		assertEquals("44.00", result.status().conflictValues().get("price"));
	}

	@Test
	void whenNeitherChangedNothingIsWrittenUnlessForced() throws ConnectorException {
		erp.put("A-1", product("SKU-1", "Chair", "49.90"));
		sync(Side.LOCAL, "A-1");
		int writes = web.writes();

		assertEquals(Action.UNCHANGED, sync(Side.LOCAL, "A-1").action());
		assertEquals(Action.UNCHANGED, sync(Side.EXTERNAL, "1").action(), "our own write is not seen as a change");
		assertEquals(writes, web.writes());

		RecordResult forced = pipeline.synchronize(link(), Side.LOCAL, "A-1", Trigger.FORCED);
		assertEquals(Action.SENT, forced.action());
		assertEquals(writes + 1, web.writes());
	}

	@Test
	void aDeletionIsCarriedToTheOtherSideAsATombstone() throws ConnectorException {
		erp.put("A-1", product("SKU-1", "Chair", "49.90"));
		sync(Side.LOCAL, "A-1");

		erp.remove("A-1");
		RecordResult result = sync(Side.LOCAL, "A-1");

		assertEquals(Action.DELETED, result.action());
		assertEquals(SyncState.DELETED, result.status().state());
		assertTrue(web.get("1").deleted());
	}

	// ---- map, validate, save, status -----------------------------------------------------------------

	@Test
	void operatorMappingsCarryFieldsWithOtherNames() throws ConnectorException {
		mappings = List.of(new FieldMapping("ITEM_DESC", "description"));
		erp.put("A-1", Map.of("sku", "SKU-1", "name", "Chair", "ITEM_DESC", "Oak, hand made"));

		sync(Side.LOCAL, "A-1");

		assertEquals("Oak, hand made", web.get("1").fields().get("description"));
	}

	@Test
	void aValueTooLongForTheCompanyDatabaseNamesTheCompanyDatabaseAndItsLimitNotTheWebStore() throws ConnectorException {
		web.put("7", product("SKU-7", "A name the web store holds, but the company's eighty-character column does not, at all", "9.90"));

		RecordResult result = sync(Side.EXTERNAL, "7");

		assertEquals(Action.FAILED, result.action());
		assertEquals("name", result.status().errorField());
		assertEquals("product 7: name has 86 characters; the company database takes at most 80. Shorten it.",
				result.status().errorMessage(), "the side whose column is too short, and its own limit");
		assertEquals(0, erp.liveRecords(), "nothing half-written");
	}

	@Test
	void invalidValuesFailNamingTheFieldUntilTheRecordIsSkipped() throws ConnectorException {
		erp.put("A-1", product("SKU-1", "A chair with a name longer than the store takes", "49.90"));

		RecordResult first = sync(Side.LOCAL, "A-1");
		assertEquals(Action.FAILED, first.action());
		assertEquals("name", first.status().errorField());
		assertEquals("product A-1: name has 47 characters; webstore takes at most 20. Shorten it.",
				first.status().errorMessage());
		assertEquals(0, web.writes(), "nothing half-written");

		sync(Side.LOCAL, "A-1");
		RecordResult third = sync(Side.LOCAL, "A-1");
		assertEquals(SyncState.SKIPPED, third.status().state());
		assertEquals(Action.SKIPPED, sync(Side.LOCAL, "A-1").action(), "left alone until an operator acts");

		erp.put("A-1", product("SKU-1", "Chair", "49.90"));
		RecordResult retried = pipeline.synchronize(link(), Side.LOCAL, "A-1", Trigger.FORCED);
		assertEquals(Action.SENT, retried.action());
		assertEquals(0, retried.status().attempts());
	}

	@Test
	void wrongTypesMissingValuesAndControlCharactersAreRefused() throws ConnectorException {
		erp.put("A-1", Map.of("sku", "SKU-1", "name", "Chair", "price", "cheap"));
		erp.put("A-2", Map.of("sku", "SKU-2"));
		erp.put("A-3", Map.of("sku", "SKU-3", "name", "Chair\u0000"));

		assertEquals("product A-1: webstore needs price to be a decimal number, such as 12.50; it is \"cheap\". Correct the value.",
				sync(Side.LOCAL, "A-1").status().errorMessage());
		assertEquals("name", sync(Side.LOCAL, "A-2").status().errorField());
		assertTrue(sync(Side.LOCAL, "A-3").status().errorMessage().contains("control characters"));
		assertEquals(0, web.writes());
	}

	@Test
	void aRecordTheSystemRefusesFailsWithTheSystemsMessageAndField() throws ConnectorException {
		erp.put("A-1", product("SKU-1", "Chair", "49.90"));
		web.failWith(ConnectorException.recordRejected("price", "Invalid parameter(s): regular_price"));

		RecordResult result = sync(Side.LOCAL, "A-1");

		assertEquals(Action.FAILED, result.action());
		assertEquals("price", result.status().errorField());
		assertEquals("product A-1: webstore refused the record: Invalid parameter(s): regular_price",
				result.status().errorMessage());
	}

	@Test
	void aLostConnectionStopsTheCallerAndLeavesTheRecordPendingAndFree() {
		erp.put("A-1", product("SKU-1", "Chair", "49.90"));
		web.failWith(ConnectorException.unreachable("webstore does not answer", null));

		assertThrows(ConnectorException.class, () -> sync(Side.LOCAL, "A-1"));

		assertTrue(store.syncStatus().findByLocalId(PRODUCTS, "A-1").isEmpty(), "nothing stored for the record");
		assertTrue(store.syncStatus().holdWork(PRODUCTS, "another run", Duration.ofMinutes(1)), "the link given back");
	}

	@Test
	void aRecordWhoseLinkAnotherProcessHoldsIsLeftForLater() throws ConnectorException {
		erp.put("A-1", product("SKU-1", "Chair", "49.90"));
		assertTrue(store.syncStatus().holdWork(PRODUCTS, "service@other-host", Duration.ofMinutes(1)));

		assertEquals(Action.LOCKED, sync(Side.LOCAL, "A-1").action());
		assertEquals(0, web.writes());
		assertFalse(pipeline.hold(link()), "still the other process's");
	}

	@Test
	void aFailingPostProcessorDoesNotUndoTheRecord() throws ConnectorException {
		pipeline = new RecordSynchronizer(store.syncStatus(), "test", Duration.ofMinutes(1),
				List.of((link, result) -> {
					throw new IllegalStateException("the product's images could not be uploaded");
				}));
		erp.put("A-1", product("SKU-1", "Chair", "49.90"));

		RecordResult result = sync(Side.LOCAL, "A-1");

		assertEquals(Action.SENT, result.action());
		assertEquals(SyncState.SYNCHRONIZED, result.status().state());
		assertEquals(List.of("product A-1 was synchronized, but the work that follows it failed:"
				+ " the product's images could not be uploaded"), result.warnings());
	}
}
