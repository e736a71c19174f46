package io.syncbench.store.internal;

import java.time.Instant;

import io.syncbench.store.ServiceStateService.ServiceState;
import io.syncbench.store.ServiceStateService.State;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/** A service process's last report. */
@Entity
@Table(name = "SB_SERVICE_STATE", indexes = @Index(name = "SB_SERVICE_BY_INSTANCE", columnList = "INSTANCE_NAME",
		unique = true))
public class ServiceStateEntity extends StoreRow {

	@Column(name = "INSTANCE_NAME", nullable = false, length = 200)
	private String instance;

	@Enumerated(EnumType.STRING)
	@Column(name = "SERVICE_STATE", nullable = false, length = 20)
	private State state;

	@Column(name = "MESSAGE", length = SyncStatusEntity.MAX_MESSAGE_LENGTH)
	private String message;

	@Column(name = "STARTED_AT", nullable = false)
	private Instant startedAt;

	@Column(name = "HEARTBEAT_AT", nullable = false)
	private Instant heartbeatAt;

	protected ServiceStateEntity() {
		// for JPA
	}

	ServiceStateEntity(String instance, Instant startedAt) {
		this.instance = instance;
		this.startedAt = startedAt;
	}

	void beat(State newState, String newMessage, Instant now) {
		state = newState;
		message = SyncStatusEntity.shorten(newMessage);
		heartbeatAt = now;
	}

	ServiceState toRecord() {
		return new ServiceState(instance, state, message, startedAt, heartbeatAt);
	}
}
