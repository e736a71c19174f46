package io.syncbench.store.internal;

/** The sync-status contract on embedded Derby. */
class DerbySyncStatusServiceTest extends SyncStatusServiceContract {

	@Override
	TestDatabase newDatabase() {
		return derby();
	}
}
