package io.syncbench.benchmarks;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import io.syncbench.connector.Connector;
import io.syncbench.connector.SystemSession;
import io.syncbench.connector.jdbc.JdbcSystem;
import io.syncbench.connector.woocommerce.WooCommerceSystem;
import io.syncbench.demo.DemoDatabase;
import io.syncbench.engine.ConnectorRegistry;
import io.syncbench.engine.testsupport.CompanyDatabase;
import io.syncbench.store.Company;
import io.syncbench.store.CompanySettings;
import io.syncbench.store.ConnectedSystem.Role;
import io.syncbench.store.EntitySettings;
import io.syncbench.store.EntitySettings.Direction;
import io.syncbench.store.Store;
import io.syncbench.store.Stores;
import io.syncbench.store.Stores.OwnedStore;
import io.syncbench.store.SyncStatusService.Side;

/**
 * The company the benchmarks run: a company database (Derby or PostgreSQL) that sends its items, and only
 * them, to a web store.
 */
final class BenchmarkCompany {

	static final String KEY = "ck_benchmark";
	static final String SECRET = "cs_benchmark";

	private BenchmarkCompany() {
	}

	/**
	 * Creates the company, with the company database's change capture installed now.
	 *
	 * @param completeUpdate whether its first run sends every item
	 */
	static Company create(Store store, ConnectorRegistry connectors, CompanyDatabase erp, URI web,
			boolean completeUpdate) throws Exception {
		Map<String, String> erpSettings = new HashMap<>(erp.settings());
		erpSettings.put(JdbcSystem.ENTITIES, "product");
		Connector jdbc = connectors.find(JdbcSystem.TYPE).orElseThrow();
		try (SystemSession session = jdbc.open(erpSettings, new char[0])) {
			session.changeCapture().orElseThrow().install();
		}
		Company company = store.companies().create(new CompanySettings("Benchmark Ltd", 3600, false, false, completeUpdate));
		store.syncSetup().saveSystem(company.id(), "erp", JdbcSystem.TYPE, Role.COMPANY_DATABASE, erpSettings, true);
		store.syncSetup().saveSystem(company.id(), "webstore", WooCommerceSystem.TYPE, Role.OUTSIDE_SYSTEM,
				Map.of(WooCommerceSystem.URL, web.toString()), true);
		store.syncSetup().saveEntity(company.id(),
				new EntitySettings("webstore", "product", Direction.SEND_ONLY, Side.LOCAL, Map.of(), Map.of()));
		return store.companies().find(company.id()).orElseThrow();
	}

	/**
	 * A company whose items go, and only they, to another database through the JDBC connector, with the
	 * company database's change capture installed now.
	 *
	 * @param completeUpdate whether its first run sends every item
	 */
	static Company createDatabaseTarget(Store store, ConnectorRegistry connectors, CompanyDatabase erp,
			CompanyDatabase target, boolean completeUpdate) throws Exception {
		Map<String, String> erpSettings = new HashMap<>(erp.settings());
		erpSettings.put(JdbcSystem.ENTITIES, "product");
		try (SystemSession session = connectors.find(JdbcSystem.TYPE).orElseThrow().open(erpSettings, new char[0])) {
			session.changeCapture().orElseThrow().install();
		}
		Map<String, String> targetSettings = new HashMap<>(target.settings());
		targetSettings.put(JdbcSystem.ENTITIES, "product");
		Company company = store.companies().create(new CompanySettings("Database Target Ltd", 3600, false, false,
				completeUpdate));
		store.syncSetup().saveSystem(company.id(), "erp", JdbcSystem.TYPE, Role.COMPANY_DATABASE, erpSettings, true);
		store.syncSetup().saveSystem(company.id(), "branch", JdbcSystem.TYPE, Role.OUTSIDE_SYSTEM, targetSettings, true);
		store.syncSetup().saveEntity(company.id(),
				new EntitySettings("branch", "product", Direction.SEND_ONLY, Side.LOCAL, Map.of(), Map.of()));
		return store.companies().find(company.id()).orElseThrow();
	}

	/** SyncBench's own store for a benchmark, and the PostgreSQL schema it has when it is on PostgreSQL. */
	record BenchmarkStore(OwnedStore store, CompanyDatabase schema) implements AutoCloseable {

		/** Embedded Derby in {@code folder}, or a schema of its own on the test PostgreSQL server. */
		static BenchmarkStore open(Kind kind, Path folder) throws SQLException {
			if (kind == Kind.DERBY) {
				return new BenchmarkStore(Stores.embeddedDerby(folder.resolve("store")), null);
			}
			CompanyDatabase schema = CompanyDatabase.postgres();
			return new BenchmarkStore(Stores.postgres(schema.settings().get(JdbcSystem.URL),
					schema.settings().get(JdbcSystem.USER), null), schema);
		}

		@Override
		public void close() {
			try {
				store.close();
			} finally {
				if (schema != null) {
					schema.close();
				}
			}
		}
	}

	/** A database of the standard layout without rows, for a company's items to go to. */
	static CompanyDatabase emptyTarget(Kind kind, Path folder) throws SQLException {
		CompanyDatabase target = kind == Kind.DERBY ? CompanyDatabase.derby(folder) : CompanyDatabase.postgres();
		try (Connection connection = target.application()) {
			DemoDatabase.createTables(connection);
		}
		return target;
	}

	/**
	 * A company database of the standard layout with {@code items} generated items: embedded Derby in
	 * {@code folder}, or a schema of its own on the test PostgreSQL server (the benchmark is skipped
	 * without one).
	 */
	static CompanyDatabase createDatabase(Kind kind, Path folder, int items) throws SQLException {
		CompanyDatabase erp = kind == Kind.DERBY ? CompanyDatabase.derby(folder) : CompanyDatabase.postgres();
		try (Connection connection = erp.application()) {
			DemoDatabase.createTables(connection);
			DemoDatabase.generateItems(connection, items, written -> {
			});
			settle(kind, connection);
		}
		return erp;
	}

	/**
	 * Leaves the new database as a database in use is: its pages written and its statistics known.
	 * Otherwise the first run measured pays for writing the freshly generated pages and gathering the
	 * statistics in the background: the raw copy, which ran first, was 20 % slower on Derby for it.
	 */
	private static void settle(Kind kind, Connection connection) throws SQLException {
		if (kind == Kind.DERBY) {
			try (PreparedStatement statistics = connection
					.prepareStatement("CALL SYSCS_UTIL.SYSCS_UPDATE_STATISTICS(?, 'ITEM', NULL)")) {
				statistics.setString(1, connection.getSchema());
				statistics.execute();
			}
			try (Statement checkpoint = connection.createStatement()) {
				checkpoint.execute("CALL SYSCS_UTIL.SYSCS_CHECKPOINT_DATABASE()");
			}
		} else {
			try (Statement analyze = connection.createStatement()) {
				analyze.execute("ANALYZE ITEM");
			}
		}
	}

	/** The company databases that the benchmarks run on. */
	enum Kind {
		DERBY("Derby"), POSTGRESQL("PostgreSQL");

		final String title;

		Kind(String title) {
			this.title = title;
		}

		/** For file names: {@code derby}, {@code postgresql}. */
		String fileName() {
			return name().toLowerCase(Locale.ROOT);
		}

		/**
		 * What a benchmark's file name says of SyncBench's store of this kind: nothing for Derby, the
		 * store of the first figures, {@code -store-postgresql} otherwise.
		 */
		String storeSuffix() {
			return this == DERBY ? "" : "-store-" + fileName();
		}
	}

	static char[] credentials(long companyId, String system) {
		return WooCommerceSystem.credentials(KEY, SECRET);
	}
}
