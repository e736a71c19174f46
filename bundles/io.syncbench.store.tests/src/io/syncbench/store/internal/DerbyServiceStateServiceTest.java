package io.syncbench.store.internal;

/** The service-state contract on embedded Derby. */
class DerbyServiceStateServiceTest extends ServiceStateServiceContract {

	@Override
	TestDatabase newDatabase() {
		return derby();
	}
}
