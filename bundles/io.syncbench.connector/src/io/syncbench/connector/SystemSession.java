package io.syncbench.connector;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

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

	/**
	 * How many records {@link #readAll} still returns after {@code cursor} (null: all of them), when the
	 * system counts them cheaply; empty when it cannot. A complete update shows its progress by it, as
	 * "product: 1,200 of 10,000".
	 */
	default OptionalLong countAll(String entity, String cursor) throws ConnectorException {
		return OptionalLong.empty();
	}

	/**
	 * How many records {@link #readChanges} returns after {@code cursor} (null: from the start), as far as
	 * the system tells cheaply; empty when it cannot. A run shows its progress by it.
	 */
	default OptionalLong countChanges(String entity, String cursor) throws ConnectorException {
		return OptionalLong.empty();
	}

	/**
	 * The record with this id. Empty only when the system itself says it does not exist (a row that is
	 * not there, a store's own not-found answer): the engine takes that as a deletion. An answer that
	 * says nothing clear (an error page, a body of the wrong shape) throws instead.
	 */
	Optional<RecordData> read(String entity, String id) throws ConnectorException;

	/** Records whose unique key field has this value: none, one, or (a broken system) several. */
	List<RecordData> findByKey(String entity, String value) throws ConnectorException;

	/**
	 * Records whose unique key, compared by {@code match}, is {@code value}: the engine asks under the
	 * looser of both sides' rules, so that a key spelled in another case finds its partner. The default
	 * is the system's own lookup, right for a system that compares at least as loosely.
	 */
	default List<RecordData> findByKey(String entity, String value, KeyMatch match) throws ConnectorException {
		return findByKey(entity, value);
	}

	/** {@link #findByKey(String, String, KeyMatch)} for a page of values; the default asks one at a time. */
	default Map<String, List<RecordData>> findByKeys(String entity, Collection<String> values, KeyMatch match)
			throws ConnectorException {
		if (match == KeyMatch.EXACT) {
			return findByKeys(entity, values);
		}
		Map<String, List<RecordData>> found = new LinkedHashMap<>();
		for (String value : values) {
			if (!found.containsKey(value)) {
				found.put(value, findByKey(entity, value, match));
			}
		}
		return found;
	}

	/** @return the created record as stored, with the id and change stamp the system gave it */
	RecordData create(String entity, FieldValues fields) throws ConnectorException;

	/** @return the updated record as stored, with its new change stamp */
	RecordData update(String entity, String id, FieldValues fields) throws ConnectorException;

	/**
	 * Reads the records with these ids, for a page of records at once; ids that are gone are missing
	 * from the answer. A missing id is no proof of a deletion: the engine asks {@link #read} for it
	 * before it deletes anything. The default reads one at a time; a system that can read many in one request
	 * overrides it.
	 */
	default Map<String, RecordData> readEach(String entity, Collection<String> ids) throws ConnectorException {
		Map<String, RecordData> found = new LinkedHashMap<>();
		for (String id : ids) {
			read(entity, id).ifPresent(record -> found.put(id, record));
		}
		return found;
	}

	/**
	 * {@link #findByKey} for a page of key values at once: each value maps to the records found with
	 * it (an empty list when none). The default asks one value at a time.
	 */
	default Map<String, List<RecordData>> findByKeys(String entity, Collection<String> values) throws ConnectorException {
		Map<String, List<RecordData>> found = new LinkedHashMap<>();
		for (String value : values) {
			if (!found.containsKey(value)) {
				found.put(value, findByKey(entity, value));
			}
		}
		return found;
	}

	/**
	 * How many records the system takes well in one page of reads and writes: the engine's pages for a
	 * link with it are no larger, so that a cancel or a crash never waits for, or repeats, more than a
	 * page's worth of its requests. The default suits a remote API's batch.
	 */
	default int pageSize() {
		return 100;
	}

	/**
	 * Creates and updates a page of records, in as few requests as the system allows, and answers for
	 * each write in order: written, or refused on its own (a refusal of one record never fails the
	 * others). The default writes one at a time.
	 *
	 * @throws ConnectorException when the system became unreachable or refused the credentials; the
	 *                            writes before may have been committed, which the engine finds again by
	 *                            their unique keys
	 */
	default List<WriteResult> writeAll(String entity, List<RecordWrite> writes) throws ConnectorException {
		List<WriteResult> results = new ArrayList<>(writes.size());
		for (RecordWrite write : writes) {
			try {
				results.add(WriteResult.written(write.creates() ? create(entity, write.fields())
						: update(entity, write.id(), write.fields())));
			} catch (ConnectorException e) {
				if (e.kind() != ConnectorException.Kind.RECORD_REJECTED) {
					throw e;
				}
				results.add(WriteResult.refused(e));
			}
		}
		return results;
	}

	/**
	 * The file that a record's {@link FieldSchema.FieldType#FILE} field names on this system, checked
	 * (see {@link FileFolder}), for the engine to hand to the system that receives the record. The
	 * default offers none.
	 *
	 * @throws ConnectorException a {@link ConnectorException.Kind#RECORD_REJECTED} naming {@code field}
	 *                            when the file may not be sent
	 */
	default MediaFile file(String entity, String field, String recordId, String name) throws ConnectorException {
		return new FileFolder(null, List.of(), 0).image(field, recordId, name);
	}

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
