package io.syncbench.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.MultiStatus;
import org.eclipse.core.runtime.ProgressMonitorWrapper;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobGroup;
import org.eclipse.osgi.util.NLS;

import io.syncbench.connector.ConnectorException;
import io.syncbench.connector.SystemSession;
import io.syncbench.engine.internal.Messages;
import io.syncbench.store.RunHistoryService.Outcome;
import io.syncbench.store.SyncStatusService.Side;

/**
 * One synchronization run of a company: opens its plan (sessions are I/O, so inside the job), then
 * the entities level by level in dependency order, the entities of a level as jobs of a {@link JobGroup},
 * in parallel up to a bound. Each entity needs an {@link EntityLink} of its own, since sessions are not
 * shared between threads.
 * A complete update re-sends every record and, once it succeeded, runs the plan's follow-up (which
 * clears the company's flag). Cancel stops between records.
 */
public final class SyncRunJob extends Job {

	private static final String BUNDLE = "io.syncbench.engine"; //$NON-NLS-1$
	/** How often the run's bar counts the entities of a step that ended. */
	private static final long JOIN_TICK_MS = 250;

	private final PlanSource plans;
	private final SyncMode mode;
	private final EntitySync entitySync;
	private final int parallelEntities;
	private final List<EntityReport> reports = Collections.synchronizedList(new ArrayList<>());
	private volatile RunPlan running;
	/** The entities of the level under way, cancelled with the run. */
	private volatile JobGroup runningGroup;
	private final RunStart journalStart;
	private final String companyName;

	/**
	 * @param plans            opens the run's plan when the run starts
	 * @param parallelEntities how many entities of a level may run at the same time
	 */
	public SyncRunJob(String companyName, PlanSource plans, SyncMode mode, EntitySync entitySync,
			int parallelEntities, RunStart journalStart) {
		super(NLS.bind(Messages.Run_name, companyName));
		this.companyName = companyName;
		this.journalStart = journalStart;
		this.plans = plans;
		this.mode = mode;
		this.entitySync = entitySync;
		this.parallelEntities = Math.max(1, parallelEntities);
	}

	@Override
	public boolean belongsTo(Object family) {
		return family == SyncJobs.RUNS;
	}

	/** The company this run synchronizes, as its events name it. */
	public String companyName() {
		return companyName;
	}

	/** What each entity did, once the run is over. */
	public List<EntityReport> reports() {
		return List.copyOf(reports);
	}

	/** Opens the plan of a run: sessions with the systems and the links between them. */
	@FunctionalInterface
	public interface PlanSource {
		RunPlan open() throws ConnectorException;
	}

	/** Opens the run's journal in the history when the run starts. */
	@FunctionalInterface
	public interface RunStart {
		RunJournal start(SyncMode mode);
	}

	/** A cancelled run aborts its systems' calls in flight, so that it stops now, not after a time-out. */
	@Override
	protected void canceling() {
		RunPlan plan = running;
		if (plan != null) {
			plan.cancel();
		}
		JobGroup group = runningGroup;
		if (group != null) {
			group.cancel();
		}
	}

	@Override
	protected IStatus run(IProgressMonitor monitor) {
		RunJournal journal = journalStart.start(mode);
		IStatus result;
		try (RunPlan plan = plans.open()) {
			running = plan;
			if (monitor.isCanceled()) { // cancelled while the plan was opened
				plan.cancel();
			}
			result = withRetries(run(plan, journal, monitor), plan);
			if (result.getSeverity() < IStatus.ERROR && result.getSeverity() != IStatus.CANCEL) {
				plan.onSucceeded().run();
			}
		} catch (ConnectorException | SyncSetupException e) {
			result = new Status(IStatus.ERROR, BUNDLE, e.getMessage(), e);
		}
		Outcome outcome = switch (result.getSeverity()) {
			case IStatus.CANCEL -> Outcome.CANCELED;
			case IStatus.ERROR -> Outcome.FAILED;
			default -> Outcome.SUCCEEDED;
		};
		journal.finish(outcome, result.getMessage());
		return result;
	}

	private IStatus run(RunPlan plan, RunJournal journal, IProgressMonitor monitor) {
		SubMonitor progress = SubMonitor.convert(monitor, plan.levels().stream().mapToInt(List::size).sum());
		int step = 0;
		for (List<EntityLink> level : plan.levels()) {
			step++;
			if (!reports.isEmpty() && progress.isCanceled()) { // the levels after a cancel are not begun
				return new Status(IStatus.CANCEL, BUNDLE, NLS.bind(Messages.Run_canceled, counts()));
			}
			// The level's entities as jobs of one group, at most parallelEntities at a time: each shows its own
			// task line and bar in Background Jobs, and the group is cancelled with the run.
			JobGroup group = new JobGroup(getName(), parallelEntities, level.size());
			List<EntityJob> entities = new ArrayList<>();
			for (EntityLink link : level) {
				// A complete update re-sends the company's records; a download-only entity has none to send.
				boolean resend = plan.completeUpdate() && link.origins().contains(Side.LOCAL);
				EntityJob entity = new EntityJob(link, resend, journal, progress);
				entity.setJobGroup(group);
				entities.add(entity);
			}
			// The run's own line in Background Jobs says which step it is at, and its bar moves as each entity ends.
			String names = level.stream().map(link -> NLS.bind(Messages.Run_stepEntity, link.entity(), link.scope().system()))
					.collect(Collectors.joining(", ")); //$NON-NLS-1$
			progress.subTask(plan.levels().size() == 1 ? names
					: NLS.bind(Messages.Run_step, new Object[] { step, plan.levels().size(), names }));
			runningGroup = group;
			entities.forEach(Job::schedule);
			int ended = 0;
			try {
				while (!joinedUninterruptibly(group)) {
					int endedNow = (int) entities.stream().filter(entity -> entity.getResult() != null).count();
					progress.worked(endedNow - ended); // not split: that would throw while a cancelled run unwinds
					ended = endedNow;
				}
			} finally {
				runningGroup = null;
			}
			for (EntityJob entity : entities) {
				if (entity.failure != null) {
					if (progress.isCanceled()) { // a call aborted by the cancel: the run was cancelled, not broken
						return new Status(IStatus.CANCEL, BUNDLE, NLS.bind(Messages.Run_canceled, counts()));
					}
					Throwable cause = entity.failure;
					String message = cause instanceof ConnectorException ? cause.getMessage()
							: NLS.bind(Messages.Run_failed, cause);
					return new Status(IStatus.ERROR, BUNDLE, message, cause);
				}
			}
			entities.stream().filter(entity -> entity.report != null).forEach(entity -> reports.add(entity.report));
			if (entities.stream().anyMatch(entity -> entity.report == null)) { // cancelled before it began
				return new Status(IStatus.CANCEL, BUNDLE, NLS.bind(Messages.Run_canceled, counts()));
			}
			progress.worked(level.size() - ended);
		}
		return summary();
	}

	/**
	 * Waits a moment for the group's jobs to end; false while some still run. A cancel of the run cancels
	 * them (see {@link #canceling}), and each ends after the page it is at, so the wait is not cut short:
	 * what they did is stored and counted.
	 */
	private static boolean joinedUninterruptibly(JobGroup group) {
		boolean interrupted = false;
		boolean joined;
		while (true) {
			try {
				joined = group.join(JOIN_TICK_MS, null);
				break;
			} catch (InterruptedException e) {
				interrupted = true;
				group.cancel();
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
		return joined;
	}

	/** One entity of the run with one system, as a job of the run's group: its report, or its failure. */
	private final class EntityJob extends Job {

		private final EntityLink link;
		private final boolean resend;
		private final RunJournal journal;
		private final IProgressMonitor run;
		/** Set once it ran; null when it was cancelled before it began. */
		volatile EntityReport report;
		/** What stopped it: a system that became unreachable or refused the credentials, or a fault. */
		volatile Throwable failure;

		EntityJob(EntityLink link, boolean resend, RunJournal journal, IProgressMonitor run) {
			super(NLS.bind(Messages.Run_entityName, new Object[] { companyName, link.entity(), link.scope().system() }));
			this.link = link;
			this.resend = resend;
			this.journal = journal;
			this.run = run;
		}

		@Override
		protected IStatus run(IProgressMonitor monitor) {
			// Cancelled with the run too: the run's monitor is the one the operator's Cancel reaches.
			IProgressMonitor cancelled = new ProgressMonitorWrapper(monitor) {
				@Override
				public boolean isCanceled() {
					return super.isCanceled() || run.isCanceled();
				}
			};
			try {
				report = resend ? entitySync.completeUpdate(link, mode, cancelled, journal)
						: entitySync.run(link, mode, cancelled, journal);
				return report.canceled() ? Status.CANCEL_STATUS : Status.OK_STATUS;
			} catch (ConnectorException | RuntimeException e) {
				failure = e;
				return new Status(IStatus.ERROR, BUNDLE, e.getMessage(), e);
			}
		}
	}

	/** A run whose requests had to be sent again says how many, in its message, which the history keeps. */
	private static IStatus withRetries(IStatus result, RunPlan plan) {
		long retries = plan.sessions().stream().mapToLong(SystemSession::retries).sum();
		if (retries == 0) {
			return result;
		}
		String message = NLS.bind(Messages.Run_retries, result.getMessage(), retries);
		if (result instanceof MultiStatus multi) {
			MultiStatus told = new MultiStatus(BUNDLE, multi.getCode(), message, multi.getException());
			told.addAll(multi);
			return told;
		}
		return new Status(result.getSeverity(), BUNDLE, result.getCode(), message, result.getException());
	}

	/**
	 * "product: 3 sent; customer: nothing to do", and with several systems grouped by system:
	 * "webstore (product: 3 sent; ...); branch-shop (...)".
	 */
	private String counts() {
		Map<String, List<String>> bySystem = new LinkedHashMap<>();
		for (EntityReport report : List.copyOf(reports)) {
			bySystem.computeIfAbsent(String.valueOf(report.system()), s -> new ArrayList<>()).add(report.toString());
		}
		if (bySystem.size() <= 1) {
			return String.join("; ", bySystem.values().stream().flatMap(List::stream).toList()); //$NON-NLS-1$
		}
		return String.join("; ", bySystem.entrySet().stream() //$NON-NLS-1$
				.map(system -> system.getKey() + " (" + String.join("; ", system.getValue()) + ")").toList()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
	}

	private IStatus summary() {
		String counts = counts();
		if (reports.stream().anyMatch(EntityReport::canceled)) {
			return new Status(IStatus.CANCEL, BUNDLE, NLS.bind(Messages.Run_canceled, counts));
		}
		MultiStatus summary = new MultiStatus(BUNDLE, 0, NLS.bind(Messages.Run_done, counts), null);
		reports.forEach(report -> report.warnings().forEach(warning -> summary.add(Status.warning(warning))));
		return summary;
	}
}
