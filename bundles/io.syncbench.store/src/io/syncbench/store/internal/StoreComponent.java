package io.syncbench.store.internal;

import java.io.File;
import java.net.URL;
import java.nio.file.Path;

import org.eclipse.osgi.service.datalocation.Location;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

import io.syncbench.secrets.SecretKeys;
import io.syncbench.secrets.SecretStore;
import io.syncbench.store.ChangeQueueService;
import io.syncbench.store.CompanyService;
import io.syncbench.store.RunHistoryService;
import io.syncbench.store.ServiceStateService;
import io.syncbench.store.Store;
import io.syncbench.store.SyncSetupService;
import io.syncbench.store.SyncStatusService;

/**
 * Registers the {@link Store} service: embedded Derby in the instance location (the workbench's
 * workspace, {@code -data}), in a folder named {@value #DATABASE_FOLDER}; or, when the framework or
 * system property {@value #URL_PROPERTY} names a PostgreSQL database, that database, which the
 * workbench and headless services can share. Its user is {@value #USER_PROPERTY}; its password, if the
 * server asks for one, comes from secure storage ({@link SecretKeys#storePassword}).
 */
@Component(service = Store.class, immediate = true)
public final class StoreComponent implements Store {

	static final String DATABASE_FOLDER = "syncbench-db"; //$NON-NLS-1$
	static final String URL_PROPERTY = "syncbench.store.url"; //$NON-NLS-1$
	static final String USER_PROPERTY = "syncbench.store.user"; //$NON-NLS-1$

	@Reference(target = "(type=osgi.instance.area)")
	private Location instanceLocation;

	@Reference
	private SecretStore secrets;

	private JpaStore store;

	@Activate
	void activate(BundleContext context) {
		String url = context.getProperty(URL_PROPERTY);
		if (url == null || url.isBlank()) {
			store = new JpaStore(new EmbeddedDerbyConnection(instanceDirectory().resolve(DATABASE_FOLDER)));
		} else {
			store = new JpaStore(new PostgresConnection(url.strip(), context.getProperty(USER_PROPERTY),
					() -> secrets.readMovingFrom(SecretKeys.storePassword(url.strip()), SecretKeys.STORE_PASSWORD_OF_ANY_STORE)
							.orElse(null)));
		}
	}

	@Deactivate
	void deactivate() {
		store.close();
	}

	private Path instanceDirectory() {
		URL url = instanceLocation.getURL();
		if (url == null) { // started with -data @none: keep the data in the user's home
			return Path.of(System.getProperty("user.home"), ".syncbench"); //$NON-NLS-1$ //$NON-NLS-2$
		}
		return new File(url.getFile()).toPath();
	}

	@Override
	public String location() {
		return store.location();
	}

	@Override
	public String id() {
		return store.id();
	}

	@Override
	public void open() {
		store.open();
	}

	@Override
	public CompanyService companies() {
		return store.companies();
	}

	@Override
	public SyncSetupService syncSetup() {
		return store.syncSetup();
	}

	@Override
	public SyncStatusService syncStatus() {
		return store.syncStatus();
	}

	@Override
	public ChangeQueueService changeQueue() {
		return store.changeQueue();
	}

	@Override
	public RunHistoryService runHistory() {
		return store.runHistory();
	}

	@Override
	public ServiceStateService serviceState() {
		return store.serviceState();
	}
}
