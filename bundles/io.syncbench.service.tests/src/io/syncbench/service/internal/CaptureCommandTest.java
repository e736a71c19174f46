package io.syncbench.service.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.equinox.app.IApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.syncbench.demo.DemoDatabase;
import io.syncbench.engine.CompanyConditions;
import io.syncbench.engine.ConnectorRegistry;
import io.syncbench.engine.HoldBack;
import io.syncbench.engine.RunCondition;
import io.syncbench.engine.testsupport.CompanyDatabase;
import io.syncbench.engine.testsupport.ConnectorServices;
import io.syncbench.engine.testsupport.MemoryConnector;
import io.syncbench.engine.testsupport.MemorySystem;
import io.syncbench.engine.testsupport.ProductSetup;
import io.syncbench.store.Company;
import io.syncbench.store.CompanySettings;
import io.syncbench.store.CompanySetup;
import io.syncbench.store.ConnectedSystem;
import io.syncbench.store.ConnectedSystem.Role;
import io.syncbench.store.EntitySettings;
import io.syncbench.store.EntitySettings.Direction;
import io.syncbench.store.RunSettings;
import io.syncbench.store.Stores;
import io.syncbench.store.Stores.OwnedStore;
import io.syncbench.store.SyncStatusService.Side;

/**
 * A company database without its change capture holds the company's runs back, naming the command
 * that installs it; {@code -installCapture} shows each statement, installs, and leaves an installed
 * capture alone.
 */
class CaptureCommandTest {

	@TempDir
	Path workspace;

	@Test
	void aCompanyDatabaseWithoutCaptureHoldsRunsBackUntilTheCommandInstallsIt() throws Exception {
		ByteArrayOutputStream output = new ByteArrayOutputStream();
		try (CompanyDatabase erp = CompanyDatabase.derby(workspace); ConnectorServices services = new ConnectorServices();
				OwnedStore store = Stores.embeddedDerby(workspace.resolve("store"))) {
			try (Connection connection = erp.application()) {
				DemoDatabase.createTables(connection);
			}
			services.connector().put("web", new MemorySystem("", ProductSetup.PRODUCT));
			Map<String, String> settings = new java.util.HashMap<>(erp.settings());
			settings.put("entities", "product");
			Company acme = store.syncSetup().saveSetup(new CompanySetup(new CompanySettings("Acme Ltd", 3600, true, false, false),
					RunSettings.defaults(), List.of(new ConnectedSystem(0, 0, "erp", "jdbc", Role.COMPANY_DATABASE, settings, true),
							new ConnectedSystem(0, 0, "webstore", MemoryConnector.TYPE, Role.OUTSIDE_SYSTEM, Map.of("name", "web"),
									true)),
					List.of(new EntitySettings("webstore", "product", Direction.SEND_ONLY, Side.LOCAL, Map.of(), Map.of()))));
			ConnectorRegistry registry = services.registry();
			List<RunCondition> conditions = new CompanyConditions(store, registry, (company, system) -> new char[0]).of(acme.id());

			Optional<HoldBack> before = conditions.stream().map(RunCondition::check).flatMap(Optional::stream).findFirst();
			assertEquals(HoldBack.Reason.NOT_SET_UP, before.orElseThrow().reason());
			assertEquals("Held back: the company database erp records no changes yet, since its change capture is not "
					+ "installed. Install it in the workbench (Properties of Acme Ltd, Systems, Change Capture...) or with "
					+ "./start.sh --service -installCapture \"Acme Ltd\" erp; both show its statements first.",
					before.get().message());

			CaptureCommand command = new CaptureCommand(() -> store, registry, (company, system) -> new char[0],
					new PrintStream(output, true, StandardCharsets.UTF_8));
			assertEquals(IApplication.EXIT_OK, command.run(List.of(CaptureCommand.INSTALL_CAPTURE)));
			assertTrue(conditions.stream().map(RunCondition::check).flatMap(Optional::stream).findFirst().isEmpty(),
					"installed: nothing holds the runs back");
			assertEquals(IApplication.EXIT_OK, command.run(List.of(CaptureCommand.INSTALL_CAPTURE, "acme ltd", "erp")));
			assertEquals(2, command.run(List.of(CaptureCommand.INSTALL_CAPTURE, "Acme Ltd")));
		}
		String said = output.toString(StandardCharsets.UTF_8);
		assertTrue(said.contains("Installing the change capture of erp (Acme Ltd), in one transaction:\n  CREATE"), said);
		assertTrue(said.contains("Installed: erp (Acme Ltd) records its changes from now on."), said);
		assertTrue(said.contains("erp (Acme Ltd) records its changes already."), said);
		assertTrue(said.contains("Usage: -installCapture"), said);
	}
}
