package io.syncbench.ui.internal.progress;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swtchart.Chart;
import org.eclipse.swtchart.IAxis;
import org.eclipse.swtchart.IAxis.Position;
import org.eclipse.swtchart.ILineSeries;
import org.eclipse.swtchart.ILineSeries.PlotSymbolType;
import org.eclipse.swtchart.ISeries.SeriesType;

import io.syncbench.ui.internal.Messages;
import io.syncbench.ui.internal.WidgetIds;

/**
 * A small live chart of the current run: records handled per second (left axis) and queued changes
 * still waiting (right axis) against the seconds since the run started, from the engine's progress
 * events. A new run starts a new chart; with several companies running, it follows the newest run.
 */
final class ThroughputChart {

	/** Enough for ten minutes at four points a second; older points slide out. */
	private static final int MAX_POINTS = 2400;

	private final Chart chart;
	private final ILineSeries rate;
	private final ILineSeries backlog;
	private final List<double[]> points = new ArrayList<>(); // seconds, records per second, backlog
	private long runId = -1;
	private long startNanos;
	private long lastNanos;
	private long lastProcessed;

	ThroughputChart(Composite parent) {
		chart = WidgetIds.tag(new Chart(parent, SWT.NONE), "progress.chart"); //$NON-NLS-1$
		chart.getTitle().setVisible(false);
		chart.getLegend().setPosition(SWT.BOTTOM);
		Color blue = parent.getDisplay().getSystemColor(SWT.COLOR_DARK_BLUE);
		Color amber = parent.getDisplay().getSystemColor(SWT.COLOR_DARK_YELLOW);
		IAxis x = chart.getAxisSet().getXAxis(0);
		x.getTitle().setText(Messages.Progress_chartSeconds);
		IAxis y = chart.getAxisSet().getYAxis(0);
		y.getTitle().setVisible(false); // the legend names both lines; a turned title would be cut short
		y.getTick().setForeground(blue);
		IAxis y2 = chart.getAxisSet().getYAxis(chart.getAxisSet().createYAxis());
		y2.setPosition(Position.Secondary);
		y2.getTitle().setVisible(false);
		y2.getTick().setForeground(amber);
		rate = line("rate", Messages.Progress_chartRateSeries, blue, 0); //$NON-NLS-1$
		backlog = line("backlog", Messages.Progress_chartBacklogSeries, amber, chart.getAxisSet().getYAxisIds()[1]); //$NON-NLS-1$
		show();
	}

	private ILineSeries line(String id, String description, Color color, int yAxis) {
		ILineSeries line = (ILineSeries) chart.getSeriesSet().createSeries(SeriesType.LINE, id);
		line.setDescription(description);
		line.setLineColor(color);
		line.setLineWidth(2);
		line.setSymbolType(PlotSymbolType.NONE);
		line.setAntialias(SWT.ON);
		line.setYAxisId(yAxis);
		return line;
	}

	/** A run started: its chart begins empty. */
	void started(long run) {
		runId = run;
		startNanos = System.nanoTime();
		lastNanos = startNanos;
		lastProcessed = 0;
		points.clear();
		points.add(new double[] { 0, 0, 0 });
		show();
	}

	/** The run has handled {@code processed} records so far, and {@code waiting} queued changes wait. */
	void progress(long run, long processed, long waiting) {
		if (run != runId || chart.isDisposed()) {
			return;
		}
		long now = System.nanoTime();
		double seconds = (now - lastNanos) / 1e9;
		if (seconds <= 0) {
			return;
		}
		points.add(new double[] { (now - startNanos) / 1e9, (processed - lastProcessed) / seconds, waiting });
		if (points.size() > MAX_POINTS) {
			points.remove(0);
		}
		lastNanos = now;
		lastProcessed = processed;
		show();
	}

	private void show() {
		rate.setXSeries(points.stream().mapToDouble(p -> p[0]).toArray());
		rate.setYSeries(points.stream().mapToDouble(p -> p[1]).toArray());
		backlog.setXSeries(points.stream().mapToDouble(p -> p[0]).toArray());
		backlog.setYSeries(points.stream().mapToDouble(p -> p[2]).toArray());
		chart.getAxisSet().adjustRange();
		chart.redraw();
	}
}
