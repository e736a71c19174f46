package io.syncbench.sandbox.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import javax.net.ssl.SSLContext;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;

import io.syncbench.sandbox.SandboxStore;

/**
 * {@code -application io.syncbench.sandbox.server [-port 8089] [-database <folder>] [-key ck_...]
 * [-secret cs_...] [-keystore <file.p12>] [-latency <ms>]}: the sandbox web store on its own, until
 * Ctrl+C; with several ports ({@code -port 8089,8090}), one store on each, with its data in a folder
 * of its own under the database folder ({@code store-1}, ...); port 0 is any free port, which the line
 * that announces the store names; with a key
 * store, over https, its password from the environment variable {@value #KEYSTORE_PASSWORD}, never from
 * the command line, where any user of the machine can read it.
 */
public final class SandboxApplication implements IApplication {

	static final String KEYSTORE_PASSWORD = "SYNCBENCH_SANDBOX_KEYSTORE_PASSWORD"; //$NON-NLS-1$

	private final CountDownLatch stopped = new CountDownLatch(1);

	@Override
	public Object start(IApplicationContext context) throws Exception {
		List<String> arguments = List.of((String[]) context.getArguments().get(IApplicationContext.APPLICATION_ARGS));
		List<Integer> ports = Arrays.stream(argument(arguments, "-port", "8089").split(",")) //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				.map(String::trim).map(Integer::valueOf).toList();
		Path database = Path.of(argument(arguments, "-database", //$NON-NLS-1$
				Path.of(System.getProperty("user.home"), ".syncbench", "sandbox-store").toString())); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		String key = argument(arguments, "-key", "ck_sandbox"); //$NON-NLS-1$ //$NON-NLS-2$
		String secret = argument(arguments, "-secret", "cs_sandbox"); //$NON-NLS-1$ //$NON-NLS-2$
		String keyStore = argument(arguments, "-keystore", null); //$NON-NLS-1$
		SSLContext tls = keyStore == null ? null
				: SandboxStore.tlsContext(Path.of(keyStore), System.getenv().getOrDefault(KEYSTORE_PASSWORD, "").toCharArray()); //$NON-NLS-1$
		long latency = Long.parseLong(argument(arguments, "-latency", "0")); //$NON-NLS-1$ //$NON-NLS-2$
		List<SandboxStore> stores = new ArrayList<>();
		try {
			for (int i = 0; i < ports.size(); i++) {
				// Several stores in one process (a benchmark's web stores, one per company): one folder each.
				Path data = ports.size() == 1 ? database : database.resolve("store-" + (i + 1)); //$NON-NLS-1$
				SandboxStore store = SandboxStore.start(ports.get(i), data, key, secret, SandboxStore.DEFAULT_BATCH_LIMIT, tls);
				stores.add(store);
				store.faults().latency(latency); // a store far away: each request waits this long before its answer
				// A certificate names a host, usually localhost, and a client checks it against the address it uses.
				String base = tls == null ? store.baseUri().toString() : "https://localhost:" + store.baseUri().getPort(); //$NON-NLS-1$
				System.out.println("Sandbox web store at " + base + "/wp-json/wc/v3/ (consumer key " + key //$NON-NLS-1$ //$NON-NLS-2$
						+ "), data in " + data + "; fault switches: " + base + "/sandbox/faults. Ctrl+C stops it."); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			}
			context.applicationRunning();
			Thread hook = new Thread(stopped::countDown, "sandbox shutdown"); //$NON-NLS-1$
			Runtime.getRuntime().addShutdownHook(hook);
			stopped.await();
		} finally {
			for (SandboxStore store : stores) {
				store.close();
			}
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
