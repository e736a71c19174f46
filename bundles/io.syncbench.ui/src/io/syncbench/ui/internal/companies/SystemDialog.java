package io.syncbench.ui.internal.companies;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.databinding.observable.value.IObservableValue;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import io.syncbench.connector.Connector;
import io.syncbench.connector.ConnectorException;
import io.syncbench.connector.Health;
import io.syncbench.connector.SettingKey;
import io.syncbench.connector.SystemSession;
import io.syncbench.engine.ConnectorRegistry;
import io.syncbench.store.CompanyRules;
import io.syncbench.store.ConnectedSystem.Role;
import io.syncbench.ui.internal.WidgetIds;
import io.syncbench.ui.internal.forms.Forms;
import io.syncbench.ui.internal.forms.FieldProblem;
import io.syncbench.ui.internal.forms.FormBindings;

/**
 * Adds or edits one connected system: name, kind, role, settings and secret, with Test connection,
 * which opens a session with what is typed and says whether the system is reachable, rejects the
 * credentials or cannot be reached. The secret field shows nothing of a saved secret.
 */
final class SystemDialog extends TitleAreaDialog {

	private final ConnectorRegistry connectors;
	private final SystemDraft initial;
	private final Set<String> takenNames;
	private final SavedSecret savedSecret;
	private Text name;
	private FieldProblem nameProblem;
	private Combo type;
	private List<String> types;
	private Combo role;
	private Text settings;
	private FieldProblem settingsProblem;
	private FormBindings bindings;
	private IObservableValue<String> nameValue;
	private IObservableValue<String> settingsValue;
	private IObservableValue<Boolean> enabledValue;
	/** The keys the chosen kind of system takes, each with its help, under the settings. */
	private Label keys;
	private Text secret;
	private Button enabled;
	private Label health;
	private Button details;
	/** What the last test found, word for word; null when nothing was tested since the last edit. */
	private String detail;
	private SystemDraft result;

	/** Reads the secret saved for the system, for Test connection when none is typed. */
	interface SavedSecret {
		Optional<char[]> read(String systemName);
	}

	SystemDialog(Shell parent, ConnectorRegistry connectors, SystemDraft initial, Set<String> takenNames,
			SavedSecret savedSecret) {
		super(parent);
		this.connectors = connectors;
		this.initial = initial;
		this.takenNames = takenNames;
		this.savedSecret = savedSecret;
	}

	SystemDraft result() {
		return result;
	}

	@Override
	protected void configureShell(Shell shell) {
		super.configureShell(shell);
		shell.setText(Messages.System_shellTitle);
	}

	@Override
	protected boolean isResizable() {
		return true;
	}

	@Override
	protected Control createDialogArea(Composite parent) {
		setTitle(initial.savedName() == null ? Messages.System_titleNew : NLS.bind(Messages.System_titleEdit, initial.name()));
		setMessage(Messages.System_message);
		Composite area = (Composite) super.createDialogArea(parent);
		Composite form = Forms.form(area);

		Forms.label(form, Messages.System_name);
		name = WidgetIds.tag(new Text(form, SWT.BORDER), "system.name"); //$NON-NLS-1$
		name.setText(initial.name());
		Forms.field(name);
		nameProblem = new FieldProblem(name, form, Forms.COLUMNS, "system.nameProblem"); //$NON-NLS-1$

		Forms.label(form, Messages.System_type);
		type = WidgetIds.tag(new Combo(form, SWT.READ_ONLY), "system.type"); //$NON-NLS-1$
		types = connectors.types().stream().sorted().toList();
		type.setItems(types.toArray(String[]::new));
		type.select(Math.max(0, types.indexOf(initial.type())));
		Forms.field(type);

		Forms.label(form, Messages.System_role);
		role = WidgetIds.tag(new Combo(form, SWT.READ_ONLY), "system.role"); //$NON-NLS-1$
		role.setItems(Messages.System_roleOutside, Messages.System_roleDatabase);
		role.select(initial.role() == Role.COMPANY_DATABASE ? 1 : 0);
		Forms.field(role);

		Forms.label(form, Messages.System_settings);
		settings = WidgetIds.tag(new Text(form, SWT.BORDER | SWT.MULTI | SWT.V_SCROLL), "system.settings"); //$NON-NLS-1$
		settings.setText(initial.settingsText());
		Forms.area(settings, 380, 80);
		settingsProblem = new FieldProblem(settings, form, Forms.COLUMNS, "system.settingsProblem"); //$NON-NLS-1$
		keys = Forms.hint(form, "system.keys", 380); //$NON-NLS-1$

		Forms.label(form, Messages.System_secret);
		secret = WidgetIds.tag(new Text(form, SWT.BORDER | SWT.PASSWORD), "system.secret"); //$NON-NLS-1$
		secret.setMessage(initial.savedName() == null ? Messages.System_secretHintNew : Messages.System_secretHintKeep);
		Forms.field(secret);

		enabled = WidgetIds.tag(new Button(form, SWT.CHECK), "system.enabled"); //$NON-NLS-1$
		enabled.setText(Messages.System_enabled);
		enabled.setSelection(initial.enabled());
		GridDataFactory.fillDefaults().span(Forms.COLUMNS, 1).applyTo(enabled);

		Button test = WidgetIds.tag(new Button(form, SWT.PUSH), "system.test"); //$NON-NLS-1$
		test.setText(Messages.System_test);
		test.setToolTipText(Messages.System_testTooltip);
		health = WidgetIds.tag(new Label(form, SWT.WRAP), "system.health"); //$NON-NLS-1$
		GridDataFactory.fillDefaults().grab(true, false).span(Forms.COLUMNS - 2, 1).hint(320, SWT.DEFAULT).applyTo(health);
		// The outcome in words on the line; what the system or the network said, word for word, behind Details.
		details = WidgetIds.tag(new Button(form, SWT.PUSH), "system.details"); //$NON-NLS-1$
		details.setText(Messages.System_details);
		details.setEnabled(false);
		details.addListener(SWT.Selection, event -> MessageDialog.openInformation(getShell(), Messages.System_detailsTitle,
				detail));
		test.addListener(SWT.Selection, event -> testConnection());

		bindings = new FormBindings(form, true);
		nameValue = bindings.text(name, nameProblem, this::nameRule);
		settingsValue = bindings.text(settings, settingsProblem, this::settingsRule);
		enabledValue = bindings.ticked(enabled);
		bindings.text(type, null, chosen -> chosenConnector().isEmpty() ? Optional.of(Messages.System_noKind) : Optional.empty());
		showKeys();
		type.addListener(SWT.Selection, event -> {
			bindings.recheck(); // the settings' rules are the kind's
			showKeys();
		});
		// A test's result describes the form as it was tested: an edit clears it, and a result still on its way is not shown.
		for (Control edited : new Control[] { name, settings, secret }) {
			edited.addListener(SWT.Modify, event -> forgetTest());
		}
		type.addListener(SWT.Selection, event -> forgetTest());
		enabled.addListener(SWT.Selection, event -> forgetTest());
		return area;
	}

	@Override
	protected void createButtonsForButtonBar(Composite parent) {
		super.createButtonsForButtonBar(parent);
		bindings.enableWhileValid(getButton(IDialogConstants.OK_ID));
	}

	private Optional<String> nameRule(String typed) {
		String chosen = typed.strip();
		return CompanyRules.checkSystemName(chosen)
				.or(() -> takenNames.contains(chosen) ? Optional.of(NLS.bind(Messages.System_nameTaken, chosen)) : Optional.empty());
	}

	/** The lines first, then the kind of system's own rules: the keys it takes, their values and ranges. */
	private Optional<String> settingsRule(String typed) {
		KeyValueLines.Result lines = KeyValueLines.parse(typed);
		return lines.problem().or(() -> chosenConnector().flatMap(kind -> kind.checkSettings(lines.pairs())));
	}

	private Optional<Connector> chosenConnector() {
		return type.getSelectionIndex() < 0 ? Optional.empty() : connectors.find(types.get(type.getSelectionIndex()));
	}

	/**
	 * The keys the chosen kind takes, by name under the settings; what each means in the settings'
	 * tooltip, to keep the form short.
	 */
	private void showKeys() {
		List<SettingKey> taken = chosenConnector().map(Connector::settingKeys).orElse(List.of());
		String names = taken.isEmpty() ? "" : NLS.bind(Messages.System_keys, taken.stream() //$NON-NLS-1$
				.map(key -> key.required() ? NLS.bind(Messages.System_keyRequired, key.key()) : key.key())
				.collect(java.util.stream.Collectors.joining(", "))); //$NON-NLS-1$
		settings.setToolTipText(taken.isEmpty() ? null : taken.stream().map(key -> key.key() + ": " + key.help()) //$NON-NLS-1$
				.collect(java.util.stream.Collectors.joining("\n"))); //$NON-NLS-1$
		if (!names.equals(keys.getText())) {
			keys.setText(names);
			keys.getParent().layout(true, true);
		}
	}

	/** A fresh copy of the typed secret, or {@code orElse} when none is typed. */
	private char[] typedSecret(Supplier<char[]> orElse) {
		return secret.getText().isEmpty() ? orElse.get() : secret.getText().toCharArray();
	}

	/** Opens a session with what the form holds, off the UI thread, and says what it found. */
	private void testConnection() {
		var parsed = KeyValueLines.parse(settings.getText());
		if (parsed.problem().isPresent() || type.getSelectionIndex() < 0) {
			bindings.recheck();
			return;
		}
		Optional<Connector> connector = chosenConnector();
		char[] credentials = typedSecret(() -> initial.savedName() == null ? new char[0]
				: savedSecret.read(initial.savedName()).orElse(new char[0]));
		showHealth(Messages.System_testing, SWT.COLOR_WIDGET_FOREGROUND, null);
		int test = ++tests;
		Job job = Job.create(Messages.System_testJob, monitor -> {
			Health found;
			try (SystemSession session = connector.orElseThrow().open(parsed.pairs(), credentials)) {
				found = session.check();
			} catch (ConnectorException e) {
				found = new Health(e.kind() == ConnectorException.Kind.CREDENTIALS_REJECTED
						? Health.State.CREDENTIALS_REJECTED : Health.State.UNREACHABLE, e.getMessage());
			} catch (RuntimeException e) {
				found = new Health(Health.State.UNREACHABLE, e.getMessage());
			} finally {
				Arrays.fill(credentials, '\0');
			}
			Health shown = found;
			health.getDisplay().asyncExec(() -> {
				if (!health.isDisposed() && test == tests) {
					switch (shown.state()) {
						case REACHABLE -> showHealth(Messages.System_reachable, SWT.COLOR_DARK_GREEN, shown.message());
						case CREDENTIALS_REJECTED -> showHealth(Messages.System_rejected, SWT.COLOR_DARK_RED, shown.message());
						case UNREACHABLE -> showHealth(Messages.System_unreachable, SWT.COLOR_DARK_RED, shown.message());
					}
				}
			});
		});
		job.schedule();
	}

	/** Clears the last test's result, and makes one still on its way stale. */
	private void forgetTest() {
		tests++;
		if (!health.getText().isEmpty()) {
			showHealth("", SWT.COLOR_WIDGET_FOREGROUND, null); //$NON-NLS-1$
		}
	}

	/** The tests started so far: a result is shown only when it is the last test's and nothing was edited since. */
	private int tests;

	private void showHealth(String text, int colour, String found) {
		detail = found;
		details.setEnabled(found != null && !found.isBlank());
		health.setText(text);
		health.setForeground(health.getDisplay().getSystemColor(colour));
		health.getParent().layout(true);
	}

	@Override
	protected void okPressed() {
		if (!bindings.recheck()) {
			return;
		}
		result = new SystemDraft(initial.savedName(), nameValue.getValue().strip(), types.get(type.getSelectionIndex()),
				role.getSelectionIndex() == 1 ? Role.COMPANY_DATABASE : Role.OUTSIDE_SYSTEM,
				KeyValueLines.parse(settingsValue.getValue()).pairs(), enabledValue.getValue(),
				typedSecret(initial::secret));
		super.okPressed();
	}
}
