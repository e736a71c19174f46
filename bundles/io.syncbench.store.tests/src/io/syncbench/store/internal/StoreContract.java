package io.syncbench.store.internal;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs a store test on a real database: each contract has a Derby and a PostgreSQL subclass. The
 * store's clock is one the test can move, for lease expiry.
 */
abstract class StoreContract {

	@TempDir
	Path workspace;

	TestDatabase database;
	MovableClock clock = new MovableClock();
	JpaStore store;

	/** The database this run uses; called once per test. */
	abstract TestDatabase newDatabase();

	@BeforeEach
	void openStore() {
		database = newDatabase();
		store = newStore();
	}

	/** Another store on the same database, as another process would have. */
	JpaStore newStore() {
		return new JpaStore(database.connection(), clock);
	}

	@AfterEach
	void closeStore() {
		store.close();
		database.close();
	}

	/** Embedded Derby in the test's temporary folder. */
	TestDatabase derby() {
		Path directory = workspace.resolve("db");
		return new TestDatabase() {
			@Override
			public DatabaseConnection connection() {
				return new EmbeddedDerbyConnection(directory);
			}

			@Override
			public void close() {
				// the temporary folder goes with the test
			}
		};
	}

	/** A schema of its own on the test PostgreSQL server. */
	TestDatabase postgres() {
		TestPostgres.Schema schema = TestPostgres.newSchema();
		return new TestDatabase() {
			@Override
			public DatabaseConnection connection() {
				return schema.connection();
			}

			@Override
			public void close() {
				schema.drop();
			}
		};
	}

	static final class MovableClock extends Clock {

		private Instant now = Instant.parse("2026-11-22T10:00:00Z");

		void advance(Duration duration) {
			now = now.plus(duration);
		}

		@Override
		public Instant instant() {
			return now;
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}
	}
}
