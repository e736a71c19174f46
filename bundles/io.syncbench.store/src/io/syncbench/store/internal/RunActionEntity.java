package io.syncbench.store.internal;

import io.syncbench.store.RunHistoryService.Action;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.TableGenerator;
import jakarta.persistence.Table;

/** One record's action in a run. */
@Entity
@Table(name = "SB_RUN_ACTION", indexes = @Index(name = "SB_ACTION_BY_RUN", columnList = "RUN_ID, ID"))
public class RunActionEntity {

	// Ids come from a table, allocated on a connection of their own: Derby's identity columns and
	// sequences fail with "too much contention" when several threads insert at once.
	@Id
	@TableGenerator(name = "SB_RUN_ACTION_IDS", table = "SB_ID", pkColumnName = "ID_NAME", valueColumnName = "NEXT_ID",
			pkColumnValue = "RUN_ACTION", allocationSize = 50)
	@GeneratedValue(strategy = GenerationType.TABLE, generator = "SB_RUN_ACTION_IDS")
	private long id;

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

	RunActionEntity(long runId, Action action) {
		this.runId = runId;
		this.entity = action.entity();
		this.recordId = action.recordId();
		this.action = action.action();
		this.message = SyncStatusEntity.shorten(action.message());
	}

	Action toRecord() {
		return new Action(entity, recordId, action, message);
	}
}
