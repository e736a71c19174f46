package io.syncbench.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.eclipse.core.runtime.IStatus;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.syncbench.connector.woocommerce.WooCommerceSystem;
import io.syncbench.engine.testsupport.CompanyRuns;
import io.syncbench.engine.testsupport.HostileServer;
import io.syncbench.store.ConnectedSystem.Role;
import io.syncbench.store.StatusScope;
import io.syncbench.store.SyncState;
import io.syncbench.store.SyncStatus;

/**
 * The demo end to end against hostile input: item images that name files outside the image folder,
 * keys that differ only in case or Unicode form, and a web store behind a proxy that redirects or
 * answers in the wrong shape. Both sides are compared after each: nothing left a file it should not,
 * nothing was split in two, nothing was deleted or skipped on a bad answer.
 */
class HostileDemoTest extends DemoTestBase {

	/** A PNG of one transparent pixel. */
	private static final byte[] PIXEL = HexFormat.of().parseHex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
			+ "1f15c4890000000d49444154789c6360000002000100ffff03000006000557bfabd40000000049454e44ae426082");

	private Path images() {
		return workspace.resolve("demo").resolve(DemoCompany.IMAGES);
	}

	private IStatus runAnyway() throws InterruptedException {
		return CompanyRuns.runToEnd(store, registry(), this::credentials, demo).getResult();
	}

	private SyncStatus status(String system, String entity, String localId) {
		return store.syncStatus().findByLocalId(new StatusScope(demo.id(), system, entity), localId).orElseThrow();
	}

	@Test
	void anImageIsUploadedOnlyFromTheImageFolderAndEveryHostilePathFailsNamingImage() throws Exception {
		Path secrets = workspace.resolve("secrets");
		List<Path> secretFiles;
		try (Stream<Path> files = Files.list(secrets)) {
			secretFiles = files.filter(Files::isRegularFile).toList();
		}
		assertFalse(secretFiles.isEmpty(), "the demo's key is in secure storage");
		Files.createSymbolicLink(images().resolve("master-key.png"), secretFiles.get(0));
		Files.createSymbolicLink(images().resolve("passwd.png"), Path.of("/etc/passwd"));
		Files.createSymbolicLink(images().resolve("environ.png"), Path.of("/proc/self/environ"));
		Files.createSymbolicLink(images().resolve("store"), workspace.resolve("store"));
		Process fifo = new ProcessBuilder("mkfifo", images().resolve("pipe.png").toString()).start();
		assertTrue(fifo.waitFor(10, TimeUnit.SECONDS) && fifo.exitValue() == 0, "mkfifo");
		try (RandomAccessFile sparse = new RandomAccessFile(images().resolve("poster.png").toFile(), "rw")) {
			sparse.write(PIXEL);
			sparse.setLength(2L * 1024 * 1024 * 1024);
		}
		Files.writeString(images().resolve("notes.png"), "a text file with an image's name");
		Files.write(images().resolve("lamp.png"), PIXEL);
		List<String> hostile = new ArrayList<>(List.of("/etc/passwd", "/proc/self/environ", "master-key.png", "passwd.png",
				"environ.png", "store/service.properties", "../erp/service.properties", "pipe.png", "poster.png", "notes.png",
				"nowhere.png", workspace.resolve("store").toString()));
		secretFiles.forEach(file -> hostile.add(file.toString()));
		Map<String, String> items = new LinkedHashMap<>();
		List<HostileRecords> rows = new ArrayList<>();
		for (int i = 0; i < hostile.size(); i++) {
			rows.add(HostileRecords.failing(hostile.get(i), "image",
					Map.of("SKU", "IMG-" + i, "NAME", "Framed " + i, "PRICE", java.math.BigDecimal.ONE, "IMAGE", hostile.get(i))));
		}
		rows.add(HostileRecords.intact("an image in the folder", "image",
				Map.of("SKU", "IMG-OK", "NAME", "Lamp", "PRICE", java.math.BigDecimal.ONE, "IMAGE", "lamp.png")));
		insert("ITEM", rows).forEach((row, id) -> items.put(id, row.label()));

		IStatus result = runAnyway();

		assertTrue(result.getSeverity() < IStatus.ERROR, "the run goes on past bad records: " + result);
		List<String> wrong = new ArrayList<>();
		items.forEach((id, label) -> {
			SyncStatus web = status(DemoCompany.WEBSTORE, "product", id);
			boolean ok = label.equals("an image in the folder") ? web.state() == SyncState.SYNCHRONIZED
					: web.state() == SyncState.FAILED && "image".equals(web.errorField()) && web.errorMessage().contains(id)
							&& web.externalId() == null;
			if (!ok) {
				wrong.add(label + ": " + web.state() + " " + web.errorField() + " " + web.errorMessage());
			}
		});
		assertEquals(List.of(), wrong);
		JsonNode media = web("GET", "/wp-json/wp/v2/media", null);
		assertEquals(1, media.size(), "the media library holds the lamp alone: " + media);
		assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(PIXEL)),
				media.get(0).path("media_details").path("sha256").asText());
		JsonNode lamp = web("GET", "products?sku=IMG-OK", null).get(0);
		assertEquals(media.get(0).path("id").asLong(), lamp.path("images").path(0).path("id").asLong());
		assertEquals(1, web("GET", "products?sku=IMG-0", null).size() + web("GET", "products?sku=IMG-OK", null).size(),
				"no product with a refused image is in the web store");
	}

	@Test
	void keysThatDifferOnlyInCaseOrUnicodeFormLinkOrAreReportedAsDuplicatesNeverSplit() throws Exception {
		execute(DemoCompany.DATABASE, "INSERT INTO CUSTOMER (EMAIL, FIRST_NAME, LAST_NAME) VALUES ('zed@branch.example', 'Zed', 'Zero')");
		execute(DemoCompany.BRANCH, "INSERT INTO CUSTOMER (EMAIL, FIRST_NAME, LAST_NAME) VALUES ('Zed@Branch.example', 'Zed', 'Zero')");
		Map<String, String> skus = new LinkedHashMap<>();
		skus.put("CASE-A", "case-a");
		skus.put("CAF\u00C9", "CAFE\u0301");
		skus.put("K-1", "\u212A-1");
		List<HostileRecords> items = new ArrayList<>();
		skus.forEach((first, variant) -> {
			items.add(HostileRecords.intact(first, "sku", Map.of("SKU", first, "NAME", first, "PRICE", java.math.BigDecimal.TEN)));
			items.add(HostileRecords.failing(variant, "sku", Map.of("SKU", variant, "NAME", variant, "PRICE", java.math.BigDecimal.TEN)));
		});
		Map<HostileRecords, String> ids = insert("ITEM", items);

		run();
		run();

		assertEquals(1, count(DemoCompany.DATABASE, "SELECT COUNT(*) FROM CUSTOMER WHERE LOWER(EMAIL) = 'zed@branch.example'"));
		assertEquals(1, count(DemoCompany.BRANCH, "SELECT COUNT(*) FROM CUSTOMER WHERE LOWER(EMAIL) = 'zed@branch.example'"));
		assertEquals(1, web("GET", "customers?email=zed@branch.example", null).size());
		String zed = rows(DemoCompany.DATABASE, "SELECT ID FROM CUSTOMER WHERE EMAIL = 'zed@branch.example'").get(0).get("ID")
				.toString();
		for (String system : List.of(DemoCompany.BRANCH, DemoCompany.WEBSTORE)) {
			SyncStatus pair = status(system, "customer", zed);
			assertEquals(SyncState.SYNCHRONIZED, pair.state(), system + ": " + pair.errorMessage());
		}
		List<String> wrong = new ArrayList<>();
		for (HostileRecords item : items) {
			SyncStatus web = status(DemoCompany.WEBSTORE, "product", ids.get(item));
			boolean ok = item.fails() ? web.state() == SyncState.FAILED && "sku".equals(web.errorField())
					&& web.errorMessage().contains("rename one of them") && web.externalId() == null
					: web.state() == SyncState.SYNCHRONIZED;
			if (!ok) {
				wrong.add(item.label() + ": " + web.state() + " " + web.errorMessage());
			}
		}
		assertEquals(List.of(), wrong);
		for (String first : skus.keySet()) {
			assertEquals(1, web("GET", "products?sku=" + java.net.URLEncoder.encode(first, "UTF-8"), null).size(), first);
		}
		assertEquals(6, count(DemoCompany.BRANCH, "SELECT COUNT(*) FROM ITEM WHERE NAME IN ('CASE-A', 'case-a', 'CAF\u00C9',"
				+ " 'CAFE\u0301', 'K-1', '\u212A-1')"), "the branch's database tells these SKUs apart, as the company's does");
	}

	@Test
	void aPriceWithMoreDecimalsThanTheCompanyDatabaseHoldsFailsInsteadOfArrivingRounded() throws Exception {
		run();
		String buyer = web("GET", "customers?email=" + rows(DemoCompany.DATABASE,
				"SELECT EMAIL FROM CUSTOMER ORDER BY ID FETCH FIRST 1 ROWS ONLY").get(0).get("EMAIL"), null).get(0).get("id").asText();
		String lamp = web("GET", "products?sku=SB-00007", null).get(0).get("id").asText();
		JsonNode order = web("POST", "orders", "{\"status\":\"processing\",\"customer_id\":" + buyer
				+ ",\"line_items\":[{\"product_id\":" + lamp + ",\"quantity\":1,\"price\":\"1.0000000001\"}]}");
		Thread.sleep(3500); // changes are read once they are 2 s old

		runAnyway();

		// The store keeps the line's price as given and rounds the order's total to its 2 decimals, as WooCommerce does.
		String lineId = order.get("id").asText() + "-" + order.get("line_items").get(0).get("id").asText();
		SyncStatus line = store.syncStatus().findByExternalId(new StatusScope(demo.id(), DemoCompany.WEBSTORE,
				"salesorderline"), lineId).orElseThrow();
		assertEquals(SyncState.FAILED, line.state(), line.errorMessage());
		assertEquals("unit_price", line.errorField());
		assertTrue(line.errorMessage().contains("1.0000000001") && line.errorMessage().contains("2 digits after"),
				line.errorMessage());
		assertEquals(0, count(DemoCompany.DATABASE, "SELECT COUNT(*) FROM SALES_ORDER_LINE WHERE UNIT_PRICE = 1"),
				"no line arrived rounded");
	}

	@Test
	void behindAProxyThatRedirectsOrAnswersInTheWrongShapeTheRunFailsAndNothingIsLostOrDeleted() throws Exception {
		run();
		try (HostileServer proxy = HostileServer.start("127.0.0.1", webStore.baseUri());
				HostileServer elsewhere = HostileServer.start("127.0.0.2", null)) {
			store.syncSetup().saveSystem(demo.id(), DemoCompany.WEBSTORE, WooCommerceSystem.TYPE, Role.OUTSIDE_SYSTEM,
					Map.of(WooCommerceSystem.URL, proxy.baseUri().toString(), WooCommerceSystem.ATTEMPTS, "1"), true);
			proxy.answer(request -> request.method().equals("GET") ? HostileServer.redirect(302,
					elsewhere.baseUri().resolve(request.target().substring(1)).toString()) : null);
			JsonNode newcomer = web("POST", "customers", "{\"email\":\"newcomer@example.com\",\"first_name\":\"New\","
					+ "\"last_name\":\"Comer\"}");
			Thread.sleep(3500);

			IStatus redirected = runAnyway();

			assertTrue(redirected.getSeverity() >= IStatus.WARNING && String.valueOf(redirected).contains("redirect"),
					redirected.toString());
			assertEquals(List.of(), elsewhere.requests(), "nothing reached the other host");
			assertEquals(0, count(DemoCompany.DATABASE, "SELECT COUNT(*) FROM CUSTOMER WHERE EMAIL = 'newcomer@example.com'"));

			long customers = count(DemoCompany.DATABASE, "SELECT COUNT(*) FROM CUSTOMER");
			web("PUT", "customers/" + web("GET", "customers?per_page=1&orderby=id&order=asc", null).get(0).get("id").asText(),
					"{\"first_name\":\"Renamed\"}"); // a change whose record the proxy then hides
			Thread.sleep(3500);
			proxy.answer(request -> request.method().equals("GET") && request.target().contains("include=")
					? HostileServer.reply(HostileServer.Reply.json(200, "{\"unexpected\":true}")) : null);

			IStatus malformed = runAnyway();

			assertTrue(malformed.getSeverity() >= IStatus.WARNING && String.valueOf(malformed).contains("where a list belongs"),
					malformed.toString());
			assertEquals(customers, count(DemoCompany.DATABASE, "SELECT COUNT(*) FROM CUSTOMER"), "nobody was deleted");

			proxy.answer(request -> null);
			IStatus mended = runAnyway();

			assertTrue(mended.getSeverity() < IStatus.ERROR, mended.toString());
			assertEquals(1, count(DemoCompany.DATABASE, "SELECT COUNT(*) FROM CUSTOMER WHERE EMAIL = 'newcomer@example.com'"),
					"the customer made while the store redirected arrived once it answered: the cursor had stayed");
			assertEquals(customers + 1, count(DemoCompany.DATABASE, "SELECT COUNT(*) FROM CUSTOMER"));
			assertEquals(1, count(DemoCompany.DATABASE, "SELECT COUNT(*) FROM CUSTOMER WHERE FIRST_NAME = 'Renamed'"));
			assertTrue(newcomer.get("id").asLong() > 0);
			run();
			assertEquals(customers + 1, count(DemoCompany.BRANCH, "SELECT COUNT(*) FROM CUSTOMER"),
					"and went on to the branch; nobody was deleted there either");
			assertFalse(elsewhere.requests().stream().anyMatch(r -> r.header("authorization") != null));
		}
	}
}
