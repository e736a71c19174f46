package io.syncbench.ui.internal.forms;

import org.eclipse.jface.fieldassist.ControlDecoration;
import org.eclipse.jface.fieldassist.FieldDecorationRegistry;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;

import io.syncbench.ui.internal.WidgetIds;

/**
 * A field's problem, shown where the operator looks: an error marker on the field and the message in
 * words on the line below it (colour is never the only carrier).
 */
public final class FieldProblem {

	private final ControlDecoration marker;
	private final Label message;

	/** Adds the message line to {@code parent}'s grid, spanning {@code columns} from the second column. */
	public FieldProblem(Control field, Composite parent, int columns, String id) {
		marker = new ControlDecoration(field, SWT.LEFT | SWT.TOP);
		marker.setImage(FieldDecorationRegistry.getDefault()
				.getFieldDecoration(FieldDecorationRegistry.DEC_ERROR).getImage());
		marker.hide();
		new Label(parent, SWT.NONE); // under the field's label
		message = WidgetIds.tag(new Label(parent, SWT.WRAP), id);
		message.setForeground(parent.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
		GridDataFactory.fillDefaults().grab(true, false).span(columns - 1, 1).hint(360, SWT.DEFAULT)
				.applyTo(message);
	}

	/** Shows {@code problem}, or clears the field's problem when it is null. */
	public void show(String problem) {
		message.setText(problem == null ? "" : problem); //$NON-NLS-1$
		marker.setDescriptionText(problem);
		if (problem == null) {
			marker.hide();
		} else {
			marker.show();
		}
		message.getParent().layout(true);
	}

	public boolean isDisposed() {
		return message.isDisposed();
	}

	public boolean isShown() {
		return !message.getText().isEmpty();
	}
}
