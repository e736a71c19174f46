package io.syncbench.store.internal;

/** The sync-status contract on a real PostgreSQL server. */
class PostgresSyncStatusServiceTest extends SyncStatusServiceContract {

	@Override
	TestDatabase newDatabase() {
		return postgres();
	}
}
