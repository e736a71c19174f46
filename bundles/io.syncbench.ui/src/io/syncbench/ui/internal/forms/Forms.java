package io.syncbench.ui.internal.forms;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;

import io.syncbench.ui.internal.WidgetIds;

/**
 * The form grid the company dialogs share, so they line up alike: a label column, then fields over
 * the other {@value #COLUMNS} minus one columns, where a hint or a field's problem may stand too.
 */
public final class Forms {

	public static final int COLUMNS = 3;

	private Forms() {
	}

	/** A form filling {@code parent}. */
	public static Composite form(Composite parent) {
		Composite form = new Composite(parent, SWT.NONE);
		GridDataFactory.fillDefaults().grab(true, true).applyTo(form);
		GridLayoutFactory.swtDefaults().numColumns(COLUMNS).margins(12, 12).spacing(10, 4).applyTo(form);
		return form;
	}

	public static void label(Composite form, String text) {
		new Label(form, SWT.NONE).setText(text);
	}

	/** A check box across the form. */
	public static Button checkBox(Composite form, String text, String id, boolean selected) {
		Button box = WidgetIds.tag(new Button(form, SWT.CHECK), id);
		box.setText(text);
		box.setSelection(selected);
		GridDataFactory.fillDefaults().span(COLUMNS, 1).applyTo(box);
		return box;
	}

	/** A one-line field right of its label, as wide as the form. */
	public static <C extends Control> C field(C control) {
		GridDataFactory.fillDefaults().grab(true, false).span(COLUMNS - 1, 1).indent(8, 0).applyTo(control);
		return control;
	}

	/**
	 * A hint in grey under the field above it, wrapped at {@code width}: what a field takes, or what was
	 * checked. Its text is set by the caller, and may change.
	 */
	public static Label hint(Composite form, String id, int width) {
		new Label(form, SWT.NONE); // under the fields, not the labels
		Label hint = WidgetIds.tag(new Label(form, SWT.WRAP), id);
		hint.setForeground(form.getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY));
		GridDataFactory.fillDefaults().grab(true, false).span(COLUMNS - 1, 1).indent(8, 0).hint(width, SWT.DEFAULT)
				.applyTo(hint);
		return hint;
	}

	/** A field of several lines right of its label, growing with the dialog. */
	public static <C extends Control> C area(C control, int width, int height) {
		GridDataFactory.fillDefaults().grab(true, true).span(COLUMNS - 1, 1).indent(8, 0).hint(width, height)
				.applyTo(control);
		return control;
	}
}
