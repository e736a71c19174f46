package io.syncbench.engine.testsupport;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.impl.bootstrap.HttpServer;
import org.apache.hc.core5.http.impl.bootstrap.ServerBootstrap;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.io.CloseMode;

/**
 * A real HTTP server on loopback that takes webhook calls, as support's receiver would: it keeps each
 * request's path and body, and answers with the statuses it is told to (200 once they run out).
 */
public final class WebhookReceiver implements AutoCloseable {

	/** One call: the path it was posted to and its body. */
	public record Call(String method, String path, String contentType, String body) {
	}

	private final BlockingQueue<Call> calls = new LinkedBlockingQueue<>();
	private final List<Call> all = new CopyOnWriteArrayList<>();
	private final Queue<Integer> answers = new ArrayDeque<>();
	private final HttpServer server;

	public WebhookReceiver() throws IOException {
		// Its URL names 127.0.0.1: the server answers 421 to a host other than its canonical name.
		server = ServerBootstrap.bootstrap().setLocalAddress(java.net.InetAddress.getLoopbackAddress()).setListenerPort(0)
				.setCanonicalHostName("127.0.0.1") //$NON-NLS-1$
				.register("*", (request, response, context) -> { //$NON-NLS-1$
					String body = request.getEntity() == null ? "" //$NON-NLS-1$
							: EntityUtils.toString(request.getEntity(), StandardCharsets.UTF_8);
					Call call = new Call(request.getMethod(), request.getPath(),
							request.getFirstHeader("Content-Type") == null ? null //$NON-NLS-1$
									: request.getFirstHeader("Content-Type").getValue(), //$NON-NLS-1$
							body);
					int status;
					synchronized (answers) {
						status = answers.isEmpty() ? 200 : answers.remove();
					}
					response.setCode(status);
					response.setEntity(new StringEntity("{}", ContentType.APPLICATION_JSON)); //$NON-NLS-1$
					all.add(call);
					calls.add(call);
				}).create();
		server.start();
	}

	/** The URL of {@code path} on this receiver, for example {@code /hooks/support}. */
	public URI url(String path) {
		return URI.create("http://127.0.0.1:" + server.getLocalPort() + path); //$NON-NLS-1$
	}

	/** The next calls get these statuses, in this order. */
	public void answer(Integer... statuses) {
		synchronized (answers) {
			answers.addAll(List.of(statuses));
		}
	}

	/** Waits for the next call; fails the test when none comes within {@code timeout}. */
	public Call next(Duration timeout) throws InterruptedException {
		Call call = calls.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
		if (call == null) {
			throw new AssertionError("no webhook call came within " + timeout.toSeconds() + " s; calls so far: " + all); //$NON-NLS-1$ //$NON-NLS-2$
		}
		return call;
	}

	/** Every call so far. */
	public List<Call> calls() {
		return List.copyOf(all);
	}

	@Override
	public void close() {
		server.close(CloseMode.IMMEDIATE);
	}
}
