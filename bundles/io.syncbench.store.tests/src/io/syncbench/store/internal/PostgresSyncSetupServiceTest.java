package io.syncbench.store.internal;

/** The sync-setup contract on a real PostgreSQL server. */
class PostgresSyncSetupServiceTest extends SyncSetupServiceContract {

	@Override
	TestDatabase newDatabase() {
		return postgres();
	}
}
