package io.syncbench.store.internal;

import io.syncbench.store.RunHistoryService.Action;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/** One record's action in a run; written by {@link JpaRunHistoryService#recorded} in JDBC batches. */
@Entity
@Table(name = "SB_RUN_ACTION", indexes = @Index(name = "SB_ACTION_BY_RUN", columnList = "RUN_ID, ID"))
public class RunActionEntity extends StoreRow {

	@Column(name = "RUN_ID", nullable = false)
	private long runId;

	@Column(name = "ENTITY", nullable = false, length = 80)
	private String entity;

	@Column(name = "RECORD_ID", length = SyncStatusEntity.MAX_ID_LENGTH)
	private String recordId;

	@Column(name = "RECORD_ACTION", nullable = false, length = 20)
	private String action;

	@Column(name = "MESSAGE", length = SyncStatusEntity.MAX_MESSAGE_LENGTH)
	private String message;

	protected RunActionEntity() {
		// for JPA
	}

	Action toRecord() {
		return new Action(entity, recordId, action, message);
	}
}
