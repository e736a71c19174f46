package io.syncbench.store.internal;

import io.syncbench.store.StatusScope;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/** How far an unfinished complete update of one entity with one system got: the company's read position after the last page done. */
@Entity
@Table(name = "SB_RESEND_PROGRESS", indexes = @Index(name = "SB_RESEND_BY_SCOPE",
		columnList = "COMPANY_ID, SYSTEM_NAME, ENTITY", unique = true))
public class ResendProgressEntity extends StoreRow {

	@Embedded
	private ScopeColumns scope;

	@Column(name = "POSITION", length = 1000)
	private String position;

	protected ResendProgressEntity() {
		// for JPA
	}

	ResendProgressEntity(StatusScope scope) {
		this.scope = new ScopeColumns(scope);
	}

	String position() {
		return position;
	}

	void moveTo(String newPosition) {
		this.position = newPosition;
	}
}
