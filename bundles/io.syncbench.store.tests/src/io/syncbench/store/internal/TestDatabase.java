package io.syncbench.store.internal;

/** An empty database for one test: every {@link #connection()} reaches the same one. */
interface TestDatabase extends AutoCloseable {

	DatabaseConnection connection();

	/** Removes what the test left. */
	@Override
	void close();
}
