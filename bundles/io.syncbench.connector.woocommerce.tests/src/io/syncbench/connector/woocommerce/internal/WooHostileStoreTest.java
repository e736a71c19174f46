package io.syncbench.connector.woocommerce.internal;

import static io.syncbench.engine.testsupport.HostileServer.redirect;
import static io.syncbench.engine.testsupport.HostileServer.reply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.syncbench.connector.ChangePage;
import io.syncbench.connector.ConnectorException.Kind;
import io.syncbench.connector.ConnectorException;
import io.syncbench.connector.FieldValues;
import io.syncbench.connector.RecordData;
import io.syncbench.connector.RecordWrite;
import io.syncbench.connector.Health;
import io.syncbench.connector.WriteResult;
import io.syncbench.connector.woocommerce.WooCommerceSystem;
import io.syncbench.engine.testsupport.HostileServer.Answer;
import io.syncbench.engine.testsupport.HostileServer.Reply;
import io.syncbench.engine.testsupport.HostileServer.Request;
import io.syncbench.engine.testsupport.HostileServer;
import io.syncbench.engine.testsupport.MovableClock;
import io.syncbench.sandbox.SandboxStore;

/**
 * The connector behind a misbehaving web store on loopback, in front of the real sandbox: redirects,
 * bodies that are not JSON, nest too deep, never end or drip, paging that never ends, lists that are
 * not lists or whose ids change, 404s that say nothing, and batch answers for other records. Each ends
 * in a clear failure of the request or the record; nothing is taken for an empty list or a deletion,
 * and no credential reaches another host.
 */
class WooHostileStoreTest {

	private static final String KEY = "ck_hostile";
	private static final String SECRET = "cs_hostile";

	private final MovableClock storeClock = new MovableClock(java.time.Instant.parse("2026-11-22T10:00:00Z"));
	private final MovableClock syncClock = new MovableClock(java.time.Instant.parse("2026-11-22T10:00:00Z"));
	private final ObjectMapper json = new ObjectMapper();
	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
	private SandboxStore store;
	private HostileServer hostile;
	private HostileServer otherHost;
	private CloseableHttpClient http;

	@BeforeEach
	void start() throws Exception {
		store = SandboxStore.start(0, null, KEY, SECRET, 100, null, storeClock);
		hostile = HostileServer.start("127.0.0.1", store.baseUri());
		otherHost = HostileServer.start("127.0.0.2", null);
		http = WooConnector.newClient(DefaultClientTlsStrategy.createDefault());
	}

	@AfterEach
	void stop() throws Exception {
		timer.shutdownNow();
		http.close();
		hostile.close();
		otherHost.close();
		store.close();
	}

	private WooSession session(int attempts, Duration deadline) {
		return new WooSession(new WooClient(http, hostile.baseUri(), WooCommerceSystem.credentials(KEY, SECRET), attempts,
				deadline, timer), 100, 100, syncClock);
	}

	private WooSession session() {
		return session(2, Duration.ofSeconds(10));
	}

	/** The store itself, not through the hostile server. */
	private WooSession direct() {
		return new WooSession(new WooClient(http, store.baseUri(), WooCommerceSystem.credentials(KEY, SECRET), 2,
				Duration.ofSeconds(10), timer), 100, 100, syncClock);
	}

	private List<RecordData> customers(int count) throws ConnectorException {
		List<RecordData> made = new java.util.ArrayList<>();
		for (int i = 1; i <= count; i++) {
			made.add(direct().create("customer", FieldValues.of(Map.of("email", "c" + i + "@example.com", "first_name", "C" + i))));
		}
		syncClock.set("2026-11-22T10:01:00Z");
		return made;
	}

	/** Answers list requests (GET of a collection) by {@code rule}, everything else is passed on. */
	private void onLists(Function<Request, Answer> rule) {
		hostile.answer(request -> request.method().equals("GET") && request.path().matches("/wp-json/wc/v3/[a-z]+")
				? rule.apply(request) : null);
	}

	private Reply forward(Request request) {
		try {
			return hostile.forward(request);
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static ConnectorException fails(Kind kind, org.junit.jupiter.api.function.Executable call) {
		ConnectorException failure = assertThrows(ConnectorException.class, call);
		assertEquals(kind, failure.kind(), failure.getMessage());
		assertTrue(!failure.getMessage().contains(SECRET) && !failure.getMessage().contains(KEY), failure.getMessage());
		return failure;
	}

	@Test
	void aRedirectIsNeverFollowedSoTheKeyAndTheRecordsReachNoOtherHost() throws Exception {
		customers(1);
		hostile.answer(request -> redirect(request.method().equals("GET") ? 302 : 307,
				otherHost.baseUri().resolve(request.target().substring(1)).toString()));
		WooSession session = session();

		ConnectorException read = fails(Kind.UNREACHABLE, () -> session.readChanges("customer", null, 100));
		ConnectorException write = fails(Kind.UNREACHABLE, () -> session.writeAll("customer", List.of(
				RecordWrite.create(FieldValues.of(Map.of("email", "new1@example.com"))),
				RecordWrite.create(FieldValues.of(Map.of("email", "new2@example.com"))))));

		assertTrue(read.getMessage().contains("302") && read.getMessage().contains("127.0.0.2"), read.getMessage());
		assertTrue(write.getMessage().contains("307"), write.getMessage());
		assertEquals(List.of(), otherHost.requests(), "nothing reached the other host, with or without the key");
		assertEquals(1, direct().readAll("customer", null, 100).changes().size(), "nothing was written");
	}

	@Test
	void htmlTruncatedJsonAndANestingBombFailTheRequestAndNothingIsTakenFromThem() throws Exception {
		customers(1);
		WooSession session = session();
		for (String body : List.of("<html><body>Maintenance</body></html>", "[{\"id\":1,\"email\":\"c1@exa",
				"[".repeat(200_000), "{\"a\":".repeat(50_000))) {
			onLists(request -> reply(Reply.json(200, body)));

			ConnectorException failure = fails(Kind.UNREACHABLE, () -> session.readAll("customer", null, 100));

			assertTrue(failure.getMessage().contains("not valid JSON"), failure.getMessage());
		}
	}

	@Test
	void anOversizedOrEndlessBodyIsRefusedUnreadWithinTheLimit() throws Exception {
		WooSession session = session(1, Duration.ofSeconds(60));
		onLists(request -> HostileServer.declaring(2_000_000_000L));
		long started = System.nanoTime();

		ConnectorException declared = fails(Kind.UNREACHABLE, () -> session.readAll("product", null, 100));

		assertTrue(declared.getMessage().contains("2000000000 bytes"), declared.getMessage());
		onLists(request -> HostileServer.endless());
		ConnectorException endless = fails(Kind.UNREACHABLE, () -> session.readAll("product", null, 100));
		assertTrue(endless.getMessage().contains("went on past"), endless.getMessage());
		assertTrue(Duration.ofNanos(System.nanoTime() - started).toSeconds() < 30, "neither was read to its end");
	}

	@Test
	void theDeadlineCoversTheWholeAnswerSoOneThatDripsIsAbortedAtTimeoutSeconds() throws Exception {
		WooSession session = session(3, Duration.ofSeconds(2));
		onLists(request -> HostileServer.drip("[]" + " ".repeat(60), Duration.ofSeconds(1)));
		long started = System.nanoTime();

		ConnectorException failure = fails(Kind.UNREACHABLE, () -> session.readAll("product", null, 100));

		long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
		assertTrue(seconds < 8, "aborted after about 2 s, not sent again: " + seconds + " s");
		assertTrue(failure.getMessage().contains("within 2 s"), failure.getMessage());
	}

	@Test
	void aChangeListThatIsNotAListFailsSoTheCursorCannotMovePastIt() throws Exception {
		customers(2);
		WooSession session = session();
		for (String body : List.of("{\"unexpected\":true}", "null", "\"customers\"", "[1,2]", "[{\"no\":\"id\"}]")) {
			onLists(request -> reply(Reply.json(200, body).withHeader("X-WP-Total", "2").withHeader("X-WP-TotalPages", "1")));

			ConnectorException failure = fails(Kind.UNREACHABLE, () -> session.readChanges("customer", null, 100));

			assertTrue(failure.getMessage().contains("where a list belongs"), body + ": " + failure.getMessage());
		}
	}

	@Test
	void aLookupAnsweredWithAnObjectFailsInsteadOfMakingTheRecordsLookDeleted() throws Exception {
		List<RecordData> made = customers(2);
		onLists(request -> reply(Reply.json(200, "{\"unexpected\":true}")));

		fails(Kind.UNREACHABLE, () -> session().readEach("customer", made.stream().map(RecordData::id).toList()));
	}

	@Test
	void pagingThatNeverEndsOrATotalThatChangesOnEveryAnswerStopsAfterAFewRequests() throws Exception {
		customers(3);
		WooSession session = session();
		onLists(request -> {
			Reply real = forward(request);
			java.util.regex.Matcher page = java.util.regex.Pattern.compile("[?&]page=(\\d+)").matcher(request.target());
			boolean later = page.find() && Integer.parseInt(page.group(1)) > 1;
			return reply((later ? real.withBody("[]") : real).withHeader("X-WP-TotalPages", "1000000000")
					.withHeader("X-WP-Total", "100000000000"));
		});

		ConnectorException endless = fails(Kind.UNREACHABLE, () -> drain(session, "customer"));
		assertTrue(endless.getMessage().contains("paging contradicts itself"), endless.getMessage());
		int afterEndless = hostile.requests().size();
		assertTrue(afterEndless < 10, afterEndless + " requests");

		java.util.concurrent.atomic.AtomicLong total = new java.util.concurrent.atomic.AtomicLong(3);
		onLists(request -> request.target().contains("include=") ? reply(forward(request))
				: reply(forward(request).withHeader("X-WP-Total", Long.toString(200 + total.incrementAndGet()))
						.withHeader("X-WP-TotalPages", "3")));
		ConnectorException moving = fails(Kind.UNREACHABLE, () -> drain(session, "customer"));
		assertTrue(moving.getMessage().contains("changed its total"), moving.getMessage());
		assertTrue(hostile.requests().size() - afterEndless < 30, (hostile.requests().size() - afterEndless) + " requests");
	}

	/** Reads a side's changes as the engine does, page after page, until no more come. */
	private static void drain(WooSession session, String entity) throws ConnectorException {
		String cursor = null;
		for (int page = 0; page < 10_000; page++) {
			ChangePage changes = session.readChanges(entity, cursor, 100);
			cursor = changes.nextCursor();
			if (!changes.more()) {
				return;
			}
		}
		throw new AssertionError("the reading never ended");
	}

	@Test
	void aListWhoseIdsAreNotTheStoresFailsBeforeAnyOfItCounts() throws Exception {
		customers(3);
		onLists(request -> {
			Reply real = forward(request);
			if (request.target().contains("include=")) {
				return reply(real);
			}
			try {
				ArrayNode list = (ArrayNode) json.readTree(real.body());
				list.forEach(customer -> ((ObjectNode) customer).put("id", customer.get("id").asLong() + 1000));
				return reply(real.withBody(json.writeValueAsString(list)));
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		});

		ConnectorException failure = fails(Kind.UNREACHABLE, () -> session().readChanges("customer", null, 100));

		assertTrue(failure.getMessage().contains("does not find 3 of them"), failure.getMessage());
	}

	@Test
	void aServerThatIsNotAWebStoreIsReportedInItsPagesWordsNotItsMarkup() throws Exception {
		String page = "<!DOCTYPE HTML>\n<html lang=\"en\">\n  <head>\n    <title>Error response</title>\n  </head>\n"
				+ "  <body><h1>Error response</h1><p>Error code: 404</p></body>\n</html>\n";
		hostile.answer(request -> reply(new Reply(404, Map.of("Content-Type", "text/html"), page.getBytes())));

		Health health = session().check();

		assertEquals("HTTP 404: a web page \"Error response\", not WooCommerce's JSON", health.message());
		assertFalse(health.isReachable());

		// A page without a title (the JDK's own web server's) is read without its markup and references.
		hostile.answer(request -> reply(new Reply(404, Map.of("Content-Type", "text/html"),
				"<!DOCTYPE html>\n<html>\n<body>\n<h1>File not found</h1>\n<p>&#x2F;wp-json&#x2F;wc &amp; more</p>\n</body></html>"
						.getBytes())));
		assertEquals("HTTP 404: a web page \"File not found /wp-json/wc & more\", not WooCommerce's JSON",
				session().check().message());
	}

	@Test
	void onlyTheStoresOwnNotFoundSaysARecordIsGone() throws Exception {
		RecordData customer = customers(1).get(0);
		hostile.answer(request -> request.path().endsWith("/customers/" + customer.id())
				? reply(new Reply(404, Map.of("Content-Type", "text/html"), "<h1>Not Found</h1>".getBytes())) : null);

		ConnectorException unclear = fails(Kind.RECORD_REJECTED, () -> session().read("customer", customer.id()));

		assertTrue(unclear.getMessage().contains("without saying that the record is gone"), unclear.getMessage());
		assertTrue(unclear.getMessage().contains("404 (a web page \"Not Found\", not WooCommerce's JSON)"),
				"the page's words, not its markup: " + unclear.getMessage());
		hostile.answer(request -> null);
		assertEquals(Optional.empty(), session().read("customer", "987654"), "the store's own invalid id");
		assertTrue(session().read("customer", customer.id()).isPresent());
	}

	@Test
	void batchAnswersForOtherRecordsOrOfAnotherLengthFailThoseRecordsAndLinkNothing() throws Exception {
		hostile.answer(request -> {
			if (!request.method().equals("POST") || !request.path().endsWith("/batch")) {
				return null;
			}
			try {
				Reply real = forward(request);
				ObjectNode body = (ObjectNode) json.readTree(real.body());
				ArrayNode created = (ArrayNode) body.get("create");
				created.insert(0, created.remove(created.size() - 1)); // rotated by one
				return reply(real.withBody(json.writeValueAsString(body)));
			} catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		});
		List<RecordWrite> writes = List.of(1, 2, 3).stream().map(i -> RecordWrite.create(FieldValues.of(
				Map.of("email", "rotated" + i + "@example.com", "first_name", "R" + i)))).toList();

		List<WriteResult> rotated = session().writeAll("customer", writes);

		for (WriteResult result : rotated) {
			assertTrue(result.refused() != null && result.refused().getMessage().contains("names another one"),
					String.valueOf(result));
		}
		hostile.answer(request -> request.method().equals("POST") && request.path().endsWith("/batch")
				? reply(Reply.json(200, "{\"create\":[]}")) : null);
		List<WriteResult> empty = session().writeAll("customer", List.of(
				RecordWrite.create(FieldValues.of(Map.of("email", "lost1@example.com"))),
				RecordWrite.create(FieldValues.of(Map.of("email", "lost2@example.com")))));
		for (WriteResult result : empty) {
			assertTrue(result.refused() != null && result.refused().getMessage().contains("answered 0 items"),
					String.valueOf(result));
		}
	}
}
