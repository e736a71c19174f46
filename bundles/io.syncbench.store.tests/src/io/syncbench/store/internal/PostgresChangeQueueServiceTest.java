package io.syncbench.store.internal;

/** The change-queue contract on a real PostgreSQL server. */
class PostgresChangeQueueServiceTest extends ChangeQueueServiceContract {

	@Override
	TestDatabase newDatabase() {
		return postgres();
	}
}
