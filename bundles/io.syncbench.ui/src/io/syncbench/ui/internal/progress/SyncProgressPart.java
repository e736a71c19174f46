package io.syncbench.ui.internal.progress;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.IJobFunction;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.TableViewer;
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

import io.syncbench.engine.CompanyAttention;
import io.syncbench.engine.SyncEvents;
import io.syncbench.engine.SyncJobs;
import io.syncbench.engine.SyncMode;
import io.syncbench.engine.SyncRunJob;
import io.syncbench.service.SyncService;
import io.syncbench.store.Company;
import io.syncbench.store.Store;
import io.syncbench.store.StoreException;
import io.syncbench.ui.internal.Messages;
import io.syncbench.ui.internal.TextColumns;
import io.syncbench.ui.internal.WidgetIds;
import io.syncbench.ui.internal.companies.CompanyEvents;
import io.syncbench.ui.internal.status.SyncStatusPart;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * Synchronization Progress: what the runs do, as they do it, from the engine's events. A line per
 * start, end, hold-back and failed record, newest first; a progress bar while a run goes on; the last
 * run's outcome, in red with its message until the operator dismisses it when the run failed. Above it
 * one line says what needs the operator now, company by company: failed, conflicting and skipped
 * records (counted from the store when the view opens and at each run's end) and held-back runs (until
 * the company's next run starts); Show Them opens those records in Sync Status. Green means that line
 * is empty: nothing needs the operator. Sync now, Cancel and Pause automatic sync act on the
 * workbench's sync service.
 */
public class SyncProgressPart {

	private static final int MAX_LINES = 500;
	static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault()); //$NON-NLS-1$

	private final List<ProgressLine> lines = new ArrayList<>();
	/** The companies whose runs go on now. */
	private final Set<String> running = new TreeSet<>();
	private boolean failureShown;
	/** Per company name: its records that need the operator, as counted last. */
	private final Map<String, CompanyAttention> open = new TreeMap<>();
	/** Per company name: why its automatic runs are held back, until one of its runs starts. */
	private final Map<String, String> heldBack = new TreeMap<>();
	private static final long RECOUNT_DELAY_MS = 500;
	private Job recount;

	@Inject
	private Store store;

	@Inject
	private UISynchronize ui;

	@Inject
	private IEventBroker broker;

	@Inject
	private EPartService parts;

	@Inject
	@Optional
	@Service
	private SyncService sync;

	private Label state;
	private Label attention;
	private Button showThem;
	private Button dismiss;
	private ProgressBar bar;
	/** The determinate bar: the entity of a run that is going on, its records done of all it has. */
	private ProgressBar counted;
	private static final int BAR_STEPS = 1000;
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
		// Two bars in one place: one that moves while no count is known yet, one that counts once it is.
		bar = WidgetIds.tag(new ProgressBar(actions, SWT.HORIZONTAL | SWT.INDETERMINATE), "progress.bar"); //$NON-NLS-1$
		GridDataFactory.fillDefaults().grab(true, false).applyTo(bar);
		counted = WidgetIds.tag(new ProgressBar(actions, SWT.HORIZONTAL | SWT.SMOOTH), "progress.counted"); //$NON-NLS-1$
		counted.setMaximum(BAR_STEPS);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(counted);
		showBars(false);

		Composite outcome = new Composite(parent, SWT.NONE);
		GridDataFactory.fillDefaults().grab(true, false).applyTo(outcome);
		GridLayoutFactory.fillDefaults().numColumns(2).applyTo(outcome);
		attention = WidgetIds.tag(new Label(outcome, SWT.WRAP), "progress.attention"); //$NON-NLS-1$
		GridDataFactory.fillDefaults().grab(true, false).hint(400, SWT.DEFAULT).applyTo(attention);
		showThem = WidgetIds.tag(new Button(outcome, SWT.PUSH), "progress.showThem"); //$NON-NLS-1$
		showThem.setText(Messages.Progress_showThem);
		showThem.setToolTipText(Messages.Progress_showThemTooltip);
		showThem.addListener(SWT.Selection, event -> showThem());
		GridDataFactory.swtDefaults().align(SWT.BEGINNING, SWT.BEGINNING).applyTo(showThem);
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
		TextColumns.of(viewer, ProgressLine.class).foreground(line -> line.problem() ? red() : null)
				.add(Messages.Progress_columnTime, 80, line -> TIME.format(line.time()))
				.add(Messages.Progress_columnCompany, 150, ProgressLine::company)
				.add(Messages.Progress_columnWhat, 130, ProgressLine::what)
				.add(Messages.Progress_columnDetails, 600, ProgressLine::details,
						line -> (line.details() == null ? "" : line.details() + "\n\n") + Messages.Progress_tableTooltip); //$NON-NLS-1$ //$NON-NLS-2$
		viewer.setInput(lines);
		// A line in full, and what its run did record by record: double-click or Enter.
		viewer.addOpenListener(event -> {
			if (((org.eclipse.jface.viewers.IStructuredSelection) event.getSelection()).getFirstElement() instanceof ProgressLine line) {
				new RunDetailsDialog(viewer.getControl().getShell(), line, store).open();
			}
		});
		chart = new ThroughputChart(linesAndChart);
		linesAndChart.setWeights(68, 32);
		showAttention();
		countEveryCompany();
		showRunsGoingOn();
	}

	/**
	 * Runs that began before the view opened (the first complete update, started with the workbench) are
	 * shown as going on: their start event came when no view listened.
	 */
	private void showRunsGoingOn() {
		for (Job job : Job.getJobManager().find(SyncJobs.RUNS)) {
			if (job instanceof SyncRunJob run && run.getState() == Job.RUNNING && running.add(run.companyName())) {
				lines.add(0, new ProgressLine(Instant.now(), run.companyName(), Messages.Progress_goingOn,
						Messages.Progress_goingOnDetails, false, null));
				setState(NLS.bind(Messages.Progress_running, run.companyName()), null);
			}
		}
		showBars(!running.isEmpty());
		viewer.refresh();
	}

	/**
	 * Counts what needs the operator in every company, off the UI thread: when the view opens, and again
	 * after each run's end or hold-back, since records change by other hands too (the service, Sync
	 * Status, another workbench) and companies come and go.
	 */
	private void countEveryCompany() {
		if (recount == null) {
			recount = Job.create(Messages.Progress_countJob, (IJobFunction) this::countEveryCompany);
			recount.setSystem(true);
		}
		recount.schedule(RECOUNT_DELAY_MS); // several ends in a row make one count
	}

	private IStatus countEveryCompany(org.eclipse.core.runtime.IProgressMonitor monitor) {
		Map<String, CompanyAttention> counted = new TreeMap<>();
		try {
			for (Company company : store.companies().list()) {
				counted.put(company.name(), CompanyAttention.of(store.syncStatus(), company.id()));
			}
		} catch (StoreException e) { // the store is not there: the line stays as it is, and the runs will tell
			return Status.OK_STATUS;
		}
		ui.asyncExec(() -> {
			if (attention.isDisposed()) {
				return;
			}
			open.clear();
			open.putAll(counted);
			heldBack.keySet().retainAll(counted.keySet());
			showAttention();
		});
		return Status.OK_STATUS;
	}

	@Focus
	public void setFocus() {
		viewer.getControl().setFocus();
	}

	@Inject
	@Optional
	void runStarted(@UIEventTopic(SyncEvents.RUN_STARTED) Event event) {
		running.add(String.valueOf(event.getProperty(SyncEvents.COMPANY)));
		if (event.getProperty(SyncEvents.RUN_ID) instanceof Long runId) {
			chart.started(runId);
		}
		showBars(true);
		if (heldBack.remove(String.valueOf(event.getProperty(SyncEvents.COMPANY))) != null) {
			showAttention();
		}
		add(event, Messages.Progress_started, NLS.bind(Messages.Progress_startedDetails,
				String.valueOf(event.getProperty(SyncEvents.MODE)).toLowerCase(), event.getProperty(SyncEvents.TRIGGER)), false);
		if (!failureShown) {
			setState(NLS.bind(Messages.Progress_running, event.getProperty(SyncEvents.COMPANY)), null);
		}
	}

	@Inject
	@Optional
	void runFinished(@UIEventTopic(SyncEvents.RUN_FINISHED) Event event) {
		running.remove(String.valueOf(event.getProperty(SyncEvents.COMPANY)));
		showBars(!running.isEmpty());
		String outcome = String.valueOf(event.getProperty(SyncEvents.OUTCOME));
		String message = String.valueOf(event.getProperty(SyncEvents.MESSAGE));
		boolean failed = outcome.equals("FAILED"); //$NON-NLS-1$
		CompanyAttention counted = SyncEvents.attention(event);
		boolean needsYou = !failed && counted != null && counted.any();
		add(event, failed ? Messages.Progress_failed : outcome.equals("CANCELED") ? Messages.Progress_canceled //$NON-NLS-1$
				: needsYou ? Messages.Progress_needsYou : Messages.Progress_synchronized, message, failed || needsYou);
		String time = TIME.format(Instant.now());
		Object company = event.getProperty(SyncEvents.COMPANY);
		if (counted != null) {
			open.put(String.valueOf(company), counted);
			showAttention();
		}
		countEveryCompany();
		if (failed) {
			failureShown = true;
			setState(NLS.bind(Messages.Progress_lastFailed, new Object[] { time, company, message }), red());
			showDismiss(true);
		} else if (!failureShown) { // a failure stays on screen until dismissed
			boolean canceled = outcome.equals("CANCELED"); //$NON-NLS-1$
			if (needsYou) {
				setState(NLS.bind(Messages.Progress_lastNeedsYou, new Object[] { time, company, counted, message }), red());
			} else {
				// Green only when the store's counts say nothing needs the operator.
				setState(NLS.bind(Messages.Progress_lastSucceeded, new Object[] { time, company,
						canceled ? Messages.Progress_canceled : counted == null ? message : Messages.Progress_allGreen }),
						canceled || counted == null ? null : green());
			}
		}
	}

	/**
	 * The line of what needs the operator: each company with its counts and its hold-back, in red while
	 * records need the operator, in dark yellow while runs are only held back; hidden when nothing does.
	 */
	private void showAttention() {
		List<String> companies = new ArrayList<>();
		boolean records = false;
		Set<String> names = new TreeSet<>(heldBack.keySet());
		open.forEach((name, counts) -> {
			if (counts.any()) {
				names.add(name);
			}
		});
		for (String name : names) {
			CompanyAttention counts = open.getOrDefault(name, CompanyAttention.NONE);
			String reason = heldBack.get(name);
			records |= counts.any();
			companies.add(counts.any() && reason != null
					? NLS.bind(Messages.Progress_attentionBoth, new Object[] { name, counts, reason })
					: counts.any() ? NLS.bind(Messages.Progress_attentionRecords, name, counts)
							: NLS.bind(Messages.Progress_attentionHeldBack, name, reason));
		}
		boolean any = !companies.isEmpty();
		attention.setText(any ? NLS.bind(Messages.Progress_attention, String.join("\n", companies)) : ""); //$NON-NLS-1$
		attention.setForeground(records ? red() : yellow());
		exclude(attention, !any);
		exclude(showThem, !records);
		attention.getParent().getParent().layout(true, true);
	}

	/** Opens Sync Status on the first company whose records need the operator, filtered to them. */
	private void showThem() {
		String first = open.entrySet().stream().filter(entry -> entry.getValue().any()).map(Map.Entry::getKey)
				.findFirst().orElse(null);
		if (first == null) {
			return;
		}
		Job find = Job.create(Messages.Progress_countJob, monitor -> {
			store.companies().list().stream().filter(company -> company.name().equals(first)).findFirst()
					.ifPresent(company -> ui.asyncExec(() -> {
						parts.showPart(SyncStatusPart.PART_ID, PartState.ACTIVATE);
						broker.post(SyncStatusPart.SHOW_NEEDS_CARE, company.id());
					}));
			return (IStatus) Status.OK_STATUS;
		});
		find.setSystem(true);
		find.schedule();
	}

	/** A deleted company needs no one any more. */
	@Inject
	@Optional
	void companyDeleted(@UIEventTopic(CompanyEvents.DELETED) Company deleted) {
		if (attention != null && !attention.isDisposed() && deleted != null) {
			open.remove(deleted.name());
			heldBack.remove(deleted.name());
			showAttention();
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

	/**
	 * An entity of a run goes on: "Demo Company: product to webstore: 1,200 of 10,000" in the state line
	 * (the words the run's job shows in Background Jobs), and the counting bar when the total is known.
	 */
	@Inject
	@Optional
	void entityProgress(@UIEventTopic(SyncEvents.ENTITY_PROGRESS) Event event) {
		String company = String.valueOf(event.getProperty(SyncEvents.COMPANY));
		if (state == null || state.isDisposed() || !running.contains(company)) {
			return; // a late word of a run that has ended
		}
		boolean countable = event.getProperty(SyncEvents.TOTAL) instanceof Long total && total > 0
				&& event.getProperty(SyncEvents.DONE) instanceof Long;
		if (countable) {
			long total = (Long) event.getProperty(SyncEvents.TOTAL);
			long done = (Long) event.getProperty(SyncEvents.DONE);
			counted.setSelection((int) Math.min(BAR_STEPS, done * BAR_STEPS / total));
		}
		showBar(countable ? counted : bar);
		if (!failureShown) {
			setState(NLS.bind(Messages.Progress_runningTask, company, event.getProperty(SyncEvents.TASK)), null);
		}
	}

	/** The moving bar while a run goes on, until an entity's count is told; none when no run goes on. */
	private void showBars(boolean running) {
		exclude(counted, true);
		exclude(bar, !running);
		bar.getParent().layout(true);
	}

	private void showBar(ProgressBar shown) {
		exclude(shown == bar ? counted : bar, true);
		exclude(shown, false);
		shown.getParent().layout(true);
	}

	@Inject
	@Optional
	void heldBack(@UIEventTopic(SyncEvents.RUN_HELD_BACK) Event event) {
		String reason = String.valueOf(event.getProperty(SyncEvents.MESSAGE));
		add(event, Messages.Progress_heldBack, reason, false);
		heldBack.put(String.valueOf(event.getProperty(SyncEvents.COMPANY)), reason);
		showAttention();
		countEveryCompany();
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
				problem, event.getProperty(SyncEvents.RUN_ID) instanceof Long runId ? runId : null));
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
		exclude(dismiss, !visible);
		dismiss.getParent().getParent().layout(true, true);
	}

	private static void exclude(org.eclipse.swt.widgets.Control control, boolean excluded) {
		control.setVisible(!excluded);
		((org.eclipse.swt.layout.GridData) control.getLayoutData()).exclude = excluded;
	}

	private Color red() {
		return viewer.getControl().getDisplay().getSystemColor(SWT.COLOR_DARK_RED);
	}

	private Color yellow() {
		return viewer.getControl().getDisplay().getSystemColor(SWT.COLOR_DARK_YELLOW);
	}

	private Color green() {
		return viewer.getControl().getDisplay().getSystemColor(SWT.COLOR_DARK_GREEN);
	}
}
