package io.syncbench.health;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import org.eclipse.osgi.util.NLS;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.syncbench.health.internal.Messages;

/**
 * Tells support of a service's health by an HTTP POST of a small JSON document. The document carries a
 * {@code text} field too, so chat tools' incoming webhooks show it as it is. A connection error or a
 * 5xx answer is tried again after a pause; a 4xx answer is not, since sending the same again would get
 * the same answer. Nothing here throws: the outcome says what happened, and never shows the URL, which
 * may carry a token.
 */
public final class WebhookNotifier {

	private static final int ATTEMPTS = 3;
	private static final Duration TIMEOUT = Duration.ofSeconds(10);
	private static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
	private static final long POLL_MILLIS = 100;

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT)
			.followRedirects(HttpClient.Redirect.NORMAL).build();
	private final ObjectMapper json = new ObjectMapper();

	/** @param delivered whether the receiver took it (a 2xx answer) */
	public record Delivery(boolean delivered, String message) {
	}

	/**
	 * Posts {@code health} to {@code webhook}, as reported by {@code reporter} (for example
	 * {@code workbench@4711}), giving up when {@code canceled} turns true.
	 */
	public Delivery send(URI webhook, ServiceHealth health, String reporter, BooleanSupplier canceled) {
		ObjectNode body = json.createObjectNode();
		body.put("source", "SyncBench"); //$NON-NLS-1$ //$NON-NLS-2$
		body.put("event", "service-health"); //$NON-NLS-1$ //$NON-NLS-2$
		body.put("service", health.service()); //$NON-NLS-1$
		body.put("instance", health.instance()); //$NON-NLS-1$
		body.put("condition", health.condition().name()); //$NON-NLS-1$
		body.put("healthy", health.condition().healthy()); //$NON-NLS-1$
		body.put("since", String.valueOf(health.since())); //$NON-NLS-1$
		body.put("message", health.message()); //$NON-NLS-1$
		body.put("reportedBy", reporter); //$NON-NLS-1$
		body.put("text", "SyncBench: " + health.message()); //$NON-NLS-1$ //$NON-NLS-2$
		HttpRequest request = HttpRequest.newBuilder(webhook).timeout(TIMEOUT)
				.header("Content-Type", "application/json; charset=utf-8") //$NON-NLS-1$ //$NON-NLS-2$
				.header("User-Agent", "SyncBench health notifier") //$NON-NLS-1$ //$NON-NLS-2$
				.POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
		return post(request, canceled);
	}

	private Delivery post(HttpRequest request, BooleanSupplier canceled) {
		Delivery last = null;
		Duration pause = FIRST_PAUSE;
		for (int attempt = 1; attempt <= ATTEMPTS && !canceled.getAsBoolean(); attempt++) {
			try {
				int status = answer(request, canceled);
				if (status / 100 == 2) {
					return new Delivery(true, NLS.bind(Messages.Webhook_delivered, status));
				}
				last = new Delivery(false, NLS.bind(Messages.Webhook_refused, status));
				if (status / 100 == 4) {
					return last;
				}
			} catch (IOException e) {
				last = new Delivery(false, NLS.bind(Messages.Webhook_unreachable, e.getClass().getSimpleName(),
						String.valueOf(e.getMessage())));
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				break;
			}
			if (attempt < ATTEMPTS && !sleep(pause, canceled)) {
				break;
			}
			pause = pause.multipliedBy(2);
		}
		return last != null ? last : new Delivery(false, Messages.Webhook_canceled);
	}

	/** Waits for the answer's status, aborting the request when cancelled. */
	private int answer(HttpRequest request, BooleanSupplier canceled) throws IOException, InterruptedException {
		CompletableFuture<HttpResponse<Void>> response = client.sendAsync(request, HttpResponse.BodyHandlers.discarding());
		while (true) {
			if (canceled.getAsBoolean()) {
				response.cancel(true);
				throw new InterruptedException();
			}
			try {
				return response.get(POLL_MILLIS, TimeUnit.MILLISECONDS).statusCode();
			} catch (TimeoutException e) {
				// not answered yet: look at the cancel flag again
			} catch (ExecutionException e) {
				throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
			}
		}
	}

	private static boolean sleep(Duration pause, BooleanSupplier canceled) {
		long end = System.nanoTime() + pause.toNanos();
		while (System.nanoTime() < end) {
			if (canceled.getAsBoolean()) {
				return false;
			}
			try {
				Thread.sleep(POLL_MILLIS);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		return true;
	}
}
