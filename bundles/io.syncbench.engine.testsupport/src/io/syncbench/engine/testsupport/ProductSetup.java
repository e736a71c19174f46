package io.syncbench.engine.testsupport;

import java.util.List;
import java.util.Map;

import io.syncbench.connector.EntitySchema;
import io.syncbench.connector.FieldSchema;
import io.syncbench.store.Company;
import io.syncbench.store.CompanySettings;
import io.syncbench.store.CompanySetup;
import io.syncbench.store.ConnectedSystem;
import io.syncbench.store.ConnectedSystem.Role;
import io.syncbench.store.EntitySettings;
import io.syncbench.store.EntitySettings.Direction;
import io.syncbench.store.RunSettings;
import io.syncbench.store.Store;
import io.syncbench.store.SyncStatusService.Side;

/**
 * A company that synchronizes products between its database {@code erp} and a web store
 * {@code webstore}, both in memory: the setup most end-to-end engine and service tests start from.
 */
public final class ProductSetup {

	public static final EntitySchema PRODUCT = new EntitySchema("product",
			List.of(FieldSchema.text("sku", true, 40), FieldSchema.text("name", true, 80)), "sku", List.of());

	private ProductSetup() {
	}

	/**
	 * Puts the company database {@code erp} (memory system "erp") and the web store of the kind
	 * {@code webstoreType} (memory system "web") into the company's setup, products both ways.
	 */
	/**
	 * Makes a company with that setup in one transaction, as a setup file's import does: a service that
	 * finds it finds it whole, never between its creation and its systems.
	 */
	public static Company create(Store store, CompanySettings settings, String webstoreType) {
		return store.syncSetup().saveSetup(new CompanySetup(settings, RunSettings.defaults(),
				List.of(new ConnectedSystem(0, 0, "erp", MemoryConnector.TYPE, Role.COMPANY_DATABASE, Map.of("name", "erp"), true),
						new ConnectedSystem(0, 0, "webstore", webstoreType, Role.OUTSIDE_SYSTEM, Map.of("name", "web"), true)),
				List.of(new EntitySettings("webstore", "product", Direction.BOTH, Side.LOCAL, Map.of(), Map.of()))));
	}

	public static void connect(Store store, long companyId, String webstoreType) {
		store.syncSetup().saveSystem(companyId, "erp", MemoryConnector.TYPE, Role.COMPANY_DATABASE,
				Map.of("name", "erp"), true);
		store.syncSetup().saveSystem(companyId, "webstore", webstoreType, Role.OUTSIDE_SYSTEM, Map.of("name", "web"),
				true);
		store.syncSetup().saveEntity(companyId,
				new EntitySettings("webstore", "product", Direction.BOTH, Side.LOCAL, Map.of(), Map.of()));
	}
}
