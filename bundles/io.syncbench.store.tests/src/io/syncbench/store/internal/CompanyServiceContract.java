package io.syncbench.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.syncbench.store.Company;
import io.syncbench.store.CompanyNameTakenException;
import io.syncbench.store.CompanyRules;
import io.syncbench.store.CompanyService;
import io.syncbench.store.ConnectedSystem.Role;
import io.syncbench.store.EntitySettings;
import io.syncbench.store.EntitySettings.Direction;
import io.syncbench.store.StatusQuery;
import io.syncbench.store.StatusScope;
import io.syncbench.store.SyncStatusService.Side;
import io.syncbench.store.CompanySettings;
import io.syncbench.store.InvalidFieldException;
import io.syncbench.store.RunHistoryService;
import io.syncbench.store.RunSettings;
import io.syncbench.store.StoreException;
import jakarta.persistence.PersistenceException;

/**
 * Companies round-trip through EclipseLink on a real database; run on embedded Derby and on
 * PostgreSQL by the subclasses.
 */
abstract class CompanyServiceContract extends StoreContract {

	private CompanyService companies;

	@BeforeEach
	void findCompanies() {
		companies = store.companies();
	}

	@Test
	void createdCompaniesAreListedByNameAndSurviveARestart() {
		Company globex = companies.create(new CompanySettings("Globex", 60, false, true, true));
		companies.create(CompanySettings.withDefaults("acme Ltd"));

		store.close();
		store = newStore();
		List<Company> listed = store.companies().list();

		assertEquals(List.of("acme Ltd", "Globex"), listed.stream().map(Company::name).toList());
		Company reread = listed.get(1);
		assertEquals(globex.id(), reread.id());
		assertEquals(new CompanySettings("Globex", 60, false, true, true), reread.settings());
		assertEquals(CompanyRules.DEFAULT_INTERVAL_SECONDS, listed.get(0).settings().syncIntervalSeconds());
	}

	@Test
	void aNameTakenInAnyCaseIsRefusedWithAClearMessage() {
		companies.create(CompanySettings.withDefaults("Acme Ltd"));

		CompanyNameTakenException refused = assertThrows(CompanyNameTakenException.class,
				() -> companies.create(CompanySettings.withDefaults("  ACME LTD ")));

		assertEquals(CompanyRules.FIELD_NAME, refused.field());
		assertEquals("A company named \"ACME LTD\" already exists. Choose another name.", refused.getMessage());
		assertEquals(1, companies.list().size());
	}

	@Test
	void theDatabaseConstraintRefusesADuplicateThatSlipsPastTheCheck() {
		companies.create(CompanySettings.withDefaults("Initech"));

		// Another process inserting between our check and our insert meets the unique key.
		PersistenceException refused = assertThrows(PersistenceException.class, () -> store.inTransaction(em -> {
			em.persist(new CompanyEntity(CompanySettings.withDefaults(" INITECH"), Instant.now()));
			em.flush();
			return null;
		}));

		assertTrue(StoreErrors.isUniqueViolation(refused), refused::toString);
		assertEquals(1, companies.list().size());
	}

	@Test
	void namesThatBreakARuleAreRefusedAndNothingIsWritten() {
		for (String bad : new String[] { "", "   ", "x".repeat(CompanyRules.MAX_NAME_LENGTH + 1), "Acme\nLtd" }) {
			InvalidFieldException refused = assertThrows(InvalidFieldException.class,
					() -> companies.create(CompanySettings.withDefaults(bad)));
			assertEquals(CompanyRules.FIELD_NAME, refused.field());
		}
		InvalidFieldException badInterval = assertThrows(InvalidFieldException.class,
				() -> companies.create(new CompanySettings("Acme", 1, true, false, false)));
		assertEquals(CompanyRules.FIELD_INTERVAL, badInterval.field());
		assertTrue(companies.list().isEmpty());
	}

	@Test
	void aCompanyCanBeRenamedButNotOntoAnotherCompanysName() {
		Company acme = companies.create(CompanySettings.withDefaults("Acme"));
		companies.create(CompanySettings.withDefaults("Globex"));

		assertEquals("Acme Corporation", companies.rename(acme.id(), "Acme Corporation").name());
		assertEquals("ACME corporation", companies.rename(acme.id(), "ACME corporation").name());
		assertThrows(CompanyNameTakenException.class, () -> companies.rename(acme.id(), "globex"));
		assertEquals("ACME corporation", companies.find(acme.id()).orElseThrow().name());
		assertThrows(StoreException.class, () -> companies.rename(acme.id() + 1000, "Nobody"));
	}

	@Test
	void deletedCompaniesAreGoneAndDeletingTwiceIsHarmless() {
		Company acme = companies.create(CompanySettings.withDefaults("Acme"));

		companies.delete(acme.id());
		companies.delete(acme.id());

		assertFalse(companies.find(acme.id()).isPresent());
		assertTrue(companies.list().isEmpty());
		assertEquals("Acme", companies.create(CompanySettings.withDefaults("Acme")).name());
	}

	@Test
	void deletingACompanyTakesEverythingItOwnsAndLeavesOtherCompaniesAlone() {
		Company acme = companies.create(CompanySettings.withDefaults("Acme"));
		Company globex = companies.create(CompanySettings.withDefaults("Globex"));
		for (Company company : List.of(acme, globex)) {
			StatusScope scope = new StatusScope(company.id(), "webstore", "product");
			store.syncSetup().saveSystem(company.id(), "webstore", "woocommerce", Role.OUTSIDE_SYSTEM, Map.of(), true);
			store.syncSetup().saveEntity(company.id(), new EntitySettings("webstore", "product", Direction.BOTH,
					Side.LOCAL, Map.of(), Map.of()));
			store.syncStatus().track(scope, Side.LOCAL, "A-1");
			store.changeQueue().enqueue(scope, Side.LOCAL, List.of("A-1"), "7");
			long run = store.runHistory().started(company.id(), "SYNCHRONIZE", "manual");
			store.runHistory().recorded(run, List.of(new RunHistoryService.Action("product", "A-1", "SENT", null)));
		}

		companies.delete(acme.id());

		StatusScope acmeProducts = new StatusScope(acme.id(), "webstore", "product");
		assertTrue(store.syncSetup().systems(acme.id()).isEmpty());
		assertEquals(0, store.syncStatus().count(StatusQuery.all(acme.id())));
		assertEquals(0, store.changeQueue().size(acmeProducts, Side.LOCAL));
		assertTrue(store.changeQueue().cursor(acmeProducts, Side.LOCAL).isEmpty());
		assertTrue(store.runHistory().recent(acme.id(), 10).isEmpty());
		assertEquals(1, store.syncSetup().systems(globex.id()).size(), "the other company keeps its own");
		assertEquals(1, store.syncStatus().count(StatusQuery.all(globex.id())));
		assertEquals(1, store.runHistory().recent(globex.id(), 10).size());
	}

	@Test
	void settingsAreUpdatedAndTheCompleteUpdateFlagCanBeCleared() {
		Company acme = companies.create(new CompanySettings("Acme", 20, true, false, true));

		Company done = companies.update(acme.id(), new CompanySettings("Acme", 60, true, true, false));

		assertEquals(new CompanySettings("Acme", 60, true, true, false), done.settings());
		assertEquals(done.settings(), companies.find(acme.id()).orElseThrow().settings());
		companies.create(CompanySettings.withDefaults("Globex"));
		assertThrows(CompanyNameTakenException.class,
				() -> companies.update(acme.id(), new CompanySettings("GLOBEX", 60, true, true, false)));
	}

	@Test
	void runSettingsHaveDefaultsAndLimits() {
		Company acme = companies.create(CompanySettings.withDefaults("Acme"));
		assertEquals(RunSettings.defaults(), acme.runSettings());

		Company tuned = companies.updateRunSettings(acme.id(), new RunSettings(true, 15, 4, 3));
		assertEquals(new RunSettings(true, 15, 4, 3), companies.find(acme.id()).orElseThrow().runSettings());
		assertEquals(tuned, companies.find(acme.id()).orElseThrow());

		InvalidFieldException refused = assertThrows(InvalidFieldException.class,
				() -> companies.updateRunSettings(acme.id(), new RunSettings(false, 0, 0, 3)));
		assertEquals(CompanyRules.FIELD_PARALLEL_ENTITIES, refused.field());
		assertEquals("The number of entities synchronized at the same time must be between 1 and 16.",
				refused.getMessage());
	}
}
