package io.syncbench.ui.internal;

import org.eclipse.swt.widgets.Widget;

/**
 * Stable names for the widgets that tests and accessibility tools look up, so that they do not depend
 * on labels, which change with wording and language.
 */
public final class WidgetIds {

	/** The key under which a widget carries its id ({@link Widget#getData(String)}). */
	public static final String KEY = "io.syncbench.widgetId"; //$NON-NLS-1$

	private WidgetIds() {
	}

	public static <W extends Widget> W tag(W widget, String id) {
		widget.setData(KEY, id);
		return widget;
	}
}
