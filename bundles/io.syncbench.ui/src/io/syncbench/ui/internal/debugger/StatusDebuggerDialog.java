package io.syncbench.ui.internal.debugger;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.IMessageProvider;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.window.Window;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

import io.syncbench.connector.ConnectorException;
import io.syncbench.engine.CompanyAttention;
import io.syncbench.engine.RecordReview;
import io.syncbench.service.SyncService;
import io.syncbench.store.Company;
import io.syncbench.store.ConnectedSystem;
import io.syncbench.store.StatusQuery;
import io.syncbench.store.Store;
import io.syncbench.store.StoreException;
import io.syncbench.store.SyncState;
import io.syncbench.store.SyncStatus;
import io.syncbench.ui.internal.WidgetIds;
import io.syncbench.ui.internal.status.CompanyChooser;
import io.syncbench.ui.internal.status.StatusLabels;

/**
 * The Status Debugger: choose a company and a connected system or device, see its failed, skipped and
 * conflicting records, and resolve one with the Resolve Error wizard. Reading the records and the
 * record's two sides happens in background jobs; the dialog stays responsive.
 */
public final class StatusDebuggerDialog extends TitleAreaDialog {

	/** More than an operator reads at once; the rest are reached by filtering in Sync Status. */
	private static final int SHOWN = 500;
	private static final int RESOLVE_ID = IDialogConstants.CLIENT_ID + 1;
	private static final Set<SyncState> NEEDS_CARE = CompanyAttention.STATES;

	private final Store store;
	private final SyncService sync;
	private final UISynchronize ui;
	private final long initialCompany;
	private final SyncStatus initialRecord;
	private final List<String> systems = new ArrayList<>();
	private Combo company;
	private CompanyChooser companies;
	private Combo system;
	private Label shown;
	private Table records;
	private StatusLabels labels;

	/**
	 * @param initialCompany the company to open on, or null for the first with records that need the
	 *                       operator (else the first)
	 * @param initialRecord  the record to select, or null
	 */
	public StatusDebuggerDialog(Shell parent, Store store, SyncService sync, UISynchronize ui, Company initialCompany,
			SyncStatus initialRecord) {
		super(parent);
		this.store = store;
		this.sync = sync;
		this.ui = ui;
		this.initialCompany = initialCompany == null ? -1 : initialCompany.id();
		this.initialRecord = initialRecord;
	}

	@Override
	protected void configureShell(Shell shell) {
		super.configureShell(shell);
		shell.setText(Messages.Debugger_shellTitle);
	}

	@Override
	protected boolean isResizable() {
		return true;
	}

	@Override
	protected Control createDialogArea(Composite parent) {
		setTitle(Messages.Debugger_title);
		setMessage(Messages.Debugger_message);
		Composite area = (Composite) super.createDialogArea(parent);
		Composite body = new Composite(area, SWT.NONE);
		GridDataFactory.fillDefaults().grab(true, true).applyTo(body);
		GridLayoutFactory.swtDefaults().numColumns(5).margins(10, 10).applyTo(body);
		new Label(body, SWT.NONE).setText(Messages.Debugger_company);
		company = WidgetIds.tag(new Combo(body, SWT.READ_ONLY), "debugger.company"); //$NON-NLS-1$
		companies = new CompanyChooser(company);
		GridDataFactory.fillDefaults().hint(180, SWT.DEFAULT).applyTo(company);
		new Label(body, SWT.NONE).setText(Messages.Debugger_system);
		system = WidgetIds.tag(new Combo(body, SWT.READ_ONLY), "debugger.system"); //$NON-NLS-1$
		GridDataFactory.fillDefaults().hint(160, SWT.DEFAULT).applyTo(system);
		shown = WidgetIds.tag(new Label(body, SWT.NONE), "debugger.shown"); //$NON-NLS-1$
		GridDataFactory.fillDefaults().grab(true, false).align(SWT.END, SWT.CENTER).applyTo(shown);

		records = WidgetIds.tag(new Table(body, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE), "debugger.records"); //$NON-NLS-1$
		records.setHeaderVisible(true);
		records.setLinesVisible(true);
		GridDataFactory.fillDefaults().span(5, 1).grab(true, true).hint(780, 280).applyTo(records);
		labels = new StatusLabels(records);
		String[] titles = { Messages.Debugger_columnEntity, Messages.Debugger_columnLocalId,
				Messages.Debugger_columnExternalId, Messages.Debugger_columnState, Messages.Debugger_columnAttempts,
				Messages.Debugger_columnError };
		int[] widths = { 90, 100, 100, 100, 70, 320 };
		for (int i = 0; i < titles.length; i++) {
			new TableColumn(records, SWT.LEFT).setText(titles[i]);
			records.getColumn(i).setWidth(widths[i]);
		}
		records.addListener(SWT.Selection, event -> updateButtons());
		records.addListener(SWT.DefaultSelection, event -> resolveSelected());
		company.addListener(SWT.Selection, event -> companyChosen(null));
		system.addListener(SWT.Selection, event -> loadRecords(null));
		loadCompanies();
		return area;
	}

	@Override
	protected void createButtonsForButtonBar(Composite parent) {
		createButton(parent, RESOLVE_ID, Messages.Debugger_resolve, true);
		createButton(parent, IDialogConstants.CLOSE_ID, IDialogConstants.CLOSE_LABEL, false);
		updateButtons();
	}

	@Override
	protected void buttonPressed(int buttonId) {
		if (buttonId == RESOLVE_ID) {
			resolveSelected();
		} else if (buttonId == IDialogConstants.CLOSE_ID) {
			close();
		} else {
			super.buttonPressed(buttonId);
		}
	}

	private void updateButtons() {
		Button resolve = getButton(RESOLVE_ID);
		if (resolve != null) {
			resolve.setEnabled(selected() != null);
		}
	}

	private SyncStatus selected() {
		TableItem[] selection = records == null ? new TableItem[0] : records.getSelection();
		return selection.length == 1 && selection[0].getData() instanceof SyncStatus status ? status : null;
	}

	private void loadCompanies() {
		background(() -> {
			List<Company> all = store.companies().list();
			// Opened without a company, it opens on the first one with records that need the operator.
			long first = initialCompany >= 0 ? initialCompany : all.stream()
					.filter(c -> store.syncStatus().count(StatusQuery.all(c.id()).withStates(NEEDS_CARE)) > 0)
					.mapToLong(Company::id).findFirst().orElse(-1);
			ui.asyncExec(() -> {
				if (company.isDisposed()) {
					return;
				}
				companies.show(all, first);
				if (all.isEmpty()) {
					setMessage(Messages.Debugger_noCompany, IMessageProvider.INFORMATION);
				} else {
					companyChosen(initialRecord);
				}
			});
		});
	}

	private void companyChosen(SyncStatus toSelect) {
		Company chosen = companies.chosen().orElseThrow();
		background(() -> {
			List<String> names = store.syncSetup().systems(chosen.id()).stream()
					.filter(s -> s.role() == ConnectedSystem.Role.OUTSIDE_SYSTEM).map(ConnectedSystem::name).toList();
			// The record's system; without a record, the first system with records that need the operator.
			int withWork = toSelect != null ? names.indexOf(toSelect.scope().system())
					: IntStream.range(0, names.size()).filter(i -> store.syncStatus().count(StatusQuery.all(chosen.id())
							.withSystem(names.get(i)).withStates(NEEDS_CARE)) > 0).findFirst().orElse(0);
			ui.asyncExec(() -> {
				if (system.isDisposed()) {
					return;
				}
				systems.clear();
				systems.addAll(names);
				system.setItems(names.toArray(String[]::new));
				int index = Math.max(0, withWork);
				if (!names.isEmpty()) {
					system.select(index);
				}
				loadRecords(toSelect);
			});
		});
	}

	/** Reads the failed, skipped and conflicting records of the chosen company and system. */
	private void loadRecords(SyncStatus toSelect) {
		if (companies.chosen().isEmpty() || system.getSelectionIndex() < 0) {
			records.removeAll();
			shown.setText(Messages.Debugger_noSystem);
			return;
		}
		StatusQuery query = StatusQuery.all(companies.chosen().orElseThrow().id())
				.withSystem(systems.get(system.getSelectionIndex())).withStates(NEEDS_CARE);
		shown.setText(Messages.Debugger_reading);
		background(() -> {
			long total = store.syncStatus().count(query);
			List<SyncStatus> rows = store.syncStatus().page(query, 0, SHOWN);
			ui.asyncExec(() -> show(rows, total, toSelect));
		});
	}

	private void show(List<SyncStatus> rows, long total, SyncStatus toSelect) {
		if (records.isDisposed()) {
			return;
		}
		records.removeAll();
		for (SyncStatus row : rows) {
			TableItem item = new TableItem(records, SWT.NONE);
			item.setData(row);
			item.setText(new String[] { row.scope().entity(), StatusLabels.id(row.localId()),
					StatusLabels.id(row.externalId()),
					StatusLabels.word(row.state()), String.valueOf(row.attempts()),
					row.errorMessage() == null ? Messages.Debugger_conflictNote : row.errorMessage() });
			item.setImage(3, labels.icon(row.state()));
			if (toSelect != null && row.id() == toSelect.id()) {
				records.setSelection(item);
			}
		}
		shown.setText(total == 0 ? Messages.Debugger_nothing
				: total > rows.size() ? MessageFormat.format(Messages.Debugger_shownSome, rows.size(), total)
						: MessageFormat.format(Messages.Debugger_shownAll, total));
		shown.getParent().layout(true);
		updateButtons();
	}

	/** Reads the record's two sides, then opens the wizard on them. */
	private void resolveSelected() {
		SyncStatus status = selected();
		if (status == null) {
			return;
		}
		setMessage(Messages.Debugger_readingRecord, IMessageProvider.INFORMATION);
		getButton(RESOLVE_ID).setEnabled(false);
		Job read = Job.create(Messages.Debugger_readingRecord, monitor -> {
			try {
				RecordReview review = sync.records().review(status);
				ui.asyncExec(() -> openWizard(review));
			} catch (ConnectorException | StoreException | IllegalStateException e) {
				ui.asyncExec(() -> {
					if (!records.isDisposed()) {
						setMessage(NLS.bind(Messages.Debugger_readFailed, e.getMessage()), IMessageProvider.ERROR);
						updateButtons();
					}
				});
			}
		});
		read.schedule();
	}

	private void openWizard(RecordReview review) {
		if (records.isDisposed()) {
			return;
		}
		ResolveErrorWizard wizard = new ResolveErrorWizard(review, sync.records());
		WizardDialog dialog = new WizardDialog(getShell(), wizard);
		dialog.setPageSize(620, 300);
		if (dialog.open() == Window.OK) {
			setMessage(NLS.bind(Messages.Debugger_resolved, ResolveErrorWizard.describe(review)),
					IMessageProvider.INFORMATION);
			loadRecords(null);
		} else {
			setMessage(Messages.Debugger_message);
			updateButtons();
		}
	}

	private void background(Runnable work) {
		Job job = Job.create(Messages.Debugger_loadJob, monitor -> {
			try {
				work.run();
			} catch (StoreException e) {
				ui.asyncExec(() -> {
					if (!records.isDisposed()) {
						setMessage(NLS.bind(Messages.Debugger_readFailed, e.getMessage()), IMessageProvider.ERROR);
					}
				});
			}
		});
		job.setSystem(true);
		job.schedule();
	}
}
