package io.syncbench.ui.internal.companies;

import java.util.List;
import java.util.Optional;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.databinding.observable.value.IObservableValue;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import io.syncbench.store.EntitySettings;
import io.syncbench.store.EntitySettings.Direction;
import io.syncbench.store.SyncStatusService.Side;
import io.syncbench.ui.internal.WidgetIds;
import io.syncbench.ui.internal.forms.Forms;
import io.syncbench.ui.internal.forms.FieldProblem;
import io.syncbench.ui.internal.forms.FormBindings;

/**
 * Adds or edits how one entity is synchronized with one connected system: direction, primary side,
 * the operator's field mappings ({@code company field=system field}) and the record filter. The
 * fields they name are checked against the entity's fields in both systems, read as the dialog opens.
 */
final class EntityDialog extends TitleAreaDialog {

	/** The entities of the standard layout; others can be typed. */
	private static final int READ_DELAY_MS = 500;
	private static final String[] KNOWN_ENTITIES = { "product", "customer", "address", "salesorder", "salesorderline" }; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$

	private final List<String> systems;
	private final EntitySettings initial;
	private final FieldReader fields;
	/** The fields last read for the chosen system and entity; null until they are. */
	private EntityFields read;
	private Label schemaNote;
	private int reads;
	private Combo system;
	private Combo entity;
	private FieldProblem entityProblem;
	private Combo direction;
	private Combo primary;
	private Text mappings;
	private FieldProblem mappingsProblem;
	private Text filter;
	private FieldProblem filterProblem;
	private FormBindings bindings;
	private IObservableValue<String> entityValue;
	private IObservableValue<String> mappingsValue;
	private IObservableValue<String> filterValue;
	private EntitySettings result;

	/** Reads an entity's fields from the company database and a connected system, as the form holds them. */
	interface FieldReader {
		EntityFields read(String system, String entity);
	}

	EntityDialog(Shell parent, List<String> systems, EntitySettings initial, FieldReader fields) {
		super(parent);
		this.systems = systems;
		this.initial = initial;
		this.fields = fields;
	}

	EntitySettings result() {
		return result;
	}

	@Override
	protected void configureShell(Shell shell) {
		super.configureShell(shell);
		shell.setText(Messages.Entity_shellTitle);
	}

	@Override
	protected Control createDialogArea(Composite parent) {
		setTitle(Messages.Entity_title);
		setMessage(Messages.Entity_message);
		Composite area = (Composite) super.createDialogArea(parent);
		Composite form = Forms.form(area);

		Forms.label(form, Messages.Entity_system);
		system = WidgetIds.tag(new Combo(form, SWT.READ_ONLY), "entity.system"); //$NON-NLS-1$
		system.setItems(systems.toArray(String[]::new));
		system.select(Math.max(0, initial == null ? 0 : systems.indexOf(initial.system())));
		Forms.field(system);

		Forms.label(form, Messages.Entity_entity);
		entity = WidgetIds.tag(new Combo(form, SWT.DROP_DOWN), "entity.entity"); //$NON-NLS-1$
		entity.setItems(KNOWN_ENTITIES);
		entity.setText(initial == null ? KNOWN_ENTITIES[0] : initial.entity());
		Forms.field(entity);
		entityProblem = new FieldProblem(entity, form, Forms.COLUMNS, "entity.entityProblem"); //$NON-NLS-1$

		Forms.label(form, Messages.Entity_direction);
		direction = WidgetIds.tag(new Combo(form, SWT.READ_ONLY), "entity.direction"); //$NON-NLS-1$
		direction.setItems(Messages.Entity_both, Messages.Entity_sendOnly, Messages.Entity_downloadOnly);
		direction.select(initial == null ? 0 : initial.direction().ordinal());
		Forms.field(direction);

		Forms.label(form, Messages.Entity_primary);
		primary = WidgetIds.tag(new Combo(form, SWT.READ_ONLY), "entity.primary"); //$NON-NLS-1$
		primary.setItems(Messages.Entity_primaryLocal, Messages.Entity_primaryExternal);
		primary.select(initial == null || initial.primary() == Side.LOCAL ? 0 : 1);
		Forms.field(primary);

		Forms.label(form, Messages.Entity_mappings);
		mappings = WidgetIds.tag(new Text(form, SWT.BORDER | SWT.MULTI | SWT.V_SCROLL), "entity.mappings"); //$NON-NLS-1$
		mappings.setText(initial == null ? "" : KeyValueLines.format(initial.mappings())); //$NON-NLS-1$
		Forms.area(mappings, 320, 60);
		mappingsProblem = new FieldProblem(mappings, form, Forms.COLUMNS, "entity.mappingsProblem"); //$NON-NLS-1$

		Forms.label(form, Messages.Entity_filter);
		filter = WidgetIds.tag(new Text(form, SWT.BORDER | SWT.MULTI | SWT.V_SCROLL), "entity.filter"); //$NON-NLS-1$
		filter.setText(initial == null ? "" : KeyValueLines.format(initial.filter())); //$NON-NLS-1$
		Forms.area(filter, 320, 60);
		filterProblem = new FieldProblem(filter, form, Forms.COLUMNS, "entity.filterProblem"); //$NON-NLS-1$
		schemaNote = Forms.hint(form, "entity.schemaNote", 320); //$NON-NLS-1$

		bindings = new FormBindings(form, true);
		bindings.text(system, null, chosen -> systems.isEmpty() ? Optional.of(Messages.Entity_noSystem) : Optional.empty());
		entityValue = bindings.text(entity, entityProblem, this::entityRule);
		mappingsValue = bindings.text(mappings, mappingsProblem, this::mappingsRule);
		filterValue = bindings.text(filter, filterProblem, this::filterRule);
		// The mappings and the filter are checked against the entity's fields in the chosen system.
		entity.addListener(SWT.Modify, event -> bindings.recheck());
		entity.addListener(SWT.Modify, event -> readFieldsSoon());
		system.addListener(SWT.Selection, event -> bindings.recheck());
		system.addListener(SWT.Selection, event -> readFieldsSoon());
		readFieldsSoon();
		return area;
	}

	@Override
	protected void createButtonsForButtonBar(Composite parent) {
		super.createButtonsForButtonBar(parent);
		bindings.enableWhileValid(getButton(IDialogConstants.OK_ID));
	}

	private Optional<String> entityRule(String typed) {
		String name = typed.strip();
		if (!name.matches("[A-Za-z][A-Za-z0-9_]{0,79}")) { //$NON-NLS-1$
			return Optional.of(NLS.bind(Messages.Entity_badName, name));
		}
		return read != null && !read.offered().isEmpty() ? Optional.of(read.offered().get(0)) : Optional.empty();
	}

	/** The lines first, then the fields they name, against the systems' own when those were read. */
	private Optional<String> mappingsRule(String typed) {
		KeyValueLines.Result mapped = KeyValueLines.parse(typed);
		return mapped.problem().or(() -> read == null ? Optional.empty()
				: read.mappingProblem(mapped.pairs(), entity.getText().strip(), chosenSystem()));
	}

	private Optional<String> filterRule(String typed) {
		KeyValueLines.Result filtered = KeyValueLines.parse(typed);
		return filtered.problem()
				.or(() -> read == null ? Optional.empty() : read.filterProblem(filtered.pairs(), entity.getText().strip()));
	}

	private String chosenSystem() {
		return system.getSelectionIndex() < 0 ? "" : systems.get(system.getSelectionIndex()); //$NON-NLS-1$
	}

	/**
	 * Reads the entity's fields from both systems in a job, half a second after the last edit of the
	 * system or entity; a read still on its way when another starts is not shown.
	 */
	private void readFieldsSoon() {
		int current = ++reads;
		read = null;
		schemaNote.setText(Messages.Entity_reading);
		schemaNote.getDisplay().timerExec(READ_DELAY_MS, () -> {
			if (schemaNote.isDisposed() || current != reads) {
				return;
			}
			String chosen = chosenSystem();
			String name = entity.getText().strip();
			Job job = Job.create(NLS.bind(Messages.Entity_readJob, name, chosen), monitor -> {
				EntityFields found = fields.read(chosen, name);
				schemaNote.getDisplay().asyncExec(() -> {
					if (!schemaNote.isDisposed() && current == reads) {
						read = found;
						schemaNote.setText(found.unread().isEmpty() ? NLS.bind(Messages.Entity_checked, name, chosen)
								: NLS.bind(Messages.Entity_notChecked, String.join(" ", found.unread()))); //$NON-NLS-1$
						schemaNote.getParent().layout(true, true);
						bindings.recheck();
					}
				});
			});
			job.setSystem(true);
			job.schedule();
		});
	}

	@Override
	protected void okPressed() {
		if (!bindings.recheck()) {
			return;
		}
		result = new EntitySettings(systems.get(system.getSelectionIndex()), entityValue.getValue().strip(),
				Direction.values()[direction.getSelectionIndex()], primary.getSelectionIndex() == 0 ? Side.LOCAL : Side.EXTERNAL,
				KeyValueLines.parse(mappingsValue.getValue()).pairs(), KeyValueLines.parse(filterValue.getValue()).pairs());
		super.okPressed();
	}
}
