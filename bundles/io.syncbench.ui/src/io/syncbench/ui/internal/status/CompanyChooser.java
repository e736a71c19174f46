package io.syncbench.ui.internal.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.swt.widgets.Combo;

import io.syncbench.store.Company;

/** A read-only combo of companies by name that answers with the company chosen, not its index. */
public final class CompanyChooser {

	private final Combo combo;
	private final List<Company> companies = new ArrayList<>();

	public CompanyChooser(Combo combo) {
		this.combo = combo;
	}

	public Combo combo() {
		return combo;
	}

	/** Shows {@code all} and chooses the one with {@code companyId}, or the first when none has it. */
	public void show(List<Company> all, long companyId) {
		companies.clear();
		companies.addAll(all);
		combo.setItems(all.stream().map(Company::name).toArray(String[]::new));
		if (!all.isEmpty()) {
			combo.select(Math.max(0, indexOf(companyId)));
		}
	}

	/** Chooses the company with {@code companyId}; false when it is not shown. */
	public boolean choose(long companyId) {
		int index = indexOf(companyId);
		if (index >= 0) {
			combo.select(index);
		}
		return index >= 0;
	}

	public Optional<Company> chosen() {
		int index = combo.getSelectionIndex();
		return index < 0 || index >= companies.size() ? Optional.empty() : Optional.of(companies.get(index));
	}

	private int indexOf(long companyId) {
		for (int i = 0; i < companies.size(); i++) {
			if (companies.get(i).id() == companyId) {
				return i;
			}
		}
		return -1;
	}
}
