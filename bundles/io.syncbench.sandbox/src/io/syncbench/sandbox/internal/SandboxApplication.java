package io.syncbench.sandbox.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;

import io.syncbench.sandbox.SandboxStore;

/**
 * {@code -application io.syncbench.sandbox.server [-port 8089] [-database <folder>] [-key ck_...]
 * [-secret cs_...]}: the sandbox web store on its own, until Ctrl+C.
 */
public final class SandboxApplication implements IApplication {

	private final CountDownLatch stopped = new CountDownLatch(1);

	@Override
	public Object start(IApplicationContext context) throws Exception {
		List<String> arguments = List.of((String[]) context.getArguments().get(IApplicationContext.APPLICATION_ARGS));
		int port = Integer.parseInt(argument(arguments, "-port", "8089")); //$NON-NLS-1$ //$NON-NLS-2$
		Path database = Path.of(argument(arguments, "-database", //$NON-NLS-1$
				Path.of(System.getProperty("user.home"), ".syncbench", "sandbox-store").toString())); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		String key = argument(arguments, "-key", "ck_sandbox"); //$NON-NLS-1$ //$NON-NLS-2$
		String secret = argument(arguments, "-secret", "cs_sandbox"); //$NON-NLS-1$ //$NON-NLS-2$
		try (SandboxStore store = SandboxStore.start(port, database, key, secret, SandboxStore.DEFAULT_BATCH_LIMIT)) {
			System.out.println("Sandbox web store at " + store.baseUri() + "/wp-json/wc/v3/ (consumer key " + key //$NON-NLS-1$ //$NON-NLS-2$
					+ "), data in " + database + "; fault switches: " + store.baseUri() + "/sandbox/faults. Ctrl+C stops it."); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
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
