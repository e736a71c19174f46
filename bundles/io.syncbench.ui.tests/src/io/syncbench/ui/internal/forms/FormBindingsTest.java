package io.syncbench.ui.internal.forms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.core.databinding.observable.value.IObservableValue;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.syncbench.ui.testsupport.UiDriver;

/**
 * The dialogs' bindings on real SWT widgets: a rule that reads something besides its field (the fields
 * a background read found) is checked again, and the value it refused before is taken once it holds.
 */
class FormBindingsTest {

	private final UiDriver ui = UiDriver.forWorkbench();
	private Shell shell;
	private Text field;
	private Button ok;
	private FieldProblem problem;
	private FormBindings bindings;
	private IObservableValue<String> value;
	/** What the rule reads besides the field: the fields a system offers. */
	private final AtomicReference<String> offered = new AtomicReference<>("name");

	@BeforeEach
	void open() {
		ui.onUi(() -> {
			shell = new Shell(ui.display());
			shell.setLayout(new GridLayout(3, false));
			Composite form = new Composite(shell, SWT.NONE);
			form.setLayout(new GridLayout(3, false));
			new Label(form, SWT.NONE).setText("Field:");
			field = new Text(form, SWT.BORDER);
			problem = new FieldProblem(field, form, 3, "test.problem");
			ok = new Button(shell, SWT.PUSH);
			bindings = new FormBindings(form, false);
			value = bindings.text(field, problem, typed -> typed.equals(offered.get()) ? Optional.empty()
					: Optional.of("The system has no field " + typed + "."));
			bindings.enableWhileValid(ok);
			shell.open();
		});
	}

	@AfterEach
	void close() {
		ui.onUi(shell::dispose);
	}

	@Test
	void aFieldRefusedByWhatItsRuleReadsIsTakenOnceThatChanges() {
		assertFalse(ui.isEnabled(ok), "an empty field does not hold");
		assertFalse(ui.onUi(problem::isShown), "nor is it wrong before anything is typed");

		ui.type(field, "email");
		assertTrue(ui.onUi(problem::isShown));
		assertFalse(ui.isEnabled(ok));
		assertEquals("", ui.onUi(value::getValue), "a refused text is not taken");

		offered.set("email"); // the system's fields, read meanwhile, have it
		assertTrue(ui.onUi(bindings::recheck));
		assertTrue(ui.isEnabled(ok));
		assertFalse(ui.onUi(problem::isShown));
		assertEquals("email", ui.onUi(value::getValue), "what the field holds is what would be saved");
	}
}
