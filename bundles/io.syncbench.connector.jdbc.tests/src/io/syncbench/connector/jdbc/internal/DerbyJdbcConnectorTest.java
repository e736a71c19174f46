package io.syncbench.connector.jdbc.internal;

import java.nio.file.Path;

import io.syncbench.engine.testsupport.CompanyDatabase;

/** The JDBC connector contract on embedded Apache Derby. */
class DerbyJdbcConnectorTest extends JdbcConnectorContract {

	@Override
	CompanyDatabase newDatabase(Path folder) {
		return CompanyDatabase.derby(folder);
	}

	@Override
	String unreachableUrl() {
		return "jdbc:derby:" + folder.resolve("no-such-database");
	}
}
