package io.syncbench.store.internal;

import io.syncbench.store.StatusScope;
import io.syncbench.store.SyncStatusService.Side;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/** Where reading one side's changes goes on from. */
@Entity
@Table(name = "SB_CHANGE_CURSOR", indexes = @Index(name = "SB_CURSOR_BY_SCOPE",
		columnList = "COMPANY_ID, SYSTEM_NAME, ENTITY, SIDE", unique = true))
public class ChangeCursorEntity extends StoreRow {

	@Embedded
	private ScopeColumns scope;

	@Enumerated(EnumType.STRING)
	@Column(name = "SIDE", nullable = false, length = 10)
	private Side side;

	@Column(name = "POSITION", length = 1000)
	private String position;

	protected ChangeCursorEntity() {
		// for JPA
	}

	ChangeCursorEntity(StatusScope scope, Side side) {
		this.scope = new ScopeColumns(scope);
		this.side = side;
	}

	String position() {
		return position;
	}

	void moveTo(String newPosition) {
		this.position = newPosition;
	}
}
