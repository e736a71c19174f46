package io.syncbench.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.sql.SQLException;
import java.time.Clock;
import java.util.UUID;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import io.syncbench.sandbox.internal.SandboxServer;

/**
 * A web store on loopback that speaks the WooCommerce REST API v3 (products, customers, orders; the
 * same JSON shapes, status codes, paging headers and batch endpoints), with its data in a Derby
 * database of its own and fault switches for tests and demos. The official WooCommerce client
 * libraries work against it: {@code <baseUri>/wp-json/wc/v3/...} with the consumer key and secret.
 */
public final class SandboxStore implements AutoCloseable {

	/** WooCommerce's default limit of items in one batch request. */
	public static final int DEFAULT_BATCH_LIMIT = 100;

	private final SandboxServer server;

	private SandboxStore(SandboxServer server) {
		this.server = server;
	}

	/**
	 * Starts a sandbox store.
	 *
	 * @param port       the loopback port; 0 for any free one
	 * @param database   the folder of its Derby database; null for one in memory, gone at {@link #close()}
	 * @param key        the consumer key it accepts
	 * @param secret     the consumer secret it accepts
	 * @param batchLimit the most items one batch request may carry (more: 413)
	 */
	public static SandboxStore start(int port, Path database, String key, String secret, int batchLimit)
			throws IOException, SQLException {
		return start(port, database, key, secret, batchLimit, null);
	}

	/**
	 * Starts a sandbox store that speaks https when given a TLS context, for example with a self-signed
	 * certificate that the client trusts explicitly. Its {@link #baseUri()} then starts with
	 * {@code https://}.
	 *
	 * @param tls the server's certificate and private key; null for plain http
	 */
	public static SandboxStore start(int port, Path database, String key, String secret, int batchLimit,
			SSLContext tls) throws IOException, SQLException {
		return start(port, database, key, secret, batchLimit, tls, Clock.systemUTC());
	}

	/**
	 * Starts a sandbox store whose time (of its records' dates and of the checks of signed requests'
	 * timestamps) comes from {@code clock}: tests move it to show how a client meets a store's time.
	 */
	public static SandboxStore start(int port, Path database, String key, String secret, int batchLimit,
			SSLContext tls, Clock clock) throws IOException, SQLException {
		if (database != null && Files.isDirectory(database) && !Files.exists(database.resolve("service.properties"))) { //$NON-NLS-1$
			// a kill cut its creation off: Derby can never open it
			Files.move(database, database.resolveSibling(database.getFileName() + ".incomplete-" + System.currentTimeMillis())); //$NON-NLS-1$
		}
		String url = database == null ? "jdbc:derby:memory:sandbox-" + UUID.randomUUID() //$NON-NLS-1$
				: "jdbc:derby:" + database.toAbsolutePath(); //$NON-NLS-1$
		return new SandboxStore(SandboxServer.start(port, url, key, secret, batchLimit, clock, tls));
	}

	/**
	 * A TLS context for {@link #start(int, Path, String, String, int, SSLContext)} from a key store file
	 * ({@code PKCS12}) that holds the server's certificate and private key under one password.
	 *
	 * @throws IOException naming the file when it cannot be read or opened with the password
	 */
	public static SSLContext tlsContext(Path keyStore, char[] password) throws IOException {
		try (InputStream in = Files.newInputStream(keyStore)) {
			KeyStore store = KeyStore.getInstance("PKCS12"); //$NON-NLS-1$
			store.load(in, password);
			KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			keys.init(store, password);
			SSLContext context = SSLContext.getInstance("TLS"); //$NON-NLS-1$
			context.init(keys.getKeyManagers(), null, null);
			return context;
		} catch (GeneralSecurityException | IOException e) {
			throw new IOException("The key store " + keyStore + " cannot be opened: " + e.getMessage(), e); //$NON-NLS-1$ //$NON-NLS-2$
		}
	}

	/** A store in memory on a free port, with a fresh key and secret: what a test needs. */
	public static SandboxStore startInMemory() throws IOException, SQLException {
		return start(0, null, "ck_" + UUID.randomUUID().toString().replace("-", ""), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				"cs_" + UUID.randomUUID().toString().replace("-", ""), DEFAULT_BATCH_LIMIT); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
	}

	/** For example {@code http://127.0.0.1:41234} (or {@code https://}); the API is under {@code /wp-json/wc/v3/}. */
	public URI baseUri() {
		return server.baseUri();
	}

	public String consumerKey() {
		return server.consumerKey();
	}

	public String consumerSecret() {
		return server.consumerSecret();
	}

	public Faults faults() {
		return server.faults();
	}

	@Override
	public void close() {
		server.close();
	}
}
