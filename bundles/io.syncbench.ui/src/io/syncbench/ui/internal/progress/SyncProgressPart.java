package io.syncbench.ui.internal.progress;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;
import org.osgi.service.event.Event;

import io.syncbench.engine.SyncEvents;
import io.syncbench.engine.SyncJobs;
import io.syncbench.engine.SyncMode;
import io.syncbench.service.internal.SyncService;
import io.syncbench.ui.internal.Messages;
import io.syncbench.ui.internal.WidgetIds;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * Synchronization Progress: what the runs do, as they do it, from the engine's events. A line per
 * start, end, hold-back and failed record, newest first; a progress bar while a run goes on; the last
 * run's outcome in green, or in red with its message until the operator dismisses it. Sync now,
 * Cancel and Pause automatic sync act on the workbench's sync service.
 */
public class SyncProgressPart {

	private static final int MAX_LINES = 500;
	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault()); //$NON-NLS-1$

	private final List<ProgressLine> lines = new ArrayList<>();
	private int running;
	private boolean failureShown;

	@Inject
	@Optional
	@Service
	private SyncService sync;

	private Label state;
	private Button dismiss;
	private ProgressBar bar;
	private Button pause;
	private Combo mode;
	private TableViewer viewer;
	private ThroughputChart chart;

	@PostConstruct
	public void createPartControl(Composite parent) {
		GridLayoutFactory.swtDefaults().numColumns(1).applyTo(parent);

		Composite actions = new Composite(parent, SWT.NONE);
		GridLayoutFactory.fillDefaults().numColumns(5).applyTo(actions);
		mode = WidgetIds.tag(new Combo(actions, SWT.READ_ONLY), "progress.mode"); //$NON-NLS-1$
		mode.setItems(Messages.Progress_modeSynchronize, Messages.Progress_modeSend, Messages.Progress_modeDownload);
		mode.select(0);
		mode.setToolTipText(Messages.Progress_modeTooltip);
		Button syncNow = WidgetIds.tag(new Button(actions, SWT.PUSH), "progress.syncNow"); //$NON-NLS-1$
		syncNow.setText(Messages.Progress_syncNow);
		syncNow.setToolTipText(Messages.Progress_syncNowTooltip);
		syncNow.addListener(SWT.Selection, event -> syncNow());
		Button cancel = WidgetIds.tag(new Button(actions, SWT.PUSH), "progress.cancel"); //$NON-NLS-1$
		cancel.setText(Messages.Progress_cancel);
		cancel.setToolTipText(Messages.Progress_cancelTooltip);
		cancel.addListener(SWT.Selection, event -> Job.getJobManager().cancel(SyncJobs.RUNS));
		pause = WidgetIds.tag(new Button(actions, SWT.CHECK), "progress.pause"); //$NON-NLS-1$
		pause.setText(Messages.Progress_pause);
		pause.setToolTipText(Messages.Progress_pauseTooltip);
		pause.addListener(SWT.Selection, event -> {
			if (sync != null) {
				sync.pause(pause.getSelection());
			}
		});
		bar = WidgetIds.tag(new ProgressBar(actions, SWT.HORIZONTAL | SWT.INDETERMINATE), "progress.bar"); //$NON-NLS-1$
		GridDataFactory.fillDefaults().grab(true, false).applyTo(bar);
		bar.setVisible(false);

		Composite outcome = new Composite(parent, SWT.NONE);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(outcome);
		GridLayoutFactory.fillDefaults().numColumns(2).applyTo(outcome);
		state = WidgetIds.tag(new Label(outcome, SWT.WRAP), "progress.state"); //$NON-NLS-1$
		GridDataFactory.fillDefaults().grab(true, false).hint(400, SWT.DEFAULT).applyTo(state);
		state.setText(Messages.Progress_noRunYet);
		dismiss = WidgetIds.tag(new Button(outcome, SWT.PUSH), "progress.dismiss"); //$NON-NLS-1$
		dismiss.setText(Messages.Progress_dismiss);
		dismiss.addListener(SWT.Selection, event -> dismissFailure());
		GridDataFactory.swtDefaults().applyTo(dismiss);
		showDismiss(false);

		SashForm linesAndChart = new SashForm(parent, SWT.HORIZONTAL);
		GridDataFactory.fillDefaults().grab(true, true).applyTo(linesAndChart);
		viewer = new TableViewer(linesAndChart, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL);
		WidgetIds.tag(viewer.getTable(), "progress.table"); //$NON-NLS-1$
		viewer.getTable().setHeaderVisible(true);
		viewer.setContentProvider(ArrayContentProvider.getInstance());
		column(Messages.Progress_columnTime, 80, line -> TIME.format(line.time()));
		column(Messages.Progress_columnCompany, 150, ProgressLine::company);
		column(Messages.Progress_columnWhat, 130, ProgressLine::what);
		column(Messages.Progress_columnDetails, 600, ProgressLine::details);
		viewer.setInput(lines);
		chart = new ThroughputChart(linesAndChart);
		linesAndChart.setWeights(68, 32);
	}

	private void column(String title, int width, java.util.function.Function<ProgressLine, String> text) {
		TableViewerColumn column = new TableViewerColumn(viewer, SWT.NONE);
		column.getColumn().setText(title);
		column.getColumn().setWidth(width);
		column.setLabelProvider(new ColumnLabelProvider() {
			@Override
			public String getText(Object element) {
				return Objects.toString(text.apply((ProgressLine) element), ""); //$NON-NLS-1$
			}

			@Override
			public Color getForeground(Object element) {
				return ((ProgressLine) element).problem() ? red() : null;
			}
		});
	}

	@Focus
	public void setFocus() {
		viewer.getControl().setFocus();
	}

	@Inject
	@Optional
	void runStarted(@UIEventTopic(SyncEvents.RUN_STARTED) Event event) {
		running++;
		if (event.getProperty(SyncEvents.RUN_ID) instanceof Long runId) {
			chart.started(runId);
		}
		bar.setVisible(true);
		add(event, Messages.Progress_started, NLS.bind(Messages.Progress_startedDetails,
				String.valueOf(event.getProperty(SyncEvents.MODE)).toLowerCase(), event.getProperty(SyncEvents.TRIGGER)), false);
		if (!failureShown) {
			setState(NLS.bind(Messages.Progress_running, event.getProperty(SyncEvents.COMPANY)), null);
		}
	}

	@Inject
	@Optional
	void runFinished(@UIEventTopic(SyncEvents.RUN_FINISHED) Event event) {
		running = Math.max(0, running - 1);
		bar.setVisible(running > 0);
		String outcome = String.valueOf(event.getProperty(SyncEvents.OUTCOME));
		String message = String.valueOf(event.getProperty(SyncEvents.MESSAGE));
		boolean failed = outcome.equals("FAILED"); //$NON-NLS-1$
		add(event, failed ? Messages.Progress_failed : outcome.equals("CANCELED") ? Messages.Progress_canceled //$NON-NLS-1$
				: Messages.Progress_synchronized, message, failed);
		String time = TIME.format(Instant.now());
		Object company = event.getProperty(SyncEvents.COMPANY);
		if (failed) {
			failureShown = true;
			setState(NLS.bind(Messages.Progress_lastFailed, new Object[] { time, company, message }), red());
			showDismiss(true);
		} else if (!failureShown) { // a failure stays on screen until dismissed
			setState(NLS.bind(Messages.Progress_lastSucceeded, new Object[] { time, company,
					outcome.equals("CANCELED") ? Messages.Progress_canceled : Messages.Progress_allGreen }), green()); //$NON-NLS-1$
		}
	}

	@Inject
	@Optional
	void runProgress(@UIEventTopic(SyncEvents.RUN_PROGRESS) Event event) {
		if (event.getProperty(SyncEvents.RUN_ID) instanceof Long runId
				&& event.getProperty(SyncEvents.PROCESSED) instanceof Long processed
				&& event.getProperty(SyncEvents.BACKLOG) instanceof Long backlog) {
			chart.progress(runId, processed, backlog);
		}
	}

	@Inject
	@Optional
	void heldBack(@UIEventTopic(SyncEvents.RUN_HELD_BACK) Event event) {
		add(event, Messages.Progress_heldBack, String.valueOf(event.getProperty(SyncEvents.MESSAGE)), false);
	}

	@Inject
	@Optional
	void recordFailed(@UIEventTopic(SyncEvents.RECORD_FAILED) Event event) {
		add(event, Messages.Progress_recordFailed, NLS.bind(Messages.Progress_recordFailedDetails, new Object[] {
				event.getProperty(SyncEvents.ENTITY), event.getProperty(SyncEvents.RECORD_ID), event.getProperty(SyncEvents.MESSAGE) }),
				true);
	}

	private void syncNow() {
		if (sync == null) {
			return;
		}
		SyncMode chosen = switch (mode.getSelectionIndex()) {
			case 1 -> SyncMode.SEND;
			case 2 -> SyncMode.DOWNLOAD;
			default -> SyncMode.SYNCHRONIZE;
		};
		if (sync.runNow(chosen) == 0) {
			setState(Messages.Progress_nothingToRun, null);
		}
	}

	private void dismissFailure() {
		failureShown = false;
		setState(Messages.Progress_dismissed, null);
		showDismiss(false);
	}

	private void add(Event event, String what, String details, boolean problem) {
		if (viewer == null || viewer.getControl().isDisposed()) {
			return;
		}
		lines.add(0, new ProgressLine(Instant.now(), String.valueOf(event.getProperty(SyncEvents.COMPANY)), what, details,
				problem));
		if (lines.size() > MAX_LINES) {
			lines.remove(lines.size() - 1);
		}
		viewer.refresh();
	}

	private void setState(String text, Color color) {
		state.setText(text);
		state.setForeground(color);
		state.getParent().getParent().layout(true, true); // the line may wrap to more lines, or fewer
	}

	private void showDismiss(boolean visible) {
		dismiss.setVisible(visible);
		((org.eclipse.swt.layout.GridData) dismiss.getLayoutData()).exclude = !visible;
		dismiss.getParent().getParent().layout(true, true);
	}

	private Color red() {
		return viewer.getControl().getDisplay().getSystemColor(SWT.COLOR_DARK_RED);
	}

	private Color green() {
		return viewer.getControl().getDisplay().getSystemColor(SWT.COLOR_DARK_GREEN);
	}
}
