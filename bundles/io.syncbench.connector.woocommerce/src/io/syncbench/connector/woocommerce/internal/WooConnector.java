package io.syncbench.connector.woocommerce.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.eclipse.osgi.util.NLS;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import io.syncbench.connector.Connector;
import io.syncbench.connector.ConnectorException;
import io.syncbench.connector.SettingKey;
import io.syncbench.connector.SystemSession;
import io.syncbench.connector.woocommerce.WooCommerceSystem;

/**
 * The connector for web stores with the WooCommerce REST API v3. One pooled HTTP client with
 * keep-alive serves every session (one more for each certificate file that a store's settings trust);
 * a session's time-outs and retries come from its system's settings.
 */
@Component(service = Connector.class, property = Connector.SYSTEM_TYPE + "=" + WooCommerceSystem.TYPE)
public final class WooConnector implements Connector {

	private static final int DEFAULT_TIMEOUT_SECONDS = 30;
	private static final int DEFAULT_ATTEMPTS = 5;
	private static final int MAX_PAGE = 100;
	private static final int MAX_BATCH = 1000;
	private static final int MAX_ATTEMPTS = 20;
	private static final int MAX_TIMEOUT_SECONDS = 3600;

	/** Aborts requests that pass their deadline; one daemon thread for every session. */
	private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(task -> {
		Thread thread = new Thread(task, "SyncBench web store deadlines"); //$NON-NLS-1$
		thread.setDaemon(true);
		return thread;
	});

	/** The client of stores trusted by the system's certificate authorities alone. */
	private final CloseableHttpClient http = newClient(DefaultClientTlsStrategy.createDefault());
	/** The clients of stores that name a certificate file to trust, by the file's SHA-256. */
	private final Map<String, CloseableHttpClient> pinned = new ConcurrentHashMap<>();

	@Override
	public String systemType() {
		return WooCommerceSystem.TYPE;
	}

	@Override
	public SystemSession open(Map<String, String> settings, char[] credentials) throws ConnectorException {
		Limits limits = Limits.of(settings);
		return new WooSession(new WooClient(client(settings), limits.base(), credentials, limits.attempts(),
				Duration.ofSeconds(limits.timeoutSeconds()), deadlines), limits.pageSize(), limits.batchLimit(),
				Clock.systemUTC());
	}

	/** The store's address and the numbers its settings set, each checked against its range. */
	private record Limits(URI base, int pageSize, int attempts, int batchLimit, int timeoutSeconds) {

		/** @throws IllegalArgumentException naming the setting that is missing or out of its range */
		static Limits of(Map<String, String> settings) {
			return new Limits(WooConnector.base(settings), number(settings, WooCommerceSystem.PAGE_SIZE, MAX_PAGE, 1, MAX_PAGE),
					number(settings, WooCommerceSystem.ATTEMPTS, DEFAULT_ATTEMPTS, 1, MAX_ATTEMPTS),
					number(settings, WooCommerceSystem.BATCH_LIMIT, MAX_PAGE, 1, MAX_BATCH),
					number(settings, WooCommerceSystem.TIMEOUT_SECONDS, DEFAULT_TIMEOUT_SECONDS, 1, MAX_TIMEOUT_SECONDS));
		}
	}

	@Override
	public List<SettingKey> settingKeys() {
		return List.of(new SettingKey(WooCommerceSystem.URL, true, Messages.Key_url),
				new SettingKey(WooCommerceSystem.TRUSTED_CERTIFICATE, false, Messages.Key_trustedCertificate),
				new SettingKey(WooCommerceSystem.PAGE_SIZE, false, NLS.bind(Messages.Key_pageSize, MAX_PAGE)),
				new SettingKey(WooCommerceSystem.BATCH_LIMIT, false, NLS.bind(Messages.Key_batchLimit, MAX_BATCH, MAX_PAGE)),
				new SettingKey(WooCommerceSystem.TIMEOUT_SECONDS, false,
						NLS.bind(Messages.Key_timeoutSeconds, MAX_TIMEOUT_SECONDS, DEFAULT_TIMEOUT_SECONDS)),
				new SettingKey(WooCommerceSystem.ATTEMPTS, false, NLS.bind(Messages.Key_attempts, MAX_ATTEMPTS, DEFAULT_ATTEMPTS)));
	}

	/** The checks {@link #open} makes before it connects, and the keys it knows; the certificate file is read. */
	@Override
	public Optional<String> checkSettings(Map<String, String> settings) {
		List<String> known = settingKeys().stream().map(SettingKey::key).toList();
		for (String key : settings.keySet()) {
			if (!known.contains(key)) {
				return Optional.of(NLS.bind(Messages.Settings_unknown, key, String.join(", ", known))); //$NON-NLS-1$
			}
		}
		try {
			Limits.of(settings);
			String certificate = settings.get(WooCommerceSystem.TRUSTED_CERTIFICATE);
			if (certificate != null && !certificate.isBlank()) {
				Path file = Path.of(certificate.strip());
				StoreTrust.context(file, StoreTrust.read(file));
			}
			return Optional.empty();
		} catch (IllegalArgumentException e) {
			return Optional.of(e.getMessage());
		}
	}

	/** The store's address with a closing slash; only a store on this machine may be reached over plain http. */
	private static URI base(Map<String, String> settings) {
		String url = settings.get(WooCommerceSystem.URL);
		if (url == null || url.isBlank()) {
			throw new IllegalArgumentException(NLS.bind(Messages.Settings_missing, WooCommerceSystem.URL));
		}
		URI base;
		try {
			base = URI.create(url.strip().endsWith("/") ? url.strip() : url.strip() + "/"); //$NON-NLS-1$ //$NON-NLS-2$
		} catch (IllegalArgumentException e) {
			throw new IllegalArgumentException(NLS.bind(Messages.Http_badUrl, url, e.getMessage()), e);
		}
		if (!"http".equalsIgnoreCase(base.getScheme()) && !"https".equalsIgnoreCase(base.getScheme()) //$NON-NLS-1$ //$NON-NLS-2$
				|| base.getHost() == null) {
			throw new IllegalArgumentException(NLS.bind(Messages.Settings_notAnAddress, url));
		}
		if ("http".equalsIgnoreCase(base.getScheme()) && !isLoopback(base.getHost())) { //$NON-NLS-1$
			throw new IllegalArgumentException(NLS.bind(Messages.Settings_plainHttp, url));
		}
		return base;
	}

	private CloseableHttpClient client(Map<String, String> settings) {
		String certificate = settings.get(WooCommerceSystem.TRUSTED_CERTIFICATE);
		if (certificate == null || certificate.isBlank()) {
			return http;
		}
		// Read on every open, so that a replaced file is taken and a bad one reported at once.
		Path file = Path.of(certificate.strip());
		byte[] content = StoreTrust.read(file);
		return pinned.computeIfAbsent(StoreTrust.fingerprint(content),
				fingerprint -> newClient(new DefaultClientTlsStrategy(StoreTrust.context(file, content))));
	}

	/** One pooled client with keep-alive; the connector retries itself, knowing which requests may be repeated. */
	static CloseableHttpClient newClient(TlsSocketStrategy tls) {
		PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
				.setTlsSocketStrategy(tls).setMaxConnTotal(20).setMaxConnPerRoute(8)
				.setDefaultConnectionConfig(ConnectionConfig.custom()
						.setConnectTimeout(Timeout.ofSeconds(DEFAULT_TIMEOUT_SECONDS))
						.setSocketTimeout(Timeout.ofSeconds(DEFAULT_TIMEOUT_SECONDS)).setTimeToLive(TimeValue.ofMinutes(5))
						.build())
				.build();
		return HttpClients.custom().setConnectionManager(connections)
				.setDefaultRequestConfig(
						RequestConfig.custom().setResponseTimeout(Timeout.ofSeconds(DEFAULT_TIMEOUT_SECONDS)).build())
				// A redirect would carry the consumer key (and a write's data) to wherever it points: never followed.
				.disableAutomaticRetries().disableRedirectHandling().build();
	}

	/** Whether {@code host} is this machine by its name or a literal loopback address; nothing is looked up. */
	static boolean isLoopback(String host) {
		if (host == null) {
			return false;
		}
		String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host; //$NON-NLS-1$ //$NON-NLS-2$
		return name.equalsIgnoreCase("localhost") || name.matches("127(\\.\\d{1,3}){3}") || name.equals("::1"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
	}

	private static int number(Map<String, String> settings, String key, int fallback, int min, int max) {
		String text = settings.get(key);
		if (text == null || text.isBlank()) {
			return fallback;
		}
		try {
			int value = Integer.parseInt(text.strip());
			if (value >= min && value <= max) {
				return value;
			}
		} catch (NumberFormatException e) {
			// reported below
		}
		throw new IllegalArgumentException(NLS.bind(Messages.Settings_number, new Object[] { key, min, max, text }));
	}

	@Deactivate
	void deactivate() throws IOException {
		deadlines.shutdownNow();
		http.close();
		for (CloseableHttpClient client : pinned.values()) {
			client.close();
		}
	}
}
