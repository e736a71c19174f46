import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Crash safety of the headless sync service, against the real product: the demo company with
 * {@code records} generated items in its Derby database, the sandbox web store in a process of its
 * own, and the service killed with SIGKILL {@code kills} times at random moments of its runs while
 * customers and orders arrive in the web store and customers and prices change in the company
 * database (while the service is down: embedded Derby admits one process). After the last restart
 * the service runs until a run finds nothing left to do, is stopped, and both sides are compared
 * record by record: nothing lost, nothing applied twice, every status row synchronized and unleased.
 *
 * <p>Run by {@code releng/scripts/crash-test.sh [records] [kills] [seed]}; exits 1 with the
 * differences when a check fails.
 */
public final class CrashTest {

	private static final String KEY = "ck_demo_sandbox";
	private static final String SECRET = "cs_demo_sandbox";
	private static final Pattern WORK_LEFT = Pattern.compile("\\d+ (sent|received|deleted|locked|failed|skipped)");
	private static final Duration CONVERGENCE = Duration.ofMinutes(15);

	private final Path product;
	private final Path work;
	private final int records;
	private final int kills;
	private final Random random;
	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
	private final ObjectMapper json = new ObjectMapper();
	private final List<String> problems = new ArrayList<>();
	private final List<Long> webCustomers = new ArrayList<>();
	private final Set<String> erpEmailsWritten = new HashSet<>();
	/** Where the complete update of the web store's products stood after each kill that cut it off. */
	private final List<String> resendPositions = new ArrayList<>();
	private URI base;
	private int webOrdersPlaced;
	/** The web store's process, started again after each time it is killed. */
	private Process sandbox;
	private Thread shopper;

	private CrashTest(Path product, Path work, int records, int kills, long seed) {
		this.product = product;
		this.work = work;
		this.records = records;
		this.kills = kills;
		this.random = new Random(seed);
	}

	public static void main(String[] arguments) throws Exception {
		Class.forName("org.apache.derby.jdbc.EmbeddedDriver"); // the product's Derby bundle, on the class path
		Path product = Path.of(arguments[0]);
		Path work = Path.of(arguments[1]);
		int records = Integer.parseInt(arguments[2]);
		int kills = Integer.parseInt(arguments[3]);
		long seed = Long.parseLong(arguments[4]);
		System.exit(new CrashTest(product, work, records, kills, seed).run() ? 0 : 1);
	}

	private boolean run() throws Exception {
		Files.createDirectories(work);
		Path workspace = work.resolve("workspace");
		int port;
		try (ServerSocket free = new ServerSocket(0)) {
			port = free.getLocalPort();
		}
		base = URI.create("http://127.0.0.1:" + port + "/wp-json/wc/v3/");
		sandbox = startSandbox(port, "sandbox");
		try {
			Process generate = launch("generate", null, "-application", "io.syncbench.demo.generate", "-data", "@none",
					"-consoleLog", "-items", Integer.toString(records), "-database",
					workspace.resolve("demo").resolve("erp").toString());
			if (generate.waitFor() != 0) {
				throw new IllegalStateException("generating the items failed; see " + work.resolve("generate.log"));
			}
			say("%,d items in the company database; the web store on port %d", records, port);
			for (int round = 1; round <= kills; round++) {
				Process service = launch("service-" + round, port, "-application", "io.syncbench.service.headless",
						"-consoleLog", "-data", workspace.toString(), "-demo");
				Path log = work.resolve("service-" + round + ".log");
				AtomicBoolean running = new AtomicBoolean(true);
				int currentRound = round;
				shopper = new Thread(() -> shop(currentRound, running), "web shopper");
				shopper.start();
				// The first start, and one in four after it, is killed from its launch on: while the store's schema
				// and the demo are set up. One in four of the others is stopped and killed during its shutdown.
				boolean duringStart = round == 1 || random.nextInt(4) == 0;
				boolean duringShutdown = !duringStart && random.nextInt(3) == 0;
				if (!duringStart) {
					waitFor("the service to start", () -> Files.readString(log).contains(" started on the store at "),
							Duration.ofMinutes(2));
				}
				long lifetime = duringStart ? 500 + random.nextInt(6_000) : random.nextInt(8_000);
				// One round in four, the web store is killed too, mid-run, and started again a moment later.
				boolean storeKilled = !duringStart && random.nextInt(4) == 0;
				String storeMoment = "";
				if (storeKilled) {
					long before = random.nextInt((int) lifetime + 1);
					Thread.sleep(before);
					running.set(false); // the shopper pauses: an order whose answer the kill cut off would be counted wrongly
					shopper.join();
					sandbox.destroyForcibly();
					sandbox.waitFor();
					long down = 200 + random.nextInt(3_000);
					Thread.sleep(down);
					sandbox = startSandbox(port, "sandbox-" + round);
					storeMoment = String.format(Locale.ROOT, "; the web store was killed %.1f s in, down %.1f s", before / 1000.0,
							down / 1000.0);
					running.set(true);
					shopper = new Thread(() -> shop(currentRound, running), "web shopper");
					shopper.start();
					Thread.sleep(lifetime - before);
				} else {
					Thread.sleep(lifetime);
				}
				String moment = (duringStart ? "after its launch, while it starts" : "after start-up") + storeMoment;
				if (duringShutdown) {
					service.destroy(); // SIGTERM: the service begins to stop...
					long grace = random.nextInt(1_500);
					Thread.sleep(grace);
					moment = String.format(Locale.ROOT, "after start-up, %.1f s into its shutdown", grace / 1000.0);
				}
				service.destroyForcibly(); // SIGKILL: no shutdown hook, no lease given back
				service.waitFor();
				running.set(false);
				shopper.join();
				String tookOver = Files.readAllLines(log).stream().filter(line -> line.startsWith("!MESSAGE Took over"))
						.map(line -> line.substring("!MESSAGE ".length(), line.indexOf(" that "))).findFirst().orElse("");
				say("kill %2d %4.1f s %s%s; the log ended with: %s", round, lifetime / 1000.0, moment,
						tookOver.isEmpty() ? "" : " (" + tookOver.toLowerCase(Locale.ROOT) + " of the kill before)",
						lastLine(log));
				resendProgress(workspace).ifPresent(position -> {
					say("        the complete update of the web store's products stopped after item id %s", position);
					resendPositions.add(position);
				});
				if (Files.exists(workspace.resolve("demo").resolve("erp"))) {
					changeCompanyDatabase(workspace, round);
				}
			}
			Process last = launch("service-final", port, "-application", "io.syncbench.service.headless", "-consoleLog",
					"-data", workspace.toString(), "-demo");
			Path log = work.resolve("service-final.log");
			try {
				waitFor("a run with nothing left to do", () -> converged(log), CONVERGENCE);
			} catch (IllegalStateException gaveUp) {
				last.destroyForcibly(); // left running, it would hold the workspace of the next test run
				throw gaveUp;
			}
			last.destroy(); // SIGTERM: the service stops and says so
			if (!last.waitFor(60, TimeUnit.SECONDS)) {
				last.destroyForcibly();
				problems.add("the service did not stop within a minute of SIGTERM");
			}
			compare(workspace);
		} finally {
			sandbox.destroy();
			sandbox.waitFor(30, TimeUnit.SECONDS);
		}
		if (problems.isEmpty()) {
			say("PASSED: %d kills, nothing lost, nothing applied twice, every status row synchronized", kills);
			return true;
		}
		say("FAILED:");
		problems.forEach(problem -> say("  - %s", problem));
		return false;
	}

	/** The sandbox web store in a process of its own, on {@code port}, with its data kept across kills. */
	private Process startSandbox(int port, String name) throws Exception {
		Process started = launch(name, null, "-application", "io.syncbench.sandbox.server", "-data", "@none",
				"-consoleLog", "-port", Integer.toString(port), "-database", work.resolve("webstore").toString(), "-key", KEY,
				"-secret", SECRET);
		waitFor("the sandbox web store", () -> {
			try {
				return get("products?per_page=1").statusCode() == 200;
			} catch (IOException e) {
				return false; // not listening yet
			}
		}, Duration.ofMinutes(2));
		return started;
	}

	/** Where the complete update of the web store's products would go on from, if one is under way. */
	private Optional<String> resendProgress(Path workspace) {
		Path database = workspace.resolve("syncbench-db");
		if (!Files.exists(database)) {
			return Optional.empty(); // killed before the store was made
		}
		try (Connection store = DriverManager.getConnection("jdbc:derby:" + database);
				Statement statement = store.createStatement();
				ResultSet progress = statement.executeQuery("SELECT POSITION FROM SB_RESEND_PROGRESS"
						+ " WHERE SYSTEM_NAME = 'webstore' AND ENTITY = 'product'")) {
			return progress.next() ? Optional.ofNullable(progress.getString(1)) : Optional.empty();
		} catch (SQLException e) {
			return Optional.empty(); // killed while the schema was made: nothing to go on from yet
		} finally {
			shutDown(database);
		}
	}

	// ---- the outside world changing ------------------------------------------------------------------

	/** While the service runs: new customers and orders arrive in the web store. */
	private void shop(int round, AtomicBoolean running) {
		int made = 0;
		while (running.get()) {
			try {
				Thread.sleep(300 + random.nextInt(400));
				if (made % 2 == 0 || webCustomers.isEmpty()) {
					String email = "web-" + round + "-" + made + "@crash.example";
					HttpResponse<String> reply = post("customers", Map.of("email", email, "first_name", "Web",
							"last_name", "Shopper " + round + "-" + made));
					if (reply.statusCode() == 201) {
						webCustomers.add(json.readTree(reply.body()).path("id").asLong());
					}
				} else {
					JsonNode products = json.readTree(get("products?per_page=20&orderby=id&order=asc").body());
					if (products.isArray() && products.size() > 0) {
						long productId = products.get(random.nextInt(products.size())).path("id").asLong();
						long customer = webCustomers.get(random.nextInt(webCustomers.size()));
						HttpResponse<String> reply = post("orders", Map.of("status", "processing", "customer_id", customer,
								"line_items", List.of(Map.of("product_id", productId, "quantity", 1 + random.nextInt(3)))));
						if (reply.statusCode() == 201) {
							webOrdersPlaced++;
						}
					}
				}
				made++;
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	/** While the service is down: new customers and changed prices in the company database. */
	private void changeCompanyDatabase(Path workspace, int round) throws SQLException {
		try (Connection erp = erp(workspace)) {
			try (PreparedStatement insert = erp
					.prepareStatement("INSERT INTO CUSTOMER (EMAIL, FIRST_NAME, LAST_NAME) VALUES (?, ?, ?)")) {
				for (int k = 0; k < 3; k++) {
					String email = "erp-" + round + "-" + k + "@crash.example";
					insert.setString(1, email);
					insert.setString(2, "Erp");
					insert.setString(3, "Customer " + round + "-" + k);
					insert.executeUpdate();
					erpEmailsWritten.add(email);
				}
			}
			try (PreparedStatement update = erp.prepareStatement("UPDATE ITEM SET NAME = ? WHERE ID = ?")) {
				for (int k = 0; k < Math.max(50, records / 5); k++) { // enough work for the next run to be killed in
					update.setString(1, "Renamed in round " + round);
					update.setLong(2, 1 + random.nextInt(records));
					update.executeUpdate();
				}
			}
		} finally {
			shutDown(workspace.resolve("demo").resolve("erp"));
		}
	}

	// ---- the comparison ------------------------------------------------------------------------------

	private void compare(Path workspace) throws Exception {
		Map<String, String> erpItems = new HashMap<>();
		Set<String> erpEmails = new HashSet<>();
		List<String> erpOrderRefs = new ArrayList<>();
		Map<String, String> branchItems = new HashMap<>();
		try (Connection erp = erp(workspace); Statement statement = erp.createStatement()) {
			try (ResultSet items = statement.executeQuery("SELECT SKU, NAME FROM ITEM")) {
				while (items.next()) {
					erpItems.put(items.getString(1), items.getString(2));
				}
			}
			try (ResultSet customers = statement.executeQuery("SELECT EMAIL FROM CUSTOMER")) {
				while (customers.next()) {
					erpEmails.add(customers.getString(1).toLowerCase(Locale.ROOT));
				}
			}
			try (ResultSet orders = statement.executeQuery("SELECT ORDER_REF FROM SALES_ORDER")) {
				while (orders.next()) {
					erpOrderRefs.add(orders.getString(1));
				}
			}
		} finally {
			shutDown(workspace.resolve("demo").resolve("erp"));
		}
		Path branch = workspace.resolve("demo").resolve("branch-shop");
		try (Connection shop = DriverManager.getConnection("jdbc:derby:" + branch);
				Statement statement = shop.createStatement();
				ResultSet items = statement.executeQuery("SELECT SKU, NAME FROM ITEM")) {
			while (items.next()) {
				branchItems.put(items.getString(1), items.getString(2));
			}
		} finally {
			shutDown(branch);
		}

		List<JsonNode> webProducts = all("products");
		List<JsonNode> webCustomerDocuments = all("customers");
		List<JsonNode> webOrders = all("orders");
		say("company database: %,d items, %,d customers, %,d sales orders; web store: %,d products, %,d customers, %,d orders",
				erpItems.size(), erpEmails.size(), erpOrderRefs.size(), webProducts.size(), webCustomerDocuments.size(),
				webOrders.size());

		Map<String, Integer> webSkus = counts(webProducts, "sku", false);
		duplicates("SKU in the web store", webSkus);
		missing("items of the company database not in the web store", erpItems.keySet(), webSkus.keySet());
		missing("products of the web store not in the company database", webSkus.keySet(), erpItems.keySet());
		long stale = webProducts.stream().filter(p -> !p.path("name").asText().equals(erpItems.get(p.path("sku").asText())))
				.count();
		check(stale == 0, stale + " web store products do not have the company database's name");
		missing("items of the company database not in the branch shop", erpItems.keySet(), branchItems.keySet());
		long branchStale = branchItems.entrySet().stream().filter(e -> !e.getValue().equals(erpItems.get(e.getKey()))).count();
		check(branchStale == 0, branchStale + " branch shop items do not have the company database's name");

		Map<String, Integer> webEmails = counts(webCustomerDocuments, "email", true);
		duplicates("customer email in the web store", webEmails);
		missing("customers of the company database not in the web store", erpEmails, webEmails.keySet());
		missing("customers of the web store not in the company database", webEmails.keySet(), erpEmails);
		missing("customers written to the company database that are gone", erpEmailsWritten, erpEmails);
		check(webCustomerDocuments.size() >= webCustomers.size(), "web customers placed: " + webCustomers.size()
				+ ", in the web store: " + webCustomerDocuments.size());

		Map<String, Integer> webNumbers = counts(webOrders, "number", false);
		duplicates("order number in the web store", webNumbers);
		Map<String, Integer> erpRefs = new TreeMap<>();
		erpOrderRefs.forEach(ref -> erpRefs.merge(ref, 1, Integer::sum));
		duplicates("sales order reference in the company database", erpRefs);
		missing("web store orders not in the company database", webNumbers.keySet(), erpRefs.keySet());
		check(webOrders.size() == webOrdersPlaced, "orders placed: " + webOrdersPlaced + ", in the web store: "
				+ webOrders.size());

		try (Connection store = DriverManager.getConnection("jdbc:derby:" + workspace.resolve("syncbench-db"));
				Statement statement = store.createStatement()) {
			try (ResultSet states = statement.executeQuery(
					"SELECT SYSTEM_NAME, ENTITY, STATE, COUNT(*) FROM SB_SYNC_STATUS GROUP BY SYSTEM_NAME, ENTITY, STATE")) {
				StringBuilder table = new StringBuilder();
				while (states.next()) {
					table.append(String.format(Locale.ROOT, "%n    %-12s %-15s %-13s %,7d", states.getString(1),
							states.getString(2), states.getString(3), states.getLong(4)));
					check(states.getString(3).equals("SYNCHRONIZED"), states.getLong(4) + " status rows of "
							+ states.getString(1) + "/" + states.getString(2) + " are " + states.getString(3));
				}
				say("status rows:%s", table);
			}
			try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM SB_SYNC_STATUS WHERE LEASE_OWNER IS NOT NULL"
					+ " OR LOCAL_ID IS NULL OR EXTERNAL_ID IS NULL OR PENDING <> 0")) {
				rows.next();
				check(rows.getLong(1) == 0, rows.getLong(1) + " status rows are leased, pending or lack an id");
			}
			try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM SB_RESEND_PROGRESS")) {
				rows.next();
				check(rows.getLong(1) == 0, rows.getLong(1) + " complete updates did not finish");
			}
			for (int i = 1; i < resendPositions.size(); i++) {
				check(Long.parseLong(resendPositions.get(i)) >= Long.parseLong(resendPositions.get(i - 1)),
						"the complete update went back from item " + resendPositions.get(i - 1) + " to "
								+ resendPositions.get(i) + " across a restart");
			}
			try (ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM SB_SYNC_STATUS WHERE SYSTEM_NAME = 'webstore'"
					+ " AND ENTITY = 'product'")) {
				rows.next();
				check(rows.getLong(1) == erpItems.size(), "web store product status rows: " + rows.getLong(1) + ", items: "
						+ erpItems.size());
			}
		} finally {
			shutDown(workspace.resolve("syncbench-db"));
		}
	}

	private static Map<String, Integer> counts(List<JsonNode> documents, String field, boolean lowerCase) {
		Map<String, Integer> counts = new TreeMap<>();
		for (JsonNode document : documents) {
			String value = document.path(field).asText();
			counts.merge(lowerCase ? value.toLowerCase(Locale.ROOT) : value, 1, Integer::sum);
		}
		return counts;
	}

	private void duplicates(String what, Map<String, Integer> counts) {
		List<String> twice = counts.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
		check(twice.isEmpty(), twice.size() + " " + what + " more than once, for example " + sample(twice));
	}

	private void missing(String what, Set<String> expected, Set<String> actual) {
		List<String> absent = expected.stream().filter(value -> !actual.contains(value)).sorted().toList();
		check(absent.isEmpty(), absent.size() + " " + what + ", for example " + sample(absent));
	}

	private static String sample(List<String> values) {
		return String.join(", ", values.subList(0, Math.min(5, values.size())));
	}

	private void check(boolean holds, String problem) {
		if (!holds) {
			problems.add(problem);
		}
	}

	// ---- plumbing ------------------------------------------------------------------------------------

	private Process launch(String name, Integer webstorePort, String... arguments) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(product.resolve("syncbench").toString());
		command.addAll(List.of(arguments));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(work.resolve(name + ".log").toFile());
		String vm = "-Xmx512m";
		if (webstorePort != null) { // the demo company sells through the sandbox of this test
			vm += " -Dsyncbench.demo.webstorePort=" + webstorePort;
		}
		builder.environment().put("SYNCBENCH_VM_ARGS", vm);
		return builder.start();
	}

	private static Connection erp(Path workspace) throws SQLException {
		return DriverManager.getConnection("jdbc:derby:" + workspace.resolve("demo").resolve("erp"));
	}

	/** Closes the embedded database, so that the service can open it again. */
	private static void shutDown(Path database) {
		try {
			DriverManager.getConnection("jdbc:derby:" + database + ";shutdown=true").close();
		} catch (SQLException e) {
			// Derby reports a shutdown as the exception 08006
		}
	}

	private boolean converged(Path log) {
		try {
			if (!Files.exists(log)) {
				return false;
			}
			return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
					.filter(line -> line.contains("Demo Company: Synchronized:"))
					.anyMatch(line -> !WORK_LEFT.matcher(line).find());
		} catch (IOException e) {
			return false;
		}
	}

	private List<JsonNode> all(String resource) throws IOException, InterruptedException {
		List<JsonNode> documents = new ArrayList<>();
		for (int page = 1;; page++) {
			HttpResponse<String> reply = get(resource + "?per_page=100&orderby=id&order=asc&page=" + page);
			JsonNode array = json.readTree(reply.body());
			array.forEach(documents::add);
			String pages = reply.headers().firstValue("X-WP-TotalPages").orElse("1");
			if (page >= Integer.parseInt(pages)) {
				return documents;
			}
		}
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> post(String path, Object body) throws IOException, InterruptedException {
		return http.send(request(path).header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30)).header("Authorization",
				"Basic " + Base64.getEncoder().encodeToString((KEY + ":" + SECRET).getBytes(StandardCharsets.UTF_8)));
	}

	private interface Condition {
		boolean holds() throws Exception;
	}

	private static void waitFor(String what, Condition condition, Duration patience) throws InterruptedException {
		long deadline = System.nanoTime() + patience.toNanos();
		while (System.nanoTime() < deadline) {
			try {
				if (condition.holds()) {
					return;
				}
			} catch (Exception e) {
				// not there yet
			}
			Thread.sleep(500);
		}
		throw new IllegalStateException("gave up waiting for " + what + " after " + patience.toSeconds() + " s");
	}

	private static String lastLine(Path log) throws IOException {
		List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
		for (int i = lines.size() - 1; i >= 0; i--) {
			if (!lines.get(i).isBlank()) {
				String line = lines.get(i).strip();
				return line.length() > 150 ? line.substring(0, 150) + "..." : line;
			}
		}
		return "(nothing)";
	}

	private static void say(String format, Object... values) {
		System.out.println("crash-test: " + String.format(Locale.ROOT, format, values));
	}
}
