package io.syncbench.sandbox.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.syncbench.sandbox.SandboxStore;

/**
 * The sandbox store takes requests signed with OAuth 1.0a as WooCommerce does over plain http, and
 * refuses them as WooCommerce does. The requests are signed by {@link OAuthTestSigner}, written from
 * RFC 5849 apart from the sandbox's code, and sent with the JDK's own HTTP client.
 */
class SandboxOAuthTest {

	private static final String PRODUCTS = "/wp-json/wc/v3/products";

	private final HttpClient http = HttpClient.newHttpClient();
	private final ObjectMapper json = new ObjectMapper();
	private SandboxStore store;

	@BeforeEach
	void start() throws Exception {
		store = SandboxStore.startInMemory();
	}

	@AfterEach
	void stop() {
		store.close();
	}

	@Test
	void theSignersAgreeWithTheRfcsPublishedExample() {
		// RFC 5849, section 1.2: the request for photos, signed with a client and a token secret.
		List<Map.Entry<String, String>> parameters = List.of(Map.entry("file", "vacation.jpg"), Map.entry("size", "original"),
				Map.entry("oauth_consumer_key", "dpf43f3p2l4k3l03"), Map.entry("oauth_token", "nnch734d00sl2jdk"),
				Map.entry("oauth_signature_method", "HMAC-SHA1"), Map.entry("oauth_timestamp", "137131202"),
				Map.entry("oauth_nonce", "chapoH"));
		String base = OAuthTestSigner.baseString("GET", "http://photos.example.net/photos", parameters);

		assertEquals("GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg%26oauth_consumer_key%3Ddpf43f3p2l4k3l03"
				+ "%26oauth_nonce%3DchapoH%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131202"
				+ "%26oauth_token%3Dnnch734d00sl2jdk%26size%3Doriginal", base);
		assertEquals("MdpQcU8iPSUjWoN/UDMsK2sui9I=", OAuthTestSigner.sign("HmacSHA1", base, "kd94hf93k423kf44", "pfkkdhi9sl3r4s00"));
		assertEquals(base, OAuthCheck.baseString("GET", "http://photos.example.net/photos",
				parameters.stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue))),
				"the sandbox builds the same base string");
		assertEquals("MdpQcU8iPSUjWoN/UDMsK2sui9I=", OAuthCheck.signature("HmacSHA1", base, "kd94hf93k423kf44&pfkkdhi9sl3r4s00"));
	}

	@Test
	void aSignedListIsAnsweredWithEitherHash() throws Exception {
		for (String method : List.of("HMAC-SHA1", "HMAC-SHA256")) {
			// values that need encoding: a colon, a space sent as '+' (as axios sends it), a comma and a tilde
			HttpResponse<String> answer = send("GET", PRODUCTS, List.of(Map.entry("per_page", "5"),
					Map.entry("modified_after", "2020-01-01T00:00:00"), Map.entry("search", "oak chair, ~large")), method,
					Instant.now(), nonce(), store.consumerSecret(), true);

			assertEquals(200, answer.statusCode(), method + ": " + answer.body());
			assertEquals("0", answer.headers().firstValue("X-WP-Total").orElseThrow());
		}
	}

	@Test
	void aSignedCreateWithAJsonBodyIsTakenAndTheOAuthHeaderToo() throws Exception {
		HttpResponse<String> created = send("POST", PRODUCTS, List.of(), "HMAC-SHA256", Instant.now(), nonce(),
				store.consumerSecret(), false, "{\"name\":\"Oak chair\",\"sku\":\"OAK-1\",\"regular_price\":\"12.50\"}");
		assertEquals(201, created.statusCode(), created.body());

		List<Map.Entry<String, String>> signed = signed("GET", PRODUCTS, List.of(Map.entry("sku", "OAK-1")), "HMAC-SHA1",
				Instant.now(), nonce(), store.consumerSecret());
		StringBuilder header = new StringBuilder("OAuth realm=\"Sandbox\"");
		List<Map.Entry<String, String>> query = new ArrayList<>();
		for (Map.Entry<String, String> parameter : signed) {
			if (parameter.getKey().startsWith("oauth_")) {
				header.append(", ").append(parameter.getKey()).append("=\"").append(OAuthTestSigner.encode(parameter.getValue()))
						.append('"');
			} else {
				query.add(parameter);
			}
		}
		HttpResponse<String> found = http.send(HttpRequest.newBuilder(URI.create(store.baseUri() + PRODUCTS + "?"
				+ OAuthTestSigner.query(query))).header("Authorization", header.toString()).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertEquals(200, found.statusCode(), found.body());
		assertEquals("OAK-1", json.readTree(found.body()).get(0).get("sku").asText());
	}

	@Test
	void aWrongSignatureAReusedNonceAndAStaleTimestampAreRefusedAsWooCommerceRefusesThem() throws Exception {
		assertRefused(send("GET", PRODUCTS, List.of(), "HMAC-SHA1", Instant.now(), nonce(), "cs_wrong", true),
				"woocommerce_rest_authentication_error", "Invalid signature - provided signature does not match.");

		String nonce = nonce();
		assertEquals(200, send("GET", PRODUCTS, List.of(), "HMAC-SHA1", Instant.now(), nonce, store.consumerSecret(), true)
				.statusCode());
		assertRefused(send("GET", PRODUCTS, List.of(), "HMAC-SHA1", Instant.now(), nonce, store.consumerSecret(), true),
				"woocommerce_rest_authentication_error", "Invalid nonce - nonce has already been used.");

		assertRefused(send("GET", PRODUCTS, List.of(), "HMAC-SHA1", Instant.now().minus(Duration.ofMinutes(16)), nonce(),
				store.consumerSecret(), true), "woocommerce_rest_authentication_error", "Invalid timestamp.");
		assertRefused(send("GET", PRODUCTS, List.of(), "HMAC-SHA1", Instant.now().plus(Duration.ofMinutes(16)), nonce(),
				store.consumerSecret(), true), "woocommerce_rest_authentication_error", "Invalid timestamp.");
		assertRefused(send("GET", PRODUCTS, List.of(), "PLAINTEXT", Instant.now(), nonce(), store.consumerSecret(), true),
				"woocommerce_rest_authentication_error", "Invalid signature - signature method is invalid.");
	}

	@Test
	void aRequestSignedForAnotherAddressOrKeyOrMissingAPartIsRefused() throws Exception {
		// signed for localhost, sent to 127.0.0.1: WooCommerce compares the address its client signed
		List<Map.Entry<String, String>> signed = signed("GET", PRODUCTS, List.of(), "HMAC-SHA1", Instant.now(), nonce(),
				store.consumerSecret(), store.baseUri().toString().replace("127.0.0.1", "localhost"));
		assertRefused(get(signed), "woocommerce_rest_authentication_error",
				"Invalid signature - provided signature does not match.");

		List<Map.Entry<String, String>> withoutNonce = signed("GET", PRODUCTS, List.of(), "HMAC-SHA1", Instant.now(), nonce(),
				store.consumerSecret()).stream().filter(parameter -> !parameter.getKey().equals("oauth_nonce")).toList();
		assertRefused(get(withoutNonce), "woocommerce_rest_authentication_missing_parameter", "Missing OAuth parameter oauth_nonce");

		List<Map.Entry<String, String>> otherKey = signed("GET", PRODUCTS, List.of(), "HMAC-SHA1", Instant.now(), nonce(),
				store.consumerSecret()).stream().map(parameter -> parameter.getKey().equals("oauth_consumer_key")
						? Map.entry("oauth_consumer_key", "ck_other") : parameter).toList();
		assertRefused(get(otherKey), "woocommerce_rest_authentication_error", "Consumer key is invalid.");
	}

	private void assertRefused(HttpResponse<String> answer, String code, String message) throws Exception {
		assertEquals(401, answer.statusCode(), answer.body());
		JsonNode body = json.readTree(answer.body());
		assertEquals(code, body.get("code").asText());
		assertEquals(message, body.get("message").asText());
		assertEquals(401, body.get("data").get("status").asInt());
	}

	private static String nonce() {
		return UUID.randomUUID().toString().replace("-", "");
	}

	private HttpResponse<String> send(String method, String path, List<Map.Entry<String, String>> query, String signatureMethod,
			Instant timestamp, String nonce, String secret, boolean spacesAsPlus) throws Exception {
		return send(method, path, query, signatureMethod, timestamp, nonce, secret, spacesAsPlus, null);
	}

	private HttpResponse<String> send(String method, String path, List<Map.Entry<String, String>> query, String signatureMethod,
			Instant timestamp, String nonce, String secret, boolean spacesAsPlus, String body) throws Exception {
		String encoded = OAuthTestSigner.query(signed(method, path, query, signatureMethod, timestamp, nonce, secret));
		URI uri = URI.create(store.baseUri() + path + "?" + (spacesAsPlus ? encoded.replace("%20", "+") : encoded));
		HttpRequest.Builder request = HttpRequest.newBuilder(uri);
		if (body != null) {
			request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
		} else {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(List<Map.Entry<String, String>> signed) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(store.baseUri() + PRODUCTS + "?" + OAuthTestSigner.query(signed)))
				.GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	private List<Map.Entry<String, String>> signed(String method, String path, List<Map.Entry<String, String>> query,
			String signatureMethod, Instant timestamp, String nonce, String secret) {
		return signed(method, path, query, signatureMethod, timestamp, nonce, secret, store.baseUri().toString());
	}

	/** The query with the OAuth parameters a WooCommerce client adds, signed for {@code base} + {@code path}. */
	private List<Map.Entry<String, String>> signed(String method, String path, List<Map.Entry<String, String>> query,
			String signatureMethod, Instant timestamp, String nonce, String secret, String base) {
		List<Map.Entry<String, String>> parameters = new ArrayList<>(query);
		parameters.add(Map.entry("oauth_consumer_key", store.consumerKey()));
		parameters.add(Map.entry("oauth_nonce", nonce));
		parameters.add(Map.entry("oauth_signature_method", signatureMethod));
		parameters.add(Map.entry("oauth_timestamp", Long.toString(timestamp.getEpochSecond())));
		parameters.add(Map.entry("oauth_version", "1.0"));
		String algorithm = signatureMethod.equals("HMAC-SHA256") ? "HmacSHA256" : "HmacSHA1";
		String signature = OAuthTestSigner.sign(algorithm, OAuthTestSigner.baseString(method, base + path, parameters), secret, "");
		parameters.add(Map.entry("oauth_signature", signature));
		return parameters;
	}
}
