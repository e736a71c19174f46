package io.syncbench.store.internal;

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

/** Where reading one side's changes goes on from. */
@Entity
@Table(name = "SB_CHANGE_CURSOR", indexes = @Index(name = "SB_CURSOR_BY_SCOPE",
		columnList = "COMPANY_ID, SYSTEM_NAME, ENTITY, SIDE", unique = true))
public class ChangeCursorEntity {

	// Ids come from a table, allocated on a connection of their own: Derby's identity columns and
	// sequences fail with "too much contention" when several threads insert at once.
	@Id
	@TableGenerator(name = "SB_CHANGE_CURSOR_IDS", table = "SB_ID", pkColumnName = "ID_NAME", valueColumnName = "NEXT_ID",
			pkColumnValue = "CHANGE_CURSOR", allocationSize = 50)
	@GeneratedValue(strategy = GenerationType.TABLE, generator = "SB_CHANGE_CURSOR_IDS")
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

	@Column(name = "POSITION", length = 1000)
	private String position;

	protected ChangeCursorEntity() {
		// for JPA
	}

	ChangeCursorEntity(StatusScope scope, Side side) {
		this.companyId = scope.companyId();
		this.system = scope.system();
		this.entity = scope.entity();
		this.side = side;
	}

	String position() {
		return position;
	}

	void moveTo(String newPosition) {
		this.position = newPosition;
	}
}
