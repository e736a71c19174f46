package io.syncbench.store;

import java.util.List;

/**
 * A company's whole setup, as an operator configures it: its settings and run limits, its connected
 * systems (without their secrets, which secure storage keeps) and the entities each synchronizes. What a
 * setup file holds, and what {@link SyncSetupService#saveSetup} saves in one transaction.
 *
 * @param systems  ids and company ids are not part of a setup: 0 when a setup is made to be saved
 */
public record CompanySetup(CompanySettings settings, RunSettings runSettings, List<ConnectedSystem> systems,
		List<EntitySettings> entities) {

	public CompanySetup {
		systems = List.copyOf(systems);
		entities = List.copyOf(entities);
	}
}
