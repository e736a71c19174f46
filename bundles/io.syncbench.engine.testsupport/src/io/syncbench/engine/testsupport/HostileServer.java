package io.syncbench.engine.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A misbehaving web store on loopback, for hostile-answer tests: a plain socket server that answers
 * each request as the test's rule says (a redirect, HTML, a body that never ends or drips a byte a
 * second), and otherwise passes it on to a real store behind it. It keeps every request it got, with
 * its headers, so a test can check that no credential reached a host it should not.
 */
public final class HostileServer implements AutoCloseable {

	/** A request as it arrived. Header names are in lower case. */
	public record Request(String method, String target, Map<String, String> headers, byte[] body) {

		public String header(String name) {
			return headers.get(name.toLowerCase(Locale.ROOT));
		}

		/** The target without its query. */
		public String path() {
			int query = target.indexOf('?');
			return query < 0 ? target : target.substring(0, query);
		}

		public String text() {
			return new String(body, StandardCharsets.UTF_8);
		}
	}

	/** An answer: status, headers and body, as the store behind gave it or as a test makes it. */
	public record Reply(int status, Map<String, String> headers, byte[] body) {

		public static Reply json(int status, String body) {
			return new Reply(status, Map.of("Content-Type", "application/json"), body.getBytes(StandardCharsets.UTF_8));
		}

		public String text() {
			return new String(body, StandardCharsets.UTF_8);
		}

		/** The same reply with another body. */
		public Reply withBody(String text) {
			return new Reply(status, headers, text.getBytes(StandardCharsets.UTF_8));
		}

		/** The same reply with a header set. */
		public Reply withHeader(String name, String value) {
			Map<String, String> changed = new LinkedHashMap<>(headers);
			changed.keySet().removeIf(key -> key.equalsIgnoreCase(name));
			changed.put(name, value);
			return new Reply(status, changed, body);
		}
	}

	/** How to answer one request: written to the connection, which is closed after it. */
	@FunctionalInterface
	public interface Answer {
		void write(OutputStream out) throws IOException;
	}

	private final ServerSocket socket;
	private final URI upstream;
	private final HttpClient forwarder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
	private final ExecutorService connections = Executors.newCachedThreadPool(task -> {
		Thread thread = new Thread(task, "hostile server");
		thread.setDaemon(true);
		return thread;
	});
	private final List<Request> requests = new CopyOnWriteArrayList<>();
	private volatile Function<Request, Answer> rule = request -> null;

	private HostileServer(InetAddress address, URI upstream) throws IOException {
		this.upstream = upstream;
		socket = new ServerSocket();
		socket.bind(new InetSocketAddress(address, 0));
		connections.execute(this::accept);
	}

	/**
	 * @param host     a loopback address to listen on, for example {@code 127.0.0.1} or {@code 127.0.0.2}
	 * @param upstream the store requests are passed on to, or null to answer 404 where no rule answers
	 */
	public static HostileServer start(String host, URI upstream) throws IOException {
		return new HostileServer(InetAddress.getByName(host), upstream);
	}

	public URI baseUri() {
		return URI.create("http://" + socket.getInetAddress().getHostAddress() + ":" + socket.getLocalPort() + "/");
	}

	/** Every request received so far, in order. */
	public List<Request> requests() {
		return List.copyOf(requests);
	}

	/** From now on, each request is answered by {@code rule}; where it gives null, the request is passed on. */
	public void answer(Function<Request, Answer> rule) {
		this.rule = rule;
	}

	/** Passes a request on to the store behind and gives its reply. */
	public Reply forward(Request request) throws IOException {
		if (upstream == null) {
			return Reply.json(404, "{\"code\":\"rest_no_route\",\"message\":\"No route.\"}");
		}
		HttpRequest.Builder builder = HttpRequest.newBuilder(upstream.resolve(request.target().substring(1)))
				.method(request.method(), HttpRequest.BodyPublishers.ofByteArray(request.body()));
		for (String header : List.of("authorization", "content-type", "content-disposition", "accept")) {
			if (request.header(header) != null) {
				builder.header(header, request.header(header));
			}
		}
		try {
			HttpResponse<byte[]> response = forwarder.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
			Map<String, String> headers = new LinkedHashMap<>();
			for (String header : List.of("content-type", "x-wp-total", "x-wp-totalpages", "retry-after")) {
				response.headers().firstValue(header).ifPresent(value -> headers.put(header, value));
			}
			return new Reply(response.statusCode(), headers, response.body());
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IOException(e);
		}
	}

	/** Writes a reply whole, with its length. */
	public static Answer reply(Reply reply) {
		return out -> {
			head(out, reply.status(), reply.headers(), "Content-Length: " + reply.body().length);
			out.write(reply.body());
		};
	}

	/** A redirect to {@code location}. */
	public static Answer redirect(int status, String location) {
		return reply(new Reply(status, Map.of("Location", location), new byte[0]));
	}

	/** A body sent one byte every {@code pause}, until it ends or the client goes away. */
	public static Answer drip(String body, Duration pause) {
		return out -> {
			byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
			head(out, 200, Map.of("Content-Type", "application/json"), "Content-Length: " + bytes.length);
			for (byte b : bytes) {
				out.write(b);
				out.flush();
				sleep(pause);
			}
		};
	}

	/** A chunked JSON list that never ends: the client must stop reading it. */
	public static Answer endless() {
		return out -> {
			head(out, 200, Map.of("Content-Type", "application/json"), "Transfer-Encoding: chunked");
			writeChunk(out, "[");
			String item = "{\"id\":1,\"name\":\"" + "x".repeat(60_000) + "\"},";
			while (true) {
				writeChunk(out, item);
			}
		};
	}

	/** A Content-Length of {@code length}, then bytes until the client goes away. */
	public static Answer declaring(long length) {
		return out -> {
			head(out, 200, Map.of("Content-Type", "application/json"), "Content-Length: " + length);
			byte[] block = new byte[64 * 1024];
			java.util.Arrays.fill(block, (byte) ' ');
			out.write('[');
			for (long sent = 1; sent < length; sent += block.length) {
				out.write(block);
			}
		};
	}

	private static void writeChunk(OutputStream out, String text) throws IOException {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
		out.write(bytes);
		out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
	}

	private static void head(OutputStream out, int status, Map<String, String> headers, String framing) throws IOException {
		StringBuilder head = new StringBuilder("HTTP/1.1 ").append(status).append(" Hostile\r\n");
		headers.forEach((name, value) -> {
			if (!name.equalsIgnoreCase("content-length") && !name.equalsIgnoreCase("transfer-encoding")) {
				head.append(name).append(": ").append(value).append("\r\n");
			}
		});
		head.append(framing).append("\r\nConnection: close\r\n\r\n");
		out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
		out.flush();
	}

	private static void sleep(Duration pause) throws IOException {
		try {
			Thread.sleep(pause.toMillis());
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IOException(e);
		}
	}

	private void accept() {
		while (!socket.isClosed()) {
			try {
				Socket connection = socket.accept();
				connections.execute(() -> serve(connection));
			} catch (IOException e) {
				return; // closed
			}
		}
	}

	private void serve(Socket connection) {
		try (connection; InputStream in = connection.getInputStream(); OutputStream out = connection.getOutputStream()) {
			Request request = read(in);
			if (request == null) {
				return;
			}
			requests.add(request);
			Answer answer = rule.apply(request);
			(answer != null ? answer : reply(forward(request))).write(out);
			out.flush();
		} catch (IOException | RuntimeException e) {
			// the client went away, as a client that refuses an answer does
		}
	}

	private static Request read(InputStream in) throws IOException {
		ByteArrayOutputStream head = new ByteArrayOutputStream();
		int last4 = 0;
		for (int b; last4 != 0x0D0A0D0A && (b = in.read()) >= 0;) {
			head.write(b);
			last4 = last4 << 8 | b;
		}
		String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
		if (lines.length == 0 || lines[0].isBlank()) {
			return null;
		}
		String[] requestLine = lines[0].split(" ");
		Map<String, String> headers = new LinkedHashMap<>();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			if (colon > 0) {
				headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).strip());
			}
		}
		long length = Long.parseLong(headers.getOrDefault("content-length", "0"));
		byte[] body = in.readNBytes((int) Math.min(length, 512L * 1024 * 1024));
		return new Request(requestLine[0], requestLine[1], headers, body);
	}

	@Override
	public void close() {
		try {
			socket.close();
		} catch (IOException e) {
			// closed already
		}
		connections.shutdownNow();
	}
}
