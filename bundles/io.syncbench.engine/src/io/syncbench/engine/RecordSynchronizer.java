package io.syncbench.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.eclipse.osgi.util.NLS;

import io.syncbench.connector.ConnectorException;
import io.syncbench.connector.FieldValues;
import io.syncbench.connector.RecordData;
import io.syncbench.engine.RecordResult.Action;
import io.syncbench.engine.internal.FieldMapper;
import io.syncbench.engine.internal.FieldValidator;
import io.syncbench.engine.internal.Messages;
import io.syncbench.engine.internal.RecordProblem;
import io.syncbench.engine.internal.ReferenceTranslator;
import io.syncbench.store.SyncOutcome;
import io.syncbench.store.SyncState;
import io.syncbench.store.SyncStatus;
import io.syncbench.store.SyncStatusService;
import io.syncbench.store.SyncStatusService.Side;

/**
 * The per-record pipeline: load the status; find a partner by unique key when there is none; choose
 * the direction from the change stamps; hold the record's lease; map, validate and save on the
 * target; store the outcome; run the post-processors. A record's failure is stored on its status and
 * the caller goes on with the next; only a lost connection or rejected credentials stop the caller.
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
		SyncStatus status = statuses.track(link.scope(), origin, id);
		if (!statuses.acquireLease(status.id(), leaseOwner, leaseDuration)) {
			return RecordResult.of(Action.LOCKED, status);
		}
		if (status.state() == SyncState.SKIPPED && trigger == Trigger.CHANGE) {
			statuses.releaseLease(status.id(), leaseOwner);
			return RecordResult.of(Action.SKIPPED, status);
		}
		RecordResult result;
		try {
			result = process(link, status, origin, trigger);
		} catch (RecordProblem problem) {
			return failed(link, status, problem.field(), problem.getMessage());
		} catch (ConnectorException e) {
			if (e.kind() != ConnectorException.Kind.RECORD_REJECTED) {
				statuses.releaseLease(status.id(), leaseOwner);
				throw e;
			}
			return failed(link, status, e.field(), bind(Messages.Problem_rejected, link, id, e.getMessage()));
		} catch (RuntimeException e) { // a fault in one record (a connector bug, a refused link) never stops the run
			return failed(link, status, null, bind(Messages.Problem_unexpected, link, id, e.getMessage()));
		}
		return postProcess(link, result);
	}

	private RecordResult process(EntityLink link, SyncStatus initial, Side origin, Trigger trigger)
			throws RecordProblem, ConnectorException {
		SyncStatus status = initial;
		Map<Side, RecordData> records = new LinkedHashMap<>();
		for (Side side : Side.values()) {
			read(link, side, idOn(status, side)).ifPresent(r -> records.put(side, r));
		}
		RecordData localRecord = records.get(Side.LOCAL);
		if (localRecord != null && !localRecord.deleted() && !link.inSlice(localRecord.fields())) {
			statuses.releaseLease(status.id(), leaseOwner);
			return RecordResult.of(Action.OUT_OF_SLICE, status);
		}
		boolean neverSynchronized = status.localStamp() == null && status.externalStamp() == null;
		if (idOn(status, origin.other()) == null && records.containsKey(origin) && !records.get(origin).deleted()) {
			Optional<RecordData> partner = findPartner(link, origin, records.get(origin), status);
			if (partner.isPresent()) {
				status = statuses.link(status.id(), origin.other(), partner.get().id());
				records.put(origin.other(), partner.get());
			}
		}

		boolean localChanged = changed(records.get(Side.LOCAL), status.localId(), status.localStamp());
		boolean externalChanged = changed(records.get(Side.EXTERNAL), status.externalId(), status.externalStamp());
		if (!localChanged && !externalChanged && trigger == Trigger.CHANGE) {
			statuses.releaseLease(status.id(), leaseOwner);
			return RecordResult.of(Action.UNCHANGED, status);
		}
		Side from;
		boolean conflict;
		if (trigger == Trigger.COMPLETE_UPDATE) { // re-sends the company's values over whatever changed outside
			from = Side.LOCAL;
			conflict = externalChanged && !neverSynchronized;
		} else {
			from = localChanged == externalChanged ? link.primary() : localChanged ? Side.LOCAL : Side.EXTERNAL;
			conflict = localChanged && externalChanged && !neverSynchronized;
		}
		// A pair just found by its unique key has no common past, so differing values are no conflict.
		return apply(link, status, from, records, conflict);
	}

	private RecordResult apply(EntityLink link, SyncStatus status, Side from, Map<Side, RecordData> records,
			boolean conflict) throws RecordProblem, ConnectorException {
		Side to = from.other();
		RecordData source = records.get(from);
		String targetId = idOn(status, to);
		if (source == null || source.deleted()) {
			if (targetId != null) {
				link.session(to).delete(link.entity(), targetId);
			}
			SyncStatus deleted = statuses.succeeded(status.id(), outcome(SyncState.DELETED, status, from, source, to,
					null, Map.of(), Map.of()));
			return RecordResult.of(Action.DELETED, deleted);
		}
		FieldValues mapped = references.translate(FieldMapper.map(source.fields(), from, link), from, link, source.id());
		FieldValidator.validate(mapped, link.schema(to), source.id(), link.scope().system());
		RecordData written = targetId == null ? link.session(to).create(link.entity(), mapped)
				: link.session(to).update(link.entity(), targetId, mapped);
		// Values kept for review are named as the connected system names them, whichever way they went.
		RecordData loser = records.get(to);
		Map<String, String> conflictValues = !conflict || loser == null ? Map.of()
				: to == Side.LOCAL ? references.asExternal(loser, link).text() : loser.fields().text();
		Map<String, String> syncedValues = from == Side.LOCAL ? mapped.text() : source.fields().text();
		SyncStatus synced = statuses.succeeded(status.id(), outcome(conflict ? SyncState.CONFLICT : SyncState.SYNCHRONIZED,
				status, from, source, to, written, syncedValues, conflictValues));
		return RecordResult.of(from == Side.LOCAL ? Action.SENT : Action.RECEIVED, synced);
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

	/**
	 * Looks for the record's partner on the other side by the entity's unique key: none found means the
	 * record will be created there; one found and not mapped to another record becomes the partner;
	 * several, or one mapped elsewhere, fail the record.
	 */
	private Optional<RecordData> findPartner(EntityLink link, Side origin, RecordData record, SyncStatus status)
			throws RecordProblem, ConnectorException {
		String keyField = link.schema(origin).uniqueKey();
		Object key = keyField == null ? null : record.fields().get(keyField);
		if (key == null || key.toString().isBlank()) {
			return Optional.empty();
		}
		Side other = origin.other();
		List<RecordData> found = link.session(other).findByKey(link.entity(), key.toString());
		if (found.size() > 1) {
			throw new RecordProblem(keyField, NLS.bind(Messages.Problem_severalPartners, new Object[] { link.entity(),
					record.id(), keyField, systemName(link, other), found.size(), key, ids(found) }));
		}
		if (found.isEmpty()) {
			return Optional.empty();
		}
		RecordData partner = found.get(0);
		Optional<SyncStatus> mapped = other == Side.LOCAL ? statuses.findByLocalId(link.scope(), partner.id())
				: statuses.findByExternalId(link.scope(), partner.id());
		if (mapped.isPresent() && mapped.get().id() != status.id()) {
			throw new RecordProblem(keyField, NLS.bind(Messages.Problem_partnerMappedElsewhere, new Object[] {
					link.entity(), record.id(), keyField, systemName(link, other), key, idOn(mapped.get(), origin) }));
		}
		return Optional.of(partner);
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
		List<String> warnings = new ArrayList<>();
		for (PostProcessor postProcessor : postProcessors) {
			try {
				postProcessor.afterSynchronized(link, result);
			} catch (Exception e) {
				warnings.add(NLS.bind(Messages.Warning_postProcessing,
						new Object[] { link.entity(), describe(result.status()), e.getMessage() }));
			}
		}
		return warnings.isEmpty() ? result : new RecordResult(result.action(), result.status(), warnings);
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
