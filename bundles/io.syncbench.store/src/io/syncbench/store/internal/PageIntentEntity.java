package io.syncbench.store.internal;

import java.time.Instant;
import java.util.Map;

import io.syncbench.store.StatusScope;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/**
 * A page's writes, announced before they are sent: for each record that has a status row, the digest
 * of the values written to it. The page's end removes it in the transaction that stores the outcomes;
 * one that is still there belongs to a holder that died or lost its connection mid-page.
 */
@Entity
@Table(name = "SB_PAGE_INTENT", indexes = @Index(name = "SB_PAGE_INTENT_BY_SCOPE",
		columnList = "COMPANY_ID, SYSTEM_NAME, ENTITY"))
public class PageIntentEntity extends StoreRow {

	@Embedded
	private ScopeColumns scope;

	@Column(name = "OWNER", nullable = false, length = 200)
	private String owner;

	@Column(name = "CREATED_AT", nullable = false)
	private Instant createdAt;

	/** Status row id to digest, as JSON; records to be created are found by their unique key instead. */
	@Convert(converter = FieldValuesConverter.class)
	@Column(name = "DIGESTS", length = SchemaSetup.JSON_LENGTH)
	private Map<String, String> digests;

	@Column(name = "CREATES", nullable = false)
	private int creates;

	protected PageIntentEntity() {
		// for JPA
	}

	PageIntentEntity(StatusScope scope, String owner, Instant createdAt, Map<String, String> digests, int creates) {
		this.scope = new ScopeColumns(scope);
		this.owner = owner;
		this.createdAt = createdAt;
		this.digests = digests;
		this.creates = creates;
	}

	long rowId() {
		return id();
	}

	Map<String, String> digests() {
		return digests;
	}
}
