package io.syncbench.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;

import org.eclipse.osgi.util.NLS;

import io.syncbench.connector.Connector;
import io.syncbench.connector.ConnectorException;
import io.syncbench.connector.SystemSession;
import io.syncbench.connector.jdbc.JdbcSystem;
import io.syncbench.demo.internal.Messages;
import io.syncbench.engine.ConnectorRegistry;
import io.syncbench.store.Company;
import io.syncbench.store.CompanySettings;
import io.syncbench.store.ConnectedSystem.Role;
import io.syncbench.store.EntitySettings;
import io.syncbench.store.EntitySettings.Direction;
import io.syncbench.store.Store;
import io.syncbench.store.SyncStatusService.Side;

/**
 * Sets up the demo company on a store that has no company yet: its database (Derby, with sample
 * data) and a branch shop's database that sells the company's items in warehouse WH1 and takes
 * orders, both with change capture installed, and a sync setup that shows slices and directions:
 * items and WH1 stock go out, customers and addresses go both ways, orders come in. The first run
 * is a complete update.
 */
public final class DemoCompany {

	public static final String NAME = "Demo Company"; //$NON-NLS-1$
	public static final String DATABASE = "erp"; //$NON-NLS-1$
	public static final String BRANCH = "branch-shop"; //$NON-NLS-1$

	/** The application argument that asks the workbench or the service for the demo company. */
	public static final String DEMO_ARGUMENT = "-demo"; //$NON-NLS-1$

	private DemoCompany() {
	}

	/**
	 * Sets the demo company up when the application was started with {@value #DEMO_ARGUMENT} and the
	 * store has no company, with its databases in the workspace's {@code demo} folder.
	 */
	public static Optional<Company> ensureIfAsked(String[] arguments, Store store, ConnectorRegistry connectors,
			Consumer<String> log) throws SQLException, ConnectorException {
		if (!java.util.Arrays.asList(arguments).contains(DEMO_ARGUMENT)) {
			return Optional.empty();
		}
		java.net.URL instance = org.eclipse.core.runtime.Platform.getInstanceLocation() == null ? null
				: org.eclipse.core.runtime.Platform.getInstanceLocation().getURL();
		Path workspace = instance == null ? Path.of(System.getProperty("user.home"), ".syncbench") //$NON-NLS-1$ //$NON-NLS-2$
				: new java.io.File(instance.getFile()).toPath();
		return ensure(store, connectors, workspace.resolve("demo"), log); //$NON-NLS-1$
	}

	/**
	 * @param folder where the demo databases go ({@code erp} and {@code branch-shop})
	 * @return the demo company when it was created now; empty when the store has companies already
	 */
	public static Optional<Company> ensure(Store store, ConnectorRegistry connectors, Path folder, Consumer<String> log)
			throws SQLException, ConnectorException {
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
		Map<String, String> erpSettings = Map.of(JdbcSystem.URL, "jdbc:derby:" + erp); //$NON-NLS-1$
		Map<String, String> branchSettings = Map.of(JdbcSystem.URL, "jdbc:derby:" + branch); //$NON-NLS-1$
		installCapture(jdbc, erpSettings);
		installCapture(jdbc, branchSettings);

		Company company = store.companies().create(new CompanySettings(NAME, 20, true, true, true));
		store.syncSetup().saveSystem(company.id(), DATABASE, JdbcSystem.TYPE, Role.COMPANY_DATABASE, erpSettings, true);
		store.syncSetup().saveSystem(company.id(), BRANCH, JdbcSystem.TYPE, Role.OUTSIDE_SYSTEM, branchSettings, true);
		entity(store, company, "product", Direction.SEND_ONLY, Map.of()); //$NON-NLS-1$
		entity(store, company, "stocklevel", Direction.SEND_ONLY, Map.of("warehouse", "WH1")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		entity(store, company, "customer", Direction.BOTH, Map.of()); //$NON-NLS-1$
		entity(store, company, "address", Direction.BOTH, Map.of()); //$NON-NLS-1$
		entity(store, company, "salesorder", Direction.DOWNLOAD_ONLY, Map.of()); //$NON-NLS-1$
		entity(store, company, "salesorderline", Direction.DOWNLOAD_ONLY, Map.of()); //$NON-NLS-1$
		log.accept(NLS.bind(Messages.Demo_companyCreated, NAME));
		return Optional.of(company);
	}

	private static void entity(Store store, Company company, String entity, Direction direction, Map<String, String> filter) {
		store.syncSetup().saveEntity(company.id(),
				new EntitySettings(BRANCH, entity, direction, Side.LOCAL, Map.of(), filter));
	}

	private static void createDatabase(Path folder, boolean withSampleData) throws SQLException {
		try (Connection connection = new org.apache.derby.jdbc.EmbeddedDriver()
				.connect("jdbc:derby:" + folder + ";create=true", new Properties())) { //$NON-NLS-1$ //$NON-NLS-2$
			if (withSampleData) {
				DemoDatabase.createWithSampleData(connection);
			} else {
				DemoDatabase.createTables(connection);
			}
		}
	}

	private static void installCapture(Connector jdbc, Map<String, String> settings) throws ConnectorException {
		try (SystemSession session = jdbc.open(settings, new char[0])) {
			session.changeCapture().orElseThrow().install();
		}
	}
}
