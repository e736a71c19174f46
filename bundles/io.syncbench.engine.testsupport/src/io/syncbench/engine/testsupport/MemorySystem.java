package io.syncbench.engine.testsupport;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import io.syncbench.connector.ChangePage;
import io.syncbench.connector.ConnectorException;
import io.syncbench.connector.EntitySchema;
import io.syncbench.connector.FieldValues;
import io.syncbench.connector.Health;
import io.syncbench.connector.KeyMatch;
import io.syncbench.connector.RecordData;
import io.syncbench.connector.SystemSession;

/**
 * An outside system held in memory, so that engine tests run without a server. Every change gets a new
 * stamp, as a real system's modification time would; writes are counted; failures can be switched on.
 * Thread-safe, so that several engines can share one.
 */
public final class MemorySystem implements SystemSession {

	private final String idPrefix;
	private final EntitySchema schema;
	private final Map<String, RecordData> records = new LinkedHashMap<>();
	/** Ids in the order they changed, as a change log: a cursor is a position in it. */
	private final List<String> changeLog = new ArrayList<>();
	private long nextId = 1;
	private long nextStamp = 1;
	private int writes;
	private ConnectorException failure;
	private int failAfterWrites = -1;
	private ConnectorException failureAfterWrites;
	private boolean hangReads;
	private boolean leaveOutOfPageReads;
	private boolean waiting;
	private boolean cancelled;
	private Health health = Health.reachable("in memory");

	public MemorySystem(String idPrefix, EntitySchema schema) {
		this.idPrefix = idPrefix;
		this.schema = schema;
	}

	/** A change made on this system by someone else: a new or changed record with a new stamp. */
	public synchronized RecordData put(String id, Map<String, Object> fields) {
		RecordData record = RecordData.of(schema.name(), id, stamp(), FieldValues.of(fields));
		records.put(id, record);
		changeLog.add(id);
		return record;
	}

	/** A deletion made on this system: its change feed shows a tombstone. */
	public synchronized void remove(String id) {
		records.put(id, RecordData.tombstone(schema.name(), id, stamp()));
		changeLog.add(id);
	}

	public synchronized RecordData get(String id) {
		return records.get(id);
	}

	public synchronized long liveRecords() {
		return records.values().stream().filter(r -> !r.deleted()).count();
	}

	public synchronized int writes() {
		return writes;
	}

	/** Every following call fails with this, until set to null. */
	public synchronized void failWith(ConnectorException next) {
		this.failure = next;
	}

	/**
	 * Every call after the {@code writes}-th write fails with {@code next} (as a connection lost at that
	 * moment), until {@link #failWith} sets the failure again.
	 */
	public synchronized void failAfterWrites(int writes, ConnectorException next) {
		this.failAfterWrites = writes;
		this.failureAfterWrites = next;
	}

	private String stamp() {
		return "s" + nextStamp++;
	}

	private void maybeFail() throws ConnectorException {
		if (failAfterWrites >= 0 && writes >= failAfterWrites) {
			failure = failureAfterWrites;
			failAfterWrites = -1;
		}
		if (failure != null) {
			throw failure;
		}
	}

	/** What the following connectivity checks find. */
	public synchronized void setHealth(Health health) {
		this.health = health;
	}

	@Override
	public synchronized Health check() {
		return health;
	}

	@Override
	public synchronized List<EntitySchema> schema() {
		return List.of(schema);
	}

	@Override
	public synchronized ChangePage readChanges(String entity, String cursor, int max) throws ConnectorException {
		maybeFail();
		if (hangReads) { // as a slow system: the call returns only when the session is cancelled
			waiting = true;
			while (!cancelled) {
				try {
					wait();
				} catch (InterruptedException e) {
					Thread.currentThread().interrupt();
					break;
				}
			}
			waiting = false;
			throw ConnectorException.unreachable("the read was aborted", null);
		}
		int from = cursor == null ? 0 : Integer.parseInt(cursor);
		int to = Math.min(changeLog.size(), from + max);
		List<RecordData> page = changeLog.subList(from, to).stream().map(records::get).toList();
		return new ChangePage(page, Integer.toString(to), to < changeLog.size());
	}

	@Override
	public synchronized OptionalLong countChanges(String entity, String cursor) throws ConnectorException {
		maybeFail();
		return OptionalLong.of(changeLog.size() - (cursor == null ? 0 : Integer.parseInt(cursor)));
	}

	@Override
	public synchronized ChangePage readAll(String entity, String cursor, int max) throws ConnectorException {
		maybeFail();
		List<RecordData> live = records.values().stream().filter(r -> !r.deleted()).toList();
		int from = cursor == null ? 0 : Integer.parseInt(cursor);
		int to = Math.min(live.size(), from + max);
		return new ChangePage(live.subList(from, to), Integer.toString(to), to < live.size());
	}

	@Override
	public synchronized OptionalLong countAll(String entity, String cursor) throws ConnectorException {
		maybeFail();
		long live = records.values().stream().filter(r -> !r.deleted()).count();
		return OptionalLong.of(Math.max(0, live - (cursor == null ? 0 : Integer.parseInt(cursor))));
	}

	@Override
	public synchronized Optional<RecordData> read(String entity, String id) throws ConnectorException {
		maybeFail();
		return Optional.ofNullable(records.get(id));
	}

	@Override
	public synchronized List<RecordData> findByKey(String entity, String value) throws ConnectorException {
		return findByKey(entity, value, schema.keyMatch());
	}

	/** By the schema's own rule or the looser one asked for. */
	@Override
	public synchronized List<RecordData> findByKey(String entity, String value, KeyMatch match) throws ConnectorException {
		maybeFail();
		KeyMatch rule = match.looser(schema.keyMatch());
		return records.values().stream().filter(r -> !r.deleted())
				.filter(r -> rule.fold(value).equals(rule.fold(String.valueOf(r.fields().get(schema.uniqueKey()))))).toList();
	}

	/**
	 * Reads a page by id; records {@link #leaveOutOfPageReads(boolean) left out} are missing from the
	 * answer, as from a store's list that lost them, while {@link #read} still finds them.
	 */
	@Override
	public synchronized Map<String, RecordData> readEach(String entity, java.util.Collection<String> ids)
			throws ConnectorException {
		maybeFail();
		Map<String, RecordData> found = new LinkedHashMap<>();
		if (!leaveOutOfPageReads) {
			for (String id : ids) {
				RecordData record = records.get(id);
				if (record != null) {
					found.put(id, record);
				}
			}
		}
		return found;
	}

	/** Page reads answer without any record from now on (or again with them): an answer that lost its records. */
	public synchronized void leaveOutOfPageReads(boolean leaveOut) {
		leaveOutOfPageReads = leaveOut;
	}

	@Override
	public synchronized RecordData create(String entity, FieldValues fields) throws ConnectorException {
		maybeFail();
		writes++;
		String id;
		do {
			id = idPrefix + nextId++;
		} while (records.containsKey(id));
		return put(id, fields.values());
	}

	@Override
	public synchronized RecordData update(String entity, String id, FieldValues fields) throws ConnectorException {
		maybeFail();
		writes++;
		return put(id, fields.values());
	}

	@Override
	public synchronized void delete(String entity, String id) throws ConnectorException {
		maybeFail();
		writes++;
		remove(id);
	}

	/** Following reads of changes hang until {@link #cancel()}. */
	public synchronized void hangOnReads() {
		hangReads = true;
	}

	/** Whether a read hangs now. */
	public synchronized boolean hanging() {
		return waiting;
	}

	@Override
	public synchronized void cancel() {
		cancelled = true;
		notifyAll();
	}

	@Override
	public void close() {
		// nothing held
	}
}
