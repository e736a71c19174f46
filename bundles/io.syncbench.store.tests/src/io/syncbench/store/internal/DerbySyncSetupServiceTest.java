package io.syncbench.store.internal;

/** The sync-setup contract on embedded Derby. */
class DerbySyncSetupServiceTest extends SyncSetupServiceContract {

	@Override
	TestDatabase newDatabase() {
		return derby();
	}
}
