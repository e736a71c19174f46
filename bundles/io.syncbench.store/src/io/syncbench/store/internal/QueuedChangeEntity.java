package io.syncbench.store.internal;

import java.time.Instant;

import io.syncbench.store.QueuedChange;
import io.syncbench.store.StatusScope;
import io.syncbench.store.SyncStatusService.Side;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.TableGenerator;
import jakarta.persistence.Table;

/** A change queue entry; the unique index keeps one entry per record and side. */
@Entity
@Table(name = "SB_CHANGE_QUEUE", indexes = @Index(name = "SB_QUEUE_BY_RECORD",
		columnList = "COMPANY_ID, SYSTEM_NAME, ENTITY, SIDE, RECORD_ID", unique = true))
public class QueuedChangeEntity {

	// Ids come from a table, allocated on a connection of their own: Derby's identity columns and
	// sequences fail with "too much contention" when several threads insert at once.
	@Id
	@TableGenerator(name = "SB_CHANGE_QUEUE_IDS", table = "SB_ID", pkColumnName = "ID_NAME", valueColumnName = "NEXT_ID",
			pkColumnValue = "CHANGE_QUEUE", allocationSize = 50)
	@GeneratedValue(strategy = GenerationType.TABLE, generator = "SB_CHANGE_QUEUE_IDS")
	private long id;

	@Column(name = "COMPANY_ID", nullable = false)
	private long companyId;

	@Column(name = "SYSTEM_NAME", nullable = false, length = 80)
	private String system;

	@Column(name = "ENTITY", nullable = false, length = 80)
	private String entity;

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
		this.companyId = scope.companyId();
		this.system = scope.system();
		this.entity = scope.entity();
		this.side = side;
		this.recordId = recordId;
		this.enqueuedAt = enqueuedAt;
	}

	QueuedChange toRecord() {
		return new QueuedChange(id, new StatusScope(companyId, system, entity), side, recordId, enqueuedAt);
	}
}
