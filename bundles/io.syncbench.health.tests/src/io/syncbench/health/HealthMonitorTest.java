package io.syncbench.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.syncbench.engine.testsupport.MovableClock;
import io.syncbench.engine.testsupport.WebhookReceiver;
import io.syncbench.engine.testsupport.WebhookReceiver.Call;
import io.syncbench.store.ServiceStateService.State;
import io.syncbench.store.Stores;
import io.syncbench.store.Stores.OwnedStore;

/**
 * The monitor on a real Derby store, calling a real webhook receiver on loopback: the services'
 * heartbeats are written to the store as a service writes them.
 */
class HealthMonitorTest {

	private static final Duration WAIT = Duration.ofSeconds(20);
	/** A token in the URL, as chat tools' webhooks carry one: it must never reach a log. */
	private static final String SECRET_PATH = "/hooks/T0K3N-s3cr3t";

	@TempDir
	Path workspace;

	private OwnedStore store;
	private WebhookReceiver receiver;
	private final MovableClock clock = new MovableClock(Instant.now());
	private final List<String> log = new CopyOnWriteArrayList<>();
	private HealthMonitor monitor;
	private final ObjectMapper json = new ObjectMapper();

	@BeforeEach
	void setUp() throws Exception {
		store = Stores.embeddedDerby(workspace.resolve("store"));
		store.open();
		receiver = new WebhookReceiver();
		URI webhook = receiver.url(SECRET_PATH);
		HealthSettings settings = new HealthSettings(webhook, Duration.ofSeconds(300), Duration.ofSeconds(120), true);
		monitor = new HealthMonitor(store, () -> settings, null, "workbench@test", Duration.ofSeconds(5), clock, log::add);
	}

	@AfterEach
	void tearDown() {
		receiver.close();
		store.close();
	}

	private void check() {
		monitor.checkNow(new NullProgressMonitor());
	}

	private JsonNode nextCall() throws Exception {
		Call call = receiver.next(WAIT);
		assertEquals("POST", call.method());
		assertEquals(SECRET_PATH, call.path());
		assertTrue(call.contentType().startsWith("application/json"), call.contentType());
		return json.readTree(call.body());
	}

	@Test
	void aServiceThatStopsIsShownAndSupportIsTold() throws Exception {
		store.serviceState().beat("service@shop:10", State.RUNNING, null);
		check();
		assertTrue(receiver.calls().isEmpty(), "the first check is the baseline");
		assertTrue(monitor.latest().healthy());

		store.serviceState().beat("service@shop:10", State.STOPPED, "stopped");
		check();

		JsonNode call = nextCall();
		assertEquals("service@shop", call.get("service").asText());
		assertEquals("service@shop:10", call.get("instance").asText());
		assertEquals("STOPPED", call.get("condition").asText());
		assertFalse(call.get("healthy").asBoolean());
		assertEquals("workbench@test", call.get("reportedBy").asText());
		assertTrue(call.get("text").asText().startsWith("SyncBench: Sync service service@shop stopped at "),
				call.get("text").asText());
		assertFalse(monitor.latest().healthy());
	}

	@Test
	void aKilledServiceFallsSilentAndComesBackRunningWhenRestarted() throws Exception {
		store.serviceState().beat("service@shop:10", State.RUNNING, null);
		check();

		clock.move(Duration.ofSeconds(301)); // no beat since: killed, or cut off from the store
		check();
		JsonNode silent = nextCall();
		assertEquals("SILENT", silent.get("condition").asText());
		assertTrue(silent.get("message").asText().contains("may have crashed"), silent.get("message").asText());

		store.serviceState().beat("service@shop:11", State.RUNNING, null); // restarted: a new process id
		clock.set(Instant.now());
		check();
		JsonNode running = nextCall();
		assertEquals("RUNNING", running.get("condition").asText());
		assertEquals("service@shop:11", running.get("instance").asText());
		assertTrue(running.get("healthy").asBoolean());
	}

	@Test
	void aServiceThatKeepsFailingIsAnnouncedWithItsReasonOnceTheFailuresLastLongEnough() throws Exception {
		store.serviceState().beat("service@shop:10", State.RUNNING, null);
		check();
		String reason = "Last run of Acme Ltd failed: the web store rejected the key.";
		store.serviceState().beat("service@shop:10", State.FAILING, reason);
		check();
		clock.move(Duration.ofSeconds(30));
		store.serviceState().beat("service@shop:10", State.FAILING, reason);
		check();
		assertTrue(receiver.calls().isEmpty(), "a failure or two is not yet 'keeps failing'");

		clock.move(Duration.ofSeconds(100)); // failing for 130 s now, longer than the 120 s allowed
		store.serviceState().beat("service@shop:10", State.FAILING, reason);
		check();

		JsonNode failing = nextCall();
		assertEquals("FAILING", failing.get("condition").asText());
		assertTrue(failing.get("message").asText().contains(reason), failing.get("message").asText());
	}

	@Test
	void aServerErrorIsTriedAgainAndARefusalIsNotAndNeitherLogsTheUrl() throws Exception {
		store.serviceState().beat("service@shop:10", State.RUNNING, null);
		check();

		receiver.answer(503);
		store.serviceState().beat("service@shop:10", State.STOPPED, null);
		check();
		assertEquals(2, receiver.calls().size(), "503, then taken on the second attempt: " + receiver.calls());
		assertTrue(log.isEmpty(), log.toString());

		receiver.answer(404);
		store.serviceState().beat("service@shop:11", State.RUNNING, null);
		check();
		assertEquals(3, receiver.calls().size(), "a 404 is not sent again: " + receiver.calls());
		assertEquals(1, log.size(), log.toString());
		assertTrue(log.get(0).contains("refused the notification (HTTP 404)"), log.get(0));
		assertFalse(log.get(0).contains("T0K3N"), "the webhook's token must not be logged: " + log.get(0));
	}

	@Test
	void anUnreachableWebhookIsLoggedWithoutItsUrl() throws Exception {
		receiver.close(); // nobody listens on its port any more
		store.serviceState().beat("service@shop:10", State.RUNNING, null);
		check();
		store.serviceState().beat("service@shop:10", State.STOPPED, null);
		check();

		assertEquals(1, log.size(), log.toString());
		assertTrue(log.get(0).contains("could not be reached"), log.get(0));
		assertFalse(log.get(0).contains("T0K3N"), log.get(0));
	}
}
