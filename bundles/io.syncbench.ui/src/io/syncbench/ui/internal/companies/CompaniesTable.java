package io.syncbench.ui.internal.companies;

import java.util.function.Function;

import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;

import io.syncbench.store.Company;
import io.syncbench.store.CompanySettings;
import io.syncbench.ui.internal.Messages;
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

		column(Messages.Companies_columnName, 260, Company::name);
		column(Messages.Companies_columnAutomatic, 130, c -> yesNo(c.settings().automaticSync()));
		column(Messages.Companies_columnInterval, 110, c -> interval(c.settings()));
		column(Messages.Companies_columnOnStart, 120, c -> yesNo(c.settings().syncOnStart()));
		column(Messages.Companies_columnCompleteUpdate, 150,
				c -> c.settings().completeUpdate() ? Messages.Companies_pendingCompleteUpdate : Messages.Companies_no);
	}

	TableViewer viewer() {
		return viewer;
	}

	private void column(String title, int width, Function<Company, String> text) {
		TableViewerColumn column = new TableViewerColumn(viewer, SWT.LEFT);
		column.getColumn().setText(title);
		column.getColumn().setWidth(width);
		column.getColumn().setMoveable(true);
		column.setLabelProvider(new ColumnLabelProvider() {
			@Override
			public String getText(Object element) {
				return text.apply((Company) element);
			}
		});
	}

	private static String yesNo(boolean value) {
		return value ? Messages.Companies_yes : Messages.Companies_no;
	}

	private static String interval(CompanySettings settings) {
		return settings.automaticSync() ? NLS.bind(Messages.Companies_intervalSeconds, settings.syncIntervalSeconds())
				: Messages.Companies_manualOnly;
	}
}
