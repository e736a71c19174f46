package io.syncbench.sandbox.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import javax.net.ssl.SSLContext;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;

import io.syncbench.sandbox.SandboxStore;

/**
 * {@code -application io.syncbench.sandbox.server [-port 8089] [-database <folder>] [-key ck_...]
 * [-secret cs_...] [-keystore <file.p12>]}: the sandbox web store on its own, until Ctrl+C; with a key
 * store, over https, its password from the environment variable {@value #KEYSTORE_PASSWORD}, never from
 * the command line, where any user of the machine can read it.
 */
public final class SandboxApplication implements IApplication {

	static final String KEYSTORE_PASSWORD = "SYNCBENCH_SANDBOX_KEYSTORE_PASSWORD"; //$NON-NLS-1$

	private final CountDownLatch stopped = new CountDownLatch(1);

	@Override
	public Object start(IApplicationContext context) throws Exception {
		List<String> arguments = List.of((String[]) context.getArguments().get(IApplicationContext.APPLICATION_ARGS));
		int port = Integer.parseInt(argument(arguments, "-port", "8089")); //$NON-NLS-1$ //$NON-NLS-2$
		Path database = Path.of(argument(arguments, "-database", //$NON-NLS-1$
				Path.of(System.getProperty("user.home"), ".syncbench", "sandbox-store").toString())); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		String key = argument(arguments, "-key", "ck_sandbox"); //$NON-NLS-1$ //$NON-NLS-2$
		String secret = argument(arguments, "-secret", "cs_sandbox"); //$NON-NLS-1$ //$NON-NLS-2$
		String keyStore = argument(arguments, "-keystore", null); //$NON-NLS-1$
		SSLContext tls = keyStore == null ? null
				: SandboxStore.tlsContext(Path.of(keyStore), System.getenv().getOrDefault(KEYSTORE_PASSWORD, "").toCharArray()); //$NON-NLS-1$
		long latency = Long.parseLong(argument(arguments, "-latency", "0")); //$NON-NLS-1$ //$NON-NLS-2$
		try (SandboxStore store = SandboxStore.start(port, database, key, secret, SandboxStore.DEFAULT_BATCH_LIMIT, tls)) {
			store.faults().latency(latency); // a store far away: each request waits this long before its answer
			// A certificate names a host, usually localhost, and a client checks it against the address it uses.
			String base = tls == null ? store.baseUri().toString() : "https://localhost:" + store.baseUri().getPort(); //$NON-NLS-1$
			System.out.println("Sandbox web store at " + base + "/wp-json/wc/v3/ (consumer key " + key //$NON-NLS-1$ //$NON-NLS-2$
					+ "), data in " + database + "; fault switches: " + base + "/sandbox/faults. Ctrl+C stops it."); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			context.applicationRunning();
			Thread hook = new Thread(stopped::countDown, "sandbox shutdown"); //$NON-NLS-1$
			Runtime.getRuntime().addShutdownHook(hook);
			stopped.await();
		}
		return EXIT_OK;
	}

	private static String argument(List<String> arguments, String name, String fallback) {
		int at = arguments.indexOf(name);
		return at >= 0 && at + 1 < arguments.size() ? arguments.get(at + 1) : fallback;
	}

	@Override
	public void stop() {
		stopped.countDown();
	}
}
