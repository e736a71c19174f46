package io.syncbench.store.internal;

import java.util.HashMap;
import java.util.Map;

import io.syncbench.store.ConnectedSystem;
import io.syncbench.store.ConnectedSystem.Role;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/** A connected system row; settings as JSON. */
@Entity
@Table(name = "SB_CONNECTED_SYSTEM", indexes = @Index(name = "SB_SYSTEM_BY_NAME", columnList = "COMPANY_ID, NAME",
		unique = true))
public class ConnectedSystemEntity extends StoreRow {

	@Column(name = "COMPANY_ID", nullable = false)
	private long companyId;

	@Column(name = "NAME", nullable = false, length = 80)
	private String name;

	@Column(name = "SYSTEM_TYPE", nullable = false, length = 80)
	private String type;

	@Convert(converter = FieldValuesConverter.class)
	@Column(name = "SETTINGS", length = SchemaSetup.JSON_LENGTH)
	private Map<String, String> settings = new HashMap<>();

	@Enumerated(EnumType.STRING)
	@Column(name = "SYSTEM_ROLE", nullable = false, length = 20)
	private Role role;

	@Column(name = "ENABLED", nullable = false)
	private boolean enabled;

	protected ConnectedSystemEntity() {
		// for JPA
	}

	ConnectedSystemEntity(long companyId, String name) {
		this.companyId = companyId;
		this.name = name;
	}

	void apply(String newType, Role newRole, Map<String, String> newSettings, boolean isEnabled) {
		type = newType;
		role = newRole;
		settings = new HashMap<>(newSettings);
		enabled = isEnabled;
	}

	ConnectedSystem toRecord() {
		return new ConnectedSystem(id(), companyId, name, type, role, settings, enabled);
	}
}
