package io.syncbench.store.internal;

import java.time.Instant;

import io.syncbench.store.StatusScope;
import io.syncbench.store.SyncStatusService.WorkLease;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/**
 * Who works on one entity with one connected system now, and until when: one row per link, taken
 * and renewed with a conditional UPDATE, so that two processes on one store never work on the same
 * records, and a holder that died loses it when it expires.
 */
@Entity
@Table(name = "SB_WORK_LEASE", indexes = @Index(name = "SB_WORK_LEASE_BY_SCOPE",
		columnList = "COMPANY_ID, SYSTEM_NAME, ENTITY", unique = true))
public class WorkLeaseEntity extends StoreRow {

	@Embedded
	private ScopeColumns scope;

	@Column(name = "OWNER", length = 200)
	private String owner;

	@Column(name = "EXPIRY")
	private Instant expiry;

	protected WorkLeaseEntity() {
		// for JPA
	}

	WorkLeaseEntity(StatusScope scope, String owner, Instant expiry) {
		this.scope = new ScopeColumns(scope);
		this.owner = owner;
		this.expiry = expiry;
	}

	WorkLease toRecord() {
		return new WorkLease(scope.toScope(), owner, expiry);
	}
}
