package io.syncbench.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import io.syncbench.connector.FieldSchema;
import io.syncbench.connector.FieldSchema.FieldType;
import io.syncbench.connector.KeyMatch;
import io.syncbench.engine.RecordResult.Action;
import io.syncbench.engine.testsupport.MemorySystem;
import io.syncbench.store.StatusScope;
import io.syncbench.store.Stores;
import io.syncbench.store.Stores.OwnedStore;
import io.syncbench.store.SyncState;
import io.syncbench.store.SyncStatus;
import io.syncbench.store.SyncStatusService.Side;

/**
 * The pipeline against hostile input: an answer that lost records deletes nothing, keys that differ
 * only in case or Unicode form link instead of splitting a record in two, and values a target cannot
 * hold exactly (more decimals, a lone surrogate, a name of invisible characters, a file) fail their
 * record, naming the field, instead of arriving changed.
 */
class HostileInputTest {

	private static final StatusScope CUSTOMERS = new StatusScope(1, "webstore", "customer");
	private static final StatusScope PRODUCTS = new StatusScope(1, "branch", "product");
	private static final EntitySchema LOCAL_CUSTOMER = new EntitySchema("customer",
			List.of(FieldSchema.text("email", true, 100), FieldSchema.text("name", true, 60)), "email", List.of());
	private static final EntitySchema WEB_CUSTOMER = LOCAL_CUSTOMER.withKeyMatch(KeyMatch.CASE_INSENSITIVE);
	private static final EntitySchema LOCAL_PRODUCT = new EntitySchema("product",
			List.of(FieldSchema.text("sku", true, 40), FieldSchema.text("name", true, 80),
					FieldSchema.of("price", FieldType.DECIMAL, false), FieldSchema.text("image", false, 200)),
			"sku", List.of());
	private static final EntitySchema BRANCH_PRODUCT = new EntitySchema("product",
			List.of(FieldSchema.text("sku", true, 40), FieldSchema.text("name", true, 80),
					FieldSchema.of("price", FieldType.DECIMAL, false).digits(12, 2),
					FieldSchema.of("image", FieldType.FILE, false)),
			"sku", List.of(), KeyMatch.NORMALIZED);

	@TempDir
	Path workspace;

	private OwnedStore store;
	private RecordSynchronizer pipeline;

	@BeforeEach
	void setUp() {
		store = Stores.embeddedDerby(workspace.resolve("store"));
		pipeline = new RecordSynchronizer(store.syncStatus(), "test", Duration.ofMinutes(1), List.of());
	}

	@AfterEach
	void tearDown() {
		store.close();
	}

	@Test
	void aRecordMissingFromAPagesAnswerIsNotDeletedWhileItsOwnReadStillFindsIt() throws ConnectorException {
		MemorySystem erp = new MemorySystem("", LOCAL_CUSTOMER);
		MemorySystem web = new MemorySystem("W", WEB_CUSTOMER);
		EntityLink link = new EntityLink(CUSTOMERS, erp, LOCAL_CUSTOMER, web, WEB_CUSTOMER, Side.LOCAL, List.of(), 3);
		erp.put("1", Map.of("email", "ann@example.com", "name", "Ann"));
		erp.put("2", Map.of("email", "bob@example.com", "name", "Bob"));
		pipeline.synchronizeAll(link, Side.LOCAL, List.of("1", "2"), Map.of(), Trigger.CHANGE);
		String annOnTheWeb = store.syncStatus().findByLocalId(CUSTOMERS, "1").orElseThrow().externalId();
		web.put(annOnTheWeb, Map.of("email", "ann@example.com", "name", "Ann B."));
		web.leaveOutOfPageReads(true);

		Map<String, RecordResult> results = pipeline.synchronizeAll(link, Side.EXTERNAL, List.of(annOnTheWeb), Map.of(),
				Trigger.CHANGE);

		assertEquals(Action.RECEIVED, results.get(annOnTheWeb).action(), "read alone, it was there");
		assertEquals("Ann B.", erp.get("1").fields().get("name"));
		web.remove(annOnTheWeb);
		assertEquals(Action.DELETED, pipeline.synchronize(link, Side.EXTERNAL, annOnTheWeb, Trigger.CHANGE).action(),
				"its own read said it is gone: then, and only then, it is deleted");
		assertTrue(erp.get("1").deleted());
		assertEquals(1, web.liveRecords(), "Bob was never touched");
	}

	@Test
	void aKeyInAnotherCaseLinksToTheRecordTheOtherSideAlreadyHas() throws ConnectorException {
		MemorySystem erp = new MemorySystem("", LOCAL_CUSTOMER);
		MemorySystem web = new MemorySystem("W", WEB_CUSTOMER);
		EntityLink link = new EntityLink(CUSTOMERS, erp, LOCAL_CUSTOMER, web, WEB_CUSTOMER, Side.LOCAL, List.of(), 3);
		erp.put("1", Map.of("email", "zed@branch.example", "name", "Zed"));
		web.put("W9", Map.of("email", "Zed@Branch.example", "name", "Zed"));

		RecordResult sent = pipeline.synchronize(link, Side.LOCAL, "1", Trigger.CHANGE);
		RecordResult echo = pipeline.synchronize(link, Side.EXTERNAL, "W9", Trigger.CHANGE);

		assertEquals("W9", sent.status().externalId(), "linked, not created again");
		assertEquals(1, web.liveRecords());
		assertEquals(1, erp.liveRecords());
		assertEquals(sent.status().id(), echo.status().id(), "one status row for the pair");
	}

	@Test
	void twoRecordsWhoseKeysFoldToOneAreADuplicateForTheOperatorNotTwoRecordsThere() throws ConnectorException {
		MemorySystem erp = new MemorySystem("", LOCAL_PRODUCT);
		MemorySystem branch = new MemorySystem("B", BRANCH_PRODUCT);
		EntityLink link = new EntityLink(PRODUCTS, erp, LOCAL_PRODUCT, branch, BRANCH_PRODUCT, Side.LOCAL, List.of(), 3);
		erp.put("1", Map.of("sku", "CASE-A", "name", "Upper"));
		erp.put("2", Map.of("sku", "case-a", "name", "Lower"));
		erp.put("3", Map.of("sku", "CAF\u00C9", "name", "Composed"));
		erp.put("4", Map.of("sku", "CAFE\u0301", "name", "Decomposed"));
		erp.put("5", Map.of("sku", "K-1", "name", "Letter K"));
		erp.put("6", Map.of("sku", "\u212A-1", "name", "Kelvin sign"));

		Map<String, RecordResult> first = pipeline.synchronizeAll(link, Side.LOCAL, List.of("1", "3", "5"), Map.of(),
				Trigger.CHANGE);
		Map<String, RecordResult> second = pipeline.synchronizeAll(link, Side.LOCAL, List.of("2", "4", "6"), Map.of(),
				Trigger.CHANGE);

		first.values().forEach(result -> assertEquals(Action.SENT, result.action()));
		for (RecordResult duplicate : second.values()) {
			assertEquals(Action.FAILED, duplicate.action());
			assertEquals("sku", duplicate.status().errorField());
			assertTrue(duplicate.status().errorMessage().contains("normalized")
					&& duplicate.status().errorMessage().contains("rename one of them"), duplicate.status().errorMessage());
			assertNull(duplicate.status().externalId(), "linked to nothing");
		}
		assertEquals(3, branch.liveRecords(), "each key once");
	}

	@Test
	void twoNewRecordsOfOnePageThatFoldToOneKeyMakeOneRecordThere() throws ConnectorException {
		MemorySystem erp = new MemorySystem("", LOCAL_PRODUCT);
		MemorySystem branch = new MemorySystem("B", BRANCH_PRODUCT);
		EntityLink link = new EntityLink(PRODUCTS, erp, LOCAL_PRODUCT, branch, BRANCH_PRODUCT, Side.LOCAL, List.of(), 3);
		erp.put("1", Map.of("sku", "CASE-A", "name", "Upper"));
		erp.put("2", Map.of("sku", "case-a", "name", "Lower"));

		Map<String, RecordResult> results = pipeline.synchronizeAll(link, Side.LOCAL, List.of("1", "2"), Map.of(),
				Trigger.CHANGE);

		assertEquals(Action.SENT, results.get("1").action());
		assertEquals(Action.FAILED, results.get("2").action());
		assertEquals(1, branch.liveRecords());
	}

	@Test
	void aPriceTheTargetCannotHoldExactlyFailsNamingBothValuesAndTheLimitUnlessTheMappingRounds() throws Exception {
		MemorySystem erp = new MemorySystem("", LOCAL_PRODUCT);
		MemorySystem branch = new MemorySystem("B", BRANCH_PRODUCT);
		erp.put("1", Map.of("sku", "P-1", "name", "Pen", "price", new BigDecimal("1.0000000001")));
		erp.put("2", Map.of("sku", "P-2", "name", "Pad", "price", new BigDecimal("2.50000")));
		erp.put("3", Map.of("sku", "P-3", "name", "Safe", "price", new BigDecimal("12345678901.00")));
		EntityLink exact = new EntityLink(PRODUCTS, erp, LOCAL_PRODUCT, branch, BRANCH_PRODUCT, Side.LOCAL, List.of(), 3);

		Map<String, RecordResult> results = pipeline.synchronizeAll(exact, Side.LOCAL, List.of("1", "2", "3"), Map.of(),
				Trigger.CHANGE);

		SyncStatus inexact = results.get("1").status();
		assertEquals(SyncState.FAILED, inexact.state());
		assertEquals("price", inexact.errorField());
		assertTrue(inexact.errorMessage().contains("1.0000000001") && inexact.errorMessage().contains("1.00")
				&& inexact.errorMessage().contains("2 digits after"), inexact.errorMessage());
		assertEquals(Action.SENT, results.get("2").action(), "trailing zeros lose nothing");
		assertEquals("price", results.get("3").status().errorField());
		assertTrue(results.get("3").status().errorMessage().contains("10 digits before"), results.get("3").status().errorMessage());
		assertEquals(1, branch.liveRecords());

		EntityLink rounding = new EntityLink(PRODUCTS, erp, LOCAL_PRODUCT, branch, BRANCH_PRODUCT, Side.LOCAL,
				List.of(FieldMapping.parse("price", "price round")), 3);
		RecordResult rounded = pipeline.synchronize(rounding, Side.LOCAL, "1", Trigger.FORCED);
		assertEquals(Action.SENT, rounded.action());
		assertEquals(0, new BigDecimal("1.00").compareTo((BigDecimal) branch.get(rounded.status().externalId()).fields().get("price")));
		assertEquals(1, rounded.warnings().size());
		assertTrue(rounded.warnings().get(0).contains("rounded to 1.00"), rounded.warnings().get(0));
	}

	@Test
	void aLoneSurrogateOrANameOfInvisibleCharactersFailsNamingTheField() throws ConnectorException {
		MemorySystem erp = new MemorySystem("", LOCAL_PRODUCT);
		MemorySystem branch = new MemorySystem("B", BRANCH_PRODUCT);
		EntityLink link = new EntityLink(PRODUCTS, erp, LOCAL_PRODUCT, branch, BRANCH_PRODUCT, Side.LOCAL, List.of(), 3);
		Map<String, String> names = Map.of("1", "Chair \uD800 deluxe", "2", "\uDC00", "3", "\u00A0\u00A0\u2007\u202F",
				"4", "\u200B\u200C\u200D\u2060\uFEFF", "5", "\u3000\u180E", "6", "Ch\u00E4ir \uD83D\uDE00");
		names.forEach((id, name) -> erp.put(id, Map.of("sku", "S-" + id, "name", name)));

		Map<String, RecordResult> results = pipeline.synchronizeAll(link, Side.LOCAL, List.of("1", "2", "3", "4", "5", "6"),
				Map.of(), Trigger.CHANGE);

		for (String id : List.of("1", "2", "3", "4", "5")) {
			SyncStatus status = results.get(id).status();
			assertEquals(SyncState.FAILED, status.state(), id + ": " + status.errorMessage());
			assertEquals("name", status.errorField());
		}
		assertTrue(results.get("1").status().errorMessage().contains("U+D800 at position 7"), results.get("1").status().errorMessage());
		assertEquals(Action.SENT, results.get("6").action(), "an emoji is a pair of surrogates, and a character");
		assertEquals(1, branch.liveRecords());
	}

	@Test
	void aFileFieldIsFilledOnlyByTheSourceSidesCheckedFile() throws ConnectorException {
		MemorySystem erp = new MemorySystem("", LOCAL_PRODUCT); // offers no files at all
		MemorySystem branch = new MemorySystem("B", BRANCH_PRODUCT);
		EntityLink link = new EntityLink(PRODUCTS, erp, LOCAL_PRODUCT, branch, BRANCH_PRODUCT, Side.LOCAL, List.of(), 3);
		erp.put("1", Map.of("sku", "S-1", "name", "Vase", "image", "/etc/passwd"));
		erp.put("2", Map.of("sku", "S-2", "name", "Jug", "image", " "));

		Map<String, RecordResult> results = pipeline.synchronizeAll(link, Side.LOCAL, List.of("1", "2"), Map.of(),
				Trigger.CHANGE);

		SyncStatus refused = results.get("1").status();
		assertEquals(SyncState.FAILED, refused.state());
		assertEquals("image", refused.errorField());
		assertTrue(refused.errorMessage().contains("imageFolder"), refused.errorMessage());
		assertEquals(Action.SENT, results.get("2").action(), "no file named, nothing to send");
		assertEquals(1, branch.liveRecords());
	}
}
