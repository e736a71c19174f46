package io.syncbench.secrets.internal;

import java.nio.file.Path;
import java.util.Optional;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

import io.syncbench.secrets.SecretStore;
import io.syncbench.secrets.SecureStorageSecrets;

/**
 * Registers the {@link SecretStore}: {@code ~/.syncbench/secrets}, or the folder named by the
 * framework or system property {@value #LOCATION_PROPERTY}.
 */
@Component(service = SecretStore.class)
public final class SecretStoreComponent implements SecretStore {

	static final String LOCATION_PROPERTY = "syncbench.secrets"; //$NON-NLS-1$

	private SecureStorageSecrets secrets;

	@Activate
	void activate(BundleContext context) {
		String configured = context.getProperty(LOCATION_PROPERTY);
		Path folder = configured == null || configured.isBlank()
				? Path.of(System.getProperty("user.home"), ".syncbench", "secrets") //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				: Path.of(configured);
		secrets = new SecureStorageSecrets(folder);
	}

	@Override
	public Optional<char[]> read(String key) {
		return secrets.read(key);
	}

	@Override
	public void write(String key, char[] secret) {
		secrets.write(key, secret);
	}

	@Override
	public void remove(String key) {
		secrets.remove(key);
	}
}
