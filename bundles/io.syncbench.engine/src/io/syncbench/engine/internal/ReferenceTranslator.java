package io.syncbench.engine.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.eclipse.osgi.util.NLS;

import io.syncbench.connector.FieldSchema;
import io.syncbench.connector.FieldSchema.FieldType;
import io.syncbench.connector.FieldValues;
import io.syncbench.connector.RecordData;
import io.syncbench.engine.EntityLink;
import io.syncbench.store.StatusScope;
import io.syncbench.store.SyncState;
import io.syncbench.store.SyncStatus;
import io.syncbench.store.SyncStatusService;
import io.syncbench.store.SyncStatusService.Side;

/**
 * Turns the ids in reference fields (an address's customer, an order line's product) from the source
 * system's ids into the target system's, through the status rows of the referenced entity. A reference
 * to a record not synchronized yet fails the record, naming the field; dependencies go first, so this
 * happens only when the referenced record failed itself, and the record is retried with it. A reference
 * to a record in conflict makes the record wait until the operator resolved it.
 */
public final class ReferenceTranslator {

	private final SyncStatusService statuses;

	public ReferenceTranslator(SyncStatusService statuses) {
		this.statuses = statuses;
	}

	public FieldValues translate(FieldValues mapped, Side from, EntityLink link, String recordId)
			throws RecordProblem, RecordWaits {
		Side to = from.other();
		Map<String, Object> translated = null; // copied at the first reference: most entities have none
		for (Map.Entry<String, Object> value : mapped.values().entrySet()) {
			String referenced = referencedEntity(link, to, from, value.getKey());
			if (referenced == null || value.getValue() == null) {
				continue;
			}
			if (translated == null) {
				translated = new LinkedHashMap<>(mapped.values());
			}
			String sourceId = value.getValue().toString();
			StatusScope scope = new StatusScope(link.scope().companyId(), link.scope().system(), referenced);
			Optional<SyncStatus> partner = from == Side.LOCAL ? statuses.findByLocalId(scope, sourceId)
					: statuses.findByExternalId(scope, sourceId);
			if (partner.isPresent() && partner.get().state() == SyncState.CONFLICT) {
				throw new RecordWaits(NLS.bind(Messages.Problem_referenceInConflict,
						new Object[] { link.entity(), recordId, value.getKey(), referenced, sourceId, link.scope().system() }));
			}
			String targetId = partner.map(p -> to == Side.LOCAL ? p.localId() : p.externalId()).orElse(null);
			if (targetId == null) {
				throw new RecordProblem(value.getKey(), NLS.bind(Messages.Problem_referenceNotSynchronized,
						new Object[] { link.entity(), recordId, value.getKey(), referenced, sourceId, link.scope().system() }));
			}
			translated.put(value.getKey(), typed(targetId, link.schema(to).field(value.getKey()).orElse(null)));
		}
		return translated == null ? mapped : FieldValues.of(translated);
	}

	/**
	 * A company database record's values under the connected system's names, its references
	 * translated where their partners are known, for review; an unknown partner keeps the company's id.
	 */
	public FieldValues asExternal(RecordData local, EntityLink link) {
		FieldValues mapped = FieldMapper.map(local.fields(), Side.LOCAL, link);
		try {
			return translate(mapped, Side.LOCAL, link, local.id());
		} catch (RecordProblem | RecordWaits e) {
			return mapped;
		}
	}

	/** A field is a reference when either system says so. */
	private static String referencedEntity(EntityLink link, Side to, Side from, String field) {
		return link.schema(to).field(field).map(FieldSchema::references)
				.or(() -> link.schema(from).field(field).map(FieldSchema::references)).orElse(null);
	}

	private static Object typed(String id, FieldSchema field) {
		if (field != null && field.type() == FieldType.INTEGER) {
			try {
				return Long.valueOf(id);
			} catch (NumberFormatException e) {
				return id; // the validator names the field and the value
			}
		}
		return id;
	}
}
