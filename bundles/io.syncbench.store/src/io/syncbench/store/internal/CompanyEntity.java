package io.syncbench.store.internal;

import java.time.Instant;

import io.syncbench.store.Company;
import io.syncbench.store.CompanyRules;
import io.syncbench.store.CompanySettings;
import io.syncbench.store.RunSettings;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A company row. Only the store bundle sees it; other bundles get {@link Company} records. */
@Entity
@Table(name = "SB_COMPANY")
public class CompanyEntity {

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private long id;

	@Column(name = "NAME", nullable = false, length = CompanyRules.MAX_NAME_LENGTH * 2)
	private String name;

	/**
	 * {@link CompanyRules#nameKey(String)} of the name: the database enforces uniqueness on it. Declared
	 * on the column, not the table: EclipseLink's create-or-extend adds a table constraint twice.
	 */
	@Column(name = "NAME_KEY", nullable = false, unique = true, length = CompanyRules.MAX_NAME_LENGTH * 4)
	private String nameKey;

	@Column(name = "SYNC_INTERVAL_SECONDS", nullable = false)
	private int syncIntervalSeconds;

	@Column(name = "AUTOMATIC_SYNC", nullable = false)
	private boolean automaticSync;

	@Column(name = "SYNC_ON_START", nullable = false)
	private boolean syncOnStart;

	@Column(name = "COMPLETE_UPDATE", nullable = false)
	private boolean completeUpdate;

	@Column(name = "SYNC_ON_CHANGE", nullable = false)
	private boolean syncOnChange;

	@Column(name = "MINIMUM_GAP_MINUTES", nullable = false)
	private int minimumGapMinutes;

	@Column(name = "PARALLEL_ENTITIES", nullable = false)
	private int parallelEntities = RunSettings.defaults().parallelEntities();

	@Column(name = "MAX_ATTEMPTS", nullable = false)
	private int maxAttempts = RunSettings.defaults().maxAttempts();

	/** Schema step 7. */
	@Column(name = "HOLD_RUNS_ON_CONFLICT", nullable = false)
	private boolean holdRunsOnConflict;

	@Column(name = "CREATED_AT", nullable = false)
	private Instant createdAt;

	@Version
	@Column(name = "ROW_VERSION")
	private long rowVersion;

	protected CompanyEntity() {
		// for JPA
	}

	CompanyEntity(CompanySettings settings, Instant createdAt) {
		apply(settings);
		this.createdAt = createdAt;
	}

	void apply(CompanySettings settings) {
		this.name = settings.name().strip();
		this.nameKey = CompanyRules.nameKey(settings.name());
		this.syncIntervalSeconds = settings.syncIntervalSeconds();
		this.automaticSync = settings.automaticSync();
		this.syncOnStart = settings.syncOnStart();
		this.completeUpdate = settings.completeUpdate();
	}

	void apply(RunSettings settings) {
		this.syncOnChange = settings.syncOnChange();
		this.minimumGapMinutes = settings.minimumGapMinutes();
		this.parallelEntities = settings.parallelEntities();
		this.maxAttempts = settings.maxAttempts();
		this.holdRunsOnConflict = settings.holdRunsOnConflict();
	}

	CompanySettings settings() {
		return new CompanySettings(name, syncIntervalSeconds, automaticSync, syncOnStart, completeUpdate);
	}

	Company toRecord() {
		return new Company(id, settings(),
				new RunSettings(syncOnChange, minimumGapMinutes, parallelEntities, maxAttempts, holdRunsOnConflict),
				createdAt);
	}
}
