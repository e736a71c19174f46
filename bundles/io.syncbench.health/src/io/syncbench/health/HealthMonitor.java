package io.syncbench.health;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.osgi.util.NLS;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

import io.syncbench.health.WebhookNotifier.Delivery;
import io.syncbench.health.internal.Messages;
import io.syncbench.store.Store;
import io.syncbench.store.StoreException;

/**
 * Watches the sync services' heartbeats in the store, every few seconds, in a system job: posts what
 * it finds on EventAdmin (the workbench's status line and notifications listen) and tells support of
 * every change through the webhook, when one is set. The settings are read at each check, so a change
 * on the preference page takes effect at the next one.
 * <ul>
 * <li>{@value #CHECKED}: {@value #HEALTHY} (Boolean), {@value #HEADLINE} (a few words for the status
 * line), {@value #SUMMARY} (what happened and what to do), after every check</li>
 * <li>{@value #CHANGED}: {@value #SERVICE}, {@value #CONDITION}, {@value #MESSAGE}, when a service's
 * condition changed</li>
 * <li>{@value #NOTIFIED}: {@value #SERVICE}, {@value #DELIVERED} (Boolean), {@value #MESSAGE}, once
 * the webhook was called for a change</li>
 * </ul>
 */
public final class HealthMonitor {

	public static final String CHECKED = "io/syncbench/health/CHECKED"; //$NON-NLS-1$
	public static final String CHANGED = "io/syncbench/health/CHANGED"; //$NON-NLS-1$
	public static final String NOTIFIED = "io/syncbench/health/NOTIFIED"; //$NON-NLS-1$
	public static final String HEALTHY = "healthy"; //$NON-NLS-1$
	public static final String SUMMARY = "summary"; //$NON-NLS-1$
	public static final String HEADLINE = "headline"; //$NON-NLS-1$
	public static final String SERVICE = "service"; //$NON-NLS-1$
	public static final String CONDITION = "condition"; //$NON-NLS-1$
	public static final String MESSAGE = "message"; //$NON-NLS-1$
	public static final String DELIVERED = "delivered"; //$NON-NLS-1$

	/** The family of the monitor's job, to find or join it. */
	public static final Object FAMILY = HealthMonitor.class;

	private final Store store;
	private final Supplier<HealthSettings> settings;
	private final EventAdmin eventAdmin;
	private final String reporter;
	private final Duration interval;
	private final Clock clock;
	private final Consumer<String> log;
	private final HealthWatch watch = new HealthWatch();
	private final WebhookNotifier webhook = new WebhookNotifier();
	private final Job job;
	private volatile HealthWatch.Check latest = new HealthWatch.Check(List.of(), List.of());

	/**
	 * @param settings   read at each check
	 * @param eventAdmin where the findings go; null for none
	 * @param reporter   who watches, for example {@code workbench@4711}, named in the webhook's document
	 * @param log        where failed deliveries and an unreadable store are written
	 */
	public HealthMonitor(Store store, Supplier<HealthSettings> settings, EventAdmin eventAdmin, String reporter,
			Duration interval, Clock clock, Consumer<String> log) {
		this.store = store;
		this.settings = settings;
		this.eventAdmin = eventAdmin;
		this.reporter = reporter;
		this.interval = interval;
		this.clock = clock;
		this.log = log;
		this.job = new Job(Messages.Monitor_jobName) {
			@Override
			protected IStatus run(IProgressMonitor monitor) {
				checkNow(monitor);
				if (!monitor.isCanceled()) {
					schedule(HealthMonitor.this.interval.toMillis());
				}
				return Status.OK_STATUS;
			}

			@Override
			public boolean belongsTo(Object family) {
				return family == FAMILY;
			}
		};
		job.setSystem(true);
	}

	public void start() {
		job.schedule();
	}

	/** Stops the checks and waits for one going on, which gives up a webhook call in flight. */
	public void stop() throws InterruptedException {
		job.cancel();
		job.join();
	}

	/** What the last check found. */
	public HealthWatch.Check latest() {
		return latest;
	}

	/** One check: read the heartbeats, post the findings, call the webhook for each change. */
	void checkNow(IProgressMonitor monitor) {
		HealthSettings current = settings.get();
		HealthWatch.Check check;
		try {
			check = watch.check(store.serviceState().all(), clock.instant(), current);
		} catch (StoreException e) { // the store is away for a moment: the next check tries again
			log.accept(NLS.bind(Messages.Monitor_storeUnreadable, e.getMessage()));
			return;
		}
		latest = check;
		post(CHECKED, Map.of(HEALTHY, check.healthy(), HEADLINE, headline(check), SUMMARY, summary(check)));
		for (ServiceHealth change : check.changes()) {
			post(CHANGED, Map.of(SERVICE, change.service(), CONDITION, change.condition().name(), MESSAGE, change.message()));
			if (current.webhook() != null) {
				Delivery delivery = webhook.send(current.webhook(), change, reporter, monitor::isCanceled);
				if (!delivery.delivered()) {
					log.accept(NLS.bind(Messages.Monitor_notDelivered, change.service(), delivery.message()));
				}
				post(NOTIFIED, Map.of(SERVICE, change.service(), DELIVERED, delivery.delivered(), MESSAGE, delivery.message()));
			}
		}
	}

	/** What happened and what to do, the unwell services first. */
	public static String summary(HealthWatch.Check check) {
		return words(check, ServiceHealth::message, Messages.Health_noService, "\n"); //$NON-NLS-1$
	}

	/** The services' conditions in a few words, the unwell first. */
	public static String headline(HealthWatch.Check check) {
		return words(check, ServiceHealth::headline, Messages.Headline_noService, "; "); //$NON-NLS-1$
	}

	private static String words(HealthWatch.Check check, Function<ServiceHealth, String> words,
			String none, String separator) {
		if (check.services().isEmpty()) {
			return none;
		}
		return String.join(separator, check.services().stream()
				.sorted((a, b) -> Boolean.compare(a.condition().healthy(), b.condition().healthy())).map(words).toList());
	}

	private void post(String topic, Map<String, Object> properties) {
		if (eventAdmin != null) {
			eventAdmin.postEvent(new Event(topic, properties));
		}
	}
}
