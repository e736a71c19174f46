package io.syncbench.store.internal;

import java.time.Instant;

import io.syncbench.store.QueuedChange;
import io.syncbench.store.StatusScope;
import io.syncbench.store.SyncStatusService.Side;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/** A change queue entry; the unique index keeps one entry per record and side. */
@Entity
@Table(name = "SB_CHANGE_QUEUE", indexes = @Index(name = "SB_QUEUE_BY_RECORD",
		columnList = "COMPANY_ID, SYSTEM_NAME, ENTITY, SIDE, RECORD_ID", unique = true))
public class QueuedChangeEntity extends StoreRow {

	@Embedded
	private ScopeColumns scope;

	@Enumerated(EnumType.STRING)
	@Column(name = "SIDE", nullable = false, length = 10)
	private Side side;

	@Column(name = "RECORD_ID", nullable = false, length = SyncStatusEntity.MAX_ID_LENGTH)
	private String recordId;

	@Column(name = "ENQUEUED_AT", nullable = false)
	private Instant enqueuedAt;

	protected QueuedChangeEntity() {
		// for JPA
	}

	QueuedChangeEntity(StatusScope scope, Side side, String recordId, Instant enqueuedAt) {
		this.scope = new ScopeColumns(scope);
		this.side = side;
		this.recordId = recordId;
		this.enqueuedAt = enqueuedAt;
	}

	QueuedChange toRecord() {
		return new QueuedChange(id(), scope.toScope(), side, recordId, enqueuedAt);
	}
}
