package io.syncbench.ui.internal.health;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CLabel;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.osgi.service.event.Event;

import io.syncbench.engine.CompanyAttention;
import io.syncbench.engine.SyncEvents;
import io.syncbench.health.HealthMonitor;
import io.syncbench.store.Company;
import io.syncbench.store.RunHistoryService;
import io.syncbench.store.Store;
import io.syncbench.ui.internal.BeginningLabel;
import io.syncbench.ui.internal.Icons;
import io.syncbench.ui.internal.WidgetIds;
import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * The status line at the bottom of the window: on the left the last run or why an automatic run was
 * held back, on the right how the headless sync services are in a few words, each with an icon. The
 * full text, with what to do, is the tooltip.
 */
public class HealthStatusLine {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault()); //$NON-NLS-1$
	private static final int RUN_WIDTH = 520;
	private static final int HEALTH_WIDTH = 420;

	@Inject
	@Optional
	@Service
	private HealthMonitor monitor;

	private CLabel run;
	private CLabel health;
	private Icons icons;
	private String healthText = ""; //$NON-NLS-1$

	@PostConstruct
	public void createControls(Composite parent) {
		Composite line = new Composite(parent, SWT.NONE);
		GridLayoutFactory.fillDefaults().numColumns(3).margins(4, 1).applyTo(line);
		icons = new Icons(line);
		run = WidgetIds.tag(new BeginningLabel(line, SWT.NONE), "status.run"); //$NON-NLS-1$
		GridDataFactory.fillDefaults().grab(true, false).hint(RUN_WIDTH, SWT.DEFAULT).applyTo(run);
		run.setText(Messages.Status_noRunYet);
		showRunEndedBeforeThisLine();
		new Label(line, SWT.SEPARATOR | SWT.VERTICAL);
		health = WidgetIds.tag(new BeginningLabel(line, SWT.NONE), "status.health"); //$NON-NLS-1$
		GridDataFactory.fillDefaults().grab(true, false).hint(HEALTH_WIDTH, SWT.DEFAULT).applyTo(health);
		if (monitor != null && !monitor.latest().services().isEmpty()) {
			showHealth(monitor.latest().healthy(), HealthMonitor.headline(monitor.latest()),
					HealthMonitor.summary(monitor.latest()));
		} else {
			showHealth(true, Messages.Status_checking, Messages.Status_checking);
		}
	}

	@Inject
	@Optional
	private Store store;

	/**
	 * A run of this session that ended before the status line was made (the first complete update, which
	 * starts with the workbench) is shown from the run history, read off the UI thread; a run's end
	 * heard meanwhile wins. Its records' counts are not known here, so it gets no check mark.
	 */
	private void showRunEndedBeforeThisLine() {
		if (store == null) {
			return;
		}
		Instant sessionStart = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
		Job.create(Messages.Status_readingLastRun, monitor -> {
			RunHistoryService.Run latest = null;
			try {
				for (Company company : store.companies().list()) {
					for (RunHistoryService.Run ended : store.runHistory().recent(company.id(), 1)) {
						if (ended.endedAt() != null && !ended.startedAt().isBefore(sessionStart)
								&& (latest == null || ended.endedAt().isAfter(latest.endedAt()))) {
							latest = ended;
						}
					}
				}
			} catch (RuntimeException e) { // the store is not there yet: the next run's end says it
				return;
			}
			RunHistoryService.Run shown = latest;
			String company = shown == null ? null : store.companies().find(shown.companyId()).map(Company::name).orElse(null);
			if (shown == null || company == null) {
				return;
			}
			run.getDisplay().asyncExec(() -> {
				if (alive(run) && Messages.Status_noRunYet.equals(run.getText())) {
					String word = switch (shown.outcome()) {
						case FAILED -> Messages.Status_failed;
						case CANCELED -> Messages.Status_canceled;
						default -> Messages.Status_synchronized;
					};
					String line = NLS.bind(Messages.Status_lastRun, new Object[] { TIME.format(shown.endedAt()), company, word });
					show(run, shown.outcome() == RunHistoryService.Outcome.FAILED ? Icons.HEALTH_PROBLEM : null, line,
							shown.message() == null ? line : line + "\n" + shown.message()); //$NON-NLS-1$
				}
			});
		}).schedule();
	}

	@Inject
	@Optional
	void checked(@UIEventTopic(HealthMonitor.CHECKED) Event event) {
		showHealth(Boolean.TRUE.equals(event.getProperty(HealthMonitor.HEALTHY)),
				String.valueOf(event.getProperty(HealthMonitor.HEADLINE)), String.valueOf(event.getProperty(HealthMonitor.SUMMARY)));
	}

	@Inject
	@Optional
	void notified(@UIEventTopic(HealthMonitor.NOTIFIED) Event event) {
		if (alive(health)) {
			String told = Boolean.TRUE.equals(event.getProperty(HealthMonitor.DELIVERED)) ? Messages.Status_supportTold
					: Messages.Status_supportNotTold;
			health.setToolTipText(healthText + NLS.bind(told, TIME.format(Instant.now()), event.getProperty(HealthMonitor.MESSAGE)));
		}
	}

	@Inject
	@Optional
	void heldBack(@UIEventTopic(SyncEvents.RUN_HELD_BACK) Event event) {
		show(run, Icons.HELD_BACK, NLS.bind(Messages.Status_heldBack, new Object[] { TIME.format(Instant.now()),
				event.getProperty(SyncEvents.COMPANY), event.getProperty(SyncEvents.MESSAGE) }));
	}

	/**
	 * A run that starts is shown while the line has told of no run yet, and followed entity by entity;
	 * the outcome of an earlier run, which may need the operator, is not covered by it.
	 */
	@Inject
	@Optional
	void runStarted(@UIEventTopic(SyncEvents.RUN_STARTED) Event event) {
		if (alive(run) && (Messages.Status_noRunYet.equals(run.getText()) || running(run.getText()))) {
			show(run, null, NLS.bind(Messages.Status_running, event.getProperty(SyncEvents.COMPANY)));
		}
	}

	@Inject
	@Optional
	void entityProgress(@UIEventTopic(SyncEvents.ENTITY_PROGRESS) Event event) {
		if (alive(run) && running(run.getText())) {
			show(run, null, NLS.bind(Messages.Status_runningTask, event.getProperty(SyncEvents.COMPANY),
					event.getProperty(SyncEvents.TASK)));
		}
	}

	private static boolean running(String line) {
		return line.startsWith(Messages.Status_running.substring(0, Messages.Status_running.indexOf("{0}"))); //$NON-NLS-1$
	}

	@Inject
	@Optional
	void runFinished(@UIEventTopic(SyncEvents.RUN_FINISHED) Event event) {
		String outcome = String.valueOf(event.getProperty(SyncEvents.OUTCOME));
		CompanyAttention open = SyncEvents.attention(event);
		boolean needsYou = open != null && open.any();
		String word = switch (outcome) {
			case "FAILED" -> Messages.Status_failed; //$NON-NLS-1$
			case "CANCELED" -> Messages.Status_canceled; //$NON-NLS-1$
			default -> needsYou ? NLS.bind(Messages.Status_needsYou, open) : Messages.Status_synchronized;
		};
		String line = NLS.bind(Messages.Status_lastRun,
				new Object[] { TIME.format(Instant.now()), event.getProperty(SyncEvents.COMPANY), word });
		// The check mark only when the store's counts say nothing needs the operator.
		String icon = outcome.equals("FAILED") || needsYou ? Icons.HEALTH_PROBLEM //$NON-NLS-1$
				: open == null || outcome.equals("CANCELED") ? null : Icons.HEALTH_OK; //$NON-NLS-1$
		show(run, icon, line, line + "\n" + event.getProperty(SyncEvents.MESSAGE)); //$NON-NLS-1$
	}

	private void showHealth(boolean healthy, String headline, String summary) {
		healthText = summary;
		show(health, healthy ? Icons.HEALTH_OK : Icons.HEALTH_PROBLEM, headline, summary);
	}

	private void show(CLabel label, String icon, String text) {
		show(label, icon, text, text);
	}

	/** The label says {@code text}; its tooltip says it all, for a line the window cuts short. */
	private void show(CLabel label, String icon, String text, String tooltip) {
		if (alive(label)) {
			label.setImage(icon == null ? null : icons.get(icon));
			label.setText(text);
			label.setToolTipText(tooltip);
		}
	}

	private static boolean alive(CLabel label) {
		return label != null && !label.isDisposed();
	}
}
