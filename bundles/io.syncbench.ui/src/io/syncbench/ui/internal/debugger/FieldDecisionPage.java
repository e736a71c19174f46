package io.syncbench.ui.internal.debugger;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

import io.syncbench.connector.FieldSchema;
import io.syncbench.engine.FieldReview;
import io.syncbench.engine.FieldRules;
import io.syncbench.store.SyncStatusService.Side;
import io.syncbench.ui.internal.WidgetIds;

/**
 * One field that needs a decision: the company database's, the connected system's and the last
 * synchronized values side by side, the field's rules, and the choice. The page is complete only when
 * the chosen value keeps the rules of both sides.
 */
final class FieldDecisionPage extends WizardPage {

	/** What the operator chose for the field. */
	enum Choice {
		LOCAL, EXTERNAL, TYPED
	}

	private final FieldReview field;
	private final String systemName;
	private final String error;
	private final Side overwritten;
	private Button keepLocal;
	private Button takeExternal;
	private Button type;
	private Text typed;
	private Object value;

	/**
	 * @param error       the record's last error when this is the field that produced it, else null
	 * @param overwritten after a conflict, the side whose value shown here was written over since
	 */
	FieldDecisionPage(FieldReview field, String systemName, String error, Side overwritten, int number, int of) {
		super("field." + field.field()); //$NON-NLS-1$
		this.field = field;
		this.systemName = systemName;
		this.error = error;
		this.overwritten = overwritten;
		setTitle(NLS.bind(Messages.Field_title, new Object[] { field.field(), number, of }));
		setDescription(rules(field.rule()));
	}

	/** The field's rules in words: "a decimal number, required, at most 40 characters". */
	static String rules(FieldSchema rule) {
		String text = FieldRules.describe(rule.type()) + ", " //$NON-NLS-1$
				+ (rule.required() ? Messages.Field_required : Messages.Field_optional);
		return rule.maxLength() > 0 ? text + ", " + NLS.bind(Messages.Field_maxLength, rule.maxLength()) : text; //$NON-NLS-1$
	}

	@Override
	public void createControl(Composite parent) {
		Composite page = new Composite(parent, SWT.NONE);
		GridLayoutFactory.swtDefaults().numColumns(3).equalWidth(true).spacing(12, 6).applyTo(page);
		if (error != null) {
			Label problem = WidgetIds.tag(new Label(page, SWT.WRAP), "resolve.error"); //$NON-NLS-1$
			problem.setText(NLS.bind(Messages.Field_error, error));
			problem.setForeground(page.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
			GridDataFactory.fillDefaults().span(3, 1).grab(true, false).hint(560, SWT.DEFAULT).applyTo(problem);
		}
		heading(page, Messages.Field_local);
		heading(page, NLS.bind(Messages.Field_external, systemName));
		heading(page, Messages.Field_lastSynced);
		value(page, field.localValue(), "resolve.local"); //$NON-NLS-1$
		value(page, field.externalValue(), "resolve.external"); //$NON-NLS-1$
		value(page, field.lastSynced(), "resolve.lastSynced"); //$NON-NLS-1$
		if (field.holdsNow() != null && overwritten != null) {
			// The column shows what the side held when the conflict was found; it was written over since.
			note(page, overwritten == Side.LOCAL ? field.holdsNow() : null, "resolve.local.now"); //$NON-NLS-1$
			note(page, overwritten == Side.EXTERNAL ? field.holdsNow() : null, "resolve.external.now"); //$NON-NLS-1$
			new Label(page, SWT.NONE);
		}

		Composite choices = new Composite(page, SWT.NONE);
		GridDataFactory.fillDefaults().span(3, 1).grab(true, false).indent(0, 10).applyTo(choices);
		GridLayoutFactory.fillDefaults().numColumns(2).applyTo(choices);
		keepLocal = radio(choices, Messages.Field_keepLocal, "resolve.keepLocal", field.localValue() != null); //$NON-NLS-1$
		takeExternal = radio(choices, NLS.bind(Messages.Field_takeExternal, systemName), "resolve.takeExternal", //$NON-NLS-1$
				field.externalValue() != null);
		type = WidgetIds.tag(new Button(choices, SWT.RADIO), "resolve.type"); //$NON-NLS-1$
		type.setText(Messages.Field_type);
		typed = WidgetIds.tag(new Text(choices, SWT.BORDER | SWT.SINGLE), "resolve.typed"); //$NON-NLS-1$
		GridDataFactory.fillDefaults().grab(true, false).applyTo(typed);

		// The field at fault is offered for correction; elsewhere a sound value is kept as it is.
		if (error == null && field.localValue() != null && isSound(field.localValue())) {
			keepLocal.setSelection(true);
		} else if (error == null && field.externalValue() != null && isSound(field.externalValue())) {
			takeExternal.setSelection(true);
		} else {
			type.setSelection(true);
			typed.setText(field.localValue() != null ? field.localValue()
					: field.externalValue() != null ? field.externalValue() : ""); //$NON-NLS-1$
		}
		for (Button choice : new Button[] { keepLocal, takeExternal, type }) {
			choice.addListener(SWT.Selection, event -> validate());
		}
		typed.addListener(SWT.Modify, event -> {
			if (!type.getSelection()) {
				keepLocal.setSelection(false);
				takeExternal.setSelection(false);
				type.setSelection(true);
			}
			validate();
		});
		setControl(page);
		validate();
	}

	private boolean isSound(String text) {
		try {
			field.parse(text);
			return true;
		} catch (IllegalArgumentException e) {
			return false;
		}
	}

	private static void heading(Composite parent, String text) {
		Label heading = new Label(parent, SWT.NONE);
		heading.setText(text);
		heading.setFont(JFaceResources.getBannerFont());
	}

	private static void value(Composite parent, String value, String id) {
		Text shown = WidgetIds.tag(new Text(parent, SWT.BORDER | SWT.READ_ONLY | SWT.WRAP | SWT.MULTI), id);
		shown.setText(value == null ? Messages.Field_noValue : value);
		GridDataFactory.fillDefaults().grab(true, false).hint(180, 48).applyTo(shown);
	}

	private static void note(Composite parent, String holdsNow, String id) {
		Label note = WidgetIds.tag(new Label(parent, SWT.WRAP), id);
		note.setText(holdsNow == null ? "" : NLS.bind(Messages.Field_overwritten, holdsNow)); //$NON-NLS-1$
		note.setForeground(parent.getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY));
		GridDataFactory.fillDefaults().grab(true, false).hint(180, SWT.DEFAULT).applyTo(note);
	}

	private static Button radio(Composite parent, String text, String id, boolean available) {
		Button radio = WidgetIds.tag(new Button(parent, SWT.RADIO), id);
		radio.setText(text);
		radio.setEnabled(available);
		GridDataFactory.fillDefaults().span(2, 1).applyTo(radio);
		return radio;
	}

	private void validate() {
		String text = keepLocal.getSelection() ? field.localValue()
				: takeExternal.getSelection() ? field.externalValue() : typed.getText();
		try {
			value = field.parse(text);
			setErrorMessage(null);
			setPageComplete(true);
		} catch (IllegalArgumentException e) {
			value = null;
			setErrorMessage(e.getMessage());
			setPageComplete(false);
		}
	}

	FieldReview field() {
		return field;
	}

	Choice choice() {
		return keepLocal.getSelection() ? Choice.LOCAL : takeExternal.getSelection() ? Choice.EXTERNAL : Choice.TYPED;
	}

	/** The checked value to write; only meaningful while the page is complete. */
	Object value() {
		return value;
	}
}
