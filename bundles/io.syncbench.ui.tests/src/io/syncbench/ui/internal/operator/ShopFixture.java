package io.syncbench.ui.internal.operator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;

import org.apache.derby.jdbc.EmbeddedDriver;

import io.syncbench.connector.ChangeCapture;
import io.syncbench.connector.Connector;
import io.syncbench.connector.ConnectorException;
import io.syncbench.connector.SystemSession;
import io.syncbench.demo.StandardLayout;
import io.syncbench.engine.ConnectorRegistry;
import io.syncbench.sandbox.SandboxStore;
import io.syncbench.secrets.CompanySecrets;
import io.syncbench.secrets.SecretStore;
import io.syncbench.store.Company;
import io.syncbench.store.ConnectedSystem.Role;
import io.syncbench.store.EntitySettings;
import io.syncbench.store.EntitySettings.Direction;
import io.syncbench.store.Store;
import io.syncbench.store.SyncStatusService.Side;

/**
 * A small real shop for the operator tests: a company database on embedded Derby with the standard
 * layout and change triggers, a sandbox web store over HTTP on loopback, and the company's systems and
 * entities in the workbench's store: products and customers both ways.
 */
final class ShopFixture implements AutoCloseable {

	static final String KEY = "ck_ui_test";
	static final String SECRET = "cs_ui_test";

	final SandboxStore web;
	final Company company;
	private final String erpUrl;
	private final Connector jdbc;

	/** Connects {@code company}, made by the operator with New Company, to a new database and web store. */
	ShopFixture(Store store, ConnectorRegistry connectors, SecretStore secrets, Company company, Path folder)
			throws IOException, SQLException, ConnectorException {
		Path erp = folder.resolve("erp");
		erpUrl = "jdbc:derby:" + erp;
		Files.createDirectories(folder);
		web = SandboxStore.start(0, folder.resolve("web"), KEY, SECRET, SandboxStore.DEFAULT_BATCH_LIMIT);
		try (Connection connection = connect(true); Statement sql = connection.createStatement()) {
			for (String table : StandardLayout.tables()) {
				sql.execute(table);
			}
		}
		Map<String, String> erpSettings = Map.of("url", erpUrl);
		jdbc = connectors.find("jdbc").orElseThrow();
		try (SystemSession session = jdbc.open(erpSettings, new char[0])) {
			session.changeCapture().orElseThrow().install();
		}
		// After the triggers, so that the first run finds these records as changes.
		erp("INSERT INTO ITEM (SKU, NAME, PRICE) VALUES ('UI-1', 'Oak chair', 49.90), ('UI-2', 'Pine table', 120.00)");
		erp("INSERT INTO CUSTOMER (EMAIL, FIRST_NAME, LAST_NAME) VALUES ('ada@example.com', 'Ada', 'Lovelace')");
		this.company = company;
		store.syncSetup().saveSystem(company.id(), "erp", "jdbc", Role.COMPANY_DATABASE, erpSettings, true);
		store.syncSetup().saveSystem(company.id(), "webstore", "woocommerce", Role.OUTSIDE_SYSTEM,
				Map.of("url", web.baseUri().toString()), true);
		new CompanySecrets(secrets, store.id()).write(company.id(), "webstore", (KEY + ":" + SECRET).toCharArray());
		for (String entity : new String[] { "product", "customer" }) {
			store.syncSetup().saveEntity(company.id(),
					new EntitySettings("webstore", entity, Direction.BOTH, Side.LOCAL, Map.of(), Map.of()));
		}
	}

	Connection connect(boolean create) throws SQLException {
		return new EmbeddedDriver().connect(erpUrl + (create ? ";create=true" : ""), new Properties());
	}

	void erp(String statement, Object... parameters) throws SQLException {
		try (Connection connection = connect(false); var sql = connection.prepareStatement(statement)) {
			for (int i = 0; i < parameters.length; i++) {
				sql.setObject(i + 1, parameters[i]);
			}
			sql.execute();
		}
	}

	String erpValue(String query) throws SQLException {
		try (Connection connection = connect(false); Statement sql = connection.createStatement();
				var result = sql.executeQuery(query)) {
			return result.next() ? result.getString(1) : null;
		}
	}

	/** One call of the web store's REST API, as its owner would make it; the body of the answer. */
	String api(String method, String path, String json) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(web.baseUri().resolve("/wp-json/wc/v3/" + path))
				.header("Authorization", "Basic " + Base64.getEncoder()
						.encodeToString((KEY + ":" + SECRET).getBytes(StandardCharsets.UTF_8)))
				.header("Content-Type", "application/json");
		request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
		try (HttpClient client = HttpClient.newHttpClient()) {
			HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() >= 300) {
				throw new IOException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
			}
			return response.body();
		}
	}

	/** The company database's change capture, through the JDBC connector as SyncBench sees it. */
	ChangeCapture erpCapture(SystemSession session) throws ConnectorException {
		return session.changeCapture().orElseThrow();
	}

	/** Removes the company database's change capture, as in a database nobody set up for SyncBench yet. */
	void removeErpCapture() throws ConnectorException {
		try (SystemSession session = jdbc.open(Map.of("url", erpUrl), new char[0])) {
			erpCapture(session).remove();
		}
	}

	boolean erpCaptureInstalled() throws ConnectorException {
		try (SystemSession session = jdbc.open(Map.of("url", erpUrl), new char[0])) {
			return erpCapture(session).installed();
		}
	}

	URI webUri() {
		return web.baseUri();
	}

	@Override
	public void close() {
		web.close();
	}
}
