package io.syncbench.service.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.eclipse.equinox.app.IApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.syncbench.engine.testsupport.MemoryConnector;
import io.syncbench.engine.testsupport.ProductSetup;
import io.syncbench.secrets.SecretKeys;
import io.syncbench.secrets.SecureStorageSecrets;
import io.syncbench.service.SecureCredentials;
import io.syncbench.store.Company;
import io.syncbench.store.CompanySettings;
import io.syncbench.store.Stores.OwnedStore;
import io.syncbench.store.Stores;

/** Secrets typed for a headless machine land in secure storage, where the service's runs find them. */
class SecretCommandTest {

	@TempDir
	Path workspace;

	private OwnedStore store;
	private SecureStorageSecrets secrets;
	private final ByteArrayOutputStream output = new ByteArrayOutputStream();

	@BeforeEach
	void setUp() {
		store = Stores.embeddedDerby(workspace.resolve("store"));
		secrets = new SecureStorageSecrets(workspace.resolve("secrets"));
	}

	@AfterEach
	void tearDown() {
		store.close();
	}

	private Object run(String typed, String... arguments) throws IOException {
		SecretCommand command = new SecretCommand(secrets, () -> store,
				new PrintStream(output, true, StandardCharsets.UTF_8), prompt -> typed.toCharArray());
		return command.run(List.of(arguments));
	}

	private String said() {
		return output.toString(StandardCharsets.UTF_8);
	}

	@Test
	void theStorePasswordIsSavedForTheNextStart() throws IOException {
		assertEquals(IApplication.EXIT_OK, run("pg-secret", ServiceApplication.SET_STORE_PASSWORD));

		assertEquals("pg-secret", new String(new SecureStorageSecrets(workspace.resolve("secrets"))
				.read(SecretKeys.storePassword(store.location())).orElseThrow()));
		assertTrue(said().contains("saved in secure storage"), said());
	}

	@Test
	void aSystemSecretIsWhatTheServiceRunsAreGiven() throws IOException {
		Company acme = store.companies().create(new CompanySettings("Acme Ltd", 60, true, false, false));
		ProductSetup.connect(store, acme.id(), MemoryConnector.TYPE);

		assertEquals(IApplication.EXIT_OK,
				run("ck_4711:cs_0815", ServiceApplication.SET_SYSTEM_SECRET, "acme ltd", "webstore"));

		assertEquals("ck_4711:cs_0815", new String(new SecureCredentials(store, secrets).credentials(acme.id(), "webstore")));
		assertEquals(0, new SecureCredentials(store, secrets).credentials(acme.id(), "erp").length);
	}

	@Test
	void anUnknownCompanyOrSystemIsNamedAndNothingIsSaved() throws IOException {
		Company acme = store.companies().create(new CompanySettings("Acme Ltd", 60, true, false, false));
		ProductSetup.connect(store, acme.id(), MemoryConnector.TYPE);

		assertEquals(2, run("x", ServiceApplication.SET_SYSTEM_SECRET, "Globex", "web"));
		assertEquals(2, run("x", ServiceApplication.SET_SYSTEM_SECRET, "Acme Ltd", "webshop"));
		assertEquals(2, run("x", ServiceApplication.SET_SYSTEM_SECRET, "Acme Ltd"));

		assertTrue(said().contains("There is no company named \"Globex\""), said());
		assertTrue(said().contains("has no connected system named \"webshop\""), said());
		assertTrue(said().contains("Usage: -setStorePassword"), said());
		assertEquals(Optional.empty(), secrets.read(SecretKeys.system(store.id(), acme.id(), "webshop")).map(String::new));
	}
}
