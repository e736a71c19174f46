package io.syncbench.store.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import io.syncbench.store.StatusScope;
import io.syncbench.store.SyncOutcome;
import io.syncbench.store.SyncState;
import io.syncbench.store.SyncStatus;
import io.syncbench.store.SyncStatusService.Side;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/**
 * A sync-status row. The record's id on each side is held twice: as itself (null while the record does
 * not exist on that side) and as a never-null key that unique indexes can guard, because Derby's unique
 * indexes treat NULLs as equal. A key whose id is unknown yet is a unique placeholder.
 */
@Entity
@Table(name = "SB_SYNC_STATUS", indexes = {
		// The record's id first: a lookup by id is a probe whatever the planner believes of the scope's rows.
		// Scope first, PostgreSQL took a new company's rows for a handful and scanned them for each page.
		@Index(name = "SB_STATUS_BY_LOCAL", columnList = "LOCAL_KEY, COMPANY_ID, SYSTEM_NAME, ENTITY", unique = true),
		@Index(name = "SB_STATUS_BY_EXTERNAL", columnList = "EXTERNAL_KEY, COMPANY_ID, SYSTEM_NAME, ENTITY", unique = true),
		// The Sync Status view's pages: a company's rows in id order, all of them or those of some states.
		@Index(name = SchemaSetup.STATUS_BY_COMPANY, columnList = "COMPANY_ID, ID"),
		@Index(name = SchemaSetup.STATUS_BY_COMPANY_STATE, columnList = "COMPANY_ID, STATE, ID") })
public class SyncStatusEntity extends StoreRow {

	/** Placeholder keys start so; no system's id is a '#' followed by a random UUID. */
	private static final String PLACEHOLDER = "#unknown-"; //$NON-NLS-1$
	static final int MAX_ID_LENGTH = 255;
	static final int MAX_MESSAGE_LENGTH = 2000;

	@Embedded
	private ScopeColumns scope;

	@Column(name = "LOCAL_ID", length = MAX_ID_LENGTH)
	private String localId;

	@Column(name = "LOCAL_KEY", nullable = false, length = MAX_ID_LENGTH)
	private String localKey;

	@Column(name = "EXTERNAL_ID", length = MAX_ID_LENGTH)
	private String externalId;

	@Column(name = "EXTERNAL_KEY", nullable = false, length = MAX_ID_LENGTH)
	private String externalKey;

	@Column(name = "LOCAL_STAMP", length = MAX_ID_LENGTH)
	private String localStamp;

	@Column(name = "EXTERNAL_STAMP", length = MAX_ID_LENGTH)
	private String externalStamp;

	@Column(name = "PENDING", nullable = false)
	private boolean pending;

	@Enumerated(EnumType.STRING)
	@Column(name = "STATE", nullable = false, length = 20)
	private SyncState state;

	/** Record leases of SyncBench 0.1, given back by each outcome; the work is leased per link now (SB_WORK_LEASE). */
	@Column(name = "LEASE_OWNER", length = 200)
	private String leaseOwner;

	@Column(name = "LEASE_EXPIRY")
	private Instant leaseExpiry;

	@Column(name = "ERROR_FIELD", length = 200)
	private String errorField;

	@Column(name = "ERROR_MESSAGE", length = MAX_MESSAGE_LENGTH)
	private String errorMessage;

	@Column(name = "ATTEMPTS", nullable = false)
	private int attempts;

	@Column(name = "UPDATED_AT", nullable = false)
	private Instant updatedAt;

	/** JSON text: values are read for review only, so they need no table of their own. */
	@Convert(converter = ReviewValuesConverter.class)
	@Column(name = "LAST_SYNCED", length = SchemaSetup.JSON_LENGTH)
	private Map<String, String> lastSynced = new HashMap<>();

	@Convert(converter = ReviewValuesConverter.class)
	@Column(name = "CONFLICT_VALUES", length = SchemaSetup.JSON_LENGTH)
	private Map<String, String> conflictValues = new HashMap<>();

	/** Schema step 3: the digest of the values being written, until the outcome is stored. */
	@Column(name = "WRITING", length = 64)
	private String writing;

	/** Schema step 9: the record's unique key's value, which the operator finds it by. */
	@Column(name = "DISPLAY_KEY", length = MAX_DISPLAY_KEY_LENGTH)
	private String displayKey;

	protected SyncStatusEntity() {
		// for JPA
	}

	SyncStatusEntity(StatusScope scope, Side side, String recordId, Instant now) {
		this.scope = new ScopeColumns(scope);
		this.localKey = placeholder();
		this.externalKey = placeholder();
		setId(side, recordId);
		this.state = SyncState.PENDING;
		this.pending = true;
		this.updatedAt = now;
	}

	/** A row made at the end of the page that first synchronized its record. */
	static SyncStatusEntity made(StatusScope scope, Side side, String recordId, Instant now) {
		return new SyncStatusEntity(scope, side, recordId, now);
	}

	/** Keeps what the operator knows the record by, when the page saw it; a key too long is cut. */
	void name(String key) {
		String kept = displayKey(key);
		if (kept != null) {
			displayKey = kept;
		}
	}

	/** The display key as a row keeps it: cut to the column, null when blank. */
	static String displayKey(String key) {
		if (key == null || key.isBlank()) {
			return null;
		}
		return key.length() <= MAX_DISPLAY_KEY_LENGTH ? key : key.substring(0, MAX_DISPLAY_KEY_LENGTH);
	}

	static final int MAX_DISPLAY_KEY_LENGTH = 255;

	/** A write to the other side was under way when its holder stopped: see {@link SyncStatus#writing()}. */
	void announce(String digest) {
		writing = digest;
	}

	private static String placeholder() {
		return PLACEHOLDER + UUID.randomUUID();
	}

	String id(Side side) {
		return side == Side.LOCAL ? localId : externalId;
	}

	void setId(Side side, String recordId) {
		if (side == Side.LOCAL) {
			localId = recordId;
			localKey = key(recordId);
		} else {
			externalId = recordId;
			externalKey = key(recordId);
		}
	}

	/** The never-null key of a side's id: the id, or a unique placeholder while there is none. */
	static String key(String recordId) {
		return recordId == null ? placeholder() : recordId;
	}

	void succeeded(SyncOutcome outcome, Instant now) {
		setId(Side.LOCAL, outcome.localId());
		setId(Side.EXTERNAL, outcome.externalId());
		localStamp = outcome.localStamp();
		externalStamp = outcome.externalStamp();
		state = outcome.state();
		pending = false;
		errorField = null;
		errorMessage = null;
		attempts = 0;
		lastSynced = withoutEmpty(outcome.synced());
		conflictValues = withoutEmpty(outcome.conflictValues());
		writing = null;
		releaseLease();
		updatedAt = now;
	}

	/** Empty values are not kept: a field without a value reads as absent. */
	static Map<String, String> withoutEmpty(Map<String, String> values) {
		Map<String, String> kept = new TreeMap<>();
		values.forEach((field, value) -> {
			if (value != null) {
				kept.put(field, value);
			}
		});
		return kept;
	}

	void failed(String field, String message, int maxAttempts, Instant now) {
		attempts++;
		state = attempts >= maxAttempts ? SyncState.SKIPPED : SyncState.FAILED;
		errorField = field;
		errorMessage = shorten(message);
		writing = null;
		releaseLease();
		updatedAt = now;
	}

	/** An operator's Retry: pending again, with a clean slate of attempts. */
	void retry(Instant now) {
		state = SyncState.PENDING;
		pending = true;
		attempts = 0;
		errorField = null;
		errorMessage = null;
		updatedAt = now;
	}

	/** An operator's Skip: left alone by runs; the last error stays for the record. */
	void skip(Instant now) {
		state = SyncState.SKIPPED;
		updatedAt = now;
	}

	/** Messages longer than a column takes are cut, with an ellipsis to show it. */
	static String shorten(String message) {
		return message == null || message.length() <= MAX_MESSAGE_LENGTH ? message
				: message.substring(0, MAX_MESSAGE_LENGTH - 1) + "\u2026"; //$NON-NLS-1$
	}

	private void releaseLease() {
		leaseOwner = null;
		leaseExpiry = null;
	}

	SyncStatus toRecord() {
		return new SyncStatus(id(), scope.toScope(), localId, externalId, localStamp,
				externalStamp, pending, state, errorField, errorMessage, attempts, Map.copyOf(lastSynced),
				Map.copyOf(conflictValues), updatedAt, writing, displayKey);
	}

	private static final ReviewValuesConverter REVIEW_VALUES = new ReviewValuesConverter();

	/**
	 * A row of {@code scope} read with plain JDBC ({@code SELECT *}), as {@link #toRecord()} gives it: a
	 * page's lookups build no entities, which cost two to four times the query itself.
	 */
	static SyncStatus read(ResultSet row, StatusScope scope) throws SQLException {
		Timestamp updated = row.getTimestamp("UPDATED_AT"); //$NON-NLS-1$
		return new SyncStatus(row.getLong("ID"), scope, row.getString("LOCAL_ID"), row.getString("EXTERNAL_ID"), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				row.getString("LOCAL_STAMP"), row.getString("EXTERNAL_STAMP"), row.getBoolean("PENDING"), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				SyncState.valueOf(row.getString("STATE")), row.getString("ERROR_FIELD"), row.getString("ERROR_MESSAGE"), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				row.getInt("ATTEMPTS"), Map.copyOf(REVIEW_VALUES.convertToEntityAttribute(row.getString("LAST_SYNCED"))), //$NON-NLS-1$ //$NON-NLS-2$
				Map.copyOf(REVIEW_VALUES.convertToEntityAttribute(row.getString("CONFLICT_VALUES"))), //$NON-NLS-1$
				updated == null ? null : updated.toInstant(), row.getString("WRITING"), row.getString("DISPLAY_KEY")); //$NON-NLS-1$ //$NON-NLS-2$
	}
}
