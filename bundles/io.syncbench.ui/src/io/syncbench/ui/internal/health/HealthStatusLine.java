package io.syncbench.ui.internal.health;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

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
