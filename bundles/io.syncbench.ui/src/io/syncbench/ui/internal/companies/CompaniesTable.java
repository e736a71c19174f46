package io.syncbench.ui.internal.companies;

import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;

import io.syncbench.store.Company;
import io.syncbench.store.CompanySettings;
import io.syncbench.ui.internal.Messages;
import io.syncbench.ui.internal.TextColumns;
import io.syncbench.ui.internal.WidgetIds;

/** The companies table: one row per company, its schedule in words. */
final class CompaniesTable {

	private final TableViewer viewer;

	CompaniesTable(Composite parent) {
		viewer = new TableViewer(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE | SWT.V_SCROLL | SWT.H_SCROLL);
		WidgetIds.tag(viewer.getTable(), "companies.table"); //$NON-NLS-1$
		viewer.getTable().setHeaderVisible(true);
		viewer.getTable().setLinesVisible(true);
		viewer.setContentProvider(ArrayContentProvider.getInstance());
		viewer.setUseHashlookup(true);

		// Two columns that fit the narrow view beside the others: a column for each setting was cut off there.
		// A cell cut off by a narrow view says it all in its tooltip; Runs in whole sentences.
		TextColumns.of(viewer, Company.class).add(Messages.Companies_columnName, 160, Company::name)
				.add(Messages.Companies_columnRuns, 220, CompaniesTable::runs, CompaniesTable::runsExplained);
	}

	TableViewer viewer() {
		return viewer;
	}

	/** When the company's runs happen, in words: "every 20 s, on start, complete update next" or "manual only". */
	static String runs(Company company) {
		return describe(company, false);
	}

	/** When the company's runs happen, in whole sentences, for the Runs cell's tooltip. */
	static String runsExplained(Company company) {
		return describe(company, true);
	}

	private static String describe(Company company, boolean sentences) {
		CompanySettings settings = company.settings();
		java.util.List<String> parts = new java.util.ArrayList<>();
		parts.add(settings.automaticSync()
				? NLS.bind(sentences ? Messages.Companies_intervalExplained : Messages.Companies_intervalSeconds,
						settings.syncIntervalSeconds())
				: sentences ? Messages.Companies_manualOnlyExplained : Messages.Companies_manualOnly);
		if (settings.syncOnStart()) {
			parts.add(sentences ? Messages.Companies_onStartExplained : Messages.Companies_onStart);
		}
		if (settings.completeUpdate()) {
			parts.add(sentences ? Messages.Companies_pendingCompleteUpdateExplained : Messages.Companies_pendingCompleteUpdate);
		}
		return String.join(sentences ? "\n" : ", ", parts); //$NON-NLS-1$ //$NON-NLS-2$
	}
}
