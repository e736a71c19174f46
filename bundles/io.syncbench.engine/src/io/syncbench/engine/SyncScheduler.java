package io.syncbench.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.osgi.util.NLS;

import io.syncbench.engine.HoldBack.Reason;
import io.syncbench.engine.internal.Messages;

/**
 * Starts a company's automatic runs: on the interval, on start, soon after a change. Before each
 * automatic run it checks the conditions (paused, connectivity, credentials, conflicts, too soon) and
 * reports a hold-back in words instead of running. One run at a time: what is due while a run is busy
 * starts after it. Manual runs go through {@link #runNow} and leave the automatic schedule as it is.
 * Hold-backs are also posted as {@link SyncEvents#RUN_HELD_BACK}.
 */
public final class SyncScheduler {

	private final Schedule schedule;
	private final List<RunCondition> conditions;
	private final Supplier<Job> runs;
	private final Clock clock;
	private final List<SchedulerListener> listeners = new CopyOnWriteArrayList<>();
	private final Job tick;
	private final SyncEvents events;

	private volatile boolean started;
	private volatile boolean paused;
	private volatile Instant lastRunEnd;
	private Job running;
	private boolean dueAgain;
	private ChangeWatch watch;
	/** When the tick is due, in epoch milliseconds. */
	private volatile long nextTick;
	/** When a run was asked for while the tick was under way (epoch milliseconds), or 0. */
	private long dueSoonAt;
	/** Why the last tick held the run back, when it did. */
	private HoldBack lastHoldBack;
	/** Whether the tick now due only checks again whether the company is set up yet. */
	private boolean setupRecheck;

	/**
	 * How soon a company held back because it is not set up is checked again. An operator who has just
	 * added the missing system or change capture expects the runs to start, not to wait an interval.
	 */
	public static final Duration SETUP_RECHECK = Duration.ofSeconds(5);

	/** @param runs makes the Job of one run (a {@link SyncRunJob}); called for every run */
	public SyncScheduler(String companyName, Schedule schedule, List<RunCondition> conditions, Supplier<Job> runs,
			Clock clock, SyncEvents events) {
		this.events = events;
		this.schedule = schedule;
		this.conditions = List.copyOf(conditions);
		this.runs = runs;
		this.clock = clock;
		this.tick = Job.createSystem(NLS.bind(Messages.Scheduler_tick, companyName), this::tick);
	}

	public void addListener(SchedulerListener listener) {
		listeners.add(listener);
	}

	/** With on-change sync, {@code changes} tells this scheduler of changes while it is started. */
	public void watch(ChangeWatch changes) {
		this.watch = changes;
	}

	public void start() {
		started = true;
		if (watch != null && schedule.onChange()) {
			watch.start(this::changeSignalled);
		}
		if (schedule.onStart()) {
			scheduleTick(0);
		} else if (schedule.automatic()) {
			scheduleTick(schedule.interval().toMillis());
		}
	}

	/**
	 * After this returns, no automatic run starts; a run that a tick under way started is already
	 * scheduled, so a caller that joins the runs' family waits for it.
	 */
	public void stop() {
		synchronized (this) { // waits for a tick that is checking the conditions, and the run it starts
			started = false;
		}
		tick.cancel();
		if (watch != null) {
			watch.stop();
		}
	}

	/**
	 * A change happened: with on-change sync, a run starts within {@link Schedule#CHANGE_DELAY}, also when
	 * the next interval run is further away. A tick due sooner already covers this change.
	 */
	public synchronized void changeSignalled() {
		if (!started || !schedule.onChange()) {
			return;
		}
		long delay = Schedule.CHANGE_DELAY.toMillis();
		int state = tick.getState();
		if (state == Job.NONE || state == Job.SLEEPING && nextTick > System.currentTimeMillis() + delay) {
			tick.cancel();
			scheduleTick(delay);
		}
	}

	/**
	 * A run left work to another process that held it (a service that handed this company over and is
	 * finishing its run, a workbench): an automatic run tries again after {@code delay}, unless one is
	 * due sooner, instead of leaving that work to the next interval.
	 */
	public synchronized void runAgainIn(Duration delay) {
		if (!started || !schedule.automatic()) {
			return;
		}
		long millis = delay.toMillis();
		int state = tick.getState();
		if (state == Job.NONE || state == Job.SLEEPING && nextTick > System.currentTimeMillis() + millis) {
			tick.cancel();
			scheduleTick(millis);
		} else if (state != Job.SLEEPING) { // the tick is under way: it schedules the next one this soon
			dueSoonAt = System.currentTimeMillis() + millis;
		}
	}

	private void scheduleTick(long delayMillis) {
		nextTick = System.currentTimeMillis() + delayMillis;
		tick.schedule(delayMillis);
	}

	public void pause() {
		paused = true;
	}

	public void resume() {
		paused = false;
	}

	/** Starts a manual run now, whatever the conditions; the automatic schedule goes on as it was. */
	public synchronized Optional<Job> runNow() {
		return startRun(false, runs);
	}

	/**
	 * Starts this manual run now (another mode, another trigger), unless a run is busy; the automatic
	 * schedule goes on as it was.
	 */
	public synchronized Optional<Job> runNow(Supplier<Job> run) {
		return startRun(false, run);
	}

	private IStatus tick(IProgressMonitor monitor) {
		synchronized (this) { // checked and started together, so a run ending or a stop meanwhile is seen
			if (!started) {
				return Status.OK_STATUS;
			}
			if (running != null) { // the busy run is followed by another; its conditions are checked then
				dueAgain = true;
				return Status.OK_STATUS;
			}
			Optional<HoldBack> holdBack = holdBack();
			boolean recheck = setupRecheck;
			setupRecheck = false;
			if (holdBack.isPresent()) {
				if (!(recheck && holdBack.get().equals(lastHoldBack))) { // told once, not at every recheck
					listeners.forEach(listener -> listener.heldBack(holdBack.get()));
					events.post(SyncEvents.RUN_HELD_BACK, SyncEvents.REASON, holdBack.get().reason().name(),
							SyncEvents.MESSAGE, holdBack.get().message());
				}
			} else {
				startRun(true, runs);
			}
			lastHoldBack = holdBack.orElse(null);
		}
		synchronized (this) {
			if (schedule.automatic() && started) {
				long delay = schedule.interval().toMillis();
				if (lastHoldBack != null && lastHoldBack.reason() == Reason.NOT_SET_UP && delay > SETUP_RECHECK.toMillis()) {
					delay = SETUP_RECHECK.toMillis();
					setupRecheck = true;
				}
				if (dueSoonAt > 0) { // asked for while this tick was under way
					delay = Math.max(0, Math.min(delay, dueSoonAt - System.currentTimeMillis()));
					dueSoonAt = 0;
				}
				scheduleTick(delay);
			}
		}
		return Status.OK_STATUS;
	}

	private Optional<HoldBack> holdBack() {
		if (paused) {
			return Optional.of(new HoldBack(Reason.PAUSED, Messages.HoldBack_paused));
		}
		Instant end = lastRunEnd;
		if (end != null && Duration.between(end, clock.instant()).compareTo(schedule.minimumGap()) < 0) {
			return Optional.of(new HoldBack(Reason.TOO_SOON,
					NLS.bind(Messages.HoldBack_tooSoon, schedule.minimumGap().toMinutes())));
		}
		return conditions.stream().map(RunCondition::check).flatMap(Optional::stream).findFirst();
	}

	/** Starts a run unless one is busy; then the due run follows the busy one. Called holding the lock. */
	private Optional<Job> startRun(boolean automatic, Supplier<Job> source) {
		if (running != null) {
			dueAgain = true;
			return Optional.empty();
		}
		lastHoldBack = null; // a hold-back after this run is told again, though it was told before
		Job run = source.get();
		run.addJobChangeListener(new JobChangeAdapter() {
			@Override
			public void done(IJobChangeEvent event) {
				runEnded();
			}
		});
		running = run;
		listeners.forEach(listener -> listener.runStarted(automatic));
		run.schedule();
		return Optional.of(run);
	}

	private synchronized void runEnded() {
		lastRunEnd = clock.instant();
		running = null;
		if (dueAgain && started) { // what came due meanwhile runs now, if the conditions allow
			dueAgain = false;
			scheduleTick(0);
		}
	}
}
