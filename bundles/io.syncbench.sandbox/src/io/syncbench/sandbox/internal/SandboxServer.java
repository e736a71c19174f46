package io.syncbench.sandbox.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.sql.SQLException;
import java.time.Clock;

import javax.net.ssl.SSLContext;

import org.apache.hc.core5.http.impl.bootstrap.HttpServer;
import org.apache.hc.core5.http.impl.bootstrap.ServerBootstrap;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;

import io.syncbench.sandbox.Faults;

/** HttpCore 5's classic server on loopback (http, or https with a given certificate), with the API handler and the document store behind it. */
public final class SandboxServer implements AutoCloseable {

	private final HttpServer server;
	private final String scheme;
	private final Documents documents;
	private final Faults faults;
	private final String consumerKey;
	private final String consumerSecret;

	private SandboxServer(HttpServer server, String scheme, Documents documents, Faults faults, String consumerKey,
			String consumerSecret) {
		this.server = server;
		this.scheme = scheme;
		this.documents = documents;
		this.faults = faults;
		this.consumerKey = consumerKey;
		this.consumerSecret = consumerSecret;
	}

	public static SandboxServer start(int port, String databaseUrl, String key, String secret, int batchLimit,
			Clock clock) throws IOException, SQLException {
		return start(port, databaseUrl, key, secret, batchLimit, clock, null);
	}

	/** @param tls the server's certificate and key, for https; null for plain http */
	public static SandboxServer start(int port, String databaseUrl, String key, String secret, int batchLimit,
			Clock clock, SSLContext tls) throws IOException, SQLException {
		Documents documents = new Documents(databaseUrl);
		Faults faults = new Faults();
		ApiHandler handler = new ApiHandler(documents, faults, key, secret, batchLimit, clock, tls == null ? "http" : "https"); //$NON-NLS-1$ //$NON-NLS-2$
		ServerBootstrap bootstrap = ServerBootstrap.bootstrap();
		if (tls != null) {
			// TLS sockets from the listening socket itself: each handshake then happens on the connection's
			// own worker. HttpCore's own TLS setup (setSslContext) shakes hands on the one listener thread,
			// and a single client that refuses the certificate ends that thread: nobody is served after it.
			bootstrap.setServerSocketFactory(tls.getServerSocketFactory());
		}
		HttpServer server = bootstrap //
				.setLocalAddress(InetAddress.getLoopbackAddress()) //
				.setListenerPort(port) //
				// The address is reused: a sandbox started again right after one stopped, or was killed, serves on
				// its port while the old connections still wait out their close.
				.setSocketConfig(SocketConfig.custom().setSoTimeout(Timeout.ofSeconds(30)).setSoReuseAddress(true).build()) //
				// The API answers whichever loopback name the client uses.
				.setCanonicalHostName("127.0.0.1") //$NON-NLS-1$
				.register("*", handler) //$NON-NLS-1$
				.registerVirtual("localhost", "*", handler) //$NON-NLS-1$ //$NON-NLS-2$
				.create();
		server.start();
		return new SandboxServer(server, tls == null ? "http" : "https", documents, faults, key, secret); //$NON-NLS-1$ //$NON-NLS-2$
	}

	public URI baseUri() {
		return URI.create(scheme + "://127.0.0.1:" + server.getLocalPort()); //$NON-NLS-1$
	}

	public String consumerKey() {
		return consumerKey;
	}

	public String consumerSecret() {
		return consumerSecret;
	}

	public Faults faults() {
		return faults;
	}

	/** Blocks until the server is stopped from another thread. */
	public void awaitTermination() throws InterruptedException {
		server.awaitTermination(org.apache.hc.core5.util.TimeValue.MAX_VALUE);
	}

	@Override
	public void close() {
		// Clients keep idle connections open for reuse; a graceful close would wait for each of them.
		server.close(CloseMode.IMMEDIATE);
		try {
			documents.close();
		} catch (SQLException e) {
			// the database goes with the process
		}
	}
}
