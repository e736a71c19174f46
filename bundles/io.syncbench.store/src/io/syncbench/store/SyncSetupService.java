package io.syncbench.store;

import java.util.List;
import java.util.Map;

/** A company's connected systems and, per system, how each entity is synchronized. */
public interface SyncSetupService {

	/** The company's systems, by name. */
	List<ConnectedSystem> systems(long companyId);

	/**
	 * Adds the system, or replaces the one with the same name.
	 *
	 * @throws InvalidFieldException naming {@code name}, {@code type} or {@code role} when one is missing
	 *                               or malformed, or when the company has another database already
	 */
	ConnectedSystem saveSystem(long companyId, String name, String type, ConnectedSystem.Role role,
			Map<String, String> settings, boolean enabled);

	/** Removes the system and its entity settings; its status rows stay for the history. */
	void removeSystem(long companyId, String name);

	/** Stops synchronizing the entity with the system; its status rows stay for the history. */
	void removeEntity(long companyId, String system, String entity);

	/** The entity settings of one system, by entity. */
	List<EntitySettings> entities(long companyId, String system);

	/** Adds the entity's settings, or replaces them. @throws StoreException when no such system exists */
	EntitySettings saveEntity(long companyId, EntitySettings settings);

	/** The company's whole setup, its systems and entities by name. */
	CompanySetup setup(long companyId);

	/**
	 * Creates the company the setup names, or updates the one of that name (compared as company names
	 * are): its settings, run limits, systems and entities become the setup's, and systems and entities
	 * the setup lacks are removed, all in one transaction. Checked as the Properties dialog checks them.
	 *
	 * @throws InvalidFieldException naming the field, before anything is written
	 */
	Company saveSetup(CompanySetup setup);

	/**
	 * As {@link #saveSetup(CompanySetup)}, for the company with this id, which may take a new name: what
	 * the Properties dialog saves on OK, all or nothing.
	 *
	 * @throws InvalidFieldException naming the field, before anything is written
	 * @throws StoreException        when the company is gone, or its new name is another's
	 */
	Company saveSetup(long companyId, CompanySetup setup);
}
