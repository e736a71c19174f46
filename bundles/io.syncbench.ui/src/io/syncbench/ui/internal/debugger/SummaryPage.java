package io.syncbench.ui.internal.debugger;

import java.util.List;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

import io.syncbench.ui.internal.WidgetIds;

/** The decisions at a glance before Finish writes them; refreshed each time the page is shown. */
final class SummaryPage extends WizardPage {

	private final List<FieldDecisionPage> decisions;
	private final String systemName;
	private Table table;

	SummaryPage(List<FieldDecisionPage> decisions, String systemName, String record) {
		super("summary"); //$NON-NLS-1$
		this.decisions = decisions;
		this.systemName = systemName;
		setTitle(Messages.Summary_title);
		setDescription(NLS.bind(Messages.Summary_description, record, systemName));
	}

	@Override
	public void createControl(Composite parent) {
		Composite page = new Composite(parent, SWT.NONE);
		GridLayoutFactory.swtDefaults().applyTo(page);
		if (decisions.isEmpty()) {
			Label none = new Label(page, SWT.WRAP);
			none.setText(Messages.Summary_nothingDiffers);
			GridDataFactory.fillDefaults().grab(true, false).hint(520, SWT.DEFAULT).applyTo(none);
		}
		table = WidgetIds.tag(new Table(page, SWT.BORDER | SWT.FULL_SELECTION), "resolve.summary"); //$NON-NLS-1$
		table.setHeaderVisible(true);
		table.setLinesVisible(true);
		GridDataFactory.fillDefaults().grab(true, true).hint(520, 160).applyTo(table);
		for (String title : new String[] { Messages.Summary_field, Messages.Summary_decision, Messages.Summary_value }) {
			new TableColumn(table, SWT.LEFT).setText(title);
		}
		table.getColumn(0).setWidth(130);
		table.getColumn(1).setWidth(200);
		table.getColumn(2).setWidth(220);
		setControl(page);
	}

	@Override
	public void setVisible(boolean visible) {
		if (visible) {
			table.removeAll();
			for (FieldDecisionPage decision : decisions) {
				TableItem item = new TableItem(table, SWT.NONE);
				String chosen = switch (decision.choice()) {
					case LOCAL -> Messages.Summary_keptLocal;
					case EXTERNAL -> NLS.bind(Messages.Summary_tookExternal, systemName);
					case TYPED -> Messages.Summary_typed;
				};
				item.setText(new String[] { decision.field().field(), chosen,
						decision.value() == null ? Messages.Field_noValue : String.valueOf(decision.value()) });
			}
		}
		super.setVisible(visible);
	}
}
