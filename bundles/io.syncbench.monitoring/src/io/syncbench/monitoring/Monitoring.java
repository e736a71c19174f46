package io.syncbench.monitoring;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpStatus;
import org.apache.hc.core5.http.impl.bootstrap.HttpServer;
import org.apache.hc.core5.http.impl.bootstrap.ServerBootstrap;
import org.apache.hc.core5.http.io.HttpRequestHandler;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;
import org.eclipse.osgi.util.NLS;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.syncbench.engine.SyncEvents;
import io.syncbench.monitoring.internal.HealthDocument;
import io.syncbench.monitoring.internal.Messages;
import io.syncbench.monitoring.internal.RunWatch;
import io.syncbench.monitoring.internal.StoreMetrics;
import io.syncbench.monitoring.internal.StoreReader;
import io.syncbench.monitoring.internal.StoreReader.Reading;
import io.syncbench.store.Store;

/**
 * A headless service's monitoring endpoint: {@code /health} (JSON, 503 when the store does not answer)
 * and {@code /metrics} (Prometheus's text format), both read from the store at each request, so that
 * every service on a shared store tells the same counts. The service's own runs come in as the engine's
 * events, through an {@link EventHandler} registered for their topics.
 */
public final class Monitoring implements AutoCloseable {

	/** A scrape waits this long for the store, well inside Prometheus's default scrape timeout of 10 s. */
	private static final Duration STORE_LIMIT = Duration.ofSeconds(5);

	private final HttpServer server;
	private final StoreReader reader;
	private final ServiceRegistration<EventHandler> events;

	private Monitoring(HttpServer server, StoreReader reader, ServiceRegistration<EventHandler> events) {
		this.server = server;
		this.reader = reader;
		this.events = events;
	}

	/**
	 * Starts serving on the settings' address and port, and follows the runs of this process through
	 * EventAdmin.
	 *
	 * @param instance the service, as it names itself in leases and heartbeats
	 * @param bundle   where the event handler is registered
	 * @throws IOException when the address cannot be listened on (the port is taken)
	 */
	public static Monitoring start(MonitoringSettings settings, Store store, String instance, BundleContext bundle)
			throws IOException {
		Clock clock = Clock.systemUTC();
		PrometheusRegistry registry = new PrometheusRegistry();
		RunWatch runs = new RunWatch(registry, clock);
		StoreReader reader = new StoreReader(store, STORE_LIMIT);
		PrometheusTextFormatWriter text = PrometheusTextFormatWriter.create();
		HttpServer server = ServerBootstrap.bootstrap() //
				.setLocalAddress(settings.address()) //
				.setListenerPort(settings.port()) //
				.setSocketConfig(SocketConfig.custom().setSoTimeout(Timeout.ofSeconds(30)).setSoReuseAddress(true).build()) //
				// One handler whatever the Host header names: a scraper may use any of the machine's names.
				.setRequestRouter((request, context) -> (HttpRequestHandler) (ask, response, on) -> answer(ask, response,
						instance, reader, runs, registry, text, clock))
				.create();
		try {
			server.start();
		} catch (IOException e) {
			reader.close();
			throw e;
		}
		Dictionary<String, Object> topics = new Hashtable<>();
		topics.put(EventConstants.EVENT_TOPIC,
				new String[] { SyncEvents.RUN_STARTED, SyncEvents.RUN_FINISHED, SyncEvents.RUN_HELD_BACK });
		return new Monitoring(server, reader, bundle.registerService(EventHandler.class, runs, topics));
	}

	private static void answer(ClassicHttpRequest request, ClassicHttpResponse response, String instance, StoreReader reader, RunWatch runs, PrometheusRegistry registry,
			PrometheusTextFormatWriter text, Clock clock) throws IOException {
		String method = request.getMethod().toUpperCase(Locale.ROOT);
		String path = URI.create(request.getRequestUri()).getPath();
		if (!"/health".equals(path) && !"/metrics".equals(path)) { //$NON-NLS-1$ //$NON-NLS-2$
			plain(response, HttpStatus.SC_NOT_FOUND, NLS.bind(Messages.Http_notFound, path));
			return;
		}
		if (!"GET".equals(method) && !"HEAD".equals(method)) { //$NON-NLS-1$ //$NON-NLS-2$
			response.addHeader("Allow", "GET, HEAD"); //$NON-NLS-1$ //$NON-NLS-2$
			plain(response, HttpStatus.SC_METHOD_NOT_ALLOWED, NLS.bind(Messages.Http_methodNotAllowed, method));
			return;
		}
		Reading reading = reader.read();
		Map<String, RunWatch.HeldBack> heldBack = runs.heldBack();
		if ("/health".equals(path)) { //$NON-NLS-1$
			response.setCode(reading.reachable() ? HttpStatus.SC_OK : HttpStatus.SC_SERVICE_UNAVAILABLE);
			response.setEntity(new ByteArrayEntity(HealthDocument.bytes(HealthDocument.of(instance, reading, heldBack)),
					ContentType.APPLICATION_JSON));
			return;
		}
		List<MetricSnapshot> metrics = new ArrayList<>(StoreMetrics.of(instance, reading, heldBack, clock.instant()));
		registry.scrape().forEach(metrics::add);
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		text.write(body, MetricSnapshots.of(metrics.toArray(MetricSnapshot[]::new)), EscapingScheme.UNDERSCORE_ESCAPING);
		response.setCode(HttpStatus.SC_OK);
		response.setEntity(new ByteArrayEntity(body.toByteArray(), ContentType.parse(text.getContentType())));
	}

	private static void plain(ClassicHttpResponse response, int status, String text) {
		response.setCode(status);
		response.setEntity(new ByteArrayEntity((text + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8), //$NON-NLS-1$
				ContentType.TEXT_PLAIN.withCharset(java.nio.charset.StandardCharsets.UTF_8)));
	}

	/** Where it serves, for example {@code http://127.0.0.1:9464}: with the port taken when it was 0. */
	public URI uri() {
		String host = server.getInetAddress() == null ? "127.0.0.1" : server.getInetAddress().getHostAddress(); //$NON-NLS-1$
		return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + server.getLocalPort()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
	}

	@Override
	public void close() {
		events.unregister();
		server.close(CloseMode.GRACEFUL);
		reader.close();
	}
}
