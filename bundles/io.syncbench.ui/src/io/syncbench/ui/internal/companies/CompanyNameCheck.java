package io.syncbench.ui.internal.companies;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import io.syncbench.store.CompanyNameTakenException;
import io.syncbench.store.CompanyRules;

/**
 * A company name as typed, checked against the naming rules and the names other companies hold, so
 * that the New Company and Properties dialogs say the same thing at the field before the store would.
 */
final class CompanyNameCheck {

	private final Set<String> takenKeys = new HashSet<>();

	/** Counts {@code name} as taken, whatever its case. */
	void taken(String name) {
		takenKeys.add(CompanyRules.nameKey(name));
	}

	/** What is wrong with {@code name}, in the operator's words; empty when it may be saved. */
	Optional<String> problem(String name) {
		Optional<String> broken = CompanyRules.checkName(name);
		if (broken.isEmpty() && takenKeys.contains(CompanyRules.nameKey(name))) {
			return Optional.of(new CompanyNameTakenException(name, null).getMessage());
		}
		return broken;
	}
}
