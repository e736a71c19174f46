package io.syncbench.service.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.eclipse.equinox.app.IApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.syncbench.secrets.SecureStorageSecrets;
import io.syncbench.store.CompanySettings;
import io.syncbench.store.CompanySetup;
import io.syncbench.store.ConnectedSystem;
import io.syncbench.store.EntitySettings;
import io.syncbench.store.RunSettings;
import io.syncbench.store.Stores.OwnedStore;
import io.syncbench.store.Stores;
import io.syncbench.store.SyncStatusService.Side;

/** {@code --export-company} and {@code --import-company}, as a script on a server runs them. */
class SetupFileCommandTest {

	@TempDir
	Path workspace;

	private final ByteArrayOutputStream output = new ByteArrayOutputStream();

	private Object run(OwnedStore store, SecureStorageSecrets secrets, String... arguments) throws IOException {
		return new SetupFileCommand(() -> store, secrets, io.syncbench.setupfile.SystemKinds.of(Set.of("jdbc", "woocommerce"),
				(type, settings) -> java.util.Optional.empty()),
				new PrintStream(output, true, StandardCharsets.UTF_8)).run(List.of(arguments));
	}

	@Test
	void aCompanyGoesToAnotherMachineAndItsMissingSecretsAreNamedWithTheirCommand() throws Exception {
		Path file = workspace.resolve("acme.json");
		try (OwnedStore first = Stores.embeddedDerby(workspace.resolve("first"))) {
			first.syncSetup().saveSetup(new CompanySetup(new CompanySettings("Acme Ltd", 60, true, false, false),
					new RunSettings(true, 5, 3, 7, true),
					List.of(new ConnectedSystem(0, 0, "erp", "jdbc", ConnectedSystem.Role.COMPANY_DATABASE,
							Map.of("url", "jdbc:derby:/srv/erp"), true),
							new ConnectedSystem(0, 0, "shop", "woocommerce", ConnectedSystem.Role.OUTSIDE_SYSTEM,
									Map.of("url", "https://shop.example.com"), true)),
					List.of(new EntitySettings("shop", "product", EntitySettings.Direction.SEND_ONLY, Side.LOCAL,
							Map.of("price", "price round"), Map.of("active", "true")))));

			assertEquals(IApplication.EXIT_OK, run(first, new SecureStorageSecrets(workspace.resolve("s1")),
					SetupFileCommand.EXPORT, "acme ltd", file.toString()));
		}
		assertTrue(Files.readString(file).contains("\"price round\""));

		try (OwnedStore second = Stores.embeddedDerby(workspace.resolve("second"))) {
			assertEquals(IApplication.EXIT_OK, run(second, new SecureStorageSecrets(workspace.resolve("s2")),
					SetupFileCommand.IMPORT, file.toString()));
			long id = second.companies().list().get(0).id();
			assertEquals(new RunSettings(true, 5, 3, 7, true), second.companies().find(id).orElseThrow().runSettings());
			assertEquals(1, second.syncSetup().entities(id, "shop").size());
		}
		String said = output.toString(StandardCharsets.UTF_8);
		assertTrue(said.contains("Made the company Acme Ltd"), said);
		assertTrue(said.contains("./start.sh --service -setSystemSecret \"Acme Ltd\" shop"), said);
	}

	@Test
	void aBadFileOrAMissingCompanyExitsWithAReasonAndWritesNothing() throws Exception {
		Path file = workspace.resolve("bad.json");
		Files.writeString(file, "{\"format\": \"syncbench-company-setup\", \"version\": 1, \"company\": {\"name\": \"X\"}}");
		try (OwnedStore store = Stores.embeddedDerby(workspace.resolve("store"))) {
			SecureStorageSecrets secrets = new SecureStorageSecrets(workspace.resolve("s"));
			assertEquals(3, run(store, secrets, SetupFileCommand.IMPORT, file.toString()));
			assertEquals(3, run(store, secrets, SetupFileCommand.EXPORT, "Nobody", workspace.resolve("out.json").toString()));
			assertEquals(2, run(store, secrets, SetupFileCommand.IMPORT));
			assertEquals(List.of(), store.companies().list());
			assertTrue(Files.notExists(workspace.resolve("out.json")));
		}
		String said = output.toString(StandardCharsets.UTF_8);
		assertTrue(said.contains("Nothing of " + file.toAbsolutePath()
				+ " was imported or written. company.syncIntervalSeconds: This key is missing"), said);
		assertTrue(said.contains("There is no company named \"Nobody\""), said);
		assertTrue(said.contains("Usage: --export-company"), said);
	}

	@Test
	void severalFilesImportOneCompanyEachInOrderUntilOneIsRefused() throws Exception {
		Path acme = workspace.resolve("acme.json");
		try (OwnedStore first = Stores.embeddedDerby(workspace.resolve("first"))) {
			first.syncSetup().saveSetup(new CompanySetup(new CompanySettings("Acme Ltd", 60, true, false, false),
					RunSettings.defaults(), List.of(new ConnectedSystem(0, 0, "erp", "jdbc",
							ConnectedSystem.Role.COMPANY_DATABASE, Map.of("url", "jdbc:derby:/srv/erp"), true)),
					List.of()));
			assertEquals(IApplication.EXIT_OK, run(first, new SecureStorageSecrets(workspace.resolve("s1")),
					SetupFileCommand.EXPORT, "Acme Ltd", acme.toString()));
		}
		Path beta = workspace.resolve("beta.json");
		Files.writeString(beta, Files.readString(acme).replace("Acme Ltd", "Beta GmbH"));
		Path bad = workspace.resolve("bad.json");
		Files.writeString(bad, "{}");
		try (OwnedStore second = Stores.embeddedDerby(workspace.resolve("second"))) {
			assertEquals(3, run(second, new SecureStorageSecrets(workspace.resolve("s2")), SetupFileCommand.IMPORT,
					acme.toString(), beta.toString(), bad.toString(), "-data", "ignored"));
			assertEquals(List.of("Acme Ltd", "Beta GmbH"),
					second.companies().list().stream().map(io.syncbench.store.Company::name).sorted().toList());
		}
		String said = output.toString(StandardCharsets.UTF_8);
		assertTrue(said.contains("Made the company Beta GmbH from " + beta.toAbsolutePath()), said);
		assertTrue(said.contains("Nothing of " + bad.toAbsolutePath() + " was imported or written."), said);
	}
}
