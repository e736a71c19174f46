package io.syncbench.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Locale;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.eclipse.core.runtime.IStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.syncbench.engine.ConnectorRegistry;
import io.syncbench.engine.testsupport.CompanyRuns;
import io.syncbench.sandbox.SandboxStore;
import io.syncbench.store.Company;
import io.syncbench.store.Stores;
import io.syncbench.store.Stores.OwnedStore;

/**
 * A benchmark, not a timed test: a complete update of the company database's items (Derby) to the
 * sandbox web store over loopback, by SyncBench and, side by side in the same run, by a plain program
 * that reads the same rows over JDBC and posts them to the batch endpoint in batches of 100 over the
 * same HTTP client, with no status, queue or history. It prints both rates and their ratio (goal: 0.67
 * or more) and writes them to {@code bundles/io.syncbench.benchmarks/target/benchmarks/complete-update.csv}
 * and as a chart to {@code complete-update.png} beside it. Each side gets a web store
 * of its own. {@code -Dsyncbench.benchmark.items=100000} sets the size; the suite runs 1,000.
 */
class CompleteUpdateBenchmarkTest {

	private static final int ITEMS = Integer.getInteger("syncbench.benchmark.items", 1_000);
	private static final int BATCH = 100;

	@TempDir
	Path folder;

	private ServiceTracker<ConnectorRegistry, ConnectorRegistry> connectors;
	private final ObjectMapper json = new ObjectMapper();

	@BeforeEach
	void setUp() throws Exception {
		connectors = new ServiceTracker<>(FrameworkUtil.getBundle(getClass()).getBundleContext(), ConnectorRegistry.class,
				null);
		connectors.open();
		BenchmarkCompany.createDatabase(folder.resolve("erp"), ITEMS);
	}

	@AfterEach
	void tearDown() {
		connectors.close();
	}

	@Test
	void aCompleteUpdateOfTheItemsBesideARawCopy() throws Exception {
		double baseline;
		double syncBench;
		try (SandboxStore web = SandboxStore.start(0, null, BenchmarkCompany.KEY, BenchmarkCompany.SECRET,
				SandboxStore.DEFAULT_BATCH_LIMIT)) {
			long start = System.nanoTime();
			rawCopy(web.baseUri());
			baseline = ITEMS / ((System.nanoTime() - start) / 1e9);
			assertEquals(ITEMS, products(web.baseUri()), "the raw copy sent every item");
		}
		try (SandboxStore web = SandboxStore.start(0, null, BenchmarkCompany.KEY, BenchmarkCompany.SECRET,
				SandboxStore.DEFAULT_BATCH_LIMIT);
				OwnedStore store = Stores.embeddedDerby(folder.resolve("store"))) {
			Company company = BenchmarkCompany.create(store, BenchmarkCompany.connectors(connectors), folder.resolve("erp"),
					web.baseUri(), true);
			long start = System.nanoTime();
			IStatus result = CompanyRuns.runToEnd(store, BenchmarkCompany.connectors(connectors), BenchmarkCompany::credentials,
					company).getResult();
			syncBench = ITEMS / ((System.nanoTime() - start) / 1e9);
			assertEquals(IStatus.OK, result.getSeverity(), result::toString);
			assertEquals(ITEMS, products(web.baseUri()), "SyncBench sent every item: " + result.getMessage());
		}
		double ratio = syncBench / baseline;
		String table = String.format(Locale.ROOT, """
				Complete update of %,d items, Derby to the sandbox web store over loopback
				  raw copy (JDBC read, batches of %d, no bookkeeping) : %,10.0f items/s
				  SyncBench (status, queue, history, lookups)         : %,10.0f items/s
				  ratio SyncBench / raw copy                          : %10.2f   goal >= 0.67
				""", ITEMS, BATCH, baseline, syncBench, ratio);
		System.out.println(table);
		Path csv = Path.of(System.getProperty("syncbench.benchmarks", "target/benchmarks"), "complete-update.csv");
		Files.createDirectories(csv.getParent());
		Files.writeString(csv, String.format(Locale.ROOT, "measure,items,raw_copy_items_per_s,syncbench_items_per_s,ratio%n"
				+ "complete update derby to web store,%d,%.1f,%.1f,%.3f%n", ITEMS, baseline, syncBench, ratio));
		BenchmarkChart.write(csv.resolveSibling("complete-update.png"),
				String.format(Locale.ROOT, "Complete update of %,d items, Derby to the sandbox web store", ITEMS), "items/s",
				java.util.List.of(new BenchmarkChart.Bar("raw copy (baseline)", baseline, true),
						new BenchmarkChart.Bar("SyncBench", syncBench, false)),
				String.format(Locale.ROOT, "ratio SyncBench / raw copy: %.2f (goal: 0.67 or more)", ratio));
		assertTrue(syncBench > 0 && baseline > 0, table);
	}

	/** The baseline: every item read once over JDBC and posted in batches, nothing recorded. */
	private void rawCopy(URI web) throws SQLException, IOException {
		String authorization = "Basic " + Base64.getEncoder()
				.encodeToString((BenchmarkCompany.KEY + ":" + BenchmarkCompany.SECRET).getBytes(StandardCharsets.UTF_8));
		try (CloseableHttpClient http = HttpClients.createDefault();
				Connection erp = BenchmarkCompany.connect(folder.resolve("erp"), false);
				Statement select = erp.createStatement();
				ResultSet items = select.executeQuery(
						"SELECT SKU, NAME, DESCRIPTION, CATEGORY, PRICE, STOCK, ACTIVE FROM ITEM ORDER BY ID")) {
			ArrayNode batch = json.createArrayNode();
			while (items.next()) {
				ObjectNode product = batch.addObject();
				product.put("sku", items.getString("SKU"));
				product.put("name", items.getString("NAME"));
				product.put("description", items.getString("DESCRIPTION"));
				product.put("regular_price", items.getBigDecimal("PRICE").toPlainString());
				product.put("stock_quantity", items.getLong("STOCK"));
				product.putArray("categories").addObject().put("name", items.getString("CATEGORY"));
				product.put("status", items.getBoolean("ACTIVE") ? "publish" : "draft");
				if (batch.size() == BATCH) {
					post(http, web, authorization, batch);
					batch = json.createArrayNode();
				}
			}
			if (!batch.isEmpty()) {
				post(http, web, authorization, batch);
			}
		}
	}

	private void post(CloseableHttpClient http, URI web, String authorization, ArrayNode products) throws IOException {
		HttpPost post = new HttpPost(web.resolve("/wp-json/wc/v3/products/batch"));
		post.addHeader("Authorization", authorization);
		ObjectNode body = json.createObjectNode();
		body.set("create", products);
		post.setEntity(new StringEntity(body.toString(), ContentType.APPLICATION_JSON));
		int status = http.execute(post, response -> {
			EntityUtils.consume(response.getEntity());
			return response.getCode();
		});
		assertEquals(200, status, "the batch was taken");
	}

	/** How many products the web store holds, from its paging header. */
	private static long products(URI web) throws IOException {
		HttpGet get = new HttpGet(web.resolve("/wp-json/wc/v3/products?per_page=1"));
		get.addHeader("Authorization", "Basic " + Base64.getEncoder()
				.encodeToString((BenchmarkCompany.KEY + ":" + BenchmarkCompany.SECRET).getBytes(StandardCharsets.UTF_8)));
		try (CloseableHttpClient http = HttpClients.createDefault()) {
			return http.execute(get, response -> {
				EntityUtils.consume(response.getEntity());
				return Long.parseLong(response.getFirstHeader("X-WP-Total").getValue());
			});
		}
	}


}
