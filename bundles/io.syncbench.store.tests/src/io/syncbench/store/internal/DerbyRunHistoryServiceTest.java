package io.syncbench.store.internal;

/** The run-history contract on embedded Derby. */
class DerbyRunHistoryServiceTest extends RunHistoryServiceContract {

	@Override
	TestDatabase newDatabase() {
		return derby();
	}
}
