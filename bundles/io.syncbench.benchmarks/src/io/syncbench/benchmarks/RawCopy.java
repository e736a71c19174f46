package io.syncbench.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.syncbench.engine.testsupport.CompanyDatabase;

/**
 * The baseline of the complete update benchmarks: a plain program that reads every item once over JDBC
 * and posts them to the web store's batch endpoint over the same HTTP client, recording nothing.
 */
final class RawCopy {

	static final int BATCH = 100;

	private static final ObjectMapper JSON = new ObjectMapper();

	private RawCopy() {
	}

	/** Copies every item of {@code erp} to the web store at {@code web}, in batches of {@link #BATCH}. */
	static void copy(CompanyDatabase erp, URI web) throws SQLException, IOException {
		try (CloseableHttpClient http = HttpClients.createDefault()) {
			read(erp, products -> {
				ArrayNode batch = JSON.createArrayNode();
				batch.addAll(products.values());
				post(http, web, batch);
			});
		}
	}

	/** Takes one batch of items, as the products to post, by item id in id order. */
	interface Batches {
		void take(Map<String, ObjectNode> products) throws IOException;
	}

	/** Reads every item of {@code erp} once, in id order, and hands them on in batches of {@link #BATCH}. */
	static void read(CompanyDatabase erp, Batches batches) throws SQLException, IOException {
		try (Connection connection = erp.application(); Statement select = connection.createStatement()) {
			connection.setAutoCommit(false); // PostgreSQL streams a result only in a transaction, with a fetch size
			select.setFetchSize(BATCH);
			try (ResultSet items = select.executeQuery(
					"SELECT ID, SKU, NAME, DESCRIPTION, CATEGORY, PRICE, STOCK, ACTIVE FROM ITEM ORDER BY ID")) {
				Map<String, ObjectNode> batch = new LinkedHashMap<>();
				while (items.next()) {
					ObjectNode product = JSON.createObjectNode();
					product.put("sku", items.getString("SKU"));
					product.put("name", items.getString("NAME"));
					product.put("description", items.getString("DESCRIPTION"));
					product.put("regular_price", items.getBigDecimal("PRICE").toPlainString());
					product.put("stock_quantity", items.getLong("STOCK"));
					product.putArray("categories").addObject().put("name", items.getString("CATEGORY"));
					product.put("status", items.getBoolean("ACTIVE") ? "publish" : "draft");
					batch.put(items.getString("ID"), product);
					if (batch.size() == BATCH) {
						batches.take(batch);
						batch = new LinkedHashMap<>();
					}
				}
				if (!batch.isEmpty()) {
					batches.take(batch);
				}
			}
			connection.commit();
		}
	}

	/** How many products the web store holds, from its paging header. */
	static long products(URI web) throws IOException {
		HttpGet get = new HttpGet(web.resolve("/wp-json/wc/v3/products?per_page=1"));
		get.addHeader("Authorization", authorization());
		try (CloseableHttpClient http = HttpClients.createDefault()) {
			return http.execute(get, response -> {
				EntityUtils.consume(response.getEntity());
				return Long.parseLong(response.getFirstHeader("X-WP-Total").getValue());
			});
		}
	}

	private static void post(CloseableHttpClient http, URI web, ArrayNode products) throws IOException {
		HttpPost post = new HttpPost(web.resolve("/wp-json/wc/v3/products/batch"));
		post.addHeader("Authorization", authorization());
		ObjectNode body = JSON.createObjectNode();
		body.set("create", products);
		post.setEntity(new StringEntity(body.toString(), ContentType.APPLICATION_JSON));
		int status = http.execute(post, response -> {
			EntityUtils.consume(response.getEntity());
			return response.getCode();
		});
		assertEquals(200, status, "the batch was taken");
	}

	private static String authorization() {
		return "Basic " + Base64.getEncoder()
				.encodeToString((BenchmarkCompany.KEY + ":" + BenchmarkCompany.SECRET).getBytes(StandardCharsets.UTF_8));
	}
}
