package io.syncbench.sandbox.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.apache.hc.core5.net.PercentCodec;

/**
 * WooCommerce's check of a request signed with OAuth 1.0a "one-legged" (RFC 5849 without a token), as
 * its clients sign requests over plain http: the {@code oauth_*} parameters in the query (or an
 * {@code Authorization: OAuth} header), HMAC-SHA1 or HMAC-SHA256 over the signature base string, keyed
 * with the consumer secret and an ampersand. A timestamp more than 15 minutes from the store's clock and
 * a nonce used within those 15 minutes are refused, with WooCommerce's messages.
 */
public final class OAuthCheck {

	static final List<String> REQUIRED = List.of("oauth_consumer_key", "oauth_timestamp", "oauth_nonce", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			"oauth_signature", "oauth_signature_method"); //$NON-NLS-1$ //$NON-NLS-2$
	private static final Duration WINDOW = Duration.ofMinutes(15);
	private static final String ERROR = "woocommerce_rest_authentication_error"; //$NON-NLS-1$
	private static final Pattern HEADER_PARAMETER = Pattern.compile("([A-Za-z0-9_.~%-]+)=\"([^\"]*)\""); //$NON-NLS-1$

	private final String consumerKey;
	private final String consumerSecret;
	private final Clock clock;
	/** The nonces used in the last 15 minutes, with their timestamps. */
	private final Map<String, Long> nonces = new HashMap<>();

	OAuthCheck(String consumerKey, String consumerSecret, Clock clock) {
		this.consumerKey = consumerKey;
		this.consumerSecret = consumerSecret;
		this.clock = clock;
	}

	/**
	 * The request's OAuth parameters with the rest of its query, or an empty map when it carries none of
	 * them (it uses another way, or none).
	 *
	 * @param query         the query's parameters, decoded
	 * @param authorization the Authorization header, or null
	 * @throws ApiError when some of the OAuth parameters are there and others missing
	 */
	static Map<String, String> parameters(Map<String, String> query, String authorization) throws ApiError {
		Map<String, String> parameters = new LinkedHashMap<>(query);
		if (authorization != null && authorization.regionMatches(true, 0, "OAuth ", 0, 6)) { //$NON-NLS-1$
			Matcher header = HEADER_PARAMETER.matcher(authorization.substring(6));
			while (header.find()) {
				if (!header.group(1).equals("realm")) { // not signed, by the specification //$NON-NLS-1$
					parameters.put(percentDecode(header.group(1)), percentDecode(header.group(2)));
				}
			}
		}
		List<String> missing = new ArrayList<>();
		for (String name : REQUIRED) {
			String value = parameters.get(name);
			if (value == null || value.isEmpty()) {
				missing.add(name);
			}
		}
		if (missing.size() == REQUIRED.size()) {
			return Map.of();
		}
		if (!missing.isEmpty()) {
			throw new ApiError(401, "woocommerce_rest_authentication_missing_parameter", //$NON-NLS-1$
					(missing.size() == 1 ? "Missing OAuth parameter " : "Missing OAuth parameters ") //$NON-NLS-1$ //$NON-NLS-2$
							+ String.join(", ", missing)); //$NON-NLS-1$
		}
		return parameters;
	}

	/**
	 * Checks a signed request as WooCommerce does: the key, the signature, then the timestamp and nonce.
	 *
	 * @param method     the HTTP method
	 * @param baseUri    the request's address without its query, as the client addressed it
	 * @param parameters from {@link #parameters}
	 */
	synchronized void verify(String method, String baseUri, Map<String, String> parameters) throws ApiError {
		if (!consumerKey.equals(parameters.get("oauth_consumer_key"))) { //$NON-NLS-1$
			throw new ApiError(401, ERROR, "Consumer key is invalid."); //$NON-NLS-1$
		}
		String algorithm = switch (parameters.get("oauth_signature_method")) { //$NON-NLS-1$
			case "HMAC-SHA1" -> "HmacSHA1"; //$NON-NLS-1$ //$NON-NLS-2$
			case "HMAC-SHA256" -> "HmacSHA256"; //$NON-NLS-1$ //$NON-NLS-2$
			default -> throw new ApiError(401, ERROR, "Invalid signature - signature method is invalid."); //$NON-NLS-1$
		};
		Map<String, String> signed = new LinkedHashMap<>(parameters);
		// As WooCommerce reads it: a '+' the query turned into a space was the signature's own '+'.
		String given = signed.remove("oauth_signature").replace(' ', '+'); //$NON-NLS-1$
		String expected = signature(algorithm, baseString(method, baseUri, signed), consumerSecret + "&"); //$NON-NLS-1$
		if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.US_ASCII))) {
			throw new ApiError(401, ERROR, "Invalid signature - provided signature does not match."); //$NON-NLS-1$
		}
		long now = clock.instant().getEpochSecond();
		long timestamp;
		try {
			timestamp = Long.parseLong(parameters.get("oauth_timestamp")); //$NON-NLS-1$
		} catch (NumberFormatException e) {
			throw new ApiError(401, ERROR, "Invalid timestamp."); //$NON-NLS-1$
		}
		if (Math.abs(now - timestamp) > WINDOW.toSeconds()) {
			throw new ApiError(401, ERROR, "Invalid timestamp."); //$NON-NLS-1$
		}
		nonces.values().removeIf(used -> used < now - WINDOW.toSeconds());
		if (nonces.putIfAbsent(parameters.get("oauth_nonce"), timestamp) != null) { //$NON-NLS-1$
			throw new ApiError(401, ERROR, "Invalid nonce - nonce has already been used."); //$NON-NLS-1$
		}
	}

	/**
	 * RFC 5849, 3.4.1: the method, the base URI and the parameters sorted by name and value, each
	 * percent-encoded, joined by ampersands.
	 */
	public static String baseString(String method, String baseUri, Map<String, String> parameters) {
		TreeMap<String, String> sorted = new TreeMap<>();
		parameters.forEach((name, value) -> sorted.put(percentEncode(name), percentEncode(value)));
		StringBuilder normalized = new StringBuilder();
		sorted.forEach((name, value) -> {
			if (!normalized.isEmpty()) {
				normalized.append('&');
			}
			normalized.append(name).append('=').append(value);
		});
		return method.toUpperCase(Locale.ROOT) + '&' + percentEncode(baseUri) + '&' + percentEncode(normalized.toString());
	}

	public static String signature(String algorithm, String baseString, String key) {
		try {
			Mac mac = Mac.getInstance(algorithm);
			mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
			return Base64.getEncoder().encodeToString(mac.doFinal(baseString.getBytes(StandardCharsets.UTF_8)));
		} catch (GeneralSecurityException e) {
			throw new IllegalStateException(algorithm, e); // both are in every Java runtime
		}
	}

	/** RFC 3986's unreserved characters stay; every other byte of the UTF-8 form is %XX, in capitals. */
	static String percentEncode(String value) {
		return PercentCodec.RFC3986.encode(value);
	}

	private static String percentDecode(String value) {
		return PercentCodec.decode(value, StandardCharsets.UTF_8);
	}
}
