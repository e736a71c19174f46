package io.syncbench.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.Map;

import org.eclipse.core.runtime.IStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.syncbench.engine.testsupport.CompanyRuns;
import io.syncbench.engine.testsupport.ConnectorServices;
import io.syncbench.engine.testsupport.MemoryConnector;
import io.syncbench.engine.testsupport.MemorySystem;
import io.syncbench.engine.testsupport.ProductSetup;
import io.syncbench.store.Company;
import io.syncbench.store.CompanySettings;
import io.syncbench.store.RunHistoryService.Outcome;
import io.syncbench.store.Stores;
import io.syncbench.store.Stores.OwnedStore;

/**
 * A company's setup becomes a run: its connectors are found among the OSGi services by kind, its
 * entities read from both systems, and a complete update turns its flag off when it succeeded.
 */
class CompanySyncTest {

	@TempDir
	Path workspace;

	private OwnedStore store;
	private ConnectorServices services;
	private final MemorySystem erp = new MemorySystem("A-", ProductSetup.PRODUCT);
	private final MemorySystem web = new MemorySystem("", ProductSetup.PRODUCT);
	private Company acme;

	@BeforeEach
	void setUp() throws InterruptedException {
		store = Stores.embeddedDerby(workspace.resolve("store"));
		services = new ConnectorServices();
		services.connector().put("erp", erp);
		services.connector().put("web", web);
		acme = store.companies().create(new CompanySettings("Acme Ltd", 20, true, false, true));
	}

	@AfterEach
	void tearDown() {
		services.close();
		store.close();
	}

	private IStatus run(Company company) throws InterruptedException {
		return CompanyRuns.runToEnd(store, services.registry(), (companyId, system) -> new char[0], company).getResult();
	}

	@Test
	void aCompleteUpdateRunSendsEverythingAndTurnsItsFlagOff() throws InterruptedException {
		ProductSetup.connect(store, acme.id(), MemoryConnector.TYPE);
		for (int i = 1; i <= 5; i++) {
			erp.put("A-" + i, Map.of("sku", "SKU-" + i, "name", "Item " + i));
		}

		IStatus result = run(acme);

		assertEquals(IStatus.OK, result.getSeverity(), result::toString);
		assertEquals(5, web.liveRecords());
		assertFalse(store.companies().find(acme.id()).orElseThrow().settings().completeUpdate());
		assertEquals(Outcome.SUCCEEDED, store.runHistory().recent(acme.id(), 1).get(0).outcome());
	}

	@Test
	void aConnectorThatIsNotInstalledIsNamedWithWhatToDo() throws InterruptedException {
		ProductSetup.connect(store, acme.id(), "woocommerce");

		IStatus result = run(acme);

		assertEquals(IStatus.ERROR, result.getSeverity());
		assertEquals("No connector for webstore (of the kind woocommerce) is installed. Install it, or change the kind"
				+ " in Properties > Systems.", result.getMessage());
		assertEquals(Outcome.FAILED, store.runHistory().recent(acme.id(), 1).get(0).outcome());
	}

	@Test
	void aCompanyWithoutDatabaseCannotRun() throws InterruptedException {
		IStatus result = run(acme);

		assertEquals("Acme Ltd has no company database to synchronize from. Add it in Properties > Systems.",
				result.getMessage());
	}
}
