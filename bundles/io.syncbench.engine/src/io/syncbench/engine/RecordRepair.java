package io.syncbench.engine;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.eclipse.osgi.util.NLS;

import io.syncbench.connector.ConnectorException;
import io.syncbench.connector.FieldSchema;
import io.syncbench.connector.FieldSchema.FieldType;
import io.syncbench.connector.FieldValues;
import io.syncbench.connector.RecordData;
import io.syncbench.engine.RecordResult.Action;
import io.syncbench.engine.internal.FieldMapper;
import io.syncbench.engine.internal.FieldValidator;
import io.syncbench.engine.internal.Messages;
import io.syncbench.engine.internal.RecordProblem;
import io.syncbench.engine.internal.RecordWaits;
import io.syncbench.engine.internal.TargetValues;
import io.syncbench.engine.internal.ReferenceTranslator;
import io.syncbench.store.SyncOutcome;
import io.syncbench.store.SyncState;
import io.syncbench.store.SyncStatus;
import io.syncbench.store.SyncStatusService;
import io.syncbench.store.SyncStatusService.Side;

/**
 * The Status Debugger's engine side: shows a failed or conflicting record's fields with both sides'
 * values, and writes the operator's decisions to both sides under the record's lease. Fields are named
 * as the connected system names them; the company database's values are mapped to those names.
 */
public final class RecordRepair {

	private final SyncStatusService statuses;
	private final String leaseOwner;
	private final Duration leaseDuration;
	private final ReferenceTranslator references;

	public RecordRepair(SyncStatusService statuses, String leaseOwner, Duration leaseDuration) {
		this.statuses = statuses;
		this.leaseOwner = leaseOwner;
		this.leaseDuration = leaseDuration;
		this.references = new ReferenceTranslator(statuses);
	}

	/**
	 * Reads both sides of the record now. After a conflict the losing side's values are the ones kept
	 * for review, since the winner's were written over them.
	 *
	 * @throws IllegalStateException when the status row is gone
	 */
	public RecordReview review(EntityLink link, long statusId) throws ConnectorException {
		SyncStatus status = existing(link, statusId);
		Map<Side, Map<String, String>> values = new LinkedHashMap<>();
		values.put(Side.LOCAL, live(link, Side.LOCAL, status.localId()).map(local -> references.asExternal(local, link).text())
				.orElse(Map.of()));
		values.put(Side.EXTERNAL, live(link, Side.EXTERNAL, status.externalId()).map(external -> external.fields().text())
				.orElse(Map.of()));
		Side overwritten = null;
		Map<String, String> now = Map.of();
		if (status.state() == SyncState.CONFLICT && !status.conflictValues().isEmpty()) {
			overwritten = link.primary().other();
			now = values.get(overwritten); // read just now: the winner's values, written over the loser's
			values.put(overwritten, status.conflictValues());
		}
		String errorField = externalName(link, status.errorField());
		boolean bothSides = !values.get(Side.LOCAL).isEmpty() && !values.get(Side.EXTERNAL).isEmpty();
		List<FieldReview> fields = new ArrayList<>();
		for (FieldSchema field : link.externalSchema().fields()) {
			String local = values.get(Side.LOCAL).get(field.name());
			String external = values.get(Side.EXTERNAL).get(field.name());
			boolean needsDecision = field.name().equals(errorField) || bothSides && !same(field, local, external);
			String held = overwritten == null ? null : values.get(overwritten).get(field.name());
			String holdsNow = overwritten == null || same(field, held, now.get(field.name())) ? null : now.get(field.name());
			fields.add(new FieldReview(field, localRule(link, field.name()), local, external,
					status.lastSynced().get(field.name()), needsDecision, holdsNow));
		}
		fields.sort(Comparator.comparing((FieldReview f) -> !f.field().equals(errorField))
				.thenComparing(f -> !f.needsDecision()));
		return new RecordReview(status, fields, errorField, overwritten);
	}

	/**
	 * Writes the record to both sides: the company database's values with the operator's decisions
	 * over them (or the connected system's values when the company database has no such record yet).
	 * Both sides are checked before either is written. A refusal is stored on the status, naming the
	 * field, as a run would store it.
	 *
	 * @param decisions typed values by the connected system's field names, for example from
	 *                  {@link FieldReview#parse(String)}; a null value clears the field
	 * @return {@link Action#RESOLVED} with the status now synchronized, {@link Action#FAILED} with the
	 *         reason, or {@link Action#LOCKED} when a run works on the record's entity and system right now
	 * @throws ConnectorException when a system is unreachable or refuses the credentials: nothing was
	 *                            stored, and the record stays as it was
	 */
	public RecordResult resolve(EntityLink link, long statusId, Map<String, Object> decisions) throws ConnectorException {
		SyncStatus status = existing(link, statusId);
		// The operator's write and a run's would race on the record: the link's work is held meanwhile.
		if (!statuses.holdWork(link.scope(), leaseOwner, leaseDuration)) {
			return RecordResult.of(Action.LOCKED, status);
		}
		try {
			return resolve(link, status, decisions);
		} finally {
			statuses.releaseWork(link.scope(), leaseOwner);
		}
	}

	private RecordResult resolve(EntityLink link, SyncStatus status, Map<String, Object> decisions)
			throws ConnectorException {
		String recordId = status.localId() != null ? status.localId() : status.externalId();
		try {
			Optional<RecordData> local = live(link, Side.LOCAL, status.localId());
			Optional<RecordData> external = live(link, Side.EXTERNAL, status.externalId());
			Map<String, Object> payload = new LinkedHashMap<>();
			if (local.isPresent()) {
				payload.putAll(references.translate(FieldMapper.map(local.get().fields(), Side.LOCAL, link), Side.LOCAL,
						link, recordId).values());
			} else {
				external.ifPresent(record -> link.externalSchema().fields().stream()
						.filter(f -> record.fields().values().containsKey(f.name()))
						.forEach(f -> payload.put(f.name(), record.fields().get(f.name()))));
			}
			payload.putAll(decisions);
			FieldValues toExternal = FieldValues.of(payload);
			FieldValidator.validate(toExternal, link.externalSchema(), recordId, link.scope().system());
			FieldValues toLocal = references.translate(FieldMapper.map(toExternal, Side.EXTERNAL, link), Side.EXTERNAL,
					link, recordId);
			FieldValidator.validate(toLocal, link.localSchema(), recordId, Messages.System_companyDatabase);
			FieldValues withFiles = TargetValues.withFiles(link, Side.LOCAL, Side.EXTERNAL, recordId, toExternal);
			RecordData writtenExternal = write(link, Side.EXTERNAL, status.externalId(), withFiles);
			RecordData writtenLocal = write(link, Side.LOCAL, status.localId(), toLocal);
			return RecordResult.of(Action.RESOLVED, statuses.succeeded(status.id(), new SyncOutcome(SyncState.SYNCHRONIZED,
					writtenLocal.id(), writtenExternal.id(), writtenLocal.stamp(), writtenExternal.stamp(), toExternal.text(), Map.of())));
		} catch (RecordWaits waits) { // resolve the record it refers to first
			return new RecordResult(Action.WAITING, status, List.of(waits.getMessage()));
		} catch (RecordProblem problem) {
			return RecordResult.of(Action.FAILED, statuses.failed(status.id(), problem.field(), problem.getMessage(),
					link.maxAttempts()));
		} catch (ConnectorException e) {
			if (e.kind() != ConnectorException.Kind.RECORD_REJECTED) {
				throw e;
			}
			return RecordResult.of(Action.FAILED, statuses.failed(status.id(), e.field(), RecordSynchronizer.bind(
					Messages.Problem_rejected, link, recordId, e.getMessage()), link.maxAttempts()));
		}
	}

	private SyncStatus existing(EntityLink link, long statusId) {
		return statuses.find(statusId).orElseThrow(
				() -> new IllegalStateException(NLS.bind(Messages.Resolve_gone, link.entity(), statusId)));
	}

	private static RecordData write(EntityLink link, Side side, String id, FieldValues values) throws ConnectorException {
		return id == null ? link.session(side).create(link.entity(), values)
				: link.session(side).update(link.entity(), id, values);
	}

	/** The connected system's name of a field an error named on either side. */
	private static String externalName(EntityLink link, String field) {
		if (field == null || link.externalSchema().field(field).isPresent()) {
			return field;
		}
		return link.mappings().stream().filter(m -> m.localField().equals(field)).map(FieldMapping::externalField)
				.findFirst().orElse(null);
	}

	private static FieldSchema localRule(EntityLink link, String externalField) {
		String localField = link.mappings().stream().filter(m -> m.externalField().equals(externalField))
				.map(FieldMapping::localField).findFirst().orElse(externalField);
		return link.localSchema().field(localField).orElse(null);
	}

	/** Values are the same when their text is, or for decimals their number is (12.50 and 12.5). */
	private static boolean same(FieldSchema field, String a, String b) {
		if (Objects.equals(a, b)) {
			return true;
		}
		if (a != null && b != null && field.type() == FieldType.DECIMAL) {
			try {
				return new BigDecimal(a).compareTo(new BigDecimal(b)) == 0;
			} catch (NumberFormatException e) {
				return false;
			}
		}
		return false;
	}

	/** The record on one side as it is now; a deleted one counts as none. */
	private static Optional<RecordData> live(EntityLink link, Side side, String id) throws ConnectorException {
		return RecordSynchronizer.read(link, side, id).filter(r -> !r.deleted());
	}
}
