package io.syncbench.ui.internal.companies;

import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntPredicate;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.databinding.observable.value.IObservableValue;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.dialogs.ProgressMonitorDialog;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.window.Window;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.TabFolder;
import org.eclipse.swt.widgets.TabItem;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;

import io.syncbench.connector.Connector;
import io.syncbench.connector.ConnectorException;
import io.syncbench.connector.EntitySchema;
import io.syncbench.connector.FieldSchema;
import io.syncbench.connector.SystemSession;
import io.syncbench.engine.ConnectorRegistry;
import io.syncbench.secrets.CompanySecrets;
import io.syncbench.secrets.SecretStore;
import io.syncbench.secrets.SecretStoreException;
import io.syncbench.store.Company;
import io.syncbench.store.CompanyRules;
import io.syncbench.store.CompanySettings;
import io.syncbench.store.CompanySetup;
import io.syncbench.store.ConnectedSystem;
import io.syncbench.store.ConnectedSystem.Role;
import io.syncbench.store.EntitySettings;
import io.syncbench.store.InvalidFieldException;
import io.syncbench.store.RunSettings;
import io.syncbench.store.Store;
import io.syncbench.store.StoreException;
import io.syncbench.store.SyncStatusService.Side;
import io.syncbench.ui.internal.WidgetIds;
import io.syncbench.ui.internal.forms.Forms;
import io.syncbench.ui.internal.forms.FieldProblem;
import io.syncbench.ui.internal.forms.FormBindings;

/**
 * Everything a company's sync needs, on three tabs: General (name, schedule, triggers, blocking rule,
 * limits, complete update), Systems (connected systems and their credentials, with Test connection)
 * and Entities (direction, primary system, field mappings, record filter per system). Nothing is
 * saved before OK, and then all at once; secrets go to secure storage, never to the store.
 */
public final class CompanyPropertiesDialog extends TitleAreaDialog {

	private final Store store;
	private final ConnectorRegistry connectors;
	private final SecretStore secrets;
	private final Company company;
	private final CompanyNameCheck names = new CompanyNameCheck();
	private final List<SystemDraft> systems = new ArrayList<>();
	private final List<SystemDraft> removedSystems = new ArrayList<>();
	private final List<EntitySettings> entities = new ArrayList<>();

	private FieldProblem nameProblem;
	/** The General tab's fields, bound to the values saved. */
	private FormBindings bindings;
	private IObservableValue<String> name;
	private IObservableValue<Boolean> automatic;
	private IObservableValue<Integer> interval;
	private IObservableValue<Boolean> onStart;
	private IObservableValue<Boolean> onChange;
	private IObservableValue<Integer> minimumGap;
	private IObservableValue<Integer> parallel;
	private IObservableValue<Integer> maxAttempts;
	private IObservableValue<Boolean> holdRunsOnConflict;
	private IObservableValue<Boolean> completeUpdate;
	private Table systemTable;
	private Table entityTable;
	/** Enable Edit and Remove of each table only while one of its rows is selected. */
	private Runnable systemChoice = () -> {
	};
	private Runnable entityChoice = () -> {
	};
	private Company saved;

	public CompanyPropertiesDialog(Shell parent, Store store, ConnectorRegistry connectors, SecretStore secrets,
			Company company) {
		super(parent);
		this.store = store;
		this.connectors = connectors;
		this.secrets = secrets;
		this.company = company;
	}

	/** The company as OK saved it; null when cancelled. */
	public Company savedCompany() {
		return saved;
	}

	@Override
	protected void configureShell(Shell shell) {
		super.configureShell(shell);
		shell.setText(NLS.bind(Messages.Properties_shellTitle, company.name()));
	}

	@Override
	protected boolean isResizable() {
		return true;
	}

	@Override
	protected Control createDialogArea(Composite parent) {
		setTitle(NLS.bind(Messages.Properties_title, company.name()));
		setMessage(Messages.Properties_message);
		store.companies().list().stream().filter(c -> c.id() != company.id())
				.forEach(c -> names.taken(c.name()));
		store.syncSetup().systems(company.id()).forEach(s -> {
			systems.add(SystemDraft.of(s));
			entities.addAll(store.syncSetup().entities(company.id(), s.name()));
		});

		Composite area = (Composite) super.createDialogArea(parent);
		TabFolder tabs = WidgetIds.tag(new TabFolder(area, SWT.TOP), "properties.tabs"); //$NON-NLS-1$
		GridDataFactory.fillDefaults().grab(true, true).applyTo(tabs);
		tab(tabs, Messages.Properties_tabGeneral, general(tabs));
		tab(tabs, Messages.Properties_tabSystems, systemsTab(tabs));
		tab(tabs, Messages.Properties_tabEntities, entitiesTab(tabs));
		showSystems();
		showEntities();
		return area;
	}

	private static void tab(TabFolder tabs, String text, Control control) {
		TabItem item = new TabItem(tabs, SWT.NONE);
		item.setText(text);
		item.setControl(control);
	}

	private Control general(Composite parent) {
		Composite form = Forms.form(parent);
		CompanySettings settings = company.settings();
		RunSettings run = company.runSettings();

		new Label(form, SWT.NONE).setText(Messages.Properties_name);
		Text nameField = WidgetIds.tag(new Text(form, SWT.BORDER), "properties.name"); //$NON-NLS-1$
		nameField.setText(company.name());
		nameField.setTextLimit(CompanyRules.MAX_NAME_LENGTH * 2);
		Forms.field(nameField);
		nameProblem = new FieldProblem(nameField, form, Forms.COLUMNS, "properties.nameProblem"); //$NON-NLS-1$

		Button automaticBox = Forms.checkBox(form, Messages.Properties_automatic, "properties.automatic", settings.automaticSync()); //$NON-NLS-1$
		Spinner intervalField = spinner(form, Messages.Properties_interval, "properties.interval", settings.syncIntervalSeconds(), //$NON-NLS-1$
				CompanyRules.MIN_INTERVAL_SECONDS, CompanyRules.MAX_INTERVAL_SECONDS);
		Button onStartBox = Forms.checkBox(form, Messages.Properties_onStart, "properties.onStart", settings.syncOnStart()); //$NON-NLS-1$
		Button onChangeBox = Forms.checkBox(form, Messages.Properties_onChange, "properties.onChange", run.syncOnChange()); //$NON-NLS-1$
		Spinner minimumGapField = spinner(form, Messages.Properties_minimumGap, "properties.minimumGap", run.minimumGapMinutes(), 0, //$NON-NLS-1$
				RunSettings.MAX_GAP_MINUTES);
		Spinner parallelField = spinner(form, Messages.Properties_parallel, "properties.parallel", run.parallelEntities(), 1, //$NON-NLS-1$
				RunSettings.MAX_PARALLEL_ENTITIES);
		Spinner maxAttemptsField = spinner(form, Messages.Properties_maxAttempts, "properties.maxAttempts", run.maxAttempts(), 1, //$NON-NLS-1$
				RunSettings.MAX_ATTEMPTS);
		Button holdBox = Forms.checkBox(form, Messages.Properties_holdRunsOnConflict, "properties.holdRunsOnConflict", //$NON-NLS-1$
				run.holdRunsOnConflict());
		holdBox.setToolTipText(Messages.Properties_holdRunsOnConflictTip);
		Button completeUpdateBox = Forms.checkBox(form, Messages.Properties_completeUpdate, "properties.completeUpdate", //$NON-NLS-1$
				settings.completeUpdate());
		Label note = new Label(form, SWT.WRAP);
		note.setText(Messages.Properties_completeUpdateNote);
		GridDataFactory.fillDefaults().span(Forms.COLUMNS, 1).indent(20, 0).hint(420, SWT.DEFAULT).applyTo(note);

		// A saved name that no longer passes (a rule made stricter since) shows its problem at once.
		bindings = new FormBindings(form, true);
		name = bindings.text(nameField, nameProblem, names::problem);
		automatic = bindings.ticked(automaticBox);
		interval = bindings.number(intervalField);
		onStart = bindings.ticked(onStartBox);
		onChange = bindings.ticked(onChangeBox);
		minimumGap = bindings.number(minimumGapField);
		parallel = bindings.number(parallelField);
		maxAttempts = bindings.number(maxAttemptsField);
		holdRunsOnConflict = bindings.ticked(holdBox);
		completeUpdate = bindings.ticked(completeUpdateBox);
		bindings.enableWhile(intervalField, automatic);
		return form;
	}

	/** A spinner whose range is the rule's, so a value out of range cannot be entered. */
	private static Spinner spinner(Composite parent, String label, String id, int value, int min, int max) {
		new Label(parent, SWT.NONE).setText(label);
		Spinner spinner = WidgetIds.tag(new Spinner(parent, SWT.BORDER), id);
		spinner.setValues(value, min, max, 0, 1, 10);
		GridDataFactory.fillDefaults().indent(8, 0).applyTo(spinner);
		new Label(parent, SWT.NONE).setText(NLS.bind(Messages.Properties_range, min, max));
		return spinner;
	}

	private Control systemsTab(Composite parent) {
		Composite page = new Composite(parent, SWT.NONE);
		GridLayoutFactory.swtDefaults().numColumns(2).applyTo(page);
		systemTable = table(page, "properties.systems", Messages.Properties_systemName, Messages.Properties_systemType, //$NON-NLS-1$
				Messages.Properties_systemRole, Messages.Properties_systemEnabled);
		Composite buttons = buttons(page);
		button(buttons, Messages.Properties_add, "properties.addSystem", () -> editSystem(null)); //$NON-NLS-1$
		Button edit = button(buttons, Messages.Properties_edit, "properties.editSystem", () -> editSystem(selected(systemTable))); //$NON-NLS-1$
		Button remove = button(buttons, Messages.Properties_remove, "properties.removeSystem", //$NON-NLS-1$
				() -> removeSystem(selected(systemTable)));
		Button capture = button(buttons, Messages.Properties_capture, "properties.captureSystem", //$NON-NLS-1$
				() -> changeCapture(selected(systemTable)));
		Runnable editable = followSelection(systemTable, edit, remove);
		// Only a company database records its changes for SyncBench to read.
		Runnable capturable = followSelection(systemTable, index -> systems.get(index).role() == Role.COMPANY_DATABASE,
				capture);
		systemChoice = () -> {
			editable.run();
			capturable.run();
		};
		systemTable.addListener(SWT.DefaultSelection, event -> editSystem(selected(systemTable)));
		return page;
	}

	private Control entitiesTab(Composite parent) {
		Composite page = new Composite(parent, SWT.NONE);
		GridLayoutFactory.swtDefaults().numColumns(2).applyTo(page);
		entityTable = table(page, "properties.entities", Messages.Properties_entitySystem, //$NON-NLS-1$
				Messages.Properties_entityEntity, Messages.Properties_entityDirection, Messages.Properties_entityPrimary,
				Messages.Properties_entityMappings);
		Composite buttons = buttons(page);
		button(buttons, Messages.Properties_add, "properties.addEntity", () -> editEntity(null)); //$NON-NLS-1$
		Button edit = button(buttons, Messages.Properties_edit, "properties.editEntity", () -> editEntity(selected(entityTable))); //$NON-NLS-1$
		Button remove = button(buttons, Messages.Properties_remove, "properties.removeEntity", () -> { //$NON-NLS-1$
			int index = selected(entityTable);
			if (index >= 0) {
				entities.remove(index);
				showEntities();
			}
		});
		entityChoice = followSelection(entityTable, edit, remove);
		entityTable.addListener(SWT.DefaultSelection, event -> editEntity(selected(entityTable)));
		return page;
	}

	private static Table table(Composite parent, String id, String... titles) {
		Table table = WidgetIds.tag(new Table(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE), id);
		table.setHeaderVisible(true);
		table.setLinesVisible(true);
		GridDataFactory.fillDefaults().grab(true, true).hint(520, 200).applyTo(table);
		for (String title : titles) {
			TableColumn column = new TableColumn(table, SWT.LEFT);
			column.setText(title);
			column.setWidth(520 / titles.length);
		}
		return table;
	}

	private static Composite buttons(Composite parent) {
		Composite buttons = new Composite(parent, SWT.NONE);
		GridDataFactory.fillDefaults().align(SWT.FILL, SWT.BEGINNING).applyTo(buttons);
		GridLayoutFactory.fillDefaults().applyTo(buttons);
		return buttons;
	}

	private static Button button(Composite parent, String text, String id, Runnable action) {
		Button button = WidgetIds.tag(new Button(parent, SWT.PUSH), id);
		button.setText(text);
		GridDataFactory.fillDefaults().applyTo(button);
		button.addListener(SWT.Selection, event -> action.run());
		return button;
	}

	/** Enables {@code buttons} while a row of {@code table} is selected; the returned update runs after a refill. */
	private static Runnable followSelection(Table table, Button... buttons) {
		return followSelection(table, index -> true, buttons);
	}

	/** Enables the buttons while a row is selected that they apply to; the returned update runs it again. */
	private static Runnable followSelection(Table table, IntPredicate appliesTo, Button... buttons) {
		Runnable update = () -> {
			int index = table.getSelectionIndex();
			for (Button button : buttons) {
				button.setEnabled(index >= 0 && appliesTo.test(index));
			}
		};
		table.addListener(SWT.Selection, event -> update.run());
		update.run();
		return update;
	}

	/** Each column as wide as its widest value or its title, so that none is cut ("company datab"). */
	private static void fitColumns(Table table) {
		for (TableColumn column : table.getColumns()) {
			column.pack();
		}
	}

	private static int selected(Table table) {
		return table.getSelectionIndex();
	}

	private void showSystems() {
		systemTable.removeAll();
		for (SystemDraft system : systems) {
			new TableItem(systemTable, SWT.NONE).setText(new String[] { system.name(), system.type(),
					system.role() == Role.COMPANY_DATABASE ? Messages.Properties_roleDatabase : Messages.Properties_roleOutside,
					system.enabled() ? Messages.Properties_yes : Messages.Properties_no });
		}
		fitColumns(systemTable);
		systemChoice.run();
	}

	private void showEntities() {
		entityTable.removeAll();
		for (EntitySettings entity : entities) {
			new TableItem(entityTable, SWT.NONE).setText(new String[] { entity.system(), entity.entity(),
					switch (entity.direction()) {
						case BOTH -> Messages.Entity_both;
						case SEND_ONLY -> Messages.Entity_sendOnly;
						case DOWNLOAD_ONLY -> Messages.Entity_downloadOnly;
					}, entity.primary() == Side.LOCAL ? Messages.Entity_primaryLocal
							: Messages.Entity_primaryExternal,
					String.join(", ", entity.mappings().entrySet().stream().map(m -> m.getKey() + "=" + m.getValue()).toList()) }); //$NON-NLS-1$ //$NON-NLS-2$
		}
		fitColumns(entityTable);
		entityChoice.run();
	}

	private void editSystem(Integer index) {
		if (index != null && index < 0) {
			return;
		}
		SystemDraft initial = index == null
				? new SystemDraft(null, "", connectors.types().stream().sorted().findFirst().orElse(""), //$NON-NLS-1$ //$NON-NLS-2$
						Role.OUTSIDE_SYSTEM, Map.of(), true, null)
				: systems.get(index);
		Set<String> taken = new HashSet<>();
		systems.stream().filter(s -> s != initial).forEach(s -> taken.add(s.name()));
		SystemDialog dialog = new SystemDialog(getShell(), connectors, initial, taken,
				systemName -> companySecrets().read(company.id(), systemName));
		if (dialog.open() == Window.OK) {
			if (index == null) {
				systems.add(dialog.result());
			} else {
				systems.set(index, dialog.result());
				if (!initial.name().equals(dialog.result().name())) { // its entities follow the new name
					entities.replaceAll(e -> e.system().equals(initial.name()) ? new EntitySettings(dialog.result().name(),
							e.entity(), e.direction(), e.primary(), e.mappings(), e.filter()) : e);
					showEntities();
				}
			}
			showSystems();
		}
	}

	private void removeSystem(int index) {
		if (index < 0) {
			return;
		}
		SystemDraft removed = systems.remove(index);
		if (removed.savedName() != null) {
			removedSystems.add(removed);
		}
		entities.removeIf(e -> e.system().equals(removed.name()));
		showSystems();
		showEntities();
	}

	private void editEntity(Integer index) {
		if (index != null && index < 0) {
			return;
		}
		List<String> outside = systems.stream().filter(s -> s.role() == Role.OUTSIDE_SYSTEM).map(SystemDraft::name).toList();
		if (outside.isEmpty()) {
			setErrorMessage(Messages.Properties_noOutsideSystem);
			return;
		}
		EntityDialog dialog = new EntityDialog(getShell(), outside, index == null ? null : entities.get(index),
				this::readFields);
		if (dialog.open() == Window.OK) {
			EntitySettings result = dialog.result();
			entities.removeIf(e -> e.system().equals(result.system()) && e.entity().equals(result.entity()));
			if (index != null && index < entities.size()) {
				entities.add(Math.min(index, entities.size()), result);
			} else {
				entities.add(result);
			}
			setErrorMessage(null);
			showEntities();
		}
	}

	/**
	 * The entity's fields in the company database and in the system, read from each as the form holds
	 * it (its typed secret, else the saved one); off the UI thread, for the entity dialog's checks.
	 */
	private EntityFields readFields(String systemName, String entity) {
		List<String> offered = new ArrayList<>();
		List<String> unread = new ArrayList<>();
		Optional<SystemDraft> database = systems.stream().filter(s -> s.role() == Role.COMPANY_DATABASE).findFirst();
		Optional<Set<String>> local = database.flatMap(d -> fieldsOf(d, entity, offered, unread));
		Optional<Set<String>> external = systems.stream().filter(s -> s.name().equals(systemName)).findFirst()
				.flatMap(s -> fieldsOf(s, entity, offered, unread));
		return new EntityFields(local, external, offered, unread);
	}

	/** The company's secrets, kept under the store's identity. */
	private CompanySecrets companySecrets() {
		return new CompanySecrets(secrets, store.id());
	}

	/** The system's credentials: as typed in this dialog, else as saved, else none; a copy for the caller to clear. */
	private char[] secretOf(SystemDraft system) {
		return system.secret() != null ? system.secret().clone()
				: system.savedName() == null ? new char[0]
						: companySecrets().read(company.id(), system.savedName()).orElse(new char[0]);
	}

	/** Shows the company database's change capture as the dialog's settings reach it, and installs it when asked. */
	private void changeCapture(int index) {
		if (index < 0) {
			return;
		}
		SystemDraft system = systems.get(index);
		Optional<Connector> connector = connectors.find(system.type());
		if (connector.isEmpty()) {
			MessageDialog.openError(getShell(), Messages.Capture_title, NLS.bind(Messages.Capture_failed, system.name(),
					NLS.bind(Messages.Properties_noConnector, system.type())));
			return;
		}
		ChangeCaptureDialog.open(getShell(), connector.get(), system, secretOf(system));
	}

	private Optional<Set<String>> fieldsOf(SystemDraft system, String entity, List<String> offered, List<String> unread) {
		char[] secret = secretOf(system);
		try (SystemSession session = connectors.find(system.type())
				.orElseThrow(() -> new IllegalStateException(NLS.bind(Messages.Properties_noConnector, system.type())))
				.open(system.settings(), secret)) {
			List<EntitySchema> schemas = session.schema();
			Optional<EntitySchema> schema = schemas.stream().filter(s -> s.name().equals(entity)).findFirst();
			if (schema.isEmpty()) {
				offered.add(NLS.bind(Messages.Entity_notOffered, new Object[] { system.name(), entity,
						String.join(", ", schemas.stream().map(EntitySchema::name).toList()) })); //$NON-NLS-1$
			}
			return schema.map(s -> s.fields().stream().map(FieldSchema::name).collect(java.util.stream.Collectors.toSet()));
		} catch (ConnectorException | RuntimeException e) {
			unread.add(NLS.bind(Messages.Entity_unreadable, system.name(), e.getMessage()));
			return Optional.empty();
		} finally {
			Arrays.fill(secret, '\0');
		}
	}

	@Override
	protected void createButtonsForButtonBar(Composite parent) {
		super.createButtonsForButtonBar(parent);
		bindings.enableWhileValid(getButton(IDialogConstants.OK_ID));
	}

	@Override
	protected void okPressed() {
		if (!bindings.recheck()) {
			return;
		}
		try {
			save();
			super.okPressed();
		} catch (InvocationTargetException e) {
			if (e.getCause() instanceof InvalidFieldException refused) {
				if (CompanyRules.FIELD_NAME.equals(refused.field())) {
					nameProblem.show(refused.getMessage());
				}
				setErrorMessage(refused.getMessage());
			} else {
				setErrorMessage(NLS.bind(Messages.Properties_saveFailed, e.getCause().getMessage()));
			}
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * The company, its run limits, systems and entities in one store transaction, off the UI thread
	 * under a progress dialog: a refusal or a lost store leaves the company as it was. Then the secrets,
	 * which live in secure storage and cannot join the transaction; they follow renamed systems.
	 */
	private void save() throws InvocationTargetException, InterruptedException {
		CompanySetup setup = new CompanySetup(
				new CompanySettings(name.getValue().strip(), interval.getValue(), automatic.getValue(),
						onStart.getValue(), completeUpdate.getValue()),
				new RunSettings(onChange.getValue(), minimumGap.getValue(), parallel.getValue(),
						maxAttempts.getValue(), holdRunsOnConflict.getValue()),
				systems.stream().map(s -> new ConnectedSystem(0, company.id(), s.name(), s.type(), s.role(), s.settings(),
						s.enabled())).toList(),
				entities);
		List<SystemDraft> kept = List.copyOf(systems);
		List<SystemDraft> removed = List.copyOf(removedSystems);
		new ProgressMonitorDialog(getShell()).run(true, false, monitor -> {
			monitor.beginTask(NLS.bind(Messages.Properties_saving, setup.settings().name()), IProgressMonitor.UNKNOWN);
			try {
				saved = store.syncSetup().saveSetup(company.id(), setup);
				moveSecrets(kept, removed);
			} catch (StoreException | SecretStoreException e) {
				throw new InvocationTargetException(e);
			} finally {
				monitor.done();
			}
		});
	}

	private void moveSecrets(List<SystemDraft> kept, List<SystemDraft> removed) {
		CompanySecrets saved = companySecrets();
		for (SystemDraft gone : removed) {
			saved.remove(company.id(), gone.savedName());
		}
		for (SystemDraft system : kept) {
			boolean renamed = system.savedName() != null && !system.savedName().equals(system.name());
			Optional<char[]> keptSecret = renamed && system.secret() == null
					? saved.read(company.id(), system.savedName())
					: Optional.empty();
			if (renamed) {
				saved.remove(company.id(), system.savedName());
			}
			Optional.ofNullable(system.secret()).or(() -> keptSecret).ifPresent(wipeAfter(
					secret -> saved.write(company.id(), system.name(), secret)));
		}
	}

	private static Consumer<char[]> wipeAfter(Consumer<char[]> use) {
		return secret -> {
			try {
				use.accept(secret);
			} finally {
				Arrays.fill(secret, '\0');
			}
		};
	}
}
