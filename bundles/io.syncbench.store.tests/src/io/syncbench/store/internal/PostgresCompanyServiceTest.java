package io.syncbench.store.internal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The company contract on a real PostgreSQL server, each test in a schema of its own. */
class PostgresCompanyServiceTest extends CompanyServiceContract {

	private TestPostgres.Schema schema;

	@BeforeEach
	@Override
	void openStore() {
		schema = TestPostgres.newSchema();
		super.openStore();
	}

	@AfterEach
	void dropSchema() {
		schema.drop();
	}

	@Override
	DatabaseConnection connection() {
		return schema.connection();
	}
}
