package io.syncbench.store.internal;

/** The company contract on a real PostgreSQL server. */
class PostgresCompanyServiceTest extends CompanyServiceContract {

	@Override
	TestDatabase newDatabase() {
		return postgres();
	}
}
