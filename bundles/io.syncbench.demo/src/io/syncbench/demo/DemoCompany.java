package io.syncbench.demo;

import java.io.IOException;
import java.net.BindException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.eclipse.core.runtime.Platform;
import org.eclipse.osgi.util.NLS;

import io.syncbench.connector.Connector;
import io.syncbench.connector.ConnectorException;
import io.syncbench.connector.SystemSession;
import io.syncbench.connector.jdbc.JdbcSystem;
import io.syncbench.connector.woocommerce.WooCommerceSystem;
import io.syncbench.demo.internal.Messages;
import io.syncbench.engine.ConnectorRegistry;
import io.syncbench.sandbox.SandboxStore;
import io.syncbench.secrets.CompanySecrets;
import io.syncbench.secrets.SecretStore;
import io.syncbench.store.Company;
import io.syncbench.store.CompanySettings;
import io.syncbench.store.ConnectedSystem;
import io.syncbench.store.ConnectedSystem.Role;
import io.syncbench.store.EntitySettings;
import io.syncbench.store.EntitySettings.Direction;
import io.syncbench.store.Store;
import io.syncbench.store.SyncStatusService.Side;

/**
 * The demo company, set up on a store that has no company yet: its database (Derby, with sample data),
 * a web store (the sandbox store, on loopback, with its data in the workspace) and a branch shop's
 * database, with change capture installed and a sync setup that shows directions and slices. Items go
 * to the web store and the branch (the branch gets the stock of warehouse WH1 only); customers and
 * their addresses go both ways; orders taken in the web store and the branch come back as sales
 * orders. The first run is a complete update.
 */
public final class DemoCompany {

	public static final String NAME = "Demo Company"; //$NON-NLS-1$
	/** The demo company's name until its setup is complete. */
	static final String NAME_WHILE_SET_UP = NAME + " (being set up)"; //$NON-NLS-1$
	public static final String DATABASE = "erp"; //$NON-NLS-1$
	public static final String WEBSTORE = "webstore"; //$NON-NLS-1$
	public static final String BRANCH = "branch-shop"; //$NON-NLS-1$
	/** The company database's image folder, beside its databases. */
	public static final String IMAGES = "images"; //$NON-NLS-1$

	/** The application argument that asks the workbench or the service for the demo company. */
	public static final String DEMO_ARGUMENT = "-demo"; //$NON-NLS-1$

	/** The sandbox store's port; {@code -Dsyncbench.demo.webstorePort} changes it. */
	public static final int WEBSTORE_PORT = Integer.getInteger("syncbench.demo.webstorePort", 8089); //$NON-NLS-1$
	static final String WEBSTORE_KEY = "ck_demo_sandbox"; //$NON-NLS-1$
	static final String WEBSTORE_SECRET = "cs_demo_sandbox"; //$NON-NLS-1$
	private static final java.time.Duration PROBE_TIMEOUT = java.time.Duration.ofSeconds(3);

	private DemoCompany() {
	}

	/**
	 * With {@value #DEMO_ARGUMENT}: sets the demo company up on a store without companies, in the
	 * workspace's {@code demo} folder, and serves its web store while the application runs.
	 *
	 * @return what to close when the application ends: the web store it serves, if any
	 */
	public static AutoCloseable startIfAsked(String[] arguments, Store store, ConnectorRegistry connectors,
			SecretStore secrets, Consumer<String> log) throws SQLException, ConnectorException, IOException {
		if (!Arrays.asList(arguments).contains(DEMO_ARGUMENT)) {
			return () -> {
			};
		}
		Path folder = workspace().resolve("demo"); //$NON-NLS-1$
		URI webStore = URI.create("http://127.0.0.1:" + WEBSTORE_PORT); //$NON-NLS-1$
		ensure(store, connectors, secrets, folder, webStore, log);
		Optional<Company> demo = store.companies().list().stream().filter(c -> c.name().equals(NAME)).findFirst();
		boolean servesWebStore = demo.isPresent() && store.syncSetup().systems(demo.get().id()).stream()
				.anyMatch(s -> s.name().equals(WEBSTORE) && webStore.toString().equals(s.settings().get(WooCommerceSystem.URL)));
		if (!servesWebStore) {
			return () -> {
			};
		}
		return serveWebStore(folder.resolve(WEBSTORE), WEBSTORE_PORT, log);
	}

	/**
	 * Serves the demo's web store on {@code port} of the loopback address. A port that another SyncBench
	 * process serves it on already is left to that process; a port that some other program holds is a
	 * problem the operator has to know of, since the demo's runs would talk to that program.
	 *
	 * @return what to close when the application ends: the web store, or nothing when another serves it
	 * @throws IOException naming the port when another program holds it, or the sandbox cannot start
	 */
	public static AutoCloseable serveWebStore(Path database, int port, Consumer<String> log) throws IOException, SQLException {
		URI webStore = URI.create("http://127.0.0.1:" + port); //$NON-NLS-1$
		try {
			SandboxStore sandbox = SandboxStore.start(port, database, WEBSTORE_KEY, WEBSTORE_SECRET,
					SandboxStore.DEFAULT_BATCH_LIMIT);
			log.accept(NLS.bind(Messages.Demo_webstoreServed, sandbox.baseUri()));
			return sandbox;
		} catch (BindException e) {
			if (!answersAsTheDemoWebStore(webStore)) {
				throw new IOException(NLS.bind(Messages.Demo_webstorePortTaken, port, webStore), e);
			}
			log.accept(NLS.bind(Messages.Demo_webstoreElsewhere, webStore));
			return () -> {
			};
		}
	}

	/** Whether the demo's web store answers at {@code webStore}: a list of products for the demo's key. */
	private static boolean answersAsTheDemoWebStore(URI webStore) {
		String credentials = java.util.Base64.getEncoder()
				.encodeToString((WEBSTORE_KEY + ':' + WEBSTORE_SECRET).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
		try (HttpClient client = HttpClient.newBuilder().connectTimeout(PROBE_TIMEOUT).build()) {
			HttpResponse<String> answer = client.send(HttpRequest.newBuilder(webStore.resolve("/wp-json/wc/v3/products?per_page=1")) //$NON-NLS-1$
					.timeout(PROBE_TIMEOUT).header("Authorization", "Basic " + credentials).GET().build(), //$NON-NLS-1$ //$NON-NLS-2$
					HttpResponse.BodyHandlers.ofString());
			return answer.statusCode() == 200 && answer.body().strip().startsWith("["); //$NON-NLS-1$
		} catch (IOException e) {
			return false;
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static Path workspace() {
		java.net.URL instance = Platform.getInstanceLocation() == null ? null : Platform.getInstanceLocation().getURL();
		return instance == null ? Path.of(System.getProperty("user.home"), ".syncbench") //$NON-NLS-1$ //$NON-NLS-2$
				: new java.io.File(instance.getFile()).toPath();
	}

	/**
	 * Sets the demo company up when the store has no company.
	 *
	 * @param folder   where the demo databases go ({@code erp}, {@code branch-shop})
	 * @param webStore the web store the demo company sells through (its sandbox store, started by the caller)
	 * @return the demo company when it was created now; empty when the store has companies already
	 */
	public static Optional<Company> ensure(Store store, ConnectorRegistry connectors, SecretStore secrets, Path folder,
			URI webStore, Consumer<String> log) throws SQLException, ConnectorException, IOException {
		for (Company cut : store.companies().list()) {
			if (cut.name().equals(NAME_WHILE_SET_UP)) { // a start killed while it set the demo up: begin again
				store.companies().delete(cut.id());
				log.accept(NLS.bind(Messages.Demo_setupResumed, NAME));
			}
		}
		if (!store.companies().list().isEmpty()) {
			return Optional.empty();
		}
		Connector jdbc = connectors.find(JdbcSystem.TYPE)
				.orElseThrow(() -> new IllegalStateException(Messages.Demo_noJdbcConnector));
		Path erp = folder.resolve(DATABASE);
		Path branch = folder.resolve(BRANCH);
		if (!Files.exists(erp)) {
			createDatabase(erp, true);
			log.accept(NLS.bind(Messages.Demo_databaseCreated, erp));
		}
		if (!Files.exists(branch)) {
			createDatabase(branch, false);
			log.accept(NLS.bind(Messages.Demo_branchCreated, branch));
		}
		// The only folder item images are uploaded from: an IMAGE that names anything else fails its record.
		Path images = Files.createDirectories(folder.resolve(IMAGES));
		Map<String, String> erpSettings = Map.of(JdbcSystem.URL, "jdbc:derby:" + erp, //$NON-NLS-1$
				JdbcSystem.IMAGE_FOLDER, images.toString());
		Map<String, String> branchSettings = Map.of(JdbcSystem.URL, "jdbc:derby:" + branch); //$NON-NLS-1$
		installCapture(jdbc, erpSettings);
		installCapture(jdbc, branchSettings);

		// Named as finished only in the last step, so a kill half-way leaves a company the next start recognizes.
		Company company = store.companies().create(new CompanySettings(NAME_WHILE_SET_UP, 20, true, true, true));
		store.syncSetup().saveSystem(company.id(), DATABASE, JdbcSystem.TYPE, Role.COMPANY_DATABASE, erpSettings, true);
		ConnectedSystem web = store.syncSetup().saveSystem(company.id(), WEBSTORE, WooCommerceSystem.TYPE,
				Role.OUTSIDE_SYSTEM, Map.of(WooCommerceSystem.URL, webStore.toString()), true);
		new CompanySecrets(secrets, store.id()).write(company.id(), web.name(),
				WooCommerceSystem.credentials(WEBSTORE_KEY, WEBSTORE_SECRET));
		entity(store, company, WEBSTORE, "product", Direction.SEND_ONLY, Map.of()); //$NON-NLS-1$
		entity(store, company, WEBSTORE, "customer", Direction.BOTH, Map.of()); //$NON-NLS-1$
		entity(store, company, WEBSTORE, "address", Direction.BOTH, Map.of()); //$NON-NLS-1$
		entity(store, company, WEBSTORE, "salesorder", Direction.DOWNLOAD_ONLY, Map.of()); //$NON-NLS-1$
		entity(store, company, WEBSTORE, "salesorderline", Direction.DOWNLOAD_ONLY, Map.of()); //$NON-NLS-1$

		store.syncSetup().saveSystem(company.id(), BRANCH, JdbcSystem.TYPE, Role.OUTSIDE_SYSTEM, branchSettings, true);
		entity(store, company, BRANCH, "product", Direction.SEND_ONLY, Map.of()); //$NON-NLS-1$
		entity(store, company, BRANCH, "stocklevel", Direction.SEND_ONLY, Map.of("warehouse", "WH1")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		entity(store, company, BRANCH, "customer", Direction.BOTH, Map.of()); //$NON-NLS-1$
		entity(store, company, BRANCH, "address", Direction.BOTH, Map.of()); //$NON-NLS-1$
		entity(store, company, BRANCH, "salesorder", Direction.DOWNLOAD_ONLY, Map.of()); //$NON-NLS-1$
		entity(store, company, BRANCH, "salesorderline", Direction.DOWNLOAD_ONLY, Map.of()); //$NON-NLS-1$
		company = store.companies().rename(company.id(), NAME);
		log.accept(NLS.bind(Messages.Demo_companyCreated, NAME));
		return Optional.of(company);
	}

	private static void entity(Store store, Company company, String system, String entity, Direction direction,
			Map<String, String> filter) {
		store.syncSetup().saveEntity(company.id(), new EntitySettings(system, entity, direction, Side.LOCAL, Map.of(), filter));
	}

	/**
	 * Builds a demo database under a temporary name and gives it its own only once it is complete, so a
	 * kill while it is written never leaves a half-built one where the demo looks; what such a kill left
	 * under the temporary name is removed first.
	 */
	private static void createDatabase(Path folder, boolean withSampleData) throws SQLException, IOException {
		Path building = folder.resolveSibling(folder.getFileName() + ".building"); //$NON-NLS-1$
		deleteTree(building);
		String url = "jdbc:derby:" + building; //$NON-NLS-1$
		org.apache.derby.jdbc.EmbeddedDriver derby = new org.apache.derby.jdbc.EmbeddedDriver();
		try (Connection connection = derby.connect(url + ";create=true", new Properties())) { //$NON-NLS-1$
			if (withSampleData) {
				DemoDatabase.createWithSampleData(connection);
			} else {
				DemoDatabase.createTables(connection);
			}
		}
		try {
			derby.connect(url + ";shutdown=true", new Properties()); //$NON-NLS-1$
		} catch (SQLException closed) {
			if (!"08006".equals(closed.getSQLState())) { //$NON-NLS-1$ Derby reports a database shut down as 08006
				throw closed;
			}
		}
		Files.move(building, folder, StandardCopyOption.ATOMIC_MOVE);
	}

	private static void deleteTree(Path folder) throws IOException {
		if (!Files.exists(folder)) {
			return;
		}
		try (Stream<Path> files = Files.walk(folder)) {
			for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.delete(file);
			}
		}
	}

	private static void installCapture(Connector jdbc, Map<String, String> settings) throws ConnectorException {
		try (SystemSession session = jdbc.open(settings, new char[0])) {
			session.changeCapture().orElseThrow().install();
		}
	}
}
