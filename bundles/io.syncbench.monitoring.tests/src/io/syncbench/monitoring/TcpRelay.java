package io.syncbench.monitoring;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Passes TCP connections from a loopback port on to a server, until it is cut: then every connection
 * through it is closed and new ones are refused, as when the server itself stops. Lets a test stop the
 * shared test PostgreSQL server for one store without stopping it for the other tests.
 */
final class TcpRelay implements AutoCloseable {

	private final String host;
	private final int port;
	private final ServerSocket listener;
	private final List<Socket> open = new CopyOnWriteArrayList<>();
	private volatile boolean cut;

	TcpRelay(String host, int port) throws IOException {
		this.host = host;
		this.port = port;
		this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread accepting = new Thread(this::accept, "relay to " + host + ":" + port);
		accepting.setDaemon(true);
		accepting.start();
	}

	int port() {
		return listener.getLocalPort();
	}

	private void accept() {
		while (!listener.isClosed()) {
			try {
				Socket client = listener.accept();
				if (cut) {
					client.close(); // refused, as a stopped server's port would be
					continue;
				}
				Socket server = new Socket(host, port);
				open.add(client);
				open.add(server);
				pipe(client, server);
				pipe(server, client);
			} catch (IOException e) {
				// the listener closed, or the server refused one connection: the client sees it closed
			}
		}
	}

	private void pipe(Socket from, Socket to) {
		Thread copy = new Thread(() -> {
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				in.transferTo(out);
			} catch (IOException e) {
				// one side closed
			} finally {
				closeQuietly(from);
				closeQuietly(to);
			}
		}, "relay pipe");
		copy.setDaemon(true);
		copy.start();
	}

	/** The server is gone from now on: its connections close, new ones are refused. */
	void cut() {
		cut = true;
		open.forEach(TcpRelay::closeQuietly);
		open.clear();
	}

	/** The server is back. */
	void restore() {
		cut = false;
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		} catch (IOException e) {
			// closed already
		}
	}

	@Override
	public void close() throws IOException {
		cut();
		listener.close();
	}
}
