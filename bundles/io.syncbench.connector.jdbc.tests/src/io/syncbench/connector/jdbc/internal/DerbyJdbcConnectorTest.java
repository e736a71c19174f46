package io.syncbench.connector.jdbc.internal;

import java.nio.file.Path;

/** The JDBC connector contract on embedded Apache Derby. */
class DerbyJdbcConnectorTest extends JdbcConnectorContract {

	@Override
	TestDatabase newDatabase(Path folder) {
		return TestDatabase.derby(folder);
	}

	@Override
	String unreachableUrl() {
		return "jdbc:derby:" + folder.resolve("no-such-database");
	}
}
