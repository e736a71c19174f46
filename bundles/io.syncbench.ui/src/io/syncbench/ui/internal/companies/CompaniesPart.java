package io.syncbench.ui.internal.companies;

import java.util.List;

import org.eclipse.core.commands.ParameterizedCommand;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.commands.ECommandService;
import org.eclipse.e4.core.commands.EHandlerService;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.workbench.modeling.ESelectionService;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.osgi.service.event.Event;

import io.syncbench.engine.ConnectorRegistry;
import io.syncbench.engine.SyncEvents;
import io.syncbench.secrets.SecretStore;
import io.syncbench.store.Company;
import io.syncbench.store.Store;
import io.syncbench.store.StoreException;
import io.syncbench.ui.internal.Messages;
import io.syncbench.ui.internal.WidgetIds;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/** The Companies view: every company with its schedule, and New Company... */
public class CompaniesPart {

	static final String NEW_COMPANY_COMMAND = "io.syncbench.ui.command.newCompany"; //$NON-NLS-1$

	private final Store store;
	private final UISynchronize ui;

	private Label status;
	private TableViewer viewer;
	private Button properties;
	private Button delete;
	private CompanyActions actions;
	private IEventBroker events;

	@Inject
	public CompaniesPart(Store store, UISynchronize ui) {
		this.store = store;
		this.ui = ui;
	}

	@PostConstruct
	public void createPartControl(Composite parent, ECommandService commands, EHandlerService handlers,
			IEventBroker eventBroker, @Service ConnectorRegistry connectors, @Service SecretStore secrets,
			ESelectionService selection) {
		GridLayoutFactory.swtDefaults().numColumns(1).applyTo(parent);
		events = eventBroker;
		actions = new CompanyActions(store, connectors, secrets, eventBroker);

		// Actions above the table, where they stay visible however small the view is.
		Composite buttons = new Composite(parent, SWT.NONE);
		GridLayoutFactory.fillDefaults().numColumns(3).applyTo(buttons);
		Button newCompany = WidgetIds.tag(new Button(buttons, SWT.PUSH), "companies.new"); //$NON-NLS-1$
		newCompany.setText(Messages.Companies_new);
		newCompany.setToolTipText(Messages.Companies_newTooltip);
		ParameterizedCommand command = commands.createCommand(NEW_COMPANY_COMMAND, null);
		newCompany.addListener(SWT.Selection, event -> handlers.executeHandler(command));
		properties = WidgetIds.tag(new Button(buttons, SWT.PUSH), "companies.properties"); //$NON-NLS-1$
		properties.setText(Messages.Companies_properties);
		properties.setToolTipText(Messages.Companies_propertiesTooltip);
		properties.addListener(SWT.Selection, event -> selected().ifPresent(c -> actions.properties(parent.getShell(), c)));
		delete = WidgetIds.tag(new Button(buttons, SWT.PUSH), "companies.delete"); //$NON-NLS-1$
		delete.setText(Messages.Companies_delete);
		delete.setToolTipText(Messages.Companies_deleteTooltip);
		delete.addListener(SWT.Selection, event -> selected().ifPresent(c -> actions.delete(parent.getShell(), c)));

		status = WidgetIds.tag(new Label(parent, SWT.WRAP), "companies.status"); //$NON-NLS-1$
		GridDataFactory.fillDefaults().grab(true, false).applyTo(status);

		viewer = new CompaniesTable(parent).viewer();
		GridDataFactory.fillDefaults().grab(true, true).applyTo(viewer.getControl());
		viewer.addSelectionChangedListener(event -> {
			updateButtons();
			selected().ifPresent(c -> events.post(CompanyEvents.SELECTED, c));
			selection.setSelection(selected().orElse(null)); // File > Export Company exports it
		});
		viewer.addDoubleClickListener(event -> selected().ifPresent(c -> actions.properties(parent.getShell(), c)));
		viewer.getControl().addListener(SWT.KeyDown, event -> {
			if (event.keyCode == SWT.DEL) {
				selected().ifPresent(c -> actions.delete(parent.getShell(), c));
			}
		});
		updateButtons();

		showStatus(Messages.Companies_loading);
		reload(null);
	}

	@Focus
	public void setFocus() {
		viewer.getControl().setFocus();
	}

	@Inject
	@Optional
	void companyCreated(@UIEventTopic(CompanyEvents.CREATED) Company created) {
		reload(created);
	}

	@Inject
	@Optional
	void companyChanged(@UIEventTopic(CompanyEvents.CHANGED) Company changed) {
		reload(changed);
	}

	@Inject
	@Optional
	void companyDeleted(@UIEventTopic(CompanyEvents.DELETED) Company deleted) {
		reload(null);
	}

	private java.util.Optional<Company> selected() {
		return viewer.getStructuredSelection().getFirstElement() instanceof Company company ? java.util.Optional.of(company)
				: java.util.Optional.empty();
	}

	private void updateButtons() {
		boolean chosen = selected().isPresent();
		properties.setEnabled(chosen);
		delete.setEnabled(chosen);
	}

	/** A finished run may have changed a company: a complete update turns its flag off when it is done. */
	@Inject
	@Optional
	void runFinished(@UIEventTopic(SyncEvents.RUN_FINISHED) Event finished) {
		Object selected = viewer.getStructuredSelection().getFirstElement();
		reload(selected instanceof Company company ? company : null);
	}

	/** Reads the companies off the UI thread, then shows them and selects {@code toSelect}. */
	private void reload(Company toSelect) {
		Job load = Job.create(Messages.Companies_loadJob, monitor -> {
			try {
				List<Company> companies = store.companies().list();
				ui.asyncExec(() -> show(companies, toSelect));
			} catch (StoreException e) {
				ui.asyncExec(() -> showStatus(NLS.bind(Messages.Companies_loadFailed, e.getMessage())));
			}
		});
		load.setSystem(true);
		load.schedule();
	}

	private void show(List<Company> companies, Company toSelect) {
		if (viewer.getControl().isDisposed()) {
			return;
		}
		viewer.setInput(companies);
		showStatus(companies.isEmpty() ? Messages.Companies_empty : null);
		if (toSelect != null) {
			companies.stream().filter(c -> c.id() == toSelect.id()).findFirst()
					.ifPresent(c -> viewer.setSelection(new StructuredSelection(c), true));
		}
	}

	/** Shows {@code text} above the table, or hides the line when there is nothing to say. */
	private void showStatus(String text) {
		if (status.isDisposed()) {
			return;
		}
		boolean visible = text != null;
		status.setText(visible ? text : ""); //$NON-NLS-1$
		status.setVisible(visible);
		((GridData) status.getLayoutData()).exclude = !visible;
		status.getParent().layout(true);
	}
}
