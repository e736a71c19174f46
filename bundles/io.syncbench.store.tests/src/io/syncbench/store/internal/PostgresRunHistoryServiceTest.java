package io.syncbench.store.internal;

/** The run-history contract on a real PostgreSQL server. */
class PostgresRunHistoryServiceTest extends RunHistoryServiceContract {

	@Override
	TestDatabase newDatabase() {
		return postgres();
	}
}
