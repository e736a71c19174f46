package io.syncbench.store.internal;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

/** The company contract on embedded Derby, the default store. */
class DerbyCompanyServiceTest extends CompanyServiceContract {

	@TempDir
	Path workspace;

	@Override
	DatabaseConnection connection() {
		return new EmbeddedDerbyConnection(workspace.resolve("db"));
	}
}
