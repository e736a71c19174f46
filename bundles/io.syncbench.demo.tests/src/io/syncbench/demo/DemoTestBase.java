package io.syncbench.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.runtime.IStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.syncbench.engine.ConnectorRegistry;
import io.syncbench.engine.SyncRunJob;
import io.syncbench.engine.testsupport.CompanyRuns;
import io.syncbench.sandbox.SandboxStore;
import io.syncbench.secrets.SecureStorageSecrets;
import io.syncbench.store.Company;
import io.syncbench.store.StatusScope;
import io.syncbench.store.Stores.OwnedStore;
import io.syncbench.store.Stores;
import io.syncbench.store.SyncState;
import io.syncbench.store.SyncStatus;

/**
 * What the demo's end-to-end tests share: a store, the sandbox web store and the demo company set up in
 * a fresh workspace for each test, runs to their end, and reading both sides' databases and the web
 * store.
 */
abstract class DemoTestBase {

	@TempDir
	Path workspace;

	OwnedStore store;
	SandboxStore webStore;
	SecureStorageSecrets secrets;
	ServiceTracker<ConnectorRegistry, ConnectorRegistry> connectors;
	Company demo;
	final List<String> log = new ArrayList<>();

	@BeforeEach
	void setUp() throws Exception {
		store = Stores.embeddedDerby(workspace.resolve("store"));
		connectors = new ServiceTracker<>(FrameworkUtil.getBundle(DemoCompany.class).getBundleContext(),
				ConnectorRegistry.class, null);
		connectors.open();
		webStore = SandboxStore.start(0, null, DemoCompany.WEBSTORE_KEY, DemoCompany.WEBSTORE_SECRET, 100);
		secrets = new SecureStorageSecrets(workspace.resolve("secrets"));
		demo = DemoCompany.ensure(store, registry(), secrets, workspace.resolve("demo"), webStore.baseUri(), log::add)
				.orElseThrow();
	}

	@AfterEach
	void tearDown() {
		connectors.close();
		webStore.close();
		store.close();
	}

	char[] credentials(long companyId, String system) {
		return new io.syncbench.secrets.CompanySecrets(secrets, store.id()).read(companyId, system).orElse(new char[0]);
	}

	ConnectorRegistry registry() throws InterruptedException {
		ConnectorRegistry registry = connectors.waitForService(TimeUnit.SECONDS.toMillis(30));
		assertTrue(registry != null && registry.find("jdbc").isPresent(), "the JDBC connector is registered");
		return registry;
	}

	String run() throws InterruptedException {
		IStatus result = CompanyRuns.runToEnd(store, registry(), this::credentials, demo).getResult();
		assertEquals(IStatus.OK, result.getSeverity(), result::toString);
		return result.getMessage();
	}

	Connection database(String name) throws SQLException {
		return new org.apache.derby.jdbc.EmbeddedDriver().connect("jdbc:derby:" + workspace.resolve("demo").resolve(name),
				new Properties());
	}

	long count(String name, String sql) throws SQLException {
		try (Connection connection = database(name); Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getLong(1);
		}
	}

	void execute(String name, String... statements) throws SQLException {
		try (Connection connection = database(name); Statement statement = connection.createStatement()) {
			for (String sql : statements) {
				statement.execute(sql);
			}
		}
	}


	JsonNode web(String method, String path, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(webStore.baseUri().resolve(path.startsWith("/") ? path : "/wp-json/wc/v3/" + path))
				.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
						(DemoCompany.WEBSTORE_KEY + ":" + DemoCompany.WEBSTORE_SECRET).getBytes(StandardCharsets.UTF_8)))
				.header("Content-Type", "application/json");
		request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		try (HttpClient client = HttpClient.newHttpClient()) {
			HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
			assertTrue(response.statusCode() < 300, response.body());
			return new ObjectMapper().readTree(response.body());
		}
	}

	List<JsonNode> webAll(String resource) throws Exception {
		List<JsonNode> all = new ArrayList<>();
		for (int page = 1;; page++) {
			JsonNode documents = web("GET", resource + "?per_page=100&page=" + page, null);
			documents.forEach(all::add);
			if (documents.size() < 100) {
				return all;
			}
		}
	}

	List<Map<String, Object>> rows(String database, String sql) throws SQLException {
		List<Map<String, Object>> rows = new ArrayList<>();
		try (Connection connection = database(database); Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			while (result.next()) {
				Map<String, Object> row = new java.util.LinkedHashMap<>();
				for (int c = 1; c <= result.getMetaData().getColumnCount(); c++) {
					row.put(result.getMetaData().getColumnName(c), result.getObject(c));
				}
				rows.add(row);
			}
		}
		return rows;
	}


	/** Inserts the corpus rows into a table of the company database; their ids, by record. */
	Map<HostileRecords, String> insert(String table, List<HostileRecords> records) throws SQLException {
		Map<HostileRecords, String> ids = new java.util.LinkedHashMap<>();
		try (Connection connection = database(DemoCompany.DATABASE)) {
			for (HostileRecords record : records) {
				List<String> columns = List.copyOf(record.values().keySet());
				try (java.sql.PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table + " ("
						+ String.join(", ", columns) + ") VALUES (" + String.join(", ", columns.stream().map(c -> "?").toList())
						+ ")", Statement.RETURN_GENERATED_KEYS)) {
					for (int i = 0; i < columns.size(); i++) {
						insert.setObject(i + 1, record.values().get(columns.get(i)));
					}
					insert.executeUpdate();
					try (ResultSet keys = insert.getGeneratedKeys()) {
						keys.next();
						ids.put(record, Long.toString(keys.getLong(1)));
					}
				}
			}
		}
		return ids;
	}
}
