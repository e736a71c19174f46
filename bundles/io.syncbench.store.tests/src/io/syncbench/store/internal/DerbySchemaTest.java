package io.syncbench.store.internal;

/** The schema contract on embedded Derby. */
class DerbySchemaTest extends SchemaContract {

	@Override
	TestDatabase newDatabase() {
		return derby();
	}
}
