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
}
