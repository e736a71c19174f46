package io.syncbench.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.eclipse.persistence.jpa.JpaHelper;
import org.junit.jupiter.api.Test;

import io.syncbench.store.CompanySettings;
import io.syncbench.store.StatusScope;
import io.syncbench.store.SyncStatusService.Side;
import io.syncbench.store.StoreUnavailableException;
import io.syncbench.store.internal.SchemaSetup.Migration;

/** The store sets its schema up, migrates it step by step, and refuses one from a newer SyncBench. */
abstract class SchemaContract extends StoreContract {

	/** The schema version of this SyncBench; the tests' own steps come after its steps. */
	private static final int CURRENT = SchemaSetup.currentVersion(SchemaSetup.MIGRATIONS);
	/** A version from a SyncBench newer than the test's own step after this one. */
	private static final int FUTURE = CURRENT + 2;
	private static final Migration ADD_NOTES = new Migration(CURRENT + 1, "company notes",
			List.of("CREATE TABLE SB_TEST_NOTE (ID INTEGER NOT NULL PRIMARY KEY, NOTE VARCHAR(100))",
					"INSERT INTO SB_TEST_NOTE (ID, NOTE) VALUES (1, 'migrated')"));

	private DataSource dataSource() {
		return database.connection().dataSource();
	}
	private int version() throws SQLException {
		return SchemaSetup.version(dataSource());
	}

	private boolean tableExists(String table) throws SQLException {
		try (Connection connection = dataSource().getConnection();
				ResultSet found = connection.getMetaData().getTables(null, connection.getSchema(), "%",
						new String[] { "TABLE" })) {
			while (found.next()) {
				if (found.getString("TABLE_NAME").toUpperCase(Locale.ROOT).equals(table)) {
					return true;
				}
			}
			return false;
		}
	}

	private void execute(String sql) throws SQLException {
		try (Connection connection = dataSource().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	/** This SyncBench's steps, then {@code more}. */
	private static List<Migration> withOurs(Migration... more) {
		List<Migration> steps = new ArrayList<>(SchemaSetup.MIGRATIONS);
		steps.addAll(List.of(more));
		return steps;
	}

	private JpaStore reopen(List<Migration> migrations) {
		store.close();
		store = new JpaStore(database.connection(), clock, migrations);
		store.open();
		return store;
	}

	@Test
	void aNewDatabaseGetsTheCurrentSchemaAndItsVersion() throws SQLException {
		store.open();

		assertEquals(SchemaSetup.currentVersion(SchemaSetup.MIGRATIONS), version());
		assertTrue(tableExists("SB_SYNC_STATUS"));
	}

	@Test
	void aStepRunsOnceInOrderAndKeepsTheData() throws SQLException {
		store.open();
		store.companies().create(CompanySettings.withDefaults("Acme Ltd"));

		reopen(withOurs(ADD_NOTES));
		reopen(withOurs(ADD_NOTES)); // a second start applies nothing again

		assertEquals(CURRENT + 1, version());
		assertTrue(tableExists("SB_TEST_NOTE"));
		assertEquals("Acme Ltd", store.companies().list().get(0).name());
	}

	@Test
	void aFailingStepLeavesThePreviousVersionWhole() throws SQLException {
		store.open();
		Migration broken = new Migration(CURRENT + 1, "broken",
				List.of("CREATE TABLE SB_TEST_NOTE (ID INTEGER NOT NULL PRIMARY KEY)", "THIS IS NOT SQL"));

		store.close();
		store = new JpaStore(database.connection(), clock, withOurs(broken));
		assertThrows(StoreUnavailableException.class, store::open);

		store = new JpaStore(database.connection(), clock);
		store.open();
		assertEquals(CURRENT, version());
		assertFalse(tableExists("SB_TEST_NOTE"), "the half step's table was rolled back");
	}

	@Test
	void aVersionOneStoreGetsTheStatusViewsIndexes() throws SQLException {
		store.open();
		execute("DROP INDEX " + SchemaSetup.STATUS_BY_COMPANY);
		execute("DROP INDEX " + SchemaSetup.STATUS_BY_COMPANY_STATE);
		execute("DELETE FROM " + SchemaSetup.VERSION_TABLE + " WHERE SCHEMA_VERSION > 1");

		reopen(SchemaSetup.MIGRATIONS);

		assertEquals(CURRENT, version());
		assertTrue(indexExists(SchemaSetup.STATUS_BY_COMPANY));
		assertTrue(indexExists(SchemaSetup.STATUS_BY_COMPANY_STATE));
	}

	@Test
	void aVersionTenStoreGetsStatusIndexesThatStartWithTheRecordsId() throws SQLException {
		store.open();
		StatusScope scope = new StatusScope(store.companies().create(CompanySettings.withDefaults("Acme Ltd")).id(),
				"webstore", "product");
		store.syncStatus().link(store.syncStatus().track(scope, Side.LOCAL, "7").id(), Side.EXTERNAL, "w7");
		for (String side : List.of("LOCAL", "EXTERNAL")) { // as SyncBench 0.1 to schema step 10 made them
			execute("DROP INDEX SB_STATUS_BY_" + side);
			execute("CREATE UNIQUE INDEX SB_STATUS_BY_" + side + " ON SB_SYNC_STATUS (COMPANY_ID, SYSTEM_NAME, ENTITY, "
					+ side + "_KEY)");
		}
		execute("DELETE FROM " + SchemaSetup.VERSION_TABLE + " WHERE SCHEMA_VERSION > 10");

		reopen(SchemaSetup.MIGRATIONS);

		assertEquals(CURRENT, version());
		assertEquals(List.of("LOCAL_KEY", "COMPANY_ID", "SYSTEM_NAME", "ENTITY"), indexColumns("SB_STATUS_BY_LOCAL"));
		assertEquals(List.of("EXTERNAL_KEY", "COMPANY_ID", "SYSTEM_NAME", "ENTITY"), indexColumns("SB_STATUS_BY_EXTERNAL"));
		assertEquals("w7", store.syncStatus().findAll(scope, Side.LOCAL, List.of("7")).get("7").externalId());
		assertEquals("7", store.syncStatus().findAll(scope, Side.EXTERNAL, List.of("w7")).get("w7").localId());
	}

	@Test
	void aStoreKeepsItsIdentityAcrossStartsAndAVersionElevenStoreGetsOne() throws SQLException {
		store.open();
		String identity = store.id();
		assertTrue(identity.matches("[0-9a-f-]{36}"), identity);
		assertEquals(identity, reopen(SchemaSetup.MIGRATIONS).id(), "the same identity at the next start");

		execute("DROP TABLE SB_STORE_IDENTITY"); // as SyncBench 0.1 to schema step 11 made it
		execute("DELETE FROM " + SchemaSetup.VERSION_TABLE + " WHERE SCHEMA_VERSION > 11");
		String made = reopen(SchemaSetup.MIGRATIONS).id();

		assertEquals(CURRENT, version());
		assertTrue(made.matches("[0-9a-f-]{36}") && !made.equals(identity), made);
		assertEquals(made, reopen(SchemaSetup.MIGRATIONS).id());
	}

	/** The index's columns in their order, upper case. */
	private List<String> indexColumns(String index) throws SQLException {
		java.util.TreeMap<Integer, String> columns = new java.util.TreeMap<>();
		try (Connection connection = dataSource().getConnection()) {
			for (String table : List.of("SB_SYNC_STATUS", "sb_sync_status")) {
				try (ResultSet found = connection.getMetaData().getIndexInfo(null, connection.getSchema(), table, false, true)) {
					while (found.next()) {
						if (index.equalsIgnoreCase(found.getString("INDEX_NAME"))) {
							columns.put((int) found.getShort("ORDINAL_POSITION"),
									found.getString("COLUMN_NAME").toUpperCase(Locale.ROOT));
						}
					}
				}
			}
		}
		return List.copyOf(columns.values());
	}

	private boolean indexExists(String index) throws SQLException {
		try (Connection connection = dataSource().getConnection()) {
			for (String table : List.of("SB_SYNC_STATUS", "sb_sync_status")) {
				try (ResultSet found = connection.getMetaData().getIndexInfo(null, connection.getSchema(), table, false, true)) {
					while (found.next()) {
						if (index.equalsIgnoreCase(found.getString("INDEX_NAME"))) {
							return true;
						}
					}
				}
			}
			return false;
		}
	}

	@Test
	void tablesFromBeforeVersioningAreAdoptedAsVersionOne() throws SQLException {
		store.open();
		store.companies().create(CompanySettings.withDefaults("Acme Ltd"));
		execute("DROP TABLE " + SchemaSetup.VERSION_TABLE);

		reopen(withOurs(ADD_NOTES)); // adopted as version 1, then every step after it

		assertEquals(CURRENT + 1, version());
		assertEquals(1, store.companies().list().size());
	}

	@Test
	void aSchemaFromANewerSyncBenchIsRefusedAndLeftAlone() throws SQLException {
		store.open();
		execute("INSERT INTO " + SchemaSetup.VERSION_TABLE
				+ " (SCHEMA_VERSION, DESCRIPTION, APPLIED_AT) VALUES (" + FUTURE + ", 'from the future', CURRENT_TIMESTAMP)");
		store.close();

		JpaStore older = new JpaStore(database.connection(), clock);
		try {
			StoreUnavailableException refused = assertThrows(StoreUnavailableException.class, older::open);
			assertTrue(refused.getMessage().contains("set up by a newer SyncBench (schema version " + FUTURE + "; this SyncBench "
					+ "knows versions up to " + CURRENT + ")"), refused.getMessage());
		} finally {
			older.close();
		}
		store = new JpaStore(database.connection(), clock, withOurs(ADD_NOTES, new Migration(FUTURE, "future", List.of())));
		store.open();
		assertEquals(FUTURE, version());
		assertFalse(tableExists("SB_TEST_NOTE"), "steps below the database's version are not applied again");
	}

	/** Only a server database can be opened by several processes at once. */
	void severalProcessesSettingUpOneNewDatabaseAtOnceAllSucceed() throws Exception {
		store.close();
		ExecutorService processes = Executors.newFixedThreadPool(4);
		List<JpaStore> stores = new ArrayList<>();
		try {
			List<Future<Integer>> opened = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				JpaStore another = new JpaStore(database.connection(), clock);
				stores.add(another);
				opened.add(processes.submit((Callable<Integer>) () -> {
					another.open();
					return another.companies().list().size();
				}));
			}
			for (Future<Integer> result : opened) {
				assertEquals(0, result.get());
			}
			// The first to ask makes the store's identity; the others, asking at the same moment, read it.
			List<Future<String>> identities = new ArrayList<>();
			stores.forEach(another -> identities.add(processes.submit(another::id)));
			java.util.Set<String> seen = new java.util.HashSet<>();
			for (Future<String> identity : identities) {
				seen.add(identity.get());
			}
			assertEquals(1, seen.size(), seen::toString);
		} finally {
			processes.shutdownNow();
			stores.forEach(JpaStore::close);
		}
		store = new JpaStore(database.connection(), clock);
		store.open();
		assertEquals(CURRENT, version());
	}

	/**
	 * Every connection of the pool held by a transaction that then needs a new block of ids: the block is
	 * allocated on a connection of its own, so none of them waits for another to end (twelve companies
	 * running in one service once waited out the pool's timeout this way).
	 */
	@Test
	void idsAreAllocatedWhileEveryConnectionIsHeldByATransactionThatNeedsThem() throws Exception {
		store.inTransaction(em -> {
			JpaHelper.getServerSession(em.getEntityManagerFactory()).getSequencingControl().resetSequencing();
			return null; // the ids allocated so far are forgotten: the next insert allocates a block
		});
		int transactions = JpaStore.POOL_SIZE;
		AtomicInteger heldAtTheBarrier = new AtomicInteger();
		CyclicBarrier everyConnectionHeld = new CyclicBarrier(transactions,
				() -> heldAtTheBarrier.set(store.connectionsInUse()));
		ExecutorService threads = Executors.newFixedThreadPool(transactions);
		try {
			List<Future<Long>> runs = new ArrayList<>();
			for (int i = 0; i < transactions; i++) {
				runs.add(threads.submit(() -> store.inTransaction(em -> {
					// The transaction takes its connection and holds it until it ends, with no statement of its
					// own: an UPDATE here once waited on Derby past the barrier's 20 s, probably on a table lock
					// queued behind one of Derby's own (its statistics daemon's), while the others held theirs.
					em.unwrap(Connection.class);
					try {
						everyConnectionHeld.await(20, TimeUnit.SECONDS);
					} catch (Exception e) {
						throw new IllegalStateException("not every transaction got a connection", e); //$NON-NLS-1$
					}
					RunEntity run = new RunEntity(1, "SYNC", "MANUAL", clock.instant()); //$NON-NLS-1$ //$NON-NLS-2$
					em.persist(run);
					em.flush();
					return run.id();
				})));
			}
			List<Long> ids = new ArrayList<>();
			for (Future<Long> run : runs) {
				ids.add(run.get(20, TimeUnit.SECONDS)); // the pool's own timeout is 30 s
			}
			assertEquals(transactions, heldAtTheBarrier.get(), "every connection of the pool held at the barrier"); //$NON-NLS-1$
			assertEquals(transactions, ids.stream().distinct().count(), "each run its own id: " + ids); //$NON-NLS-1$
		} finally {
			threads.shutdownNow();
		}
	}
}
