package io.syncbench.store.internal;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import io.syncbench.store.RunHistoryService.Outcome;
import io.syncbench.store.RunHistoryService.Run;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/** A run of the history. */
@Entity
@Table(name = "SB_RUN", indexes = @Index(name = "SB_RUN_BY_COMPANY", columnList = "COMPANY_ID, STARTED_AT"))
public class RunEntity extends StoreRow {

	@Column(name = "COMPANY_ID", nullable = false)
	private long companyId;

	@Column(name = "RUN_MODE", nullable = false, length = 20)
	private String mode;

	@Column(name = "RUN_TRIGGER", nullable = false, length = 40)
	private String trigger;

	@Column(name = "STARTED_AT", nullable = false)
	private Instant startedAt;

	@Column(name = "ENDED_AT")
	private Instant endedAt;

	@Enumerated(EnumType.STRING)
	@Column(name = "OUTCOME", nullable = false, length = 20)
	private Outcome outcome;

	@Column(name = "MESSAGE", length = SyncStatusEntity.MAX_MESSAGE_LENGTH)
	private String message;

	/** Records per action as JSON, for example {"sent":"812"}. */
	@Convert(converter = FieldValuesConverter.class)
	@Column(name = "COUNTS", length = SchemaSetup.JSON_LENGTH)
	private Map<String, String> counts = new HashMap<>();

	protected RunEntity() {
		// for JPA
	}

	RunEntity(long companyId, String mode, String trigger, Instant startedAt) {
		this.companyId = companyId;
		this.mode = mode;
		this.trigger = trigger;
		this.startedAt = startedAt;
		this.outcome = Outcome.RUNNING;
	}

	void finish(Outcome finalOutcome, String finalMessage, Map<String, Integer> finalCounts, Instant at) {
		outcome = finalOutcome;
		message = SyncStatusEntity.shorten(finalMessage);
		counts = new TreeMap<>();
		finalCounts.forEach((action, count) -> counts.put(action, count.toString()));
		endedAt = at;
	}

	Run toRecord() {
		Map<String, Integer> numbers = new TreeMap<>();
		counts.forEach((action, count) -> numbers.put(action, Integer.valueOf(count)));
		return new Run(id(), companyId, mode, trigger, startedAt, endedAt, outcome, message, numbers);
	}
}
