package io.syncbench.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.eclipse.osgi.util.NLS;

import io.syncbench.connector.ConnectorException;
import io.syncbench.connector.FieldValues;
import io.syncbench.connector.KeyMatch;
import io.syncbench.connector.RecordData;
import io.syncbench.connector.RecordWrite;
import io.syncbench.connector.WriteResult;
import io.syncbench.engine.RecordResult.Action;
import io.syncbench.engine.internal.FieldMapper;
import io.syncbench.engine.internal.FieldValidator;
import io.syncbench.engine.internal.Messages;
import io.syncbench.engine.internal.RecordProblem;
import io.syncbench.engine.internal.ReferenceTranslator;
import io.syncbench.engine.internal.TargetValues;
import io.syncbench.engine.internal.WriteDigest;
import io.syncbench.store.StatusQuery;
import io.syncbench.store.SyncOutcome;
import io.syncbench.store.SyncState;
import io.syncbench.store.SyncStatus;
import io.syncbench.store.SyncStatusService;
import io.syncbench.store.SyncStatusService.Claimed;
import io.syncbench.store.SyncStatusService.Side;

/**
 * The per-record pipeline, run a page of records at a time: load the statuses; find partners by unique
 * key where there are none; choose each record's direction from the change stamps; hold the records'
 * leases; map, validate and save on the target; store the outcomes; run the post-processors. Reads,
 * key lookups, writes and status updates go to the systems and the store once per page, not once per
 * record, but each record succeeds or fails on its own: its failure is stored on its status and the
 * others go on. Only a lost connection or rejected credentials stop the caller.
 */
public final class RecordSynchronizer {

	private final SyncStatusService statuses;
	private final String leaseOwner;
	private final Duration leaseDuration;
	private final List<PostProcessor> postProcessors;
	private final ReferenceTranslator references;

	/**
	 * @param leaseOwner    who takes the leases: unique per thread and process, for example
	 *                      {@code service@host:pid/thread}
	 * @param leaseDuration how long a lease holds if its holder dies
	 */
	public RecordSynchronizer(SyncStatusService statuses, String leaseOwner, Duration leaseDuration,
			List<PostProcessor> postProcessors) {
		this.statuses = statuses;
		this.leaseOwner = leaseOwner;
		this.leaseDuration = leaseDuration;
		this.postProcessors = List.copyOf(postProcessors);
		this.references = new ReferenceTranslator(statuses);
	}

	/**
	 * Synchronizes the record with {@code id} on side {@code origin}.
	 *
	 * @param trigger why: a change, or an operator's forced sync or complete update, which synchronize
	 *                even when neither side changed
	 * @throws ConnectorException when a system became unreachable or refused the credentials: the run
	 *                            stops; the record stays pending
	 */
	public RecordResult synchronize(EntityLink link, Side origin, String id, Trigger trigger) throws ConnectorException {
		return synchronizeAll(link, origin, List.of(id), Map.of(), trigger).get(id);
	}

	/**
	 * Synchronizes a page of records of side {@code origin}, as {@link #synchronize} does each.
	 *
	 * @param read records of the origin side just read (a complete update's page), which are not read
	 *             again; may be empty
	 * @return each distinct id's result, in the order of {@code ids}
	 * @throws ConnectorException when a system became unreachable or refused the credentials: the run
	 *                            stops; the records not done stay pending
	 */
	public Map<String, RecordResult> synchronizeAll(EntityLink link, Side origin, Collection<String> ids,
			Map<String, RecordData> read, Trigger trigger) throws ConnectorException {
		return synchronizeAll(link, claim(link, origin, ids), read, trigger);
	}

	/**
	 * A page of records of one side whose statuses are tracked and whose leases are taken: the first
	 * step of {@link #synchronizeAll}, which a caller may take ahead, while the page before is still
	 * on its way.
	 *
	 * @param origin   the side the records' ids belong to
	 * @param statuses each distinct id's status, in the order given
	 * @param held     the ids of the status rows whose lease this pipeline now holds
	 * @param allNew   whether every status was made by this claim
	 */
	public record Claim(Side origin, Map<String, SyncStatus> statuses, Set<Long> held, boolean allNew) {
	}

	/** Tracks the records' statuses and takes their leases. */
	public Claim claim(EntityLink link, Side origin, Collection<String> ids) {
		return claim(link, origin, ids, false);
	}

	/**
	 * Tracks the records' statuses and takes their leases; {@code expectNew} when the page before was all
	 * new (see {@link SyncStatusService#claimAll}).
	 */
	public Claim claim(EntityLink link, Side origin, Collection<String> ids, boolean expectNew) {
		Claimed claimed = statuses.claimAll(link.scope(), origin, ids, leaseOwner, leaseDuration, expectNew);
		return new Claim(origin, claimed.statuses(), claimed.held(), claimed.allNew());
	}

	/**
	 * The records of the link that failed and have attempts left, by their id on {@code origin}, for a
	 * run to take again: a record that failed because of another (a reference not synchronized yet) or
	 * of a moment (a refusal the system lifted) gets through once that is mended, without anyone
	 * changing it; after the last attempt it is skipped. A record that exists on both sides is taken
	 * from the local side when that side is read.
	 */
	public List<String> toRetry(EntityLink link, Side origin) {
		StatusQuery failed = new StatusQuery(link.scope().companyId(), link.scope().system(), link.entity(),
				Set.of(SyncState.FAILED), null, StatusQuery.Order.ID, true);
		List<String> ids = new ArrayList<>();
		for (int offset = 0; offset < MAX_RETRIES_PER_RUN; offset += RETRY_PAGE) {
			List<SyncStatus> page = statuses.page(failed, offset, RETRY_PAGE);
			for (SyncStatus status : page) {
				String id = idOn(status, origin);
				boolean fromHere = origin == Side.LOCAL || status.localId() == null || !link.origins().contains(Side.LOCAL);
				if (id != null && fromHere) {
					ids.add(id);
				}
			}
			if (page.size() < RETRY_PAGE) {
				break;
			}
		}
		return ids;
	}

	private static final int RETRY_PAGE = 500;
	private static final int MAX_RETRIES_PER_RUN = 10_000;

	/** Gives back the leases of a claim that will not be synchronized (the run stopped first). */
	public void release(Claim claim) {
		for (long statusId : claim.held()) {
			statuses.releaseLease(statusId, leaseOwner);
		}
	}

	/** As {@link #synchronizeAll(EntityLink, Side, Collection, Map, Trigger)}, for a page claimed before. */
	public Map<String, RecordResult> synchronizeAll(EntityLink link, Claim claim, Map<String, RecordData> read,
			Trigger trigger) throws ConnectorException {
		Side origin = claim.origin();
		Map<String, SyncStatus> tracked = claim.statuses();
		Set<Long> held = claim.held();
		Map<String, RecordResult> results = new HashMap<>();
		List<Work> page = new ArrayList<>();
		for (Map.Entry<String, SyncStatus> entry : tracked.entrySet()) {
			SyncStatus status = entry.getValue();
			if (!held.contains(status.id())) {
				results.put(entry.getKey(), RecordResult.of(Action.LOCKED, status));
			} else if (status.state() == SyncState.SKIPPED && trigger == Trigger.CHANGE) {
				statuses.releaseLease(status.id(), leaseOwner);
				results.put(entry.getKey(), RecordResult.of(Action.SKIPPED, status));
			} else {
				page.add(new Work(entry.getKey(), status));
			}
		}
		try {
			process(link, origin, trigger, page, read, results);
		} catch (ConnectorException e) {
			for (Work work : page) {
				if (!results.containsKey(work.id)) {
					statuses.releaseLease(work.status.id(), leaseOwner);
				}
			}
			throw e;
		}
		Map<String, RecordResult> ordered = new LinkedHashMap<>();
		for (String id : tracked.keySet()) {
			RecordResult result = results.get(id);
			boolean done = result.action() != Action.LOCKED && result.action() != Action.SKIPPED
					&& result.action() != Action.FAILED;
			ordered.put(id, done ? postProcess(link, result) : result);
		}
		return ordered;
	}

	/** One record of a page on its way through the pipeline. */
	private static final class Work {
		final String id;
		SyncStatus status;
		final Map<Side, RecordData> records = new EnumMap<>(Side.class);
		Side from;
		boolean conflict;
		FieldValues mapped;
		final List<String> notes = new ArrayList<>();

		Work(String id, SyncStatus status) {
			this.id = id;
			this.status = status;
		}
	}

	/**
	 * Takes the page through the pipeline together. When a call for the whole page fails, before
	 * anything was written, in a way that belongs to one record (a record the system refused to read, a
	 * connector's fault on one answer), the page is taken through again one record at a time, so the
	 * fault fails that record alone. Once writes began, a fault fails the records not done: they are not
	 * written again blindly.
	 */
	private void process(EntityLink link, Side origin, Trigger trigger, List<Work> page, Map<String, RecordData> read,
			Map<String, RecordResult> results) throws ConnectorException {
		if (page.isEmpty()) {
			return;
		}
		List<Work> deferred = new ArrayList<>();
		Map<Side, List<Work>> writes;
		try {
			writes = prepare(link, origin, trigger, page, read, results, deferred);
		} catch (ConnectorException e) {
			if (e.kind() != ConnectorException.Kind.RECORD_REJECTED) {
				throw e;
			}
			alone(link, origin, trigger, page, read, results, e.field(), e.getMessage(), Messages.Problem_rejected);
			return;
		} catch (RuntimeException e) {
			alone(link, origin, trigger, page, read, results, null, e.getMessage(), Messages.Problem_unexpected);
			return;
		}
		try {
			// Only updates are announced: after a crash, a record this engine created is found again by its
			// unique key, and a pair found so has no common past to be in conflict over.
			Map<Long, String> digests = new LinkedHashMap<>();
			writes.forEach((to, works) -> works.stream().filter(work -> idOn(work.status, to) != null)
					.forEach(work -> digests.put(work.status.id(), WriteDigest.of(work.mapped))));
			statuses.writing(digests);
			Map<Long, SyncOutcome> outcomes = new LinkedHashMap<>();
			Map<Long, Work> written = new HashMap<>();
			for (Map.Entry<Side, List<Work>> target : writes.entrySet()) {
				write(link, target.getKey(), target.getValue(), results, outcomes, written);
			}
			storeOutcomes(link, outcomes, written, results);
		} catch (RuntimeException e) {
			for (List<Work> works : writes.values()) {
				for (Work work : works) {
					if (!results.containsKey(work.id)) {
						results.put(work.id, failed(link, work.status, null, bind(Messages.Problem_unexpected, link,
								work.id, e.getMessage())));
					}
				}
			}
		}
		// Records whose unique key an earlier record of the page just claimed: their partner exists now.
		for (Work work : deferred) {
			process(link, origin, trigger, List.of(new Work(work.id, work.status)), read, results);
		}
	}

	/**
	 * Stores the page's outcomes in one transaction; when the store refuses it (one row it cannot hold),
	 * each outcome is stored alone, so that only the record at fault fails.
	 */
	private void storeOutcomes(EntityLink link, Map<Long, SyncOutcome> outcomes, Map<Long, Work> written,
			Map<String, RecordResult> results) {
		Map<Long, SyncStatus> stored;
		try {
			stored = statuses.succeeded(outcomes);
		} catch (RuntimeException e) {
			if (outcomes.size() <= 1) {
				throw e;
			}
			stored = new LinkedHashMap<>();
			for (Map.Entry<Long, SyncOutcome> outcome : outcomes.entrySet()) {
				Work work = written.get(outcome.getKey());
				try {
					stored.put(outcome.getKey(), statuses.succeeded(outcome.getKey(), outcome.getValue()));
				} catch (RuntimeException one) {
					results.put(work.id, failed(link, work.status, null, bind(Messages.Problem_unexpected, link, work.id,
							one.getMessage())));
				}
			}
		}
		stored.forEach((statusId, synced) -> {
			Work work = written.get(statusId);
			results.put(work.id, new RecordResult(work.from == Side.LOCAL ? Action.SENT : Action.RECEIVED, synced,
					work.notes));
		});
	}

	private void alone(EntityLink link, Side origin, Trigger trigger, List<Work> page, Map<String, RecordData> read,
			Map<String, RecordResult> results, String field, String detail, String template) throws ConnectorException {
		if (page.size() == 1) {
			Work work = page.get(0);
			if (!results.containsKey(work.id)) {
				results.put(work.id, failed(link, work.status, field, bind(template, link, work.id, detail)));
			}
			return;
		}
		for (Work work : page) {
			if (!results.containsKey(work.id)) {
				process(link, origin, trigger, List.of(new Work(work.id, work.status)), read, results);
			}
		}
	}

	/**
	 * Reads, pairs and decides for each record of the page; done records get their result, the others
	 * are returned by the side they are to be written to.
	 */
	private Map<Side, List<Work>> prepare(EntityLink link, Side origin, Trigger trigger, List<Work> page,
			Map<String, RecordData> read, Map<String, RecordResult> results, List<Work> deferred)
			throws ConnectorException {
		readRecords(link, origin, page, read);
		findPartners(link, origin, page, results, deferred);
		Map<Side, List<Work>> writes = new EnumMap<>(Side.class);
		for (Work work : page) {
			if (results.containsKey(work.id) || deferred.contains(work)) {
				continue;
			}
			try {
				decide(link, trigger, work, results);
				if (work.mapped != null) {
					writes.computeIfAbsent(work.from.other(), side -> new ArrayList<>()).add(work);
				}
			} catch (RecordProblem problem) {
				results.put(work.id, failed(link, work.status, problem.field(), problem.getMessage()));
			} catch (ConnectorException e) {
				if (e.kind() != ConnectorException.Kind.RECORD_REJECTED) {
					throw e;
				}
				results.put(work.id, failed(link, work.status, e.field(), bind(Messages.Problem_rejected, link, work.id,
						e.getMessage())));
			} catch (RuntimeException e) { // a fault in one record (a connector bug, a refused link) never stops the run
				results.put(work.id, failed(link, work.status, null, bind(Messages.Problem_unexpected, link, work.id,
						e.getMessage())));
			}
		}
		return writes;
	}

	/** Reads each record on both sides: the origin's from {@code read} when it is there, the rest per side in one call. */
	private static void readRecords(EntityLink link, Side origin, List<Work> page, Map<String, RecordData> read)
			throws ConnectorException {
		for (Side side : Side.values()) {
			List<String> missing = new ArrayList<>();
			for (Work work : page) {
				String id = idOn(work.status, side);
				if (id != null && side == origin && read.containsKey(id)) {
					work.records.put(side, read.get(id));
				} else if (id != null) {
					missing.add(id);
				}
			}
			if (missing.isEmpty()) {
				continue;
			}
			Map<String, RecordData> found = new HashMap<>(link.session(side).readEach(link.entity(), missing));
			for (String id : missing) {
				if (!found.containsKey(id)) { // an answer that lacks a record is no proof it is gone: ask for it alone
					link.session(side).read(link.entity(), id).ifPresent(record -> found.put(id, record));
				}
			}
			for (Work work : page) {
				RecordData record = found.get(idOn(work.status, side));
				if (record != null) {
					work.records.put(side, record);
				}
			}
		}
	}

	/**
	 * Looks for each record's partner on the other side by the entity's unique key, one lookup for the
	 * page: none found means the record will be created there; one found and not mapped to another
	 * record becomes the partner; several, or one mapped elsewhere, fail the record. Records out of the
	 * slice are done here. A second record of the page with a key that an earlier one will create is
	 * {@code deferred}: it is taken once the first is written, and finds it.
	 */
	private void findPartners(EntityLink link, Side origin, List<Work> page, Map<String, RecordResult> results,
			List<Work> deferred) throws ConnectorException {
		String keyField = link.schema(origin).uniqueKey();
		Map<Work, String> keys = new LinkedHashMap<>();
		for (Work work : page) {
			RecordData local = work.records.get(Side.LOCAL);
			if (local != null && !local.deleted() && !link.inSlice(local.fields())) {
				statuses.releaseLease(work.status.id(), leaseOwner);
				results.put(work.id, RecordResult.of(Action.OUT_OF_SLICE, work.status));
				continue;
			}
			RecordData record = work.records.get(origin);
			Object key = keyField == null || record == null || record.deleted() ? null : record.fields().get(keyField);
			if (idOn(work.status, origin.other()) == null && key != null && !key.toString().isBlank()) {
				keys.put(work, key.toString());
			}
		}
		if (keys.isEmpty()) {
			return;
		}
		Side other = origin.other();
		KeyMatch match = link.schema(origin).keyMatch().looser(link.schema(other).keyMatch());
		Map<String, List<RecordData>> found = link.session(other).findByKeys(link.entity(), Set.copyOf(keys.values()),
				match);
		Set<String> claimed = new HashSet<>();
		for (Map.Entry<Work, String> entry : keys.entrySet()) {
			Work work = entry.getKey();
			String key = entry.getValue();
			String fold = match.fold(key);
			// A system's lookup may answer more than the key (a search); only a record whose key folds alike is a partner.
			List<RecordData> partners = found.getOrDefault(key, List.of()).stream().filter(record -> {
				Object theirs = record.fields().get(keyField);
				return theirs == null || match.fold(theirs.toString()).equals(fold);
			}).toList();
			try {
				if (partners.isEmpty()) {
					if (!claimed.add(fold)) {
						deferred.add(work);
					}
					continue;
				}
				RecordData partner = partner(link, origin, work, keyField, key, partners, match);
				if (!partner.id().equals(idOn(work.status, other))) {
					work.status = statuses.link(work.status.id(), other, partner.id());
				}
				work.records.put(other, partner);
			} catch (RecordProblem problem) {
				results.put(work.id, failed(link, work.status, problem.field(), problem.getMessage()));
			} catch (RuntimeException e) {
				results.put(work.id, failed(link, work.status, keyField, bind(Messages.Problem_unexpected, link, work.id,
						e.getMessage())));
			}
		}
	}

	private RecordData partner(EntityLink link, Side origin, Work work, String keyField, String key,
			List<RecordData> found, KeyMatch match) throws RecordProblem {
		Side other = origin.other();
		if (found.size() > 1) {
			throw new RecordProblem(keyField, NLS.bind(Messages.Problem_severalPartners, new Object[] { link.entity(),
					work.id, keyField, systemName(link, other), found.size(), key, ids(found) }));
		}
		RecordData partner = found.get(0);
		Optional<SyncStatus> mapped = other == Side.LOCAL ? statuses.findByLocalId(link.scope(), partner.id())
				: statuses.findByExternalId(link.scope(), partner.id());
		if (mapped.isPresent() && mapped.get().id() != work.status.id() && idOn(mapped.get(), origin) == null) {
			// The partner's row was never linked to a record here: one pair seen from both ends, as a crash
			// between a create and its outcome leaves it. The rows become one, instead of two that block each other.
			work.status = statuses.absorb(work.status.id(), mapped.get().id(), other, partner.id(), leaseOwner);
			return partner;
		}
		Object partnerKey = partner.fields().get(keyField);
		if (mapped.isPresent() && mapped.get().id() != work.status.id() && partnerKey != null && !key.equals(partnerKey.toString())) {
			// Two records of this side fold to one key there: a duplicate for the operator, never a second record.
			throw new RecordProblem(keyField, NLS.bind(Messages.Problem_duplicateKey, new Object[] { link.entity(), work.id,
					keyField, systemName(link, other), key, partnerKey, match.settingValue(), idOn(mapped.get(), origin) }));
		}
		if (mapped.isPresent() && mapped.get().id() != work.status.id()) {
			throw new RecordProblem(keyField, NLS.bind(Messages.Problem_partnerMappedElsewhere, new Object[] {
					link.entity(), work.id, keyField, systemName(link, other), key, idOn(mapped.get(), origin) }));
		}
		return partner;
	}

	/**
	 * Chooses the record's direction. Done records (unchanged, deleted) get their result here; a record
	 * to write gets its direction and mapped values, checked against the target's rules.
	 */
	private void decide(EntityLink link, Trigger trigger, Work work, Map<String, RecordResult> results)
			throws RecordProblem, ConnectorException {
		SyncStatus status = work.status;
		boolean neverSynchronized = status.localStamp() == null && status.externalStamp() == null;
		boolean localChanged = changed(work.records.get(Side.LOCAL), status.localId(), status.localStamp());
		boolean externalChanged = changed(work.records.get(Side.EXTERNAL), status.externalId(), status.externalStamp());
		if (!localChanged && !externalChanged && trigger == Trigger.CHANGE) {
			statuses.releaseLease(status.id(), leaseOwner);
			results.put(work.id, RecordResult.of(Action.UNCHANGED, status));
			return;
		}
		// Only an entity that travels both ways can be in conflict: one way, the origin's values simply win.
		boolean bothWays = link.origins().size() == 2;
		if (trigger == Trigger.COMPLETE_UPDATE) { // re-sends the company's values over whatever changed outside
			work.from = Side.LOCAL;
			work.conflict = bothWays && externalChanged && !neverSynchronized;
		} else {
			work.from = localChanged == externalChanged ? link.primary() : localChanged ? Side.LOCAL : Side.EXTERNAL;
			// A pair just found by its unique key has no common past, so differing values are no conflict.
			work.conflict = bothWays && localChanged && externalChanged && !neverSynchronized;
		}
		Side to = work.from.other();
		RecordData source = work.records.get(work.from);
		if (source == null || source.deleted()) {
			String targetId = idOn(status, to);
			if (targetId != null) {
				link.session(to).delete(link.entity(), targetId);
			}
			SyncStatus deleted = statuses.succeeded(status.id(), outcome(SyncState.DELETED, status, work.from, source, to,
					null, Map.of(), Map.of()));
			results.put(work.id, RecordResult.of(Action.DELETED, deleted));
			return;
		}
		FieldValues mapped = references.translate(FieldMapper.map(source.fields(), work.from, link), work.from, link,
				source.id());
		mapped = TargetValues.rounded(link, work.id, to, mapped, systemName(link, to), work.notes);
		FieldValidator.validate(mapped, link.schema(to), source.id(), systemName(link, to));
		mapped = TargetValues.withFiles(link, work.from, to, source.id(), mapped);
		RecordData target = work.records.get(to);
		if (work.conflict && target != null && TargetValues.same(mapped, target.fields())) {
			work.conflict = false; // both sides changed to the same values: nothing for an operator to decide
		}
		if (work.conflict && status.writing() != null && target != null
				&& status.writing().equals(WriteDigest.ofTarget(target.fields(), mapped))) {
			// The target holds this engine's own write, which a process that died did not record: no one
			// changed the record there.
			work.conflict = false;
		}
		work.mapped = mapped;
	}

	/** Writes the page's records to one side in one call and turns each answer into an outcome or a failure. */
	private void write(EntityLink link, Side to, List<Work> works, Map<String, RecordResult> results,
			Map<Long, SyncOutcome> outcomes, Map<Long, Work> written) throws ConnectorException {
		List<RecordWrite> writes = works.stream().map(work -> {
			String targetId = idOn(work.status, to);
			return targetId == null ? RecordWrite.create(work.mapped) : RecordWrite.update(targetId, work.mapped);
		}).toList();
		List<WriteResult> answers = link.session(to).writeAll(link.entity(), writes);
		if (answers.size() != writes.size()) {
			throw new IllegalStateException(NLS.bind(Messages.Problem_answerCount, new Object[] { link.scope().system(),
					writes.size(), answers.size() }));
		}
		for (int i = 0; i < works.size(); i++) {
			Work work = works.get(i);
			WriteResult answer = answers.get(i);
			if (answer.refused() != null) {
				results.put(work.id, failed(link, work.status, answer.refused().field(), bind(Messages.Problem_rejected,
						link, work.id, answer.refused().getMessage())));
				continue;
			}
			// Values kept for review are named as the connected system names them, whichever way they went.
			RecordData source = work.records.get(work.from);
			RecordData loser = work.records.get(to);
			Map<String, String> conflictValues = !work.conflict || loser == null ? Map.of()
					: to == Side.LOCAL ? references.asExternal(loser, link).text() : loser.fields().text();
			Map<String, String> syncedValues = work.from == Side.LOCAL ? work.mapped.text() : source.fields().text();
			outcomes.put(work.status.id(), outcome(work.conflict ? SyncState.CONFLICT : SyncState.SYNCHRONIZED,
					work.status, work.from, source, to, answer.written(), syncedValues, conflictValues));
			written.put(work.status.id(), work);
		}
	}

	private static SyncOutcome outcome(SyncState state, SyncStatus status, Side from, RecordData source, Side to,
			RecordData written, Map<String, String> synced, Map<String, String> conflictValues) {
		Map<Side, String> ids = new LinkedHashMap<>();
		Map<Side, String> stamps = new LinkedHashMap<>();
		ids.put(from, source != null ? source.id() : idOn(status, from));
		stamps.put(from, source != null ? source.stamp() : null);
		ids.put(to, written != null ? written.id() : idOn(status, to));
		stamps.put(to, written != null ? written.stamp() : null);
		return new SyncOutcome(state, ids.get(Side.LOCAL), ids.get(Side.EXTERNAL), stamps.get(Side.LOCAL),
				stamps.get(Side.EXTERNAL), synced, conflictValues);
	}

	static Optional<RecordData> read(EntityLink link, Side side, String id) throws ConnectorException {
		return id == null ? Optional.empty() : link.session(side).read(link.entity(), id);
	}

	/** A side changed when its record appeared, disappeared, was deleted or has a new stamp. */
	private static boolean changed(RecordData record, String id, String stampWhenSynchronized) {
		if (id == null) {
			return false;
		}
		if (record == null || record.deleted()) {
			return stampWhenSynchronized != null;
		}
		return !Objects.equals(record.stamp(), stampWhenSynchronized);
	}

	private RecordResult failed(EntityLink link, SyncStatus status, String field, String message) {
		return RecordResult.of(Action.FAILED, statuses.failed(status.id(), field, message, link.maxAttempts()));
	}

	private RecordResult postProcess(EntityLink link, RecordResult result) {
		List<String> warnings = new ArrayList<>(result.warnings());
		for (PostProcessor postProcessor : postProcessors) {
			try {
				postProcessor.afterSynchronized(link, result);
			} catch (Exception e) {
				warnings.add(NLS.bind(Messages.Warning_postProcessing,
						new Object[] { link.entity(), describe(result.status()), e.getMessage() }));
			}
		}
		return warnings.size() == result.warnings().size() ? result : new RecordResult(result.action(), result.status(), warnings);
	}

	static String bind(String template, EntityLink link, String id, String detail) {
		return NLS.bind(template, new Object[] { link.entity(), id, null, link.scope().system(), detail });
	}

	private static String systemName(EntityLink link, Side side) {
		return side == Side.LOCAL ? Messages.System_companyDatabase : link.scope().system();
	}

	private static String describe(SyncStatus status) {
		return status.localId() != null ? status.localId() : status.externalId();
	}

	private static String idOn(SyncStatus status, Side side) {
		return side == Side.LOCAL ? status.localId() : status.externalId();
	}

	private static String ids(List<RecordData> records) {
		return String.join(", ", records.stream().map(RecordData::id).toList()); //$NON-NLS-1$
	}
}
