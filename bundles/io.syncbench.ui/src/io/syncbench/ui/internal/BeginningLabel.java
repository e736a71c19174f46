package io.syncbench.ui.internal;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CLabel;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.widgets.Composite;

/**
 * A label with an icon that, when its text is too long, keeps both: the icon, and the text's beginning
 * ended with an ellipsis. {@link CLabel} drops the icon first and then cuts the middle of the text,
 * which is where a reason's words are. {@link #getText()} answers the whole text; it belongs in the
 * tooltip too.
 */
public class BeginningLabel extends CLabel {

	private static final String ELLIPSIS = "\u2026"; //$NON-NLS-1$
	/** CLabel's space between its icon and its text. */
	private static final int GAP = 5;

	private String full = ""; //$NON-NLS-1$

	public BeginningLabel(Composite parent, int style) {
		super(parent, style);
		addListener(SWT.Resize, event -> fit());
	}

	@Override
	public void setText(String text) {
		full = text == null ? "" : text; //$NON-NLS-1$
		fit();
	}

	@Override
	public String getText() {
		return full;
	}

	@Override
	public void setImage(Image image) {
		super.setImage(image);
		fit();
	}

	/** Shows as much of the text's beginning as fits beside the icon. */
	private void fit() {
		Image image = getImage();
		int width = getClientArea().width - getLeftMargin() - getRightMargin()
				- (image == null ? 0 : image.getBounds().width + GAP);
		if (width <= 0) { // not laid out yet: the next resize fits it
			super.setText(full);
			return;
		}
		GC gc = new GC(this);
		try {
			gc.setFont(getFont());
			super.setText(beginning(gc, full, width));
		} finally {
			gc.dispose();
		}
	}

	private static String beginning(GC gc, String text, int width) {
		if (gc.textExtent(text).x <= width) {
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
