package io.syncbench.store.internal;

/** The company contract on embedded Derby, the default store. */
class DerbyCompanyServiceTest extends CompanyServiceContract {

	@Override
	TestDatabase newDatabase() {
		return derby();
	}
}
