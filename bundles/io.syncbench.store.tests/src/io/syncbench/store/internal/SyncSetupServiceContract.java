package io.syncbench.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.syncbench.store.CompanyRules;
import io.syncbench.store.ConnectedSystem;
import io.syncbench.store.ConnectedSystem.Role;
import io.syncbench.store.EntitySettings;
import io.syncbench.store.EntitySettings.Direction;
import io.syncbench.store.InvalidFieldException;
import io.syncbench.store.StoreException;
import io.syncbench.store.SyncSetupService;
import io.syncbench.store.SyncStatusService.Side;

/** Connected systems and entity settings on a real database. */
abstract class SyncSetupServiceContract extends StoreContract {

	private static final Role OUTSIDE = Role.OUTSIDE_SYSTEM;

	private SyncSetupService setup() {
		return store.syncSetup();
	}

	@Test
	void systemsAreSavedReplacedAndListedPerCompany() {
		setup().saveSystem(1, "webstore", "woocommerce", OUTSIDE, Map.of("url", "https://shop.example", "pageSize", "100"), true);
		setup().saveSystem(1, "warehouse", "jdbc", Role.COMPANY_DATABASE, Map.of("url", "jdbc:postgresql://db/wh"), false);
		setup().saveSystem(2, "webstore", "sandbox", OUTSIDE, Map.of(), true);

		ConnectedSystem replaced = setup().saveSystem(1, "webstore", "woocommerce", OUTSIDE,
				Map.of("url", "https://shop.example"), true);

		assertEquals(List.of("warehouse", "webstore"), setup().systems(1).stream().map(ConnectedSystem::name).toList());
		assertEquals(Map.of("url", "https://shop.example"), replaced.settings());
		assertEquals("sandbox", setup().systems(2).get(0).type());

		InvalidFieldException second = assertThrows(InvalidFieldException.class,
				() -> setup().saveSystem(1, "erp", "jdbc", Role.COMPANY_DATABASE, Map.of(), true));
		assertEquals(CompanyRules.FIELD_SYSTEM_ROLE, second.field());
		assertEquals("The company database is warehouse already; a company has one database. Change warehouse instead.",
				second.getMessage());
	}

	@Test
	void aSystemNeedsAUsableNameAndAType() {
		InvalidFieldException badName = assertThrows(InvalidFieldException.class,
				() -> setup().saveSystem(1, "Web Store!", "woocommerce", OUTSIDE, Map.of(), true));
		assertEquals(CompanyRules.FIELD_SYSTEM_NAME, badName.field());
		assertTrue(badName.getMessage().contains("lower-case letters, digits and dashes"), badName.getMessage());

		InvalidFieldException noType = assertThrows(InvalidFieldException.class,
				() -> setup().saveSystem(1, "webstore", " ", OUTSIDE, Map.of(), true));
		assertEquals(CompanyRules.FIELD_SYSTEM_TYPE, noType.field());
		assertTrue(setup().systems(1).isEmpty());
	}

	@Test
	void entitySettingsBelongToASystemAndGoWithIt() {
		setup().saveSystem(1, "webstore", "woocommerce", OUTSIDE, Map.of(), true);
		EntitySettings products = new EntitySettings("webstore", "product", Direction.SEND_ONLY, Side.LOCAL,
				Map.of("ITEM_DESC", "description"), Map.of("warehouse", "WH1"));
		setup().saveEntity(1, products);
		setup().saveEntity(1, new EntitySettings("webstore", "order", Direction.DOWNLOAD_ONLY, Side.EXTERNAL, Map.of(),
				Map.of()));
		setup().saveEntity(1, new EntitySettings("webstore", "product", Direction.BOTH, Side.LOCAL,
				Map.of("ITEM_DESC", "description"), Map.of("warehouse", "WH1")));

		List<EntitySettings> entities = setup().entities(1, "webstore");
		assertEquals(List.of("order", "product"), entities.stream().map(EntitySettings::entity).toList());
		assertEquals(Direction.BOTH, entities.get(1).direction());
		assertEquals(Map.of("warehouse", "WH1"), entities.get(1).filter());

		assertThrows(StoreException.class, () -> setup().saveEntity(1,
				new EntitySettings("warehouse", "product", Direction.BOTH, Side.LOCAL, Map.of(), Map.of())));

		setup().removeEntity(1, "webstore", "order");
		assertEquals(List.of("product"), setup().entities(1, "webstore").stream().map(EntitySettings::entity).toList());

		setup().removeSystem(1, "webstore");
		assertTrue(setup().systems(1).isEmpty());
		assertTrue(setup().entities(1, "webstore").isEmpty());
	}

	/** What Properties saves on OK: the company by its id, renamed, with its systems and entities, at once. */
	@Test
	void aWholeSetupIsSavedByTheCompanysIdInOneTransactionRenameIncluded() {
		io.syncbench.store.Company acme = store.companies().create(new io.syncbench.store.CompanySettings("Acme", 60, true,
				false, false));
		setup().saveSystem(acme.id(), "webstore", "woocommerce", OUTSIDE, Map.of("url", "https://shop.example"), true);
		setup().saveSystem(acme.id(), "old-shop", "woocommerce", OUTSIDE, Map.of(), true);
		setup().saveEntity(acme.id(), new EntitySettings("old-shop", "product", Direction.BOTH, Side.LOCAL, Map.of(), Map.of()));
		io.syncbench.store.CompanySetup wanted = new io.syncbench.store.CompanySetup(
				new io.syncbench.store.CompanySettings("Acme Ltd", 120, false, true, true), acme.runSettings(),
				List.of(new ConnectedSystem(0, 0, "webstore", "woocommerce", OUTSIDE, Map.of("url", "https://shop2.example"), true),
						new ConnectedSystem(0, 0, "erp", "jdbc", Role.COMPANY_DATABASE, Map.of("url", "jdbc:derby:/x"), true)),
				List.of(new EntitySettings("webstore", "customer", Direction.BOTH, Side.LOCAL, Map.of(), Map.of())));

		io.syncbench.store.Company saved = setup().saveSetup(acme.id(), wanted);

		assertEquals(acme.id(), saved.id(), "renamed, not made anew");
		assertEquals("Acme Ltd", saved.settings().name());
		assertEquals(wanted.settings(), store.companies().find(acme.id()).orElseThrow().settings());
		assertEquals(List.of("erp", "webstore"), setup().systems(acme.id()).stream().map(ConnectedSystem::name).toList());
		assertEquals(Map.of("url", "https://shop2.example"), setup().systems(acme.id()).get(1).settings());
		assertEquals(List.of(), setup().entities(acme.id(), "old-shop"), "the removed system's entities went with it");
		assertEquals(1, setup().entities(acme.id(), "webstore").size());

		// A setup the rules refuse changes nothing: two company databases.
		io.syncbench.store.CompanySetup twoDatabases = new io.syncbench.store.CompanySetup(wanted.settings(), wanted.runSettings(),
				List.of(new ConnectedSystem(0, 0, "erp", "jdbc", Role.COMPANY_DATABASE, Map.of(), true),
						new ConnectedSystem(0, 0, "erp2", "jdbc", Role.COMPANY_DATABASE, Map.of(), true)), List.of());
		assertThrows(InvalidFieldException.class, () -> setup().saveSetup(acme.id(), twoDatabases));
		assertEquals(List.of("erp", "webstore"), setup().systems(acme.id()).stream().map(ConnectedSystem::name).toList());
		assertThrows(StoreException.class, () -> setup().saveSetup(987_654, wanted), "a company that is gone");
	}
}
