package io.syncbench.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.syncbench.benchmarks.BenchmarkCompany.Kind;
import io.syncbench.engine.ConnectorRegistry;
import io.syncbench.engine.SyncScheduler;
import io.syncbench.engine.testsupport.CompanyDatabase;
import io.syncbench.sandbox.SandboxStore;
import io.syncbench.store.Company;
import io.syncbench.store.RunSettings;
import io.syncbench.store.Stores;
import io.syncbench.store.Stores.OwnedStore;

/**
 * A benchmark, not a timed test: with on-change sync, {@code syncbench.benchmark.bulk.rows} items
 * renamed in the company database (Derby) by one UPDATE in one commit, and the time from that commit
 * until every one of them carries its new name in the sandbox web store (goal: 2 s for 10,000). The
 * scheduler and the change watch are the engine's own, as the service runs them. The web store is
 * asked once every 50 ms how many products changed after the commit (its {@code X-WP-Total}); at the
 * end every product's name is checked. Writes {@code target/benchmarks/bulk-change.csv} and a chart.
 * The suite runs 1,000 rows; the README's command 10,000.
 */
class BulkChangeBenchmarkTest extends SandboxBenchmark {

	private static final int ROWS = Integer.getInteger("syncbench.benchmark.bulk.rows", 1_000);
	private static final DateTimeFormatter GMT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
			.withZone(ZoneOffset.UTC);

	private final ObjectMapper json = new ObjectMapper();

	@Test
	void rowsChangedInOneCommitAreAllInTheWebStoreSoonAfter() throws Exception {
		double seconds;
		try (CompanyDatabase erp = BenchmarkCompany.createDatabase(Kind.DERBY, folder, ROWS);
				SandboxStore web = webStore(null); OwnedStore store = Stores.embeddedDerby(folder.resolve("store"));
				HttpClient http = HttpClient.newHttpClient()) {
			ConnectorRegistry registry = connectors();
			Company company = BenchmarkCompany.create(store, registry, erp, web.baseUri(), true);
			store.companies().updateRunSettings(company.id(), new RunSettings(true, 0, 1, 3));
			runToEnd(store, company); // every item is there; the cursor is set
			SyncScheduler scheduler = onChange(store, registry, company);
			try {
				Thread.sleep(2_000); // the web store's dates have whole seconds: the complete update's lie before
				Instant since = Instant.now().minusSeconds(1);
				long committed;
				try (Connection connection = erp.application(); Statement rename = connection.createStatement()) {
					assertEquals(ROWS, rename.executeUpdate("UPDATE ITEM SET NAME = 'Bulk ' || TRIM(CAST(ID AS CHAR(20)))"));
					committed = System.nanoTime(); // auto-commit: committed when it returns
				}
				long deadline = committed + Duration.ofMinutes(5).toNanos();
				while (changedSince(http, web.baseUri(), since) < ROWS) {
					assertTrue(System.nanoTime() < deadline, "the changes did not all arrive within 5 minutes");
					Thread.sleep(50);
				}
				seconds = (System.nanoTime() - committed) / 1e9;
			} finally {
				scheduler.stop();
			}
			assertEquals(ROWS, renamedProducts(http, web.baseUri()), "every product carries its new name");
		}
		String table = String.format(Locale.ROOT, """
				On-change sync of %,d items renamed in one commit in Derby, until all are renamed in the web store
				  all arrived after : %7.2f s   goal <= 2 s (for 10,000)
				  items/s           : %,7.0f
				""", ROWS, seconds, ROWS / seconds);
		System.out.println(table);
		Path csv = Path.of(System.getProperty("syncbench.benchmarks", "target/benchmarks"), "bulk-change.csv");
		Files.createDirectories(csv.getParent());
		Files.writeString(csv, String.format(Locale.ROOT, "measure,rows,all_arrived_s,items_per_s%n"
				+ "one commit of renamed items derby to web store,%d,%.3f,%.1f%n", ROWS, seconds, ROWS / seconds));
		BenchmarkChart.write(csv.resolveSibling("bulk-change.png"),
				String.format(Locale.ROOT, "%,d items renamed in one commit: until all are in the web store (s)", ROWS), "s",
				List.of(new BenchmarkChart.Bar("goal (10,000 rows)", 2, true), new BenchmarkChart.Bar("SyncBench", seconds, false)),
				"on-change sync, Derby company database, sandbox web store over loopback");
	}

	/** How many products the web store changed after {@code since}: one request, its total header. */
	private static long changedSince(HttpClient http, URI web, Instant since) throws Exception {
		HttpResponse<String> reply = http.send(request(web, "products?per_page=1&dates_are_gmt=true&modified_after="
				+ URLEncoder.encode(GMT.format(since), StandardCharsets.UTF_8)), HttpResponse.BodyHandlers.ofString());
		return Long.parseLong(reply.headers().firstValue("X-WP-Total").orElse("0"));
	}

	private long renamedProducts(HttpClient http, URI web) throws Exception {
		long renamed = 0;
		for (int page = 1;; page++) {
			HttpResponse<String> reply = http.send(request(web, "products?orderby=id&order=asc&per_page=100&page=" + page),
					HttpResponse.BodyHandlers.ofString());
			JsonNode products = json.readTree(reply.body());
			for (JsonNode product : products) {
				if (product.path("name").asText().startsWith("Bulk ")) {
					renamed++;
				}
			}
			if (products.size() < 100) {
				return renamed;
			}
		}
	}

	private static HttpRequest request(URI web, String path) {
		return HttpRequest.newBuilder(web.resolve("/wp-json/wc/v3/" + path))
				.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
						(BenchmarkCompany.KEY + ":" + BenchmarkCompany.SECRET).getBytes(StandardCharsets.UTF_8)))
				.build();
	}
}
