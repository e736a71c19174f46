package io.syncbench.connector.woocommerce.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.syncbench.connector.ChangePage;
import io.syncbench.connector.ConnectorException.Kind;
import io.syncbench.connector.ConnectorException;
import io.syncbench.connector.FieldValues;
import io.syncbench.connector.Health;
import io.syncbench.connector.RecordData;
import io.syncbench.connector.RecordWrite;
import io.syncbench.connector.WriteResult;
import io.syncbench.connector.woocommerce.WooCommerceSystem;
import io.syncbench.engine.testsupport.MovableClock;
import io.syncbench.sandbox.SandboxStore;

/**
 * The WooCommerce connector against the sandbox store over real HTTP on loopback: paging, change
 * windows, lookups, batch errors, every fault switch, and credentials told apart from connectivity.
 * Both run on clocks the test moves, so window edges are exact.
 */
class WooConnectorTest {

	private final MovableClock storeClock = new MovableClock(Instant.parse("2026-11-22T10:00:00Z"));
	private final MovableClock syncClock = new MovableClock(Instant.parse("2026-11-22T10:00:00Z"));
	private SandboxStore store;
	private CloseableHttpClient http;
	private final java.util.concurrent.ScheduledExecutorService timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();
	private WooSession session;

	@BeforeEach
	void startStore() throws Exception {
		store = SandboxStore.start(0, null, "ck_test", "cs_test", 100, null, storeClock);
		http = WooConnector.newClient(org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy.createDefault());
		session = session(WooCommerceSystem.credentials("ck_test", "cs_test"), 4);
	}

	private WooSession session(char[] credentials, int attempts) {
		return new WooSession(new WooClient(http, store.baseUri(), credentials, attempts, java.time.Duration.ofSeconds(30), timer), 100, 100, syncClock);
	}

	@AfterEach
	void stopStore() throws Exception {
		timer.shutdownNow();
		http.close();
		store.close();
	}

	private RecordData product(String sku, String name, String price) throws ConnectorException {
		return session.create("product", FieldValues.of(Map.of("sku", sku, "name", name, "price", new BigDecimal(price),
				"stock", 5L, "category", "Furniture", "active", true)));
	}

	private static List<String> skus(List<RecordData> records) {
		return records.stream().map(r -> (String) r.fields().get("sku")).toList();
	}

	// ---- reading -------------------------------------------------------------------------------------

	@Test
	void pagesFollowTheTotalHeadersAndAllRecordsComeOnce() throws Exception {
		for (int i = 1; i <= 230; i++) {
			product("SKU-" + i, "Item " + i, "1.00");
		}
		WooClient.Reply first = session.client().send("GET", "products", Map.of("per_page", "100"), null, true);
		assertEquals("230", first.header("X-WP-Total"));
		assertEquals("3", first.header("X-WP-TotalPages"));
		assertTrue(first.header("Link").contains("rel=\"next\""), first.header("Link"));

		List<String> read = new ArrayList<>();
		String cursor = null;
		ChangePage page;
		int pages = 0;
		do {
			page = session.readAll("product", cursor, 100);
			read.addAll(skus(page.changes()));
			cursor = page.nextCursor();
			pages++;
		} while (page.more());

		assertEquals(3, pages);
		assertEquals(230, read.size());
		assertEquals(230, new LinkedHashSet<>(read).size());
	}

	@Test
	void changesComeInClosedWindowsAndNoneIsMissedAtAnEdge() throws Exception {
		product("SKU-A", "Chair", "49.90"); // at 10:00:00
		syncClock.set("2026-11-22T10:00:10Z");
		assertEquals(OptionalLong.of(1), session.countChanges("product", null), "counted by the store");
		ChangePage first = session.readChanges("product", null, 100);
		assertEquals(List.of("SKU-A"), skus(first.changes()));
		assertEquals(Long.toString(Instant.parse("2026-11-22T10:00:08Z").getEpochSecond()), first.nextCursor(),
				"the window ends a little before now");

		storeClock.set("2026-11-22T10:00:08Z"); // exactly at the edge: after the first window
		product("SKU-B", "Table", "99.00");
		storeClock.set("2026-11-22T10:00:09Z");
		session.update("product", first.changes().get(0).id(), FieldValues.of(Map.of("name", "Armchair")));
		syncClock.set("2026-11-22T10:00:20Z");
		assertEquals(OptionalLong.of(2), session.countChanges("product", first.nextCursor()));
		ChangePage second = session.readChanges("product", first.nextCursor(), 100);

		assertEquals(List.of("SKU-B", "SKU-A"), skus(second.changes()), "oldest change first, the edge included");
		assertEquals("Armchair", second.changes().get(1).fields().get("name"));
		assertFalse(second.more());
	}

	@Test
	void aWindowWhoseRecordsMoveWhileItIsPagedIsReadAgain() throws Exception {
		List<String> ids = new ArrayList<>();
		for (int i = 1; i <= 5; i++) {
			ids.add(product("SKU-" + i, "Item " + i, "1.00").id());
		}
		syncClock.set("2026-11-22T10:00:30Z");
		ChangePage page = session.readChanges("product", null, 2);
		Set<String> seen = new LinkedHashSet<>(page.changes().stream().map(RecordData::id).toList());
		storeClock.set("2026-11-22T10:01:00Z"); // one of the records read changes now: it leaves the window
		session.update("product", ids.get(0), FieldValues.of(Map.of("name", "Changed")));

		while (page.more()) {
			page = session.readChanges("product", page.nextCursor(), 2);
			page.changes().forEach(r -> seen.add(r.id()));
		}
		assertEquals(Set.copyOf(ids), seen, "every record of the window was read although one moved out of it");

		syncClock.set("2026-11-22T10:02:00Z");
		ChangePage next = session.readChanges("product", page.nextCursor(), 100);
		assertEquals(List.of(ids.get(0)), next.changes().stream().map(RecordData::id).toList());
	}

	@Test
	void partnersAreFoundBySkuEmailAndOrderNumber() throws Exception {
		RecordData chair = product("SKU-1", "Chair", "49.90");
		RecordData ann = session.create("customer", FieldValues.of(Map.of("email", "ann@example.com", "first_name", "Ann")));
		RecordData order = session.create("salesorder", FieldValues.of(Map.of("order_ref", "SO-7", "status", "processing",
				"customer_id", Long.valueOf(ann.id()))));

		assertEquals(List.of(chair.id()), session.findByKey("product", "SKU-1").stream().map(RecordData::id).toList());
		assertEquals(List.of(ann.id()), session.findByKey("customer", "ANN@example.com").stream().map(RecordData::id).toList());
		assertEquals(List.of(order.id()), session.findByKey("salesorder", "SO-7").stream().map(RecordData::id).toList());
		assertEquals(List.of(), session.findByKey("product", "SKU-404"));
	}

	@Test
	void pagesOfCustomersWithoutAddressesAreNoContradictionWhenAddressesAreRead() throws Exception {
		for (int i = 1; i <= 4; i++) {
			session.create("customer", FieldValues.of(Map.of("email", "plain" + i + "@example.com")));
		}
		RecordData last = session.create("customer", FieldValues.of(Map.of("email", "housed@example.com")));
		session.create("address", FieldValues.of(Map.of("customer_id", Long.valueOf(last.id()), "kind", "billing",
				"street", "1 Quay Street", "city", "Cork")));
		syncClock.set("2026-11-22T10:01:00Z");

		List<RecordData> addresses = new ArrayList<>();
		String cursor = null;
		ChangePage page;
		do { // two customers a page: the first pages hold no address at all
			page = session.readChanges("address", cursor, 2);
			addresses.addAll(page.changes());
			cursor = page.nextCursor();
		} while (page.more());

		assertEquals(List.of(last.id() + "-billing"), addresses.stream().map(RecordData::id).toList());
	}

	@Test
	void addressesAndOrderLinesAreRecordsOfTheirOwn() throws Exception {
		RecordData chair = product("SKU-1", "Chair", "49.90");
		RecordData ann = session.create("customer", FieldValues.of(Map.of("email", "ann@example.com")));
		RecordData billing = session.create("address", FieldValues.of(Map.of("customer_id", Long.valueOf(ann.id()),
				"kind", "billing", "street", "1 Quay Street", "city", "Cork", "postcode", "T12", "country", "IE")));
		RecordData order = session.create("salesorder", FieldValues.of(Map.of("order_ref", "SO-1", "status", "pending",
				"customer_id", Long.valueOf(ann.id()))));
		RecordData line = session.create("salesorderline", FieldValues.of(Map.of("order_id", Long.valueOf(order.id()),
				"item_id", Long.valueOf(chair.id()), "quantity", 2L, "unit_price", new BigDecimal("49.90"))));

		assertEquals(ann.id() + "-billing", billing.id());
		assertEquals("Cork", session.read("address", billing.id()).orElseThrow().fields().get("city"));
		assertEquals(2L, session.read("salesorderline", line.id()).orElseThrow().fields().get("quantity"));
		assertEquals(0, new BigDecimal("99.80").compareTo(
				(BigDecimal) session.read("salesorder", order.id()).orElseThrow().fields().get("total")));

		ConnectorException wrongKind = assertThrows(ConnectorException.class, () -> session.create("address",
				FieldValues.of(Map.of("customer_id", Long.valueOf(ann.id()), "kind", "office", "street", "x", "city", "y"))));
		assertEquals("kind", wrongKind.field());
	}

	// ---- refusals ------------------------------------------------------------------------------------

	@Test
	void eachBatchItemFailsOnItsOwnWithTheStoresMessageAndField() throws Exception {
		product("SKU-1", "Chair", "49.90");

		ConnectorException duplicate = assertThrows(ConnectorException.class, () -> product("SKU-1", "Other", "1.00"));
		ConnectorException badEmail = assertThrows(ConnectorException.class,
				() -> session.create("customer", FieldValues.of(Map.of("email", "not-an-email"))));

		assertEquals(Kind.RECORD_REJECTED, duplicate.kind());
		assertEquals("sku", duplicate.field());
		assertEquals("product (new): the web store refused it: Invalid or duplicated SKU.", duplicate.getMessage());
		assertEquals("email", badEmail.field());
		assertTrue(badEmail.getMessage().contains("Invalid email address."), badEmail.getMessage());
		assertEquals(1, session.readAll("product", null, 100).changes().size(), "nothing half-written");
	}

	@Test
	void aPageIsWrittenInBatchesUpToTheLimitAndEachItemIsAnsweredInOrder() throws Exception {
		RecordData existing = product("SKU-0", "Chair", "49.90");
		List<RecordWrite> writes = new ArrayList<>();
		for (int i = 1; i <= 150; i++) {
			writes.add(RecordWrite.create(FieldValues.of(Map.of("sku", "SKU-" + i, "name", "Item " + i))));
		}
		writes.add(RecordWrite.create(FieldValues.of(Map.of("sku", "SKU-0", "name", "Duplicate"))));
		writes.add(RecordWrite.update(existing.id(), FieldValues.of(Map.of("name", "Armchair"))));
		long before = store.faults().counts()[0];

		List<WriteResult> results = session.writeAll("product", writes);

		assertEquals(2, store.faults().counts()[0] - before, "152 writes in two requests of at most 100");
		assertEquals(152, results.size());
		for (int i = 0; i < 150; i++) {
			assertEquals("SKU-" + (i + 1), results.get(i).written().fields().get("sku"), "answers in the order asked");
		}
		assertEquals("sku", results.get(150).refused().field(), "the duplicate fails alone");
		assertEquals(Kind.RECORD_REJECTED, results.get(150).refused().kind());
		assertEquals("Armchair", results.get(151).written().fields().get("name"));
		assertEquals(151, session.readAll("product", null, 100).changes().size()
				+ session.readAll("product", "2", 100).changes().size());
	}

	@Test
	void aPageIsReadAndLookedUpByKeyInOneRequestEach() throws Exception {
		RecordData first = product("SKU-1", "Chair", "49.90");
		RecordData second = product("SKU-2", "Table", "99.00");
		product("SKU-3", "Lamp", "19.00");
		long before = store.faults().counts()[0];

		Map<String, RecordData> read = session.readEach("product", List.of(first.id(), second.id(), "999", "bad id"));
		Map<String, List<RecordData>> found = session.findByKeys("product", List.of("SKU-1", "SKU-3", "SKU-9"));

		assertEquals(2, store.faults().counts()[0] - before, "one request each");
		assertEquals(Set.of(first.id(), second.id()), read.keySet(), "ids that are gone are left out");
		assertEquals("Table", read.get(second.id()).fields().get("name"));
		assertEquals(List.of("SKU-1"), skus(found.get("SKU-1")));
		assertEquals(List.of("SKU-3"), skus(found.get("SKU-3")));
		assertEquals(List.of(), found.get("SKU-9"));
	}

	@Test
	void aBatchWhoseAnswerIsLostIsNeverCreatedTwice() throws Exception {
		store.faults().droppedConnections(0.4);
		WooSession patient = session(WooCommerceSystem.credentials("ck_test", "cs_test"), 12);
		List<RecordWrite> writes = new ArrayList<>();
		for (int i = 1; i <= 40; i++) {
			writes.add(RecordWrite.create(FieldValues.of(Map.of("sku", "SKU-" + i, "name", "Item " + i))));
		}

		List<WriteResult> results = patient.writeAll("product", writes);
		store.faults().clear();

		assertTrue(results.stream().allMatch(r -> r.written() != null), "every item written");
		assertTrue(patient.retries() > 0, "answers were lost");
		List<RecordData> all = session.readAll("product", null, 100).changes();
		assertEquals(40, all.size());
		assertEquals(40, new LinkedHashSet<>(skus(all)).size(), "no SKU twice");
	}

	@Test
	void aBatchOverTheLimitIsRefusedWith413() throws Exception {
		ObjectNode batch = JsonNodeFactory.instance.objectNode();
		var create = batch.putArray("create");
		for (int i = 0; i < 101; i++) {
			create.addObject().put("name", "Item " + i);
		}
		WooClient.Reply reply = session.client().send("POST", "products/batch", Map.of(), batch, false);
		assertEquals(413, reply.status());
		assertEquals("Unable to accept more than 100 items for this request.", WooClient.errorMessage(reply));
	}

	// ---- faults --------------------------------------------------------------------------------------

	@Test
	void serverErrorsAndMalformedBodiesAreRetriedUntilEverythingIsThere() throws Exception {
		store.faults().serverErrors(0.3).malformedJson(0.2);
		WooSession patient = session(WooCommerceSystem.credentials("ck_test", "cs_test"), 12);
		for (int i = 1; i <= 15; i++) {
			patient.create("product", FieldValues.of(Map.of("sku", "SKU-" + i, "name", "Item " + i)));
		}
		store.faults().clear();

		assertEquals(15, session.readAll("product", null, 100).changes().size(), "each created once");
		assertTrue(patient.retries() > 0, "retries were needed: " + patient.retries());
	}

	@Test
	void droppedConnectionsNeverMakeADuplicate() throws Exception {
		store.faults().droppedConnections(0.4);
		WooSession patient = session(WooCommerceSystem.credentials("ck_test", "cs_test"), 12);
		for (int i = 1; i <= 15; i++) {
			patient.create("product", FieldValues.of(Map.of("sku", "SKU-" + i, "name", "Item " + i)));
		}
		store.faults().clear();

		List<RecordData> all = session.readAll("product", null, 100).changes();
		assertEquals(15, all.size());
		assertEquals(15, new LinkedHashSet<>(skus(all)).size(), "no SKU twice");
		assertTrue(patient.retries() > 0);
	}

	@Test
	void tooManyRequestsIsWaitedOutAsRetryAfterSays() throws Exception {
		store.faults().tooManyRequests(2, 1);
		long started = System.nanoTime();

		assertEquals(0, session.readAll("product", null, 100).changes().size());

		assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() >= 2000, "waited 2 x Retry-After: 1");
		assertEquals(2, session.retries());
	}

	@Test
	void aLargeImageIsStreamedWithAHeapSmallerThanIt(@org.junit.jupiter.api.io.TempDir java.nio.file.Path folder) throws Exception {
		long size = 400L * 1024 * 1024;
		assertTrue(Runtime.getRuntime().maxMemory() < size / 2, "the test JVM's heap is capped below the image");
		java.nio.file.Path image = folder.resolve("catalogue-photo.jpg");
		try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(image.toFile(), "rw")) {
			file.setLength(size);
			file.write(new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0 }); // a JPEG by its first bytes
			file.seek(size - 16);
			file.write("end of the photo".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
		}
		java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
		try (java.io.InputStream in = new java.security.DigestInputStream(java.nio.file.Files.newInputStream(image), sha)) {
			in.transferTo(java.io.OutputStream.nullOutputStream());
		}

		io.syncbench.connector.MediaFile photo = new io.syncbench.connector.FileFolder(folder, List.of(), size)
				.image("image", "(new)", "catalogue-photo.jpg");
		RecordData created = session.create("product", FieldValues.of(Map.of("sku", "SKU-PHOTO", "name", "Framed photo",
				"image", photo)));

		WooClient.Reply product = session.client().send("GET", "products/" + created.id(), Map.of(), null, true);
		long mediaId = product.body().path("images").path(0).path("id").asLong();
		assertTrue(mediaId > 0, product.body().toString());
		WooClient.Reply again = session.client().upload(photo);
		assertEquals(size, again.body().path("media_details").path("filesize").asLong());
		assertEquals(java.util.HexFormat.of().formatHex(sha.digest()), again.body().path("media_details").path("sha256").asText(),
				"the store got every byte");

		ConnectorException path = assertThrows(ConnectorException.class, () -> session.create("product",
				FieldValues.of(Map.of("sku", "SKU-X", "name", "X", "image", image.toString()))));
		assertEquals("image", path.field(), "a bare path is never opened by the connector, even of a real image");
	}

	@Test
	void cancellingAbortsTheRequestInFlight() throws Exception {
		store.faults().latency(10_000);
		java.util.concurrent.CompletableFuture<Object> read = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
			try {
				return session.readAll("product", null, 100);
			} catch (ConnectorException e) {
				return e;
			}
		});
		Thread.sleep(300);
		long cancelled = System.nanoTime();
		session.cancel();

		Object outcome = read.get(5, java.util.concurrent.TimeUnit.SECONDS);
		assertTrue(Duration.ofNanos(System.nanoTime() - cancelled).toMillis() < 2000, "aborted, not waited out");
		assertTrue(outcome instanceof ConnectorException, String.valueOf(outcome));
		assertTrue(((ConnectorException) outcome).getMessage().startsWith("The run was cancelled"),
				((ConnectorException) outcome).getMessage());
		assertThrows(ConnectorException.class, () -> session.readAll("product", null, 100), "a cancelled session refuses more");
	}

	@Test
	void latencyIsWaitedFor() throws Exception {
		store.faults().latency(300);
		long started = System.nanoTime();

		assertTrue(session.check().isReachable());
		assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() >= 300);
	}

	@Test
	void aRevokedKeyIsToldApartFromAStoreThatCannotBeReached() throws Exception {
		store.faults().revokeKey(true);
		Health revoked = session.check();
		ConnectorException refused = assertThrows(ConnectorException.class, () -> product("SKU-1", "Chair", "1.00"));

		assertEquals(Health.State.CREDENTIALS_REJECTED, revoked.state());
		assertTrue(revoked.message().contains("Consumer key is invalid."), revoked.message());
		assertEquals(Kind.CREDENTIALS_REJECTED, refused.kind());

		store.faults().clear();
		assertEquals(Health.State.CREDENTIALS_REJECTED,
				session(WooCommerceSystem.credentials("ck_test", "wrong"), 2).check().state());

		java.net.URI nowhere = java.net.URI.create("http://127.0.0.1:9/");
		WooSession unreachable = new WooSession(new WooClient(http, nowhere, "ck:cs".toCharArray(), 2, java.time.Duration.ofSeconds(30), timer), 100, 100, syncClock);
		Health down = unreachable.check();
		assertEquals(Health.State.UNREACHABLE, down.state());
		assertTrue(down.message().startsWith("The web store at http://127.0.0.1:9/ cannot be reached"), down.message());
		assertEquals(Kind.UNREACHABLE,
				assertThrows(ConnectorException.class, () -> unreachable.readAll("product", null, 10)).kind());
	}

	@Test
	void theConnectorServiceOpensSessionsFromSettings() throws Exception {
		Map<String, String> settings = new HashMap<>(Map.of(WooCommerceSystem.URL, store.baseUri().toString()));
		try (var opened = new WooConnector().open(settings, WooCommerceSystem.credentials("ck_test", "cs_test"))) {
			assertTrue(opened.check().isReachable(), opened.check().message());
		}
		settings.put(WooCommerceSystem.PAGE_SIZE, "500");
		IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
				() -> new WooConnector().open(settings, new char[0]));
		assertTrue(refused.getMessage().contains("pageSize"), refused.getMessage());
	}

	/** The checks the settings dialog makes as the operator types, without reaching the store. */
	@Test
	void settingsAreCheckedByTheirKeysAndRangesWithoutReachingTheStore() {
		WooConnector connector = new WooConnector();
		assertEquals(java.util.Optional.empty(), connector.checkSettings(Map.of(WooCommerceSystem.URL, "https://shop.example.com",
				WooCommerceSystem.PAGE_SIZE, "50", WooCommerceSystem.TIMEOUT_SECONDS, "60")));
		assertEquals("The web store setting pagesize is not one a web store takes. Its settings are: url, trustedCertificate,"
				+ " pageSize, batchLimit, timeoutSeconds, attempts.",
				connector.checkSettings(Map.of(WooCommerceSystem.URL, "https://shop.example.com", "pagesize", "50")).orElseThrow());
		assertEquals("The web store setting url is missing. Enter it in Properties > Systems.",
				connector.checkSettings(Map.of()).orElseThrow());
		assertEquals("The web store setting attempts must be a whole number from 1 to 20; it is \"abc\".",
				connector.checkSettings(Map.of(WooCommerceSystem.URL, "https://shop.example.com", WooCommerceSystem.ATTEMPTS, "abc"))
						.orElseThrow());
		assertTrue(connector.checkSettings(Map.of(WooCommerceSystem.URL, "ftp://shop.example.com")).orElseThrow()
				.startsWith("The web store address ftp://shop.example.com is not a web address"));
		assertTrue(connector.checkSettings(Map.of(WooCommerceSystem.URL, "http://shop.example.com")).orElseThrow()
				.contains("uses plain http"));
		assertTrue(connector.checkSettings(Map.of(WooCommerceSystem.URL, "https://shop.example.com",
				WooCommerceSystem.TRUSTED_CERTIFICATE, "/nonexistent/store.pem")).orElseThrow()
				.startsWith("The web store setting trustedCertificate names /nonexistent/store.pem, which is not a certificate file"));
		assertEquals(List.of("url", "trustedCertificate", "pageSize", "batchLimit", "timeoutSeconds", "attempts"),
				connector.settingKeys().stream().map(io.syncbench.connector.SettingKey::key).toList());
	}

}
