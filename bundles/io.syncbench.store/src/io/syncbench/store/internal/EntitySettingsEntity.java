package io.syncbench.store.internal;

import java.util.HashMap;
import java.util.Map;

import io.syncbench.store.EntitySettings;
import io.syncbench.store.EntitySettings.Direction;
import io.syncbench.store.StatusScope;
import io.syncbench.store.SyncStatusService.Side;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

/** How one entity is synchronized with one connected system; mappings and filter as JSON. */
@Entity
@Table(name = "SB_ENTITY_SETTINGS", indexes = @Index(name = "SB_ENTITY_BY_SCOPE",
		columnList = "COMPANY_ID, SYSTEM_NAME, ENTITY", unique = true))
public class EntitySettingsEntity extends StoreRow {

	@Embedded
	private ScopeColumns scope;

	@Enumerated(EnumType.STRING)
	@Column(name = "DIRECTION", nullable = false, length = 20)
	private Direction direction;

	@Enumerated(EnumType.STRING)
	@Column(name = "PRIMARY_SIDE", nullable = false, length = 10)
	private Side primary;

	@Convert(converter = FieldValuesConverter.class)
	@Column(name = "FIELD_MAPPINGS", length = SchemaSetup.JSON_LENGTH)
	private Map<String, String> mappings = new HashMap<>();

	@Convert(converter = FieldValuesConverter.class)
	@Column(name = "RECORD_FILTER", length = SchemaSetup.JSON_LENGTH)
	private Map<String, String> filter = new HashMap<>();

	protected EntitySettingsEntity() {
		// for JPA
	}

	EntitySettingsEntity(StatusScope scope) {
		this.scope = new ScopeColumns(scope);
	}

	void apply(EntitySettings settings) {
		direction = settings.direction();
		primary = settings.primary();
		mappings = new HashMap<>(settings.mappings());
		filter = new HashMap<>(settings.filter());
	}

	EntitySettings toRecord() {
		StatusScope where = scope.toScope();
		return new EntitySettings(where.system(), where.entity(), direction, primary, mappings, filter);
	}
}
