package io.syncbench.connector.woocommerce.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.syncbench.connector.ConnectorException;
import io.syncbench.connector.FieldValues;
import io.syncbench.connector.Health;
import io.syncbench.connector.RecordData;
import io.syncbench.connector.SystemSession;
import io.syncbench.connector.woocommerce.WooCommerceSystem;
import io.syncbench.engine.testsupport.SelfSignedCertificate;
import io.syncbench.sandbox.SandboxStore;

/**
 * TLS to the web store: the sandbox serves https with a self-signed certificate for {@code localhost},
 * which the test trusts explicitly through the setting {@code trustedCertificate}. Without it, with
 * another certificate, or under another host name the store is refused, with a message that says what
 * to do; verification is never turned off. Plain http is refused beyond this machine.
 */
class WooTlsTest {

	private static final char[] CREDENTIALS = WooCommerceSystem.credentials("ck_tls", "cs_tls");

	@TempDir
	Path folder;

	private SelfSignedCertificate certificate;
	private SandboxStore store;
	private final WooConnector connector = new WooConnector();

	@BeforeEach
	void startStore() throws Exception {
		certificate = SelfSignedCertificate.create(folder, "shop", "dns:localhost");
		store = SandboxStore.start(0, null, "ck_tls", "cs_tls", SandboxStore.DEFAULT_BATCH_LIMIT,
				certificate.serverContext());
	}

	@AfterEach
	void stopStore() throws Exception {
		connector.deactivate();
		store.close();
	}

	private String url(String host) {
		return "https://" + host + ":" + store.baseUri().getPort();
	}

	private SystemSession open(String url, Path trusted) throws ConnectorException {
		Map<String, String> settings = new HashMap<>(Map.of(WooCommerceSystem.URL, url));
		if (trusted != null) {
			settings.put(WooCommerceSystem.TRUSTED_CERTIFICATE, trusted.toString());
		}
		return connector.open(settings, CREDENTIALS);
	}

	@Test
	void aStoreWithASelfSignedCertificateIsReachedOverTlsOnceItsCertificateIsTrusted() throws Exception {
		assertTrue(store.baseUri().toString().startsWith("https://"), store.baseUri().toString());
		try (SystemSession session = open(url("localhost"), certificate.certificate())) {
			Health health = session.check();
			assertTrue(health.isReachable(), health.message());
			RecordData created = session.create("product", FieldValues.of(Map.of("sku", "TLS-1", "name", "Lamp",
					"price", new BigDecimal("12.50"), "stock", 3L, "category", "Lighting", "active", true)));
			assertEquals("Lamp", session.read("product", created.id()).orElseThrow().fields().get("name"));
			assertEquals(List.of(created.id()), session.findByKey("product", "TLS-1").stream().map(RecordData::id).toList());
		}
	}

	@Test
	void anUntrustedCertificateIsRefusedWithWhatToDoAndTheStoreServesTheNextClient() throws Exception {
		try (SystemSession session = open(url("localhost"), null)) {
			Health health = session.check();
			assertFalse(health.isReachable(), health.message());
			assertTrue(health.message().startsWith("The web store at " + url("localhost") + "/ presented a certificate"
					+ " that SyncBench does not trust"), health.message());
			assertTrue(health.message().contains("trustedCertificate"), health.message());
			ConnectorException refused = assertThrows(ConnectorException.class,
					() -> session.readAll("product", null, 10));
			assertEquals(ConnectorException.Kind.UNREACHABLE, refused.kind());
		}
		// A refused handshake ends that connection only: the store still serves a client that trusts it.
		try (SystemSession session = open(url("localhost"), certificate.certificate())) {
			assertTrue(session.check().isReachable(), session.check().message());
		}
	}

	@Test
	void anotherSelfSignedCertificateIsNotTrustedForThisStore() throws Exception {
		SelfSignedCertificate other = SelfSignedCertificate.create(folder.resolve("other"), "other", "dns:localhost");
		try (SystemSession session = open(url("localhost"), other.certificate())) {
			Health health = session.check();
			assertFalse(health.isReachable(), health.message());
			assertTrue(health.message().contains("does not trust"), health.message());
		}
	}

	@Test
	void theHostNameIsStillVerified() throws Exception {
		// The certificate names localhost only; the same server under 127.0.0.1 is not the store it names.
		try (SystemSession session = open(url("127.0.0.1"), certificate.certificate())) {
			Health health = session.check();
			assertFalse(health.isReachable(), health.message());
			assertTrue(health.message().contains("does not trust") && health.message().contains("127.0.0.1"),
					health.message());
		}
	}

	@Test
	void aCertificateSettingThatNamesNoCertificateIsReportedByItsName() throws Exception {
		Path missing = folder.resolve("missing.pem");
		IllegalArgumentException absent = assertThrows(IllegalArgumentException.class,
				() -> open(url("localhost"), missing));
		assertTrue(absent.getMessage().startsWith("The web store setting trustedCertificate names " + missing
				+ ", which is not a certificate file SyncBench can read"), absent.getMessage());

		Path garbage = Files.writeString(folder.resolve("garbage.pem"), "-----BEGIN CERTIFICATE-----\nnot base64\n");
		IllegalArgumentException unreadable = assertThrows(IllegalArgumentException.class,
				() -> open(url("localhost"), garbage));
		assertTrue(unreadable.getMessage().startsWith("The web store setting trustedCertificate names " + garbage),
				unreadable.getMessage());

		Path empty = Files.writeString(folder.resolve("empty.pem"), "");
		IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> open(url("localhost"), empty));
		assertTrue(none.getMessage().contains(empty.toString()), none.getMessage());
	}

	@Test
	void plainHttpIsRefusedBeyondThisMachine() throws Exception {
		IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
				() -> open("http://shop.example.com", null));
		assertEquals("The web store address http://shop.example.com uses plain http, so the consumer key would cross"
				+ " the network readable by anyone. Use https; a store with a self-signed certificate is trusted"
				+ " through the setting trustedCertificate. Plain http is allowed only for a store on this machine"
				+ " (localhost).", refused.getMessage());
		assertTrue(WooConnector.isLoopback("localhost"));
		assertTrue(WooConnector.isLoopback("127.0.0.1"));
		assertTrue(WooConnector.isLoopback("[::1]"));
		assertFalse(WooConnector.isLoopback("127.0.0.1.example.com"));
		assertFalse(WooConnector.isLoopback("10.0.0.5"));
		open("http://127.0.0.1:9", null).close(); // a store on this machine may speak plain http
	}
}
