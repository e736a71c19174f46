package io.syncbench.ui.internal.companies;

import org.eclipse.core.databinding.observable.value.IObservableValue;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;

import io.syncbench.store.Company;
import io.syncbench.store.CompanyNameTakenException;
import io.syncbench.store.CompanyRules;
import io.syncbench.store.CompanyService;
import io.syncbench.store.CompanySettings;
import io.syncbench.store.InvalidFieldException;
import io.syncbench.store.StoreException;
import io.syncbench.ui.internal.Messages;
import io.syncbench.ui.internal.WidgetIds;
import io.syncbench.ui.internal.forms.Forms;
import io.syncbench.ui.internal.forms.FieldProblem;
import io.syncbench.ui.internal.forms.FormBindings;

/**
 * Creates a company. The fields are bound to the values it saves ({@link FormBindings}): the name is
 * checked as it is typed (required, length, characters, not taken); the interval spinner only offers
 * allowed values; Create stays disabled while anything is invalid, and a refusal by the store lands at
 * its field.
 */
public class NewCompanyDialog extends TitleAreaDialog {


	private final CompanyService companies;
	private final CompanyNameCheck names = new CompanyNameCheck();

	private Text name;
	private FieldProblem nameProblem;
	private Spinner interval;
	private FormBindings bindings;
	private IObservableValue<String> nameValue;
	private IObservableValue<Boolean> automaticValue;
	private IObservableValue<Integer> intervalValue;
	private IObservableValue<Boolean> onStartValue;
	private IObservableValue<Boolean> completeUpdateValue;
	private Company created;

	public NewCompanyDialog(Shell parent, CompanyService companies) {
		super(parent);
		this.companies = companies;
	}

	/** The company saved by Create; null when the dialog was cancelled. */
	public Company createdCompany() {
		return created;
	}

	@Override
	protected void configureShell(Shell shell) {
		super.configureShell(shell);
		shell.setText(Messages.NewCompany_shellTitle);
	}

	@Override
	protected boolean isResizable() {
		return true;
	}

	@Override
	protected Control createDialogArea(Composite parent) {
		setTitle(Messages.NewCompany_title);
		setMessage(Messages.NewCompany_message);
		companies.list().forEach(company -> names.taken(company.name()));

		Composite area = (Composite) super.createDialogArea(parent);
		Composite form = Forms.form(area);

		Forms.label(form, Messages.NewCompany_name);
		name = WidgetIds.tag(new Text(form, SWT.BORDER | SWT.SINGLE), "newCompany.name"); //$NON-NLS-1$
		name.setTextLimit(CompanyRules.MAX_NAME_LENGTH * 2); // room to say "too long" rather than cut silently
		Forms.field(name);
		nameProblem = new FieldProblem(name, form, Forms.COLUMNS, "newCompany.nameProblem"); //$NON-NLS-1$

		Button automatic = Forms.checkBox(form, Messages.NewCompany_automatic, "newCompany.automatic", true); //$NON-NLS-1$

		Forms.label(form, Messages.NewCompany_interval);
		interval = WidgetIds.tag(new Spinner(form, SWT.BORDER), "newCompany.interval"); //$NON-NLS-1$
		// The spinner's range is the rule's range, so an invalid interval cannot be entered at all.
		interval.setValues(CompanyRules.DEFAULT_INTERVAL_SECONDS, CompanyRules.MIN_INTERVAL_SECONDS,
				CompanyRules.MAX_INTERVAL_SECONDS, 0, 1, 10);
		GridDataFactory.fillDefaults().indent(8, 0).applyTo(interval);
		new Label(form, SWT.NONE).setText(NLS.bind(Messages.NewCompany_intervalHint,
				CompanyRules.MIN_INTERVAL_SECONDS, CompanyRules.MAX_INTERVAL_SECONDS));

		Button onStart = Forms.checkBox(form, Messages.NewCompany_onStart, "newCompany.onStart", false); //$NON-NLS-1$
		Button completeUpdate = Forms.checkBox(form, Messages.NewCompany_completeUpdate, "newCompany.completeUpdate", true); //$NON-NLS-1$

		// An empty form may not be created, but is not yet an error either: problems show once typed.
		bindings = new FormBindings(form, false);
		nameValue = bindings.text(name, nameProblem, names::problem);
		automaticValue = bindings.ticked(automatic);
		intervalValue = bindings.number(interval);
		onStartValue = bindings.ticked(onStart);
		completeUpdateValue = bindings.ticked(completeUpdate);
		bindings.enableWhile(interval, automaticValue);
		return area;
	}

	@Override
	protected void createButtonsForButtonBar(Composite parent) {
		Button create = createButton(parent, IDialogConstants.OK_ID, Messages.NewCompany_create, true);
		createButton(parent, IDialogConstants.CANCEL_ID, IDialogConstants.CANCEL_LABEL, false);
		bindings.enableWhileValid(create);
	}

	@Override
	protected void okPressed() {
		boolean runsByItself = automaticValue.getValue();
		int seconds = runsByItself ? intervalValue.getValue() : CompanyRules.DEFAULT_INTERVAL_SECONDS;
		CompanySettings settings = new CompanySettings(nameValue.getValue().strip(), seconds, runsByItself,
				onStartValue.getValue(), completeUpdateValue.getValue());
		try {
			created = companies.create(settings);
			super.okPressed();
		} catch (InvalidFieldException e) {
			showAtField(e);
		} catch (StoreException e) {
			setErrorMessage(NLS.bind(Messages.NewCompany_saveFailed, e.getMessage()));
		}
	}

	/** The store refused a value (for example a name another process took meanwhile): say so at the field. */
	private void showAtField(InvalidFieldException refusal) {
		if (CompanyRules.FIELD_INTERVAL.equals(refusal.field())) {
			setErrorMessage(refusal.getMessage());
			interval.setFocus();
		} else {
			if (refusal instanceof CompanyNameTakenException) {
				names.taken(nameValue.getValue());
				bindings.recheck(); // the rule knows the name is taken now, and Create waits for another
			}
			nameProblem.show(refusal.getMessage());
			name.setFocus();
		}
	}
}
