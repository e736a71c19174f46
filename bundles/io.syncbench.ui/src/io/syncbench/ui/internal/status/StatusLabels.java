package io.syncbench.ui.internal.status;

import java.util.EnumMap;
import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;

import io.syncbench.store.SyncState;

/**
 * A word and a small icon for each record state: the word carries the meaning, the icon's colour and
 * shape only reinforce it. The icons are drawn once per control and disposed with it.
 */
public final class StatusLabels {

	private final Map<SyncState, Image> icons = new EnumMap<>(SyncState.class);

	/** Icons for {@code owner}, disposed when it is. */
	public StatusLabels(Control owner) {
		Display display = owner.getDisplay();
		for (SyncState state : SyncState.values()) {
			icons.put(state, draw(display, state));
		}
		owner.addDisposeListener(event -> icons.values().forEach(Image::dispose));
	}

	public Image icon(SyncState state) {
		return icons.get(state);
	}

	public static String word(SyncState state) {
		return switch (state) {
			case PENDING -> Messages.State_pending;
			case SYNCHRONIZED -> Messages.State_synchronized;
			case FAILED -> Messages.State_failed;
			case SKIPPED -> Messages.State_skipped;
			case DELETED -> Messages.State_deleted;
			case CONFLICT -> Messages.State_conflict;
		};
	}

	/** A record's id on one side, or a dash while the record does not exist there. */
	public static String id(String id) {
		return id == null ? "\u2014" : id; //$NON-NLS-1$
	}

	private static final int SIZE = 14;

	/**
	 * A filled disc for done states, a ring for waiting ones, a cross or bang for the ones needing care,
	 * drawn on a transparent image (an image with a transparent colour, drawn on with a GC, shows as a
	 * black square on GTK).
	 */
	private static Image draw(Display display, SyncState state) {
		return new Image(display, (gc, width, height) -> paint(display, gc, state), SIZE, SIZE);
	}

	private static void paint(Display display, GC gc, SyncState state) {
		gc.setAntialias(SWT.ON);
		Color colour = new Color(display, rgb(state));
		gc.setBackground(colour);
		gc.setForeground(colour);
		gc.setLineWidth(2);
		switch (state) {
			case SYNCHRONIZED, DELETED -> gc.fillOval(1, 1, SIZE - 2, SIZE - 2);
			case PENDING, SKIPPED -> gc.drawOval(2, 2, SIZE - 4, SIZE - 4);
			case FAILED -> {
				gc.fillOval(0, 0, SIZE, SIZE);
				gc.setForeground(display.getSystemColor(SWT.COLOR_WHITE));
				gc.drawLine(4, 4, SIZE - 5, SIZE - 5);
				gc.drawLine(SIZE - 5, 4, 4, SIZE - 5);
			}
			case CONFLICT -> {
				gc.fillPolygon(new int[] { SIZE / 2, 0, SIZE - 1, SIZE - 1, 0, SIZE - 1 });
				gc.setForeground(display.getSystemColor(SWT.COLOR_WHITE));
				gc.drawLine(SIZE / 2, 4, SIZE / 2, SIZE - 6);
				gc.drawPoint(SIZE / 2, SIZE - 3);
			}
		}
		colour.dispose();
	}

	private static RGB rgb(SyncState state) {
		return switch (state) {
			case SYNCHRONIZED -> new RGB(46, 139, 87);
			case DELETED -> new RGB(128, 128, 128);
			case PENDING -> new RGB(30, 100, 200);
			case SKIPPED -> new RGB(120, 120, 120);
			case FAILED -> new RGB(200, 30, 30);
			case CONFLICT -> new RGB(220, 130, 0);
		};
	}
}
