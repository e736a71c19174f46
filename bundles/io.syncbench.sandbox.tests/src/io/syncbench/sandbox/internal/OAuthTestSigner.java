package io.syncbench.sandbox.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A client's OAuth 1.0a signer, written for the tests from RFC 5849 alone (sections 3.4.1 to 3.4.2 and
 * 3.6), apart from the sandbox's own code, so that the two are checked against each other and against
 * the RFC's published example.
 */
final class OAuthTestSigner {

	private OAuthTestSigner() {
	}

	/** 3.6: every character but ALPHA, DIGIT, '-', '.', '_' and '~' as %XX of its UTF-8 bytes. */
	static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A").replace("%7E", "~");
	}

	/**
	 * 3.4.1: the method in capitals, the base string URI and the normalized parameters (each name and
	 * value encoded, sorted by name then value, joined as name=value with '&'), each encoded, joined by '&'.
	 */
	static String baseString(String method, String baseUri, List<Map.Entry<String, String>> parameters) {
		List<String> pairs = new ArrayList<>();
		for (Map.Entry<String, String> parameter : parameters) {
			pairs.add(encode(parameter.getKey()) + "=" + encode(parameter.getValue()));
		}
		pairs.sort((a, b) -> {
			String nameA = a.substring(0, a.indexOf('='));
			String nameB = b.substring(0, b.indexOf('='));
			return nameA.equals(nameB) ? a.compareTo(b) : nameA.compareTo(nameB);
		});
		return method + "&" + encode(baseUri) + "&" + encode(String.join("&", pairs));
	}

	/** 3.4.2: HMAC over the base string, keyed with the encoded client secret, '&' and the encoded token secret. */
	static String sign(String algorithm, String baseString, String clientSecret, String tokenSecret) {
		try {
			Mac mac = Mac.getInstance(algorithm);
			mac.init(new SecretKeySpec((encode(clientSecret) + "&" + encode(tokenSecret)).getBytes(StandardCharsets.UTF_8),
					algorithm));
			return Base64.getEncoder().encodeToString(mac.doFinal(baseString.getBytes(StandardCharsets.UTF_8)));
		} catch (GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}

	/** A query string with the parameters encoded as 3.6 says, in the order given. */
	static String query(List<Map.Entry<String, String>> parameters) {
		return parameters.stream().map(p -> encode(p.getKey()) + "=" + encode(p.getValue())).collect(Collectors.joining("&"));
	}
}
