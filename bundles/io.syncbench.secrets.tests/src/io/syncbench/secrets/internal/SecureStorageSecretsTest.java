package io.syncbench.secrets.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.syncbench.secrets.CompanySecrets;
import io.syncbench.secrets.SecretKeys;
import io.syncbench.secrets.SecretStoreException;
import io.syncbench.secrets.SecureStorageSecrets;

class SecureStorageSecretsTest {

	private static final String SECRET = "cs_9f8e7d6c5b4a-Geheimnis"; //$NON-NLS-1$

	@TempDir
	Path folder;

	@Test
	void aSecretIsReadBackByTheNextProcessAndNeverLiesInClearText() throws IOException {
		String key = SecretKeys.system("store-a", 7, "webstore"); //$NON-NLS-1$
		new SecureStorageSecrets(folder).write(key, SECRET.toCharArray());

		SecureStorageSecrets nextProcess = new SecureStorageSecrets(folder);
		assertArrayEquals(SECRET.toCharArray(), nextProcess.read(key).orElseThrow());
		try (var files = Files.walk(folder)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				String content = Files.readString(file, StandardCharsets.ISO_8859_1);
				assertFalse(content.contains(SECRET), file + " holds the secret in clear text"); //$NON-NLS-1$
				assertFalse(content.contains("Geheimnis"), file + " holds part of the secret"); //$NON-NLS-1$ //$NON-NLS-2$
			}
		}
	}

	@Test
	void onlyTheOwnerCanReadTheMasterKeyAndTheStorage() throws IOException {
		new SecureStorageSecrets(folder).write(SecretKeys.STORE_PASSWORD_OF_ANY_STORE, SECRET.toCharArray());

		assertEquals("rw-------", PosixFilePermissions //$NON-NLS-1$
				.toString(Files.getPosixFilePermissions(folder.resolve(SecureStorageSecrets.KEY_FILE))));
		assertEquals("rw-------", PosixFilePermissions //$NON-NLS-1$
				.toString(Files.getPosixFilePermissions(folder.resolve(SecureStorageSecrets.STORAGE_FILE))));
	}

	@Test
	void aMissingSecretIsEmptyAndARemovedOneIsGone() {
		SecureStorageSecrets secrets = new SecureStorageSecrets(folder);
		String key = SecretKeys.system("store-a", 1, "erp"); //$NON-NLS-1$
		assertEquals(Optional.empty(), secrets.read(key).map(String::new));

		secrets.write(key, SECRET.toCharArray());
		secrets.remove(key);
		secrets.remove(key);

		assertEquals(Optional.empty(), new SecureStorageSecrets(folder).read(key).map(String::new));
	}

	@Test
	void systemsOfOneCompanyAndOfTwoCompaniesKeepTheirOwnSecrets() {
		SecureStorageSecrets secrets = new SecureStorageSecrets(folder);
		secrets.write(SecretKeys.system("store-a", 1, "shop/eu"), "one".toCharArray()); //$NON-NLS-1$ //$NON-NLS-2$
		secrets.write(SecretKeys.system("store-a", 1, "shop"), "two".toCharArray()); //$NON-NLS-1$ //$NON-NLS-2$
		secrets.write(SecretKeys.system("store-a", 2, "shop"), "three".toCharArray()); //$NON-NLS-1$ //$NON-NLS-2$

		assertEquals("one", new String(secrets.read(SecretKeys.system("store-a", 1, "shop/eu")).orElseThrow())); //$NON-NLS-1$ //$NON-NLS-2$
		assertEquals("two", new String(secrets.read(SecretKeys.system("store-a", 1, "shop")).orElseThrow())); //$NON-NLS-1$ //$NON-NLS-2$
		assertEquals("three", new String(secrets.read(SecretKeys.system("store-a", 2, "shop")).orElseThrow())); //$NON-NLS-1$ //$NON-NLS-2$
	}

	/** Company 1 of a demo workspace and company 1 of the real store, on one machine. */
	@Test
	void theSameCompanyIdInTwoStoresKeepsTwoSecrets() {
		SecureStorageSecrets secrets = new SecureStorageSecrets(folder);
		CompanySecrets demo = new CompanySecrets(secrets, "demo-store"); //$NON-NLS-1$
		CompanySecrets real = new CompanySecrets(secrets, "real-store"); //$NON-NLS-1$
		demo.write(1, "webstore", "ck_demo".toCharArray()); //$NON-NLS-1$ //$NON-NLS-2$
		real.write(1, "webstore", "ck_real".toCharArray()); //$NON-NLS-1$ //$NON-NLS-2$

		assertEquals("ck_demo", new String(demo.read(1, "webstore").orElseThrow())); //$NON-NLS-1$ //$NON-NLS-2$
		assertEquals("ck_real", new String(real.read(1, "webstore").orElseThrow())); //$NON-NLS-1$ //$NON-NLS-2$
		demo.remove(1, "webstore"); //$NON-NLS-1$
		assertEquals(Optional.empty(), demo.read(1, "webstore").map(String::new)); //$NON-NLS-1$
		assertEquals("ck_real", new String(real.read(1, "webstore").orElseThrow())); //$NON-NLS-1$ //$NON-NLS-2$
	}

	/** Which store saved a secret before stores had identities cannot be known: the first to read it takes it. */
	@Test
	void aSecretSavedBeforeStoresHadIdentitiesMovesToTheFirstStoreThatReadsIt() {
		SecureStorageSecrets secrets = new SecureStorageSecrets(folder);
		String unscoped = "companies/1/systems/webstore"; //$NON-NLS-1$
		secrets.write(unscoped, "ck_earlier".toCharArray()); //$NON-NLS-1$

		assertEquals("ck_earlier", new String(new CompanySecrets(secrets, "first").read(1, "webstore").orElseThrow())); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		assertEquals("ck_earlier", new String(secrets.read(SecretKeys.system("first", 1, "webstore")).orElseThrow())); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		assertEquals(Optional.empty(), secrets.read(unscoped).map(String::new), "moved, not copied"); //$NON-NLS-1$
		assertEquals(Optional.empty(), new CompanySecrets(secrets, "second").read(1, "webstore").map(String::new)); //$NON-NLS-1$ //$NON-NLS-2$
	}

	/** A wrong key now and then decrypts to garbage rather than failing: the check value catches that too. */
	@Test
	void aReplacedMasterKeyIsReportedEveryTime() throws IOException {
		for (int attempt = 0; attempt < 1000; attempt++) { // without the check, about one in 256 decrypted garbage
			Path storage = folder.resolve("attempt-" + attempt);
			new SecureStorageSecrets(storage).write(SecretKeys.STORE_PASSWORD_OF_ANY_STORE, SECRET.toCharArray());
			Files.writeString(storage.resolve(SecureStorageSecrets.KEY_FILE), "replaced-key-" + attempt);

			SecureStorageSecrets reopened = new SecureStorageSecrets(storage);
			assertThrows(SecretStoreException.class, () -> reopened.read(SecretKeys.STORE_PASSWORD_OF_ANY_STORE), "attempt " + attempt);
		}
	}

	@Test
	void aReplacedMasterKeyIsReportedNamingTheStorage() throws IOException {
		new SecureStorageSecrets(folder).write(SecretKeys.STORE_PASSWORD_OF_ANY_STORE, SECRET.toCharArray());
		Files.writeString(folder.resolve(SecureStorageSecrets.KEY_FILE), "not-the-key"); //$NON-NLS-1$

		SecretStoreException e = assertThrows(SecretStoreException.class,
				() -> new SecureStorageSecrets(folder).read(SecretKeys.STORE_PASSWORD_OF_ANY_STORE));
		assertTrue(e.getMessage().contains(folder.resolve(SecureStorageSecrets.STORAGE_FILE).toString()),
				e.getMessage());
	}
}
