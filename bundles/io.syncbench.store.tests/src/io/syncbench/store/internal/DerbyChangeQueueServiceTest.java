package io.syncbench.store.internal;

/** The change-queue contract on embedded Derby. */
class DerbyChangeQueueServiceTest extends ChangeQueueServiceContract {

	@Override
	TestDatabase newDatabase() {
		return derby();
	}
}
