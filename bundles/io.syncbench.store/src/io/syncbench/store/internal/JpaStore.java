package io.syncbench.store.internal;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import javax.sql.DataSource;

import org.eclipse.osgi.util.NLS;
import org.eclipse.persistence.config.PersistenceUnitProperties;
import org.eclipse.persistence.jpa.PersistenceProvider;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import io.syncbench.store.ChangeQueueService;
import io.syncbench.store.CompanyService;
import io.syncbench.store.RunHistoryService;
import io.syncbench.store.ServiceStateService;
import io.syncbench.store.Stores;
import io.syncbench.store.StoreException;
import io.syncbench.store.SyncSetupService;
import io.syncbench.store.SyncStatusService;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.PersistenceException;

/** The store on EclipseLink JPA over one {@link DatabaseConnection}. */
public final class JpaStore implements Stores.OwnedStore {

	private static final String PERSISTENCE_UNIT = "syncbench"; //$NON-NLS-1$

	private final DatabaseConnection connection;
	private final List<SchemaSetup.Migration> migrations;
	private final JpaCompanyService companies = new JpaCompanyService(this);
	private final JpaSyncStatusService syncStatus;
	private final JpaChangeQueueService changeQueue;
	private final JpaRunHistoryService runHistory;
	private final JpaServiceStateService serviceState;
	private final JpaSyncSetupService syncSetup = new JpaSyncSetupService(this);
	private EntityManagerFactory entityManagerFactory;
	private HikariDataSource pool;
	private HikariDataSource idPool;
	private volatile boolean postgresql;
	/** The store's identity, once read. */
	private volatile String id;

	public JpaStore(DatabaseConnection connection) {
		this(connection, Clock.systemUTC());
	}

	/** @param clock the time for leases and timestamps; tests pass a clock they can move */
	public JpaStore(DatabaseConnection connection, Clock clock) {
		this(connection, clock, SchemaSetup.MIGRATIONS);
	}

	/** @param migrations the schema's steps; tests pass steps of their own to try the mechanism */
	JpaStore(DatabaseConnection connection, Clock clock, List<SchemaSetup.Migration> migrations) {
		this.connection = connection;
		this.migrations = migrations;
		this.syncStatus = new JpaSyncStatusService(this, clock);
		this.changeQueue = new JpaChangeQueueService(this, clock);
		this.runHistory = new JpaRunHistoryService(this, clock);
		this.serviceState = new JpaServiceStateService(this, clock);
	}

	@Override
	public String location() {
		return connection.location();
	}

	@Override
	public String id() {
		String known = id;
		if (known == null) {
			known = inTransaction(em -> Optional.ofNullable(em.find(StoreIdentityEntity.class, StoreIdentityEntity.ONLY)))
					.map(StoreIdentityEntity::storeId).orElseGet(this::createId);
			id = known;
		}
		return known;
	}

	/** The first process to open a new store makes its identity; one that raced it reads the winner's. */
	private String createId() {
		try {
			return inTransaction(em -> {
				StoreIdentityEntity made = new StoreIdentityEntity(UUID.randomUUID().toString());
				em.persist(made);
				em.flush();
				return made.storeId();
			});
		} catch (PersistenceException e) {
			if (!StoreErrors.isUniqueViolation(e)) {
				throw writeFailed(e);
			}
			return inTransaction(em -> em.find(StoreIdentityEntity.class, StoreIdentityEntity.ONLY).storeId());
		}
	}

	@Override
	public synchronized void open() {
		if (entityManagerFactory != null) {
			return;
		}
		try {
			connection.prepare();
		} catch (IOException e) {
			throw StoreErrors.notWritable(location(), e);
		} catch (RuntimeException e) { // for example the password's secure storage cannot be read
			throw StoreErrors.cannotPrepare(location(), e);
		}
		// A plain connection first: its SQLException says precisely why the database cannot be opened.
		try (Connection probe = connection.dataSource().getConnection()) {
			probe.isValid(0);
			postgresql = probe.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT)
					.contains("postgres"); //$NON-NLS-1$
		} catch (SQLException e) {
			throw StoreErrors.cannotOpen(location(), e);
		}
		HikariDataSource connections = pooled(connection.dataSource(), "", POOL_SIZE); //$NON-NLS-1$
		HikariDataSource forIds = pooled(connection.dataSource(), " ids", ID_POOL_SIZE); //$NON-NLS-1$
		EntityManagerFactory factory = new PersistenceProvider().createEntityManagerFactory(PERSISTENCE_UNIT,
				properties(connections, forIds));
		try {
			factory.createEntityManager().close(); // logs in now
			SchemaSetup.ensure(factory, connection.dataSource(), migrations);
		} catch (PersistenceException | SQLException e) {
			factory.close();
			connections.close();
			forIds.close();
			throw StoreErrors.cannotOpen(location(), e);
		}
		pool = connections;
		idPool = forIds;
		entityManagerFactory = factory;
	}

	/**
	 * No shared (second-level) cache: the workbench and the service write to the same database, and a
	 * cache would show one of them the other's rows as they were. EclipseLink logs only SEVERE: it logs
	 * every refused statement as a warning, including the unique-key refusals the store expects when two
	 * processes race and handles; every failure reaches the caller as an exception anyway. Ids are
	 * allocated on connections of their own ({@link IdConnections}), so that allocating them never waits
	 * for a transaction. Inserts and updates go to the database in JDBC batches, since the engine stores a
	 * page of statuses in one transaction.
	 */
	private static Map<String, Object> properties(DataSource connections, DataSource forIds) {
		return Map.of(PersistenceUnitProperties.NON_JTA_DATASOURCE, connections,
				PersistenceUnitProperties.CACHE_SHARED_DEFAULT, "false", //$NON-NLS-1$
				PersistenceUnitProperties.SESSION_CUSTOMIZER, new IdConnections(forIds),
				PersistenceUnitProperties.CLASSLOADER, JpaStore.class.getClassLoader(),
				PersistenceUnitProperties.WEAVING, "false", //$NON-NLS-1$
				PersistenceUnitProperties.BATCH_WRITING, "JDBC", //$NON-NLS-1$
				PersistenceUnitProperties.BATCH_WRITING_SIZE, "1000", //$NON-NLS-1$
				PersistenceUnitProperties.LOGGING_LEVEL, "SEVERE", //$NON-NLS-1$
				PersistenceUnitProperties.LOGGING_PARAMETERS, "false"); //$NON-NLS-1$
	}

	@Override
	public CompanyService companies() {
		return companies;
	}

	@Override
	public SyncSetupService syncSetup() {
		return syncSetup;
	}

	@Override
	public SyncStatusService syncStatus() {
		return syncStatus;
	}

	@Override
	public ChangeQueueService changeQueue() {
		return changeQueue;
	}

	@Override
	public RunHistoryService runHistory() {
		return runHistory;
	}

	@Override
	public ServiceStateService serviceState() {
		return serviceState;
	}

	/**
	 * Runs {@code work} in one transaction, opening the store if needed; rolls back on any failure.
	 *
	 * @throws io.syncbench.store.StoreUnavailableException when the database cannot be opened
	 */
	<T> T inTransaction(Function<EntityManager, T> work) {
		EntityManager entityManager = entityManagerFactory().createEntityManager();
		EntityTransaction transaction = entityManager.getTransaction();
		try {
			transaction.begin();
			T result = work.apply(entityManager);
			transaction.commit();
			return result;
		} finally {
			if (transaction.isActive()) {
				transaction.rollback();
			}
			entityManager.close();
		}
	}

	/** Whether the store is a PostgreSQL database (otherwise Derby), for the statements the two write differently. */
	boolean postgresql() {
		entityManagerFactory();
		return postgresql;
	}

	/** How many of the pool's connections are lent out now: a transaction that wrote holds one until it ends. */
	int connectionsInUse() {
		entityManagerFactory();
		return pool.getHikariPoolMXBean().getActiveConnections();
	}

	/**
	 * What ends a SELECT whose rows stay read-locked, shared, until the transaction ends: PostgreSQL's
	 * {@code FOR SHARE}, Derby's read stability.
	 */
	String sharedLockClause() {
		entityManagerFactory();
		return postgresql ? " FOR SHARE" : " WITH RS"; //$NON-NLS-1$ //$NON-NLS-2$
	}

	/** Wraps a database failure that has no more specific meaning. */
	StoreException writeFailed(Throwable failure) {
		return new StoreException(NLS.bind(Messages.Store_writeFailed, location(), failure.getMessage()), failure);
	}

	private synchronized EntityManagerFactory entityManagerFactory() {
		open();
		return entityManagerFactory;
	}

	/**
	 * Connections kept open between transactions: without them each transaction opened one, which on
	 * PostgreSQL is a login and on Derby a check that the database is booted. Opened only once a plain
	 * connection worked, so a database that cannot be reached is reported by its own error at once, not
	 * by the pool's timeout.
	 */
	private HikariDataSource pooled(DataSource dataSource, String purpose, int size) {
		// The pool says at INFO level that it starts and stops; the store's own messages are enough.
		System.getProperties().putIfAbsent("org.slf4j.simpleLogger.log.com.zaxxer.hikari", "warn"); //$NON-NLS-1$ //$NON-NLS-2$
		HikariConfig config = new HikariConfig();
		config.setDataSource(dataSource);
		config.setPoolName("SyncBench store" + purpose + " " + location()); //$NON-NLS-1$ //$NON-NLS-2$
		config.setMaximumPoolSize(size);
		config.setMinimumIdle(1);
		return new HikariDataSource(config);
	}

	/**
	 * The runs' entities in parallel, the views and the scheduler: a service running a
	 * dozen companies at once has each run's page store, lookups and history writer in a transaction.
	 */
	static final int POOL_SIZE = 16;

	/** Id allocation: a block of a thousand ids at a time, so it seldom needs a connection, and briefly. */
	private static final int ID_POOL_SIZE = 2;

	@Override
	public synchronized void close() {
		if (entityManagerFactory != null) {
			entityManagerFactory.close();
			entityManagerFactory = null;
			pool.close(); // Derby shuts a database down only when no connection is open
			pool = null;
			idPool.close();
			idPool = null;
			connection.shutdown();
		}
	}
}
