package io.syncbench.store.internal;

import org.junit.jupiter.api.Test;

/** The schema contract on a real PostgreSQL server, where several processes may set one database up at once. */
class PostgresSchemaTest extends SchemaContract {

	@Override
	TestDatabase newDatabase() {
		return postgres();
	}

	@Test
	@Override
	void severalProcessesSettingUpOneNewDatabaseAtOnceAllSucceed() throws Exception {
		super.severalProcessesSettingUpOneNewDatabaseAtOnceAllSucceed();
	}
}
