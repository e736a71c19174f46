package io.syncbench.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.syncbench.sandbox.SandboxStore;

/**
 * The demo's web store port, when something holds it already: another SyncBench process serving the
 * demo's web store is left to serve it; any other program is a problem named to the operator, never
 * taken for the web store.
 */
class DemoWebStorePortTest {

	@TempDir
	Path folder;

	@Test
	void aPortThatAnotherProgramHoldsIsReportedNamingThePort() throws Exception {
		try (ServerSocket foreign = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			Thread.ofPlatform().daemon().start(() -> answerWithAWebPage(foreign));
			List<String> log = new ArrayList<>();
			IOException refused = assertThrows(IOException.class,
					() -> DemoCompany.serveWebStore(folder.resolve("webstore"), foreign.getLocalPort(), log::add));
			assertEquals("The demo web store cannot start: another program holds port " + foreign.getLocalPort()
					+ ", and it does not answer as SyncBench's demo web store at http://127.0.0.1:" + foreign.getLocalPort()
					+ ". Runs to the web store are held back until it answers. Close that program and start SyncBench again.",
					refused.getMessage());
			assertTrue(log.isEmpty(), "nothing claims the web store is served: " + log);
		}
	}

	@Test
	void aPortWhereAnotherSyncBenchServesTheDemoWebStoreIsLeftToIt() throws Exception {
		try (SandboxStore other = SandboxStore.start(0, null, DemoCompany.WEBSTORE_KEY, DemoCompany.WEBSTORE_SECRET,
				SandboxStore.DEFAULT_BATCH_LIMIT)) {
			int port = other.baseUri().getPort();
			List<String> log = new ArrayList<>();
			try (AutoCloseable served = DemoCompany.serveWebStore(folder.resolve("webstore"), port, log::add)) {
				assertEquals(List.of("The demo web store at http://127.0.0.1:" + port
						+ " is served by another SyncBench process already."), log);
			}
		}
	}

	private static void answerWithAWebPage(ServerSocket server) {
		byte[] page = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 13\r\nConnection: close\r\n\r\n<html></html>"
				.getBytes(StandardCharsets.US_ASCII);
		while (!server.isClosed()) {
			try (Socket client = server.accept(); OutputStream out = client.getOutputStream()) {
				client.getInputStream().read(new byte[8192]);
				out.write(page);
			} catch (IOException e) {
				return; // closed by the test
			}
		}
	}
}
