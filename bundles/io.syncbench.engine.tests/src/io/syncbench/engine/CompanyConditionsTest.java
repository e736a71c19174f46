package io.syncbench.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.eclipse.core.runtime.IStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.syncbench.connector.Health;
import io.syncbench.engine.HoldBack.Reason;
import io.syncbench.engine.testsupport.CompanyRuns;
import io.syncbench.engine.testsupport.ConnectorServices;
import io.syncbench.engine.testsupport.MemoryConnector;
import io.syncbench.engine.testsupport.MemorySystem;
import io.syncbench.engine.testsupport.ProductSetup;
import io.syncbench.store.Company;
import io.syncbench.store.CompanySettings;
import io.syncbench.store.ConnectedSystem.Role;
import io.syncbench.store.RunSettings;
import io.syncbench.store.Stores;
import io.syncbench.store.Stores.OwnedStore;

/** Before each automatic run: every system answers and accepts its credentials, and no conflict waits. */
class CompanyConditionsTest {

	@TempDir
	Path workspace;

	private OwnedStore store;
	private ConnectorServices services;
	private final MemorySystem erp = new MemorySystem("A-", ProductSetup.PRODUCT);
	private final MemorySystem web = new MemorySystem("", ProductSetup.PRODUCT);
	private Company acme;
	private CompanyConditions conditions;

	@BeforeEach
	void setUp() throws InterruptedException {
		store = Stores.embeddedDerby(workspace.resolve("store"));
		services = new ConnectorServices();
		services.connector().put("erp", erp);
		services.connector().put("web", web);
		acme = store.companies().create(new CompanySettings("Acme Ltd", 20, true, false, false));
		ProductSetup.connect(store, acme.id(), MemoryConnector.TYPE);
		conditions = new CompanyConditions(store, services.registry(), (companyId, system) -> new char[0]);
	}

	@AfterEach
	void tearDown() {
		services.close();
		store.close();
	}

	private Optional<HoldBack> firstHoldBack() {
		return conditions.of(acme.id()).stream().map(RunCondition::check).flatMap(Optional::stream).findFirst();
	}

	private void run() throws InterruptedException {
		IStatus result = CompanyRuns.runToEnd(store, services.registry(), (companyId, system) -> new char[0], acme)
				.getResult();
		assertEquals(IStatus.OK, result.getSeverity(), result::toString);
	}

	@Test
	void aHealthyCompanyIsNotHeldBack() {
		assertEquals(Optional.empty(), firstHoldBack());
	}

	@Test
	void aCompanyNotSetUpYetWaitsSayingWhatIsMissingInsteadOfFailingAtEachInterval() {
		Company fresh = store.companies().create(new CompanySettings("New Ltd", 20, true, false, false));

		HoldBack noDatabase = conditions.of(fresh.id()).stream().map(RunCondition::check).flatMap(Optional::stream)
				.findFirst().orElseThrow();
		assertEquals(Reason.NOT_SET_UP, noDatabase.reason());
		assertTrue(noDatabase.message().contains("no company database yet"), noDatabase.message());

		store.syncSetup().saveSystem(fresh.id(), "erp", MemoryConnector.TYPE, Role.COMPANY_DATABASE, Map.of(), true);
		store.syncSetup().saveSystem(fresh.id(), "web", MemoryConnector.TYPE, Role.OUTSIDE_SYSTEM, Map.of(), true);
		HoldBack noEntity = conditions.of(fresh.id()).stream().map(RunCondition::check).flatMap(Optional::stream)
				.findFirst().orElseThrow();
		assertEquals(Reason.NOT_SET_UP, noEntity.reason());
		assertTrue(noEntity.message().contains("no connected system takes an entity yet"), noEntity.message());
	}

	@Test
	void aSystemThatDoesNotAnswerHoldsTheRunBackNamingIt() {
		web.setHealth(new Health(Health.State.UNREACHABLE, "connection refused by shop.example.com:443"));

		HoldBack holdBack = firstHoldBack().orElseThrow();

		assertEquals(Reason.NO_CONNECTIVITY, holdBack.reason());
		assertEquals("Held back: webstore cannot be reached (connection refused by shop.example.com:443). "
				+ "Runs start again once it answers.", holdBack.message());
	}

	@Test
	void rejectedCredentialsAreToldApartFromAnUnreachableSystem() {
		web.setHealth(new Health(Health.State.CREDENTIALS_REJECTED, "the consumer key was revoked"));

		HoldBack holdBack = firstHoldBack().orElseThrow();

		assertEquals(Reason.CREDENTIALS_REJECTED, holdBack.reason());
		assertTrue(holdBack.message().startsWith("Held back: webstore rejected its credentials (the consumer key was revoked)"),
				holdBack.message());
	}

	@Test
	void aSystemThatCannotBeOpenedHoldsTheRunBack() {
		store.syncSetup().saveSystem(acme.id(), "webstore", MemoryConnector.TYPE, Role.OUTSIDE_SYSTEM,
				Map.of("name", "gone"), true);

		HoldBack holdBack = firstHoldBack().orElseThrow();

		assertEquals(Reason.NO_CONNECTIVITY, holdBack.reason());
		assertTrue(holdBack.message().contains("no memory system named gone"), holdBack.message());
	}

	@Test
	void conflictsWaitingForReviewHoldTheRunBackWithTheirNumberWhenTheCompanySaysSo() throws Exception {
		erp.put("A-1", Map.of("sku", "SKU-1", "name", "Chair"));
		erp.put("A-2", Map.of("sku", "SKU-2", "name", "Table"));
		run();
		assertEquals(Optional.empty(), firstHoldBack());

		erp.put("A-1", Map.of("sku", "SKU-1", "name", "Chair (office)"));
		web.put(web.findByKey("product", "SKU-1").get(0).id(), Map.of("sku", "SKU-1", "name", "Chair (garden)"));
		run();
		assertEquals(Optional.empty(), firstHoldBack(), "by default only the record in conflict waits");

		store.companies().updateRunSettings(acme.id(), new RunSettings(false, 0, 2, 5, true));
		HoldBack holdBack = firstHoldBack().orElseThrow();
		assertEquals(Reason.UNRESOLVED_CONFLICTS, holdBack.reason());
		assertEquals("Held back: one conflict waits for review. Resolve them in the Status Debugger; "
				+ "automatic runs go on after that.", holdBack.message());
	}
}
