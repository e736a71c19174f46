package io.syncbench.connector.woocommerce.internal;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.net.URIBuilder;
import org.apache.hc.core5.util.Timeout;
import org.eclipse.osgi.util.NLS;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.syncbench.connector.ConnectorException;
import io.syncbench.connector.ConnectorException.Kind;
import io.syncbench.connector.MediaFile;

/**
 * Requests to one store's REST API, with the store's answer read whole and parsed. Connection errors,
 * cut or malformed bodies, 429 (after its Retry-After) and 5xx are tried again with exponential back-off
 * and jitter; 401 and 403 are rejected credentials; every other answer goes back to the caller, who
 * reads the store's error. A request that writes is not sent again after a connection error by this
 * class, since the store may have done it: the caller checks first.
 */
final class WooClient {

	private static final String API = "/wp-json/wc/v3/"; //$NON-NLS-1$
	private static final String MEDIA = "/wp-json/wp/v2/media"; //$NON-NLS-1$
	private static final long MAX_BACK_OFF_MILLIS = 5_000;
	private static final long MAX_RETRY_AFTER_SECONDS = 60;

	/** An answer: its status, its body (null when empty) and its headers. */
	private static final java.util.regex.Pattern HTML_TITLE = java.util.regex.Pattern
			.compile("(?is)<title[^>]*>(.*?)</title>"); //$NON-NLS-1$
	private static final java.util.regex.Pattern HTML_ENTITY = java.util.regex.Pattern
			.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,6});"); //$NON-NLS-1$
	private static final int ERROR_PAGE_WORDS = 160;

	record Reply(int status, JsonNode body, Header[] headers) {

		String header(String name) {
			for (Header header : headers) {
				if (header.getName().equalsIgnoreCase(name)) {
					return header.getValue();
				}
			}
			return null;
		}

		boolean ok() {
			return status >= 200 && status < 300;
		}
	}

	/** The request may have reached the store, but no usable answer came back. */
	static final class UncertainException extends ConnectorException {

		private static final long serialVersionUID = 1L;

		UncertainException(String message, Throwable cause) {
			super(Kind.UNREACHABLE, null, message, cause);
		}
	}

	/** An answer larger than this is refused unread: a page of 100 products is well under 1 MiB. */
	static final int MAX_BODY_BYTES = 32 * 1024 * 1024;
	/** WooCommerce's documents nest a few levels deep; far more is a nesting bomb, refused before it costs stack. */
	private static final int MAX_NESTING = 64;

	private final ObjectMapper json = new ObjectMapper(JsonFactory.builder()
			.streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING)
					.maxDocumentLength(MAX_BODY_BYTES).build())
			.build());
	private final CloseableHttpClient http;
	private final URI base;
	private final String authorization;
	private final int attempts;
	private final Duration deadline;
	private final ScheduledExecutorService timer;
	private final AtomicLong retries = new AtomicLong();
	private final Set<HttpUriRequestBase> inFlight = ConcurrentHashMap.newKeySet();
	private volatile boolean cancelled;

	/**
	 * @param deadline how long one request may take in all, from sending to the last byte of its answer
	 * @param timer    aborts the requests that pass their deadline
	 */
	WooClient(CloseableHttpClient http, URI base, char[] credentials, int attempts, Duration deadline,
			ScheduledExecutorService timer) {
		this.http = http;
		this.base = base;
		this.authorization = "Basic " + java.util.Base64.getEncoder() //$NON-NLS-1$
				.encodeToString(new String(credentials).getBytes(StandardCharsets.UTF_8));
		this.attempts = attempts;
		this.deadline = deadline;
		this.timer = timer;
	}

	/** An answer that is too large to read: it is refused, and the connection dropped, not drained. */
	private static final class TooLargeException extends IOException {

		private static final long serialVersionUID = 1L;

		TooLargeException(String message) {
			super(message);
		}
	}

	/** A 2xx answer whose body is not JSON (HTML, cut, or past the nesting limit). */
	private static final class MalformedException extends IOException {

		private static final long serialVersionUID = 1L;

		MalformedException(String message, Throwable cause) {
			super(message, cause);
		}
	}

	/** How many times requests were sent again. */
	long retries() {
		return retries.get();
	}

	URI base() {
		return base;
	}

	/** How many times a request is tried before the run stops. */
	int attempts() {
		return attempts;
	}

	/**
	 * @param repeatable whether the request may be sent again after a connection error (reads, updates,
	 *                   deletes), or must not be (creates)
	 */
	Reply send(String method, String path, Map<String, String> query, JsonNode body, boolean repeatable)
			throws ConnectorException {
		URI uri = uri(path, query);
		byte[] entity = null;
		if (body != null) {
			try {
				entity = json.writeValueAsBytes(body);
			} catch (JsonProcessingException e) {
				throw new IllegalStateException(e); // a tree Jackson built always writes
			}
		}
		byte[] bytes = entity;
		return send(() -> {
			HttpUriRequestBase request = request(method, uri);
			request.addHeader(HttpHeaders.ACCEPT, "application/json"); //$NON-NLS-1$
			if (bytes != null) {
				request.setEntity(new ByteArrayEntity(bytes, ContentType.APPLICATION_JSON));
			}
			return request;
		}, repeatable);
	}

	/**
	 * Uploads a checked file to the store's media library as a stream, never whole in memory; tried
	 * again on connection errors, 429 and 5xx like any request (the file is opened anew each time, and
	 * checked again to be the same file).
	 *
	 * @return the media item the store made
	 */
	Reply upload(MediaFile file) throws ConnectorException {
		URI uri = base.resolve(MEDIA);
		String name = file.fileName().replaceAll("[^A-Za-z0-9._-]", "_"); //$NON-NLS-1$ //$NON-NLS-2$
		return send(() -> {
			HttpUriRequestBase request = request("POST", uri); //$NON-NLS-1$
			request.addHeader("Content-Disposition", "attachment; filename=\"" + name + "\""); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			request.setEntity(new MediaEntity(file));
			return request;
		}, true);
	}

	/** Sends a new request from {@code requests} for each attempt, as {@link #send(String, String, Map, JsonNode, boolean)} says. */
	private Reply send(Supplier<HttpUriRequestBase> requests, boolean repeatable) throws ConnectorException {
		for (int attempt = 1;; attempt++) {
			if (cancelled) {
				throw ConnectorException.unreachable(NLS.bind(Messages.Http_cancelled, base), null);
			}
			HttpUriRequestBase request = requests.get();
			request.setConfig(RequestConfig.custom().setResponseTimeout(Timeout.of(deadline))
					.setConnectionRequestTimeout(Timeout.of(deadline)).build());
			Reply reply;
			inFlight.add(request);
			AtomicBoolean overdue = new AtomicBoolean();
			// The socket's time-out is per read: an answer that drips a byte a second would never meet it.
			ScheduledFuture<?> watchdog = timer.schedule(() -> {
				overdue.set(true);
				request.cancel();
			}, deadline.toMillis(), TimeUnit.MILLISECONDS);
			try {
				reply = execute(request);
			} catch (TooLargeException e) {
				throw ConnectorException.unreachable(NLS.bind(Messages.Http_tooLarge,
						new Object[] { base, request.getMethod() + " " + request.getPath(), e.getMessage() }), e); //$NON-NLS-1$
			} catch (IOException e) {
				if (cancelled) {
					throw ConnectorException.unreachable(NLS.bind(Messages.Http_cancelled, base), e);
				}
				if (overdue.get()) { // not sent again: a store this slow would hold the run for attempts times as long
					throw ConnectorException.unreachable(NLS.bind(Messages.Http_deadline, new Object[] { base,
							request.getMethod() + " " + request.getPath(), deadline.toSeconds() }), e); //$NON-NLS-1$
				}
				if (e instanceof MalformedException && attempt >= attempts) {
					throw ConnectorException.unreachable(NLS.bind(Messages.Http_malformedFinal,
							new Object[] { base, request.getMethod() + " " + request.getPath(), e.getMessage(), attempts }), e); //$NON-NLS-1$
				}
				if (e instanceof SSLHandshakeException || e instanceof SSLPeerUnverifiedException) {
					// Nothing was sent, and asking again meets the same certificate: the operator must decide.
					throw ConnectorException.unreachable(NLS.bind(Messages.Http_untrusted, base, e.getMessage()), e);
				}
				String message = NLS.bind(Messages.Http_unreachable, base, e.getMessage());
				if (!repeatable) {
					throw new UncertainException(message, e);
				}
				if (attempt >= attempts) {
					throw ConnectorException.unreachable(message, e);
				}
				backOff(attempt);
				continue;
			} finally {
				watchdog.cancel(false);
				inFlight.remove(request);
			}
			if (reply.status() >= 300 && reply.status() < 400) {
				// Following would send the consumer key, and a write's data, to wherever the answer points.
				throw ConnectorException.unreachable(NLS.bind(Messages.Http_redirect, new Object[] { base,
						request.getMethod() + " " + request.getPath(), reply.status(), //$NON-NLS-1$
						String.valueOf(reply.header(HttpHeaders.LOCATION)) }), null);
			}
			if (reply.status() == 401 || reply.status() == 403) {
				throw new ConnectorException(Kind.CREDENTIALS_REJECTED, null,
						NLS.bind(Messages.Http_credentialsRejected, base, errorMessage(reply)), null);
			}
			if (reply.status() == 429 || reply.status() >= 500) {
				if (attempt >= attempts) {
					throw ConnectorException.unreachable(NLS.bind(Messages.Http_busy,
							new Object[] { base, reply.status(), errorMessage(reply), attempts }), null);
				}
				if (reply.status() == 429) {
					retries.incrementAndGet();
					pause(retryAfterMillis(reply, attempt));
				} else {
					backOff(attempt);
				}
				continue;
			}
			return reply;
		}
	}

	private HttpUriRequestBase request(String method, URI uri) {
		HttpUriRequestBase request = new HttpUriRequestBase(method, uri);
		request.addHeader(HttpHeaders.AUTHORIZATION, authorization);
		return request;
	}

	/** Aborts the requests in flight and refuses new ones: the run was cancelled. */
	void cancel() {
		cancelled = true;
		inFlight.forEach(HttpUriRequestBase::cancel);
	}

	private Reply execute(HttpUriRequestBase request) throws IOException {
		return http.execute(request, response -> {
			String text = new String(body(request, response.getEntity()), StandardCharsets.UTF_8);
			JsonNode parsed = null;
			if (!text.isBlank()) {
				try {
					parsed = json.readTree(text);
				} catch (JsonProcessingException e) {
					if (response.getCode() < 300) { // a cut or garbled answer: as if the connection broke
						throw new MalformedException(NLS.bind(Messages.Http_malformed, response.getCode(),
								e.getOriginalMessage()), e);
					}
					// an error page of a proxy or server: its words say more than a parse error
					parsed = json.createObjectNode().put("message", errorPageWords(text)); //$NON-NLS-1$
				}
			}
			return new Reply(response.getCode(), parsed, response.getHeaders());
		});
	}

	/**
	 * The answer's body, up to {@link #MAX_BODY_BYTES}: a larger one (by its Content-Length, or as it
	 * streams in) aborts the request, so its connection is dropped instead of drained.
	 */
	private static byte[] body(HttpUriRequestBase request, HttpEntity entity) throws IOException {
		if (entity == null) {
			return new byte[0];
		}
		if (entity.getContentLength() > MAX_BODY_BYTES) {
			request.cancel();
			throw new TooLargeException(NLS.bind(Messages.Http_declaredSize, entity.getContentLength(), MAX_BODY_BYTES));
		}
		try (InputStream content = entity.getContent()) {
			byte[] bytes = content.readNBytes(MAX_BODY_BYTES + 1);
			if (bytes.length > MAX_BODY_BYTES) {
				request.cancel();
				throw new TooLargeException(NLS.bind(Messages.Http_streamedSize, MAX_BODY_BYTES));
			}
			return bytes;
		}
	}

	/**
	 * What an error page that is not WooCommerce's JSON says, in one line: an HTML page's title (or its
	 * text without the markup), else the text's beginning; never the markup itself.
	 */
	static String errorPageWords(String page) {
		java.util.regex.Matcher title = HTML_TITLE.matcher(page);
		String words = title.find() ? title.group(1) : page.replaceAll("(?s)<(script|style)\\b.*?</\\1>|<[^>]*>", " "); //$NON-NLS-1$ //$NON-NLS-2$
		words = decodeEntities(words).replaceAll("\\s+", " ").strip(); //$NON-NLS-1$ //$NON-NLS-2$
		boolean html = page.stripLeading().startsWith("<"); //$NON-NLS-1$
		String shortened = words.length() <= ERROR_PAGE_WORDS ? words : words.substring(0, ERROR_PAGE_WORDS) + "..."; //$NON-NLS-1$
		return html ? NLS.bind(Messages.Http_errorPage, shortened) : shortened;
	}

	/** HTML's character references as the characters they stand for: {@code &#x2F;} is a slash. */
	private static String decodeEntities(String text) {
		return HTML_ENTITY.matcher(text).replaceAll(reference -> {
			String name = reference.group(1);
			String character = switch (name.toLowerCase(java.util.Locale.ROOT)) {
				case "amp" -> "&"; //$NON-NLS-1$ //$NON-NLS-2$
				case "lt" -> "<"; //$NON-NLS-1$ //$NON-NLS-2$
				case "gt" -> ">"; //$NON-NLS-1$ //$NON-NLS-2$
				case "quot" -> "\""; //$NON-NLS-1$ //$NON-NLS-2$
				case "apos" -> "'"; //$NON-NLS-1$ //$NON-NLS-2$
				case "nbsp" -> " "; //$NON-NLS-1$ //$NON-NLS-2$
				default -> numericReference(name);
			};
			return java.util.regex.Matcher.quoteReplacement(character == null ? reference.group() : character);
		});
	}

	private static String numericReference(String name) {
		try {
			int code = name.startsWith("#x") || name.startsWith("#X") ? Integer.parseInt(name.substring(2), 16) //$NON-NLS-1$ //$NON-NLS-2$
					: name.startsWith("#") ? Integer.parseInt(name.substring(1)) : -1; //$NON-NLS-1$
			return Character.isValidCodePoint(code) && code > 0 ? Character.toString(code) : null;
		} catch (NumberFormatException e) {
			return null;
		}
	}

	/** The store's own words for a refusal: WooCommerce's {@code message}, else the status. */
	static String errorMessage(Reply reply) {
		if (reply.body() != null && reply.body().hasNonNull("message")) { //$NON-NLS-1$
			return reply.body().get("message").asText(); //$NON-NLS-1$
		}
		return "HTTP " + reply.status(); //$NON-NLS-1$
	}

	/** The field a refusal names: WordPress's {@code data.params}, first key. */
	static String errorField(JsonNode error) {
		JsonNode params = error == null ? null : error.path("data").path("params"); //$NON-NLS-1$ //$NON-NLS-2$
		return params != null && params.isObject() && params.fieldNames().hasNext() ? params.fieldNames().next() : null;
	}

	private URI uri(String path, Map<String, String> query) throws ConnectorException {
		try {
			URIBuilder builder = new URIBuilder(base.resolve(API + path));
			query.forEach(builder::addParameter);
			return builder.build();
		} catch (URISyntaxException | IllegalArgumentException e) {
			throw ConnectorException.unreachable(NLS.bind(Messages.Http_badUrl, base, e.getMessage()), e);
		}
	}

	private static long retryAfterMillis(Reply reply, int attempt) {
		String retryAfter = reply.header(HttpHeaders.RETRY_AFTER);
		try {
			return Math.min(Long.parseLong(retryAfter.strip()), MAX_RETRY_AFTER_SECONDS) * 1000;
		} catch (NumberFormatException | NullPointerException e) {
			return backOffMillis(attempt);
		}
	}

	void backOff(int attempt) {
		retries.incrementAndGet();
		pause(backOffMillis(attempt));
	}

	/** 200 ms doubled with each attempt, at most 5 s, plus up to as much again at random. */
	private static long backOffMillis(int attempt) {
		long base = Math.min(MAX_BACK_OFF_MILLIS, 200L << Math.min(attempt - 1, 10));
		return base + ThreadLocalRandom.current().nextLong(base + 1);
	}

	private static void pause(long millis) {
		try {
			Thread.sleep(millis);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}
}
