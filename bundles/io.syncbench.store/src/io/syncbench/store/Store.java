package io.syncbench.store;

/**
 * SyncBench's own database: companies, their sync properties and, later, sync status. Registered as an
 * OSGi service; it opens on first use.
 */
public interface Store {

	/** Where the data lives, for messages: a directory for embedded Derby, a JDBC URL otherwise. */
	String location();

	/**
	 * The store's own identity, random, made when it is first opened and kept in its database (so it moves
	 * with it, and every process on one PostgreSQL store shares it). The companies' secrets on a machine
	 * are kept under it: company 1 of one store is not company 1 of another.
	 *
	 * @throws StoreUnavailableException when the store cannot be opened
	 */
	String id();

	/**
	 * Opens the database and creates or extends its schema. Does nothing when it is open already.
	 *
	 * @throws StoreUnavailableException naming the location and the cause
	 */
	void open();

	/** The companies in this store. */
	CompanyService companies();

	/** The companies' connected systems and their entity settings. */
	SyncSetupService syncSetup();

	/** Every record's sync status per connected system, and the record leases. */
	SyncStatusService syncStatus();

	/** The changes waiting to be synchronized, and where reading each system's changes goes on. */
	ChangeQueueService changeQueue();

	/** Every run with its outcome and record actions. */
	RunHistoryService runHistory();

	/** The heartbeats of the headless sync services. */
	ServiceStateService serviceState();
}
