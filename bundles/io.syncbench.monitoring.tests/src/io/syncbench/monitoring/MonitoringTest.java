package io.syncbench.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.event.EventAdmin;
import org.osgi.util.tracker.ServiceTracker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.syncbench.engine.testsupport.ConnectorServices;
import io.syncbench.engine.testsupport.Eventually;
import io.syncbench.engine.testsupport.MemoryConnector;
import io.syncbench.engine.testsupport.MemorySystem;
import io.syncbench.engine.testsupport.PostgresSchema;
import io.syncbench.engine.testsupport.ProductSetup;
import io.syncbench.monitoring.PrometheusText.Sample;
import io.syncbench.service.SyncService;
import io.syncbench.store.ChangeQueueService.Backlog;
import io.syncbench.store.Company;
import io.syncbench.store.CompanySettings;
import io.syncbench.store.RunHistoryService.Outcome;
import io.syncbench.store.Store;
import io.syncbench.store.Stores;
import io.syncbench.store.Stores.OwnedStore;
import io.syncbench.store.SyncState;
import io.syncbench.store.SyncStatusService.Side;
import io.syncbench.store.SyncStatusService.StateCount;

/**
 * The headless service's /metrics and /health over real HTTP, with a real sync service on a real
 * store reporting its runs through Equinox's EventAdmin; the metrics are read by Prometheus's own
 * parser and compared with the store's counts.
 */
class MonitoringTest {

	private static final String INSTANCE = "service@monitoring-test:1";

	@TempDir
	Path workspace;

	private final HttpClient http = HttpClient.newHttpClient();
	private final List<String> log = new CopyOnWriteArrayList<>();
	private final MemorySystem erp = new MemorySystem("A-", ProductSetup.PRODUCT);
	private final MemorySystem web = new MemorySystem("", ProductSetup.PRODUCT);
	private final List<AutoCloseable> toClose = new CopyOnWriteArrayList<>();
	private BundleContext bundle;
	private ServiceTracker<EventAdmin, EventAdmin> eventAdmin;

	@BeforeEach
	void trackEventAdmin() {
		bundle = FrameworkUtil.getBundle(Monitoring.class).getBundleContext();
		eventAdmin = new ServiceTracker<>(bundle, EventAdmin.class, null);
		eventAdmin.open();
	}

	@AfterEach
	void closeAll() throws Exception {
		for (AutoCloseable closeable : toClose.reversed()) {
			closeable.close();
		}
		eventAdmin.close();
	}

	private <T extends AutoCloseable> T closedAfter(T closeable) {
		toClose.add(closeable);
		return closeable;
	}

	private Monitoring monitor(Store store) throws IOException {
		return closedAfter(Monitoring.start(new MonitoringSettings(InetAddress.getLoopbackAddress(), 0), store, INSTANCE,
				bundle));
	}

	private SyncService service(Store store) throws InterruptedException {
		ConnectorServices services = closedAfter(new ConnectorServices());
		services.connector().put("erp", erp);
		services.connector().put("web", web);
		SyncService service = new SyncService(store, services.registry(), (companyId, system) -> new char[0],
				eventAdmin.waitForService(10_000), INSTANCE, Duration.ofMillis(500), log::add);
		toClose.add(service::stop);
		return service;
	}

	private HttpResponse<String> get(Monitoring monitoring, String path) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(monitoring.uri().resolve(path)).timeout(Duration.ofSeconds(20)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private JsonNode health(Monitoring monitoring) throws IOException, InterruptedException {
		return new ObjectMapper().readTree(get(monitoring, "/health").body());
	}

	private static double value(List<Sample> samples, String name, Map<String, String> labels) {
		return samples.stream().filter(s -> s.name().equals(name) && s.labels().equals(labels)).mapToDouble(Sample::value)
				.findFirst().orElseThrow(() -> new AssertionError("no sample " + name + labels + " in " + samples));
	}

	@Test
	void metricsAreValidPrometheusTextAndTellTheStoresCountsPerCompanySystemAndState() throws Exception {
		OwnedStore store = closedAfter(Stores.embeddedDerby(workspace.resolve("store")));
		Company acme = ProductSetup.create(store, new CompanySettings("Acme Ltd", 3600, true, true, false),
				MemoryConnector.TYPE);
		for (int i = 1; i <= 4; i++) {
			erp.put("A-" + i, Map.of("sku", "SKU-" + i, "name", "Item " + i));
		}
		erp.put("A-9", Map.of("sku", "SKU-9", "name", "x".repeat(100))); // longer than both systems take: fails
		SyncService service = service(store);
		Monitoring monitoring = monitor(store);

		service.start();
		Eventually.waitUntil("the run on start", () -> store.runHistory().recent(acme.id(), 1).stream()
				.anyMatch(run -> run.endedAt() != null), log::toString);
		// A change waiting in the queue, and a link another service holds now.
		store.changeQueue().enqueue(new io.syncbench.store.StatusScope(acme.id(), "webstore", "product"), Side.EXTERNAL,
				"77");
		store.syncStatus().holdWork(new io.syncbench.store.StatusScope(acme.id(), "webstore", "customer"), "service@other:2",
				Duration.ofMinutes(5));
		Eventually.waitUntil("the run's end counted", () -> {
			try {
				return get(monitoring, "/metrics").body().contains("syncbench_run_duration_seconds_count{company=\"Acme Ltd\"");
			} catch (IOException | InterruptedException e) {
				return false;
			}
		});

		HttpResponse<String> response = get(monitoring, "/metrics");
		assertEquals(200, response.statusCode());
		assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"),
				response.headers().toString());
		List<Sample> samples = PrometheusText.parse(response.body());

		List<StateCount> states = store.syncStatus().stateCounts();
		assertEquals(4, states.stream().filter(s -> s.state() == SyncState.SYNCHRONIZED).mapToLong(StateCount::count).sum());
		assertEquals(1, states.stream().filter(s -> s.state() == SyncState.FAILED).mapToLong(StateCount::count).sum());
		for (StateCount count : states) {
			assertEquals(count.count(), value(samples, "syncbench_records", Map.of("company", "Acme Ltd", "system",
					count.scope().system(), "entity", count.scope().entity(), "state",
					count.state().name().toLowerCase(java.util.Locale.ROOT))), 0.0, count.toString());
		}
		assertEquals(states.size(), samples.stream().filter(s -> s.name().equals("syncbench_records")).count(),
				"one series per scope and state, no more");
		for (Backlog backlog : store.changeQueue().backlog()) {
			assertEquals(backlog.count(), value(samples, "syncbench_queued_changes", Map.of("company", "Acme Ltd", "system",
					backlog.scope().system(), "entity", backlog.scope().entity(), "side",
					backlog.side() == Side.LOCAL ? "company_database" : "connected_system")), 0.0);
		}
		assertEquals(1, value(samples, "syncbench_queued_changes", Map.of("company", "Acme Ltd", "system", "webstore",
				"entity", "product", "side", "connected_system")), 0.0);
		assertEquals(1, value(samples, "syncbench_work_leases", Map.of("owner", "service@other:2", "state", "held")), 0.0);
		long runs = store.runHistory().recent(acme.id(), 100).stream().filter(run -> run.endedAt() != null).count();
		Outcome outcome = store.runHistory().recent(acme.id(), 1).get(0).outcome();
		assertEquals(runs, value(samples, "syncbench_run_duration_seconds_count",
				Map.of("company", "Acme Ltd", "outcome", outcome.name())), 0.0);
		assertEquals(1, value(samples, "syncbench_store_reachable", Map.of()), 0.0);
		assertEquals(1, value(samples, "syncbench_service_info", Map.of("instance", INSTANCE)), 0.0);
		assertTrue(value(samples, "syncbench_last_run_end_timestamp_seconds",
				Map.of("company", "Acme Ltd", "outcome", outcome.name())) > 1.7e9);
	}

	@Test
	void healthTellsEachCompanysLastRunAndWhyItsRunsAreHeldBackUntilTheNextRunStarts() throws Exception {
		OwnedStore store = closedAfter(Stores.embeddedDerby(workspace.resolve("store")));
		ProductSetup.create(store, new CompanySettings("Acme Ltd", 5, true, true, false), MemoryConnector.TYPE);
		erp.put("A-1", Map.of("sku", "SKU-1", "name", "Chair"));
		SyncService service = service(store);
		Monitoring monitoring = monitor(store);
		service.start();
		Eventually.waitUntil("a finished run in /health", () -> {
			try {
				return health(monitoring).at("/companies/0/lastRun/endedAt").isTextual();
			} catch (IOException | InterruptedException e) {
				return false;
			}
		});

		web.setHealth(new io.syncbench.connector.Health(io.syncbench.connector.Health.State.UNREACHABLE, "connection refused by the test"));
		Eventually.waitUntil("the hold-back in /health", () -> {
			try {
				return "NO_CONNECTIVITY".equals(health(monitoring).at("/companies/0/heldBack/reason").asText());
			} catch (IOException | InterruptedException e) {
				return false;
			}
		}, log::toString);
		HttpResponse<String> response = get(monitoring, "/health");
		assertEquals(200, response.statusCode(), "a held-back company is the operator's matter, not the service's health");
		JsonNode health = new ObjectMapper().readTree(response.body());
		assertEquals("UP", health.get("status").asText());
		assertEquals(INSTANCE, health.get("instance").asText());
		assertTrue(health.at("/store/reachable").asBoolean());
		assertEquals("Acme Ltd", health.at("/companies/0/name").asText());
		assertTrue(health.at("/companies/0/heldBack/message").asText().contains("connection refused by the test"),
				health.toString());
		assertEquals("SUCCEEDED", health.at("/companies/0/lastRun/outcome").asText());
		assertEquals(1, value(PrometheusText.parse(get(monitoring, "/metrics").body()), "syncbench_runs_held_back",
				Map.of("company", "Acme Ltd", "reason", "NO_CONNECTIVITY")), 0.0);

		web.setHealth(io.syncbench.connector.Health.reachable("answers"));
		Eventually.waitUntil("the hold-back ended by the next run", () -> {
			try {
				return health(monitoring).at("/companies/0/heldBack").isNull();
			} catch (IOException | InterruptedException e) {
				return false;
			}
		}, log::toString);
	}

	@Test
	void healthIsDownWith503WhileTheStoreDoesNotAnswerAndUpAgainOnceItDoes() throws Exception {
		PostgresSchema schema = closedAfter(PostgresSchema.create("monitoring"));
		TcpRelay relay = closedAfter(new TcpRelay(schema.serverAddress().getHost(), schema.serverAddress().getPort()));
		String relayed = schema.urlThrough("127.0.0.1", relay.port());
		String user = schema.user();
		OwnedStore store = closedAfter(Stores.postgres(relayed, user, null));
		store.open();
		ProductSetup.create(store, new CompanySettings("Acme Ltd", 3600, false, false, false), MemoryConnector.TYPE);
		Monitoring monitoring = monitor(store);
		assertEquals(200, get(monitoring, "/health").statusCode());

		relay.cut();
		long asked = System.nanoTime();
		HttpResponse<String> down = get(monitoring, "/health");
		Duration took = Duration.ofNanos(System.nanoTime() - asked);
		assertEquals(503, down.statusCode(), down.body());
		JsonNode health = new ObjectMapper().readTree(down.body());
		assertEquals("DOWN", health.get("status").asText());
		assertFalse(health.at("/store/reachable").asBoolean());
		assertTrue(health.at("/store/problem").asText().contains(relayed.substring(0, relayed.indexOf('?'))),
				health.toString());
		assertTrue(took.compareTo(Duration.ofSeconds(8)) < 0, "answered within the store's limit, not the pool's: " + took);
		HttpResponse<String> metrics = get(monitoring, "/metrics");
		assertEquals(200, metrics.statusCode(), "metrics still answer, saying the store did not");
		assertEquals(0, value(PrometheusText.parse(metrics.body()), "syncbench_store_reachable", Map.of()), 0.0);

		relay.restore();
		Eventually.waitUntil("the store answering again", () -> {
			try {
				return get(monitoring, "/health").statusCode() == 200;
			} catch (IOException | InterruptedException e) {
				return false;
			}
		});
	}

	@Test
	void settingsAreOffWithoutAPortOnLoopbackByDefaultAndRefusedNamingTheProperty() {
		assertTrue(MonitoringSettings.from(name -> null).isEmpty(), "off unless a port is set");
		Map<String, String> properties = new HashMap<>(Map.of(MonitoringSettings.PORT_PROPERTY, "9464"));
		MonitoringSettings settings = MonitoringSettings.from(properties::get).orElseThrow();
		assertEquals(9464, settings.port());
		assertTrue(settings.address().isLoopbackAddress());

		properties.put(MonitoringSettings.PORT_PROPERTY, "http");
		IllegalArgumentException port = assertThrows(IllegalArgumentException.class,
				() -> MonitoringSettings.from(properties::get));
		assertEquals("syncbench.monitoring.port must be a port number from 0 to 65535 (0 takes any free port), not \"http\"",
				port.getMessage());
		properties.put(MonitoringSettings.PORT_PROPERTY, "70000");
		assertThrows(IllegalArgumentException.class, () -> MonitoringSettings.from(properties::get));
		properties.put(MonitoringSettings.PORT_PROPERTY, "9464");
		properties.put(MonitoringSettings.ADDRESS_PROPERTY, "no-such-host.invalid");
		IllegalArgumentException address = assertThrows(IllegalArgumentException.class,
				() -> MonitoringSettings.from(properties::get));
		assertTrue(address.getMessage().startsWith("syncbench.monitoring.address must be an address"), address.getMessage());
	}

	@Test
	void aTakenPortIsReportedAndOtherPathsAndMethodsAreRefusedInWords() throws Exception {
		OwnedStore store = closedAfter(Stores.embeddedDerby(workspace.resolve("store")));
		try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			assertThrows(IOException.class, () -> Monitoring.start(
					new MonitoringSettings(InetAddress.getLoopbackAddress(), taken.getLocalPort()), store, INSTANCE, bundle));
		}
		Monitoring monitoring = monitor(store);
		HttpResponse<String> missing = get(monitoring, "/status");
		assertEquals(404, missing.statusCode());
		assertTrue(missing.body().contains("/health (JSON) and /metrics"), missing.body());
		HttpResponse<String> post = http.send(HttpRequest.newBuilder(monitoring.uri().resolve("/metrics"))
				.POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
		assertEquals(405, post.statusCode());
		assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElse(""));
	}
}
