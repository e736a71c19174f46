package io.syncbench.connector;

import java.util.List;
import java.util.Optional;

/**
 * A session with one outside system. Methods that write return only after the change is committed
 * on that system. Not thread-safe: the engine gives each thread a session of its own.
 */
public interface SystemSession extends AutoCloseable {

	/** Checks connectivity and credentials without changing anything. */
	Health check();

	/** Every entity this system offers, with its fields, unique key and dependencies. */
	List<EntitySchema> schema() throws ConnectorException;

	/**
	 * Reads changes made after {@code cursor} (null: from the beginning), at most {@code max} of them,
	 * oldest first. Deletions come as records with {@link RecordData#deleted()} set.
	 */
	ChangePage readChanges(String entity, String cursor, int max) throws ConnectorException;

	/**
	 * Reads every record of the entity in the system's scope, {@code max} at a time (cursor null: the
	 * first page), for a complete update.
	 */
	ChangePage readAll(String entity, String cursor, int max) throws ConnectorException;

	Optional<RecordData> read(String entity, String id) throws ConnectorException;

	/** Records whose unique key field has this value: none, one, or (a broken system) several. */
	List<RecordData> findByKey(String entity, String value) throws ConnectorException;

	/** @return the created record as stored, with the id and change stamp the system gave it */
	RecordData create(String entity, FieldValues fields) throws ConnectorException;

	/** @return the updated record as stored, with its new change stamp */
	RecordData update(String entity, String id, FieldValues fields) throws ConnectorException;

	/** Deletes the record; deleting one that is already gone is not an error. */
	void delete(String entity, String id) throws ConnectorException;

	/**
	 * Tells the system that {@code consumer} (one company's link to one other system) has committed
	 * every change of the entity up to {@code cursor} on the other side, so the system may forget the
	 * changes every consumer has acknowledged. A null cursor registers a consumer that has read nothing
	 * yet, so that no other consumer's acknowledgement makes the system forget changes it still needs.
	 * Systems without a change log of their own ignore it.
	 */
	default void acknowledge(String entity, String consumer, String cursor) throws ConnectorException {
	}

	/** How this system captures its changes, where an operator installs or removes it; empty when built in. */
	default Optional<ChangeCapture> changeCapture() {
		return Optional.empty();
	}

	/**
	 * How many requests this session has sent again after a failure (a lost connection, a busy or failing
	 * server), so that a run can say how rough the way to the system was. Zero for systems that never
	 * retry.
	 */
	default long retries() {
		return 0;
	}

	/**
	 * Aborts what the session is doing now (a request in flight) and refuses what follows, for a run
	 * that was cancelled: the interrupted call fails as unreachable, which stops the run. Called from
	 * another thread. Sessions whose calls are short may ignore it; the engine checks for cancellation
	 * between records anyway.
	 */
	default void cancel() {
	}

	@Override
	void close();
}
