package io.syncbench.connector.jdbc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.syncbench.connector.ChangePage;
import io.syncbench.connector.RecordData;
import io.syncbench.connector.SystemSession;
import io.syncbench.engine.testsupport.CompanyDatabase;

/** The JDBC connector contract on a real PostgreSQL server, and what only PostgreSQL's MVCC makes possible. */
class PostgresJdbcConnectorTest extends JdbcConnectorContract {

	@Override
	CompanyDatabase newDatabase(Path folder) {
		return CompanyDatabase.postgres();
	}

	@Override
	String unreachableUrl() {
		return "jdbc:postgresql://127.0.0.1:9/erp?connectTimeout=5";
	}

	/**
	 * A transaction that started first but commits last has the smaller log id. Reading past the later
	 * one while the first is still open would skip the first for ever.
	 */
	@Test
	void aChangeCommittedLateIsNotSteppedOver() throws Exception {
		SystemSession session = openCaptured();
		try (Connection slow = database.application()) {
			slow.setAutoCommit(false);
			try (Statement statement = slow.createStatement()) {
				statement.execute("INSERT INTO ITEM (SKU, NAME) VALUES ('SKU-SLOW', 'Slow')");
			}
			long fast = insertItem("SKU-FAST", "Fast", "1.00");

			ChangePage whileOpen = session.readChanges("product", null, 100);
			assertEquals(List.of(), whileOpen.changes(), "nothing after the open transaction's row is read yet");
			assertEquals(java.util.OptionalLong.of(0), session.countChanges("product", null), "nor counted");

			slow.commit();
			ChangePage afterCommit = session.readChanges("product", whileOpen.nextCursor(), 100);
			assertEquals(List.of("SKU-SLOW", "SKU-FAST"),
					afterCommit.changes().stream().map(RecordData::fields).map(f -> f.get("sku")).toList());
			assertEquals(Long.toString(fast), afterCommit.changes().get(1).id());
		}
	}
}
