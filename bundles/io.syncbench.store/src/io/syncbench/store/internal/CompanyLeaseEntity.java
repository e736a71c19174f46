package io.syncbench.store.internal;

import java.time.Instant;

import io.syncbench.store.ServiceStateService.CompanyLease;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/**
 * Which headless service runs a company's schedule, and until when: one row per company, taken and
 * renewed with conditional UPDATEs at each heartbeat. A company nobody holds keeps in its expiry since
 * when it is free. A service short of its share asks for a company
 * by naming itself in {@code REQUESTED_BY}; the holder hands it over at its next heartbeat.
 */
@Entity
@Table(name = "SB_COMPANY_LEASE", indexes = @Index(name = "SB_COMPANY_LEASE_BY_COMPANY", columnList = "COMPANY_ID",
		unique = true))
public class CompanyLeaseEntity extends StoreRow {

	@Column(name = "COMPANY_ID", nullable = false)
	private long companyId;

	@Column(name = "OWNER", length = 200)
	private String owner;

	@Column(name = "EXPIRY")
	private Instant expiry;

	@Column(name = "REQUESTED_BY", length = 200)
	private String requestedBy;

	protected CompanyLeaseEntity() {
		// for JPA
	}

	/** A company nobody holds yet; free since {@code now}. */
	CompanyLeaseEntity(long companyId, Instant now) {
		this.companyId = companyId;
		this.expiry = now;
	}

	long companyId() {
		return companyId;
	}

	void requestBy(String instance) {
		this.requestedBy = instance;
	}

	CompanyLease toRecord() {
		return new CompanyLease(companyId, owner, expiry, requestedBy);
	}
}
