package io.syncbench.store.internal;

/** The service-state contract on a real PostgreSQL server. */
class PostgresServiceStateServiceTest extends ServiceStateServiceContract {

	@Override
	TestDatabase newDatabase() {
		return postgres();
	}
}
