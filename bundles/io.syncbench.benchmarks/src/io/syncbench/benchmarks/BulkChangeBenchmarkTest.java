package io.syncbench.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
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

import io.syncbench.benchmarks.BenchmarkCompany.BenchmarkStore;
import io.syncbench.benchmarks.BenchmarkCompany.Kind;
import io.syncbench.engine.ConnectorRegistry;
import io.syncbench.engine.SyncScheduler;
import io.syncbench.engine.testsupport.CompanyDatabase;
import io.syncbench.sandbox.SandboxStore;
import io.syncbench.store.Company;
import io.syncbench.store.RunSettings;
import io.syncbench.store.Stores.OwnedStore;

/**
 * A benchmark, not a timed test: with on-change sync, {@code syncbench.benchmark.bulk.rows} items
 * renamed in the company database by one UPDATE in one commit, and the time from that commit until
 * every one of them carries its new name at the target (goal: 2 s for 10,000): another database through
 * the JDBC connector (PostgreSQL to PostgreSQL), and the sandbox web store from Derby, each with
 * SyncBench's store on Derby and on PostgreSQL. The scheduler and the change watch are the engine's own, as the service
 * runs them. The target is asked every 50 ms how many items carry a new name; at the end every item's
 * name is checked. Writes {@code target/benchmarks/bulk-change*.csv} and charts. The suite runs 1,000
 * rows; the README's command 10,000.
 */
class BulkChangeBenchmarkTest extends SandboxBenchmark {

	private static final int ROWS = Integer.getInteger("syncbench.benchmark.bulk.rows", 1_000);
	private static final DateTimeFormatter GMT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
			.withZone(ZoneOffset.UTC);
	private static final String RENAME = "UPDATE ITEM SET NAME = 'Bulk ' || TRIM(CAST(ID AS CHAR(20)))"; //$NON-NLS-1$

	private final ObjectMapper json = new ObjectMapper();

	@Test
	void rowsChangedInOneCommitAreAllInTheWebStoreSoonAfter() throws Exception {
		intoTheWebStore(Kind.DERBY);
	}

	@Test
	void rowsChangedInOneCommitAreAllInTheWebStoreWithThePostgresqlStoreSoonAfter() throws Exception {
		intoTheWebStore(Kind.POSTGRESQL);
	}

	private void intoTheWebStore(Kind storeKind) throws Exception {
		double seconds;
		try (CompanyDatabase erp = BenchmarkCompany.createDatabase(Kind.DERBY, folder, ROWS);
				SandboxStore web = webStore(null); BenchmarkStore opened = BenchmarkStore.open(storeKind, folder);
				HttpClient http = HttpClient.newHttpClient()) {
			OwnedStore store = opened.store();
			ConnectorRegistry registry = connectors();
			Company company = BenchmarkCompany.create(store, registry, erp, web.baseUri(), true);
			store.companies().updateRunSettings(company.id(), new RunSettings(true, 0, 1, 3));
			runToEnd(store, company); // every item is there; the cursor is set
			Thread.sleep(2_000); // the web store's dates have whole seconds: the complete update's lie before
			Instant since = Instant.now().minusSeconds(1);
			seconds = renamedUntilArrived(store, registry, company, erp, () -> changedSince(http, web.baseUri(), since));
			assertEquals(ROWS, renamedProducts(http, web.baseUri()), "every product carries its new name");
		}
		if (storeKind == Kind.DERBY) { // the file names of the first figures, before the store could be elsewhere
			report("Derby, until all are renamed in the web store (store: Derby)", "bulk-change", "derby to web store",
					seconds, "on-change sync, Derby company database, sandbox web store over loopback");
		} else {
			report(String.format(Locale.ROOT, "Derby, until all are renamed in the web store (store: %s)", storeKind.title),
					"bulk-change-web-store-store-" + storeKind.fileName(), "derby to web store store " + storeKind.fileName(),
					seconds, String.format(Locale.ROOT,
							"on-change sync, Derby company database, sandbox web store over loopback, store on %s", storeKind.title));
		}
	}

	@Test
	void rowsChangedInOneCommitAreAllInAnotherPostgresqlDatabaseSoonAfter() throws Exception {
		intoAnotherDatabase(Kind.POSTGRESQL, Kind.DERBY);
	}

	/** As a real deployment runs: SyncBench's own store on the PostgreSQL server too. */
	@Test
	void rowsChangedInOneCommitAreAllInAnotherPostgresqlDatabaseWithThePostgresqlStoreSoonAfter() throws Exception {
		intoAnotherDatabase(Kind.POSTGRESQL, Kind.POSTGRESQL);
	}

	private void intoAnotherDatabase(Kind kind, Kind storeKind) throws Exception {
		double seconds;
		try (CompanyDatabase erp = BenchmarkCompany.createDatabase(kind, folder.resolve("erp"), ROWS);
				CompanyDatabase target = BenchmarkCompany.emptyTarget(kind, folder.resolve("target"));
				BenchmarkStore opened = BenchmarkStore.open(storeKind, folder)) {
			OwnedStore store = opened.store();
			ConnectorRegistry registry = connectors();
			Company company = BenchmarkCompany.createDatabaseTarget(store, registry, erp, target, true);
			store.companies().updateRunSettings(company.id(), new RunSettings(true, 0, 1, 3));
			runToEnd(store, company);
			// One connection asks all along: a new one every 50 ms would cost the machine a server process each.
			try (Connection asking = target.application()) {
				seconds = renamedUntilArrived(store, registry, company, erp, () -> renamedItems(asking));
				assertEquals(ROWS, renamedItems(asking), "every item carries its new name");
			}
		}
		String store = storeKind.title;
		report(String.format(Locale.ROOT, "%s, until all are renamed in another %s database (store: %s)", kind.title,
				kind.title, store), "bulk-change-" + kind.fileName() + "-store-" + storeKind.fileName(),
				kind.fileName() + " to " + kind.fileName() + " store " + storeKind.fileName(), seconds,
				String.format(Locale.ROOT, "on-change sync, %s to %s through the JDBC connector, store on %s", kind.title,
						kind.title, store));
	}

	/** Something that counts the renamed records at the target. */
	private interface Arrivals {
		long count() throws Exception;
	}

	/** Renames every item in one commit with on-change sync running, and the seconds until all arrived. */
	private static double renamedUntilArrived(OwnedStore store, ConnectorRegistry registry, Company company,
			CompanyDatabase erp, Arrivals arrived) throws Exception {
		SyncScheduler scheduler = onChange(store, registry, company);
		try {
			long committed;
			try (Connection connection = erp.application(); Statement rename = connection.createStatement()) {
				assertEquals(ROWS, rename.executeUpdate(RENAME));
				committed = System.nanoTime(); // auto-commit: committed when it returns
			}
			long deadline = committed + Duration.ofMinutes(5).toNanos();
			while (arrived.count() < ROWS) {
				assertTrue(System.nanoTime() < deadline, "the changes did not all arrive within 5 minutes");
				Thread.sleep(50);
			}
			return (System.nanoTime() - committed) / 1e9;
		} finally {
			stop(scheduler);
		}
	}

	private static void report(String title, String file, String measure, double seconds, String subtitle)
			throws IOException {
		String table = String.format(Locale.ROOT, """
				On-change sync of %,d items renamed in one commit in %s
				  all arrived after : %7.2f s   goal <= 2 s (for 10,000)
				  items/s           : %,7.0f
				""", ROWS, title, seconds, ROWS / seconds);
		System.out.println(table);
		Path csv = Path.of(System.getProperty("syncbench.benchmarks", "target/benchmarks"), file + ".csv");
		Files.createDirectories(csv.getParent());
		Files.writeString(csv, String.format(Locale.ROOT, "measure,rows,all_arrived_s,items_per_s%n"
				+ "one commit of renamed items %s,%d,%.3f,%.1f%n", measure, ROWS, seconds, ROWS / seconds));
		BenchmarkChart.write(csv.resolveSibling(file + ".png"),
				String.format(Locale.ROOT, "%,d items renamed in one commit: until all arrived (s)", ROWS), "s",
				List.of(new BenchmarkChart.Bar("goal (10,000 rows)", 2, true), new BenchmarkChart.Bar("SyncBench", seconds, false)),
				subtitle);
	}

	private static long renamedItems(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement();
				ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM ITEM WHERE NAME LIKE 'Bulk %'")) {
			count.next();
			return count.getLong(1);
		}
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
