package io.syncbench.ui.internal;

import org.eclipse.swt.custom.CLabel;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.widgets.Composite;

/**
 * A label with an icon that, when its text is too long, keeps the text's beginning and ends it with an
 * ellipsis: {@link CLabel} cuts the middle, which is where a reason's words are. The whole text belongs
 * in the tooltip.
 */
public class BeginningLabel extends CLabel {

	private static final String ELLIPSIS = "\u2026"; //$NON-NLS-1$

	public BeginningLabel(Composite parent, int style) {
		super(parent, style);
	}

	@Override
	protected String shortenText(GC gc, String text, int width) {
		if (text == null || gc.textExtent(text).x <= width) {
			return text;
		}
		int fits = 0;
		int low = 0;
		int high = text.length();
		while (low <= high) { // the longest beginning that fits with the ellipsis
			int middle = (low + high) >>> 1;
			if (gc.textExtent(text.substring(0, middle) + ELLIPSIS).x <= width) {
				fits = middle;
				low = middle + 1;
			} else {
				high = middle - 1;
			}
		}
		return text.substring(0, fits).stripTrailing() + ELLIPSIS;
	}
}
