package io.syncbench.connector.jdbc.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The connections of closed sessions on PostgreSQL, kept a minute for the next session with the same
 * database, user and password: each run opens a session per side and link, and a new connection is a
 * new server process, 20 to 35 ms, with cold caches. A connection is given back rolled back, with
 * nothing of the session's left (its settings are per transaction), and checked before it is lent
 * again. Derby connects within the process, and a database shut down under a kept connection would
 * break it: its connections are closed.
 */
final class IdleConnections {

	/** Kept this long unused; a database's connections are not worth keeping across quiet periods. */
	static final Duration KEEP = Duration.ofSeconds(60);
	/** As many as a company's parallel entity jobs and its change watch need at once. */
	static final int MOST_PER_DATABASE = 8;

	/** Whose connections are alike: the password as a digest, the same for the same password and nothing to read it back from. */
	record Key(String url, String user, String password) {
	}

	private record Idle(Connection connection, long since) {
	}

	private final Map<Key, ConcurrentLinkedDeque<Idle>> idle = new ConcurrentHashMap<>();
	private ScheduledExecutorService pruning;

	/** A kept connection that still answers, or null. */
	Connection take(Dialect dialect, Key key) {
		if (dialect != Dialect.POSTGRES) {
			return null;
		}
		ConcurrentLinkedDeque<Idle> kept = idle.get(key);
		if (kept == null) {
			return null;
		}
		for (Idle candidate = kept.pollFirst(); candidate != null; candidate = kept.pollFirst()) {
			if (fresh(candidate) && answers(candidate.connection())) {
				return candidate.connection();
			}
			closeQuietly(candidate.connection());
		}
		return null;
	}

	/** Keeps the connection of a closed session, rolled back, or closes it. */
	void giveBack(Dialect dialect, Key key, Connection connection) {
		try {
			connection.rollback();
		} catch (SQLException e) {
			closeQuietly(connection); // broken: nothing to keep
			return;
		}
		if (dialect != Dialect.POSTGRES) {
			closeQuietly(connection);
			return;
		}
		ConcurrentLinkedDeque<Idle> kept = idle.computeIfAbsent(key, k -> new ConcurrentLinkedDeque<>());
		forgetStale(kept);
		if (kept.size() >= MOST_PER_DATABASE) {
			closeQuietly(connection);
			return;
		}
		kept.addFirst(new Idle(connection, System.nanoTime()));
		synchronized (this) {
			if (pruning == null) { // a database that goes quiet has its connections closed too, not at its next session
				pruning = Executors.newSingleThreadScheduledExecutor(work -> {
					Thread thread = new Thread(work, "SyncBench JDBC idle connections"); //$NON-NLS-1$
					thread.setDaemon(true);
					return thread;
				});
				long every = KEEP.toMillis() / 2;
				pruning.scheduleWithFixedDelay(() -> idle.values().forEach(IdleConnections::forgetStale), every, every,
						TimeUnit.MILLISECONDS);
			}
		}
	}

	/** Closes every kept connection: the connector goes away. */
	void closeAll() {
		synchronized (this) {
			if (pruning != null) {
				pruning.shutdownNow();
				pruning = null;
			}
		}
		idle.values().forEach(kept -> {
			for (Idle candidate = kept.pollFirst(); candidate != null; candidate = kept.pollFirst()) {
				closeQuietly(candidate.connection());
			}
		});
	}

	private static void forgetStale(ConcurrentLinkedDeque<Idle> kept) {
		for (Iterator<Idle> oldest = kept.descendingIterator(); oldest.hasNext();) {
			Idle candidate = oldest.next();
			if (fresh(candidate)) {
				return;
			}
			if (kept.removeLastOccurrence(candidate)) {
				closeQuietly(candidate.connection());
			}
		}
	}

	private static boolean fresh(Idle candidate) {
		return System.nanoTime() - candidate.since() < KEEP.toNanos();
	}

	private static boolean answers(Connection connection) {
		try {
			return connection.isValid(2);
		} catch (SQLException e) {
			return false;
		}
	}

	static void closeQuietly(Connection connection) {
		try {
			connection.close();
		} catch (SQLException e) {
			// a connection that broke: nothing to close
		}
	}

	static Key key(String url, String user, char[] password) {
		try {
			MessageDigest sha = MessageDigest.getInstance("SHA-256"); //$NON-NLS-1$
			ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password == null ? new char[0] : password));
			sha.update(bytes);
			Arrays.fill(bytes.array(), (byte) 0);
			return new Key(url, user, HexFormat.of().formatHex(sha.digest()));
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e); // every Java has SHA-256
		}
	}
}
