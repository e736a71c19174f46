package io.syncbench.ui.internal;

import java.util.Objects;
import java.util.function.Function;

import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ColumnViewerToolTipSupport;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;

/**
 * Columns of text for the workbench's table viewers. A cell that a narrow view cuts says it all in its
 * tooltip, unless the column gives a tooltip of its own.
 *
 * @param <T> the viewer's elements
 */
public final class TextColumns<T> {

	private final TableViewer viewer;
	private final Class<T> type;
	private Function<T, Color> foreground = element -> null;

	private TextColumns(TableViewer viewer, Class<T> type) {
		this.viewer = viewer;
		this.type = type;
		ColumnViewerToolTipSupport.enableFor(viewer);
	}

	/** Columns for {@code viewer}, whose elements are of {@code type}; enables the viewer's cell tooltips. */
	public static <T> TextColumns<T> of(TableViewer viewer, Class<T> type) {
		return new TextColumns<>(viewer, type);
	}

	/** The colour of a row's text in the columns added after this; null for the table's own. */
	public TextColumns<T> foreground(Function<T, Color> colour) {
		this.foreground = colour;
		return this;
	}

	public TextColumns<T> add(String title, int width, Function<T, String> text) {
		return add(title, width, text, text);
	}

	public TextColumns<T> add(String title, int width, Function<T, String> text, Function<T, String> tooltip) {
		Function<T, Color> colour = foreground;
		TableViewerColumn column = new TableViewerColumn(viewer, SWT.NONE);
		column.getColumn().setText(title);
		column.getColumn().setWidth(width);
		column.getColumn().setMoveable(true);
		column.setLabelProvider(new ColumnLabelProvider() {
			@Override
			public String getText(Object element) {
				return Objects.toString(text.apply(type.cast(element)), ""); //$NON-NLS-1$
			}

			@Override
			public String getToolTipText(Object element) {
				String said = tooltip.apply(type.cast(element));
				return said == null || said.isEmpty() ? null : said;
			}

			@Override
			public Color getForeground(Object element) {
				return colour.apply(type.cast(element));
			}
		});
		return this;
	}
}
