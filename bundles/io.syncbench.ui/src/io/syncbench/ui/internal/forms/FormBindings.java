package io.syncbench.ui.internal.forms;

import java.util.Optional;
import java.util.function.Function;

import org.eclipse.core.databinding.AggregateValidationStatus;
import org.eclipse.core.databinding.Binding;
import org.eclipse.core.databinding.DataBindingContext;
import org.eclipse.core.databinding.UpdateValueStrategy;
import org.eclipse.core.databinding.observable.Realm;
import org.eclipse.core.databinding.observable.value.IObservableValue;
import org.eclipse.core.databinding.observable.value.WritableValue;
import org.eclipse.core.databinding.validation.ValidationStatus;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.jface.databinding.swt.DisplayRealm;
import org.eclipse.jface.databinding.swt.typed.WidgetProperties;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;

/**
 * A dialog's fields bound with JFace Data Binding to the values it saves: each checked by its rule as
 * it is typed, its problem shown at the field ({@link FieldProblem}), and OK enabled while every rule
 * holds. The values are read from here, never from the widgets; a rule that depends on what another
 * field holds, or on what a background read found, is checked again with {@link #recheck()}.
 */
public final class FormBindings {

	private final Realm realm;
	private final DataBindingContext context;
	private final AggregateValidationStatus all;
	private final boolean problemsBeforeTyping;

	/**
	 * @param problemsBeforeTyping whether a field's problem shows as the dialog opens (a saved setting
	 *                             that no longer holds), or only once the operator typed in it (an
	 *                             empty new form is not yet wrong, though it cannot be saved)
	 */
	public FormBindings(Control owner, boolean problemsBeforeTyping) {
		this.problemsBeforeTyping = problemsBeforeTyping;
		realm = DisplayRealm.getRealm(owner.getDisplay());
		context = new DataBindingContext(realm);
		all = new AggregateValidationStatus(realm, context.getValidationStatusProviders(),
				AggregateValidationStatus.MAX_SEVERITY);
		owner.addDisposeListener(event -> {
			all.dispose();
			context.dispose();
		});
	}

	/**
	 * The text of a field, checked by {@code rule} (its problem in words, or none); the problem shows in
	 * {@code problem} when there is one, else only OK waits for it.
	 */
	public IObservableValue<String> text(Control field, FieldProblem problem, Function<String, Optional<String>> rule) {
		boolean[] typedIn = { problemsBeforeTyping };
		field.addListener(SWT.Modify, event -> typedIn[0] = true); // before the binding's own listener
		IObservableValue<String> typed = field instanceof Combo combo ? WidgetProperties.text().observe(combo)
				: WidgetProperties.text(SWT.Modify).observe((Text) field);
		IObservableValue<String> value = new WritableValue<>(realm, typed.getValue(), String.class);
		UpdateValueStrategy<String, String> checked = new UpdateValueStrategy<String, String>()
				.setAfterGetValidator(text -> rule.apply(text).map(ValidationStatus::error).orElse(ValidationStatus.ok()));
		Binding binding = context.bindValue(typed, value, checked, new UpdateValueStrategy<>(UpdateValueStrategy.POLICY_NEVER));
		binding.getValidationStatus().addValueChangeListener(event -> {
			if (problem != null && typedIn[0] && !problem.isDisposed()) {
				show(problem, event.diff.getNewValue());
			}
		});
		if (problem != null && problemsBeforeTyping) {
			show(problem, binding.getValidationStatus().getValue());
		}
		return value;
	}

	private static void show(FieldProblem problem, IStatus status) {
		problem.show(status.isOK() ? null : status.getMessage());
	}

	/** Whether a check box is ticked. */
	public IObservableValue<Boolean> ticked(Button box) {
		IObservableValue<Boolean> value = new WritableValue<>(realm, box.getSelection(), Boolean.class);
		context.bindValue(WidgetProperties.buttonSelection().observe(box), value);
		return value;
	}

	/** A spinner's number; its range is the rule's, so it holds no other. */
	public IObservableValue<Integer> number(Spinner spinner) {
		IObservableValue<Integer> value = new WritableValue<>(realm, spinner.getSelection(), Integer.class);
		context.bindValue(WidgetProperties.spinnerSelection().observe(spinner), value);
		return value;
	}

	/** {@code control} is enabled while {@code condition} holds. */
	public void enableWhile(Control control, IObservableValue<Boolean> condition) {
		context.bindValue(WidgetProperties.enabled().observe(control), condition,
				new UpdateValueStrategy<>(UpdateValueStrategy.POLICY_NEVER), null);
	}

	/** OK (or any button that saves) is enabled while every field's rule holds. */
	public void enableWhileValid(Button ok) {
		ok.setEnabled(valid());
		all.addValueChangeListener(event -> {
			if (!ok.isDisposed()) {
				ok.setEnabled(event.diff.getNewValue().isOK());
			}
		});
	}

	/**
	 * Checks every field again, showing each problem, and answers whether every rule holds. A field that
	 * holds now takes its value too: it may have been refused while what its rule reads was otherwise.
	 */
	public boolean recheck() {
		context.updateModels();
		return valid();
	}

	public boolean valid() {
		return all.getValue().isOK();
	}
}
