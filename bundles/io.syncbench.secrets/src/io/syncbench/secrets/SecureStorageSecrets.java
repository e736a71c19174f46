package io.syncbench.secrets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import javax.crypto.spec.PBEKeySpec;

import org.eclipse.equinox.security.storage.ISecurePreferences;
import org.eclipse.equinox.security.storage.SecurePreferencesFactory;
import org.eclipse.equinox.security.storage.StorageException;
import org.eclipse.equinox.security.storage.provider.IProviderHints;
import org.eclipse.osgi.util.NLS;

import io.syncbench.secrets.internal.MasterKeyFile;
import io.syncbench.secrets.internal.Messages;

/**
 * Secrets in an Eclipse secure storage file of SyncBench's own, encrypted with a random master key
 * kept beside it in a file only the user can read. A storage of its own (rather than the user's
 * default one) needs no password prompt, so the headless service and the tests can use it, and no
 * desktop keyring.
 */
public final class SecureStorageSecrets implements SecretStore {

	public static final String STORAGE_FILE = "secure_storage"; //$NON-NLS-1$
	public static final String KEY_FILE = "secure_storage.key"; //$NON-NLS-1$
	private static final String ROOT_NODE = "/io.syncbench"; //$NON-NLS-1$
	private static final String ROOT = ROOT_NODE + "/"; //$NON-NLS-1$
	private static final String VALUE = "secret"; //$NON-NLS-1$
	/**
	 * A known value stored encrypted beside the secrets. Decrypting with a wrong master key usually
	 * fails, but now and then yields garbage instead; comparing this value catches both.
	 */
	private static final String CHECK_KEY = "check"; //$NON-NLS-1$
	private static final String CHECK_VALUE = "SyncBench secure storage"; //$NON-NLS-1$

	private final Path folder;
	private ISecurePreferences root;

	/** @param folder where the storage and its key live; created (readable by the user only) when missing */
	public SecureStorageSecrets(Path folder) {
		this.folder = folder;
	}

	/** The storage file, for messages and for tests that look inside it. */
	public Path storageFile() {
		return folder.resolve(STORAGE_FILE);
	}

	@Override
	public synchronized Optional<char[]> read(String key) {
		ISecurePreferences storage = storage();
		verifyMasterKey(storage);
		String path = ROOT + key;
		if (!storage.nodeExists(path)) {
			return Optional.empty();
		}
		try {
			String value = storage.node(path).get(VALUE, null);
			return Optional.ofNullable(value).map(String::toCharArray);
		} catch (StorageException e) {
			throw new SecretStoreException(NLS.bind(Messages.Secrets_cannotRead, storageFile(), e.getMessage()), e);
		}
	}

	@Override
	public synchronized void write(String key, char[] secret) {
		ISecurePreferences storage = storage();
		verifyMasterKey(storage);
		try {
			if (!storage.nodeExists(ROOT_NODE) || storage.node(ROOT_NODE).get(CHECK_KEY, null) == null) {
				storage.node(ROOT_NODE).put(CHECK_KEY, CHECK_VALUE, true);
			}
			storage.node(ROOT + key).put(VALUE, new String(secret), true);
			storage.flush();
			ownerOnly(storageFile());
		} catch (StorageException | IOException e) {
			throw new SecretStoreException(NLS.bind(Messages.Secrets_cannotWrite, storageFile(), e.getMessage()), e);
		}
	}

	@Override
	public synchronized void remove(String key) {
		ISecurePreferences storage = storage();
		String path = ROOT + key;
		if (!storage.nodeExists(path)) {
			return;
		}
		storage.node(path).removeNode();
		try {
			storage.flush();
		} catch (IOException e) {
			throw new SecretStoreException(NLS.bind(Messages.Secrets_cannotWrite, storageFile(), e.getMessage()), e);
		}
	}

	/** @throws SecretStoreException when the storage was written with another master key */
	private void verifyMasterKey(ISecurePreferences storage) {
		if (!storage.nodeExists(ROOT_NODE)) {
			return;
		}
		String check;
		try {
			check = storage.node(ROOT_NODE).get(CHECK_KEY, null);
		} catch (StorageException e) {
			throw new SecretStoreException(NLS.bind(Messages.Secrets_cannotRead, storageFile(), e.getMessage()), e);
		}
		if (check != null && !check.equals(CHECK_VALUE)) {
			throw new SecretStoreException(NLS.bind(Messages.Secrets_cannotRead, storageFile(), Messages.Secrets_wrongKey), null);
		}
	}

	/** The values are encrypted; still, nobody else needs to read even which keys there are. */
	private static void ownerOnly(Path file) throws IOException {
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------")); //$NON-NLS-1$
	}

	/** Opened on first use, so that a broken storage is reported to whoever needs a secret, in words. */
	private ISecurePreferences storage() {
		if (root == null) {
			try {
				char[] masterKey = MasterKeyFile.readOrCreate(folder.resolve(KEY_FILE));
				Map<Object, Object> options = new HashMap<>();
				options.put(IProviderHints.DEFAULT_PASSWORD, new PBEKeySpec(masterKey));
				options.put(IProviderHints.PROMPT_USER, Boolean.FALSE);
				root = SecurePreferencesFactory.open(storageFile().toUri().toURL(), options);
			} catch (IOException e) {
				throw new SecretStoreException(NLS.bind(Messages.Secrets_cannotOpen, storageFile(), e.getMessage()), e);
			}
			if (root == null) {
				throw new SecretStoreException(NLS.bind(Messages.Secrets_cannotOpen, storageFile(),
						Messages.Secrets_noStorage), null);
			}
		}
		return root;
	}
}
