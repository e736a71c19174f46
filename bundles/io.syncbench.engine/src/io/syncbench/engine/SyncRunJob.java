package io.syncbench.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.MultiStatus;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.osgi.util.NLS;

import io.syncbench.connector.ConnectorException;
import io.syncbench.connector.SystemSession;
import io.syncbench.engine.internal.Messages;
import io.syncbench.store.RunHistoryService.Outcome;
import io.syncbench.store.SyncStatusService.Side;

/**
 * One synchronization run of a company: opens its plan (sessions are I/O, so inside the job), then
 * the entities level by level in dependency order, the entities of a level in parallel up to a bound.
 * Each entity needs an {@link EntityLink} of its own, since sessions are not shared between threads.
 * A complete update re-sends every record and, once it succeeded, runs the plan's follow-up (which
 * clears the company's flag). Cancel stops between records.
 */
public final class SyncRunJob extends Job {

	private static final String BUNDLE = "io.syncbench.engine"; //$NON-NLS-1$

	private final PlanSource plans;
	private final SyncMode mode;
	private final EntitySync entitySync;
	private final int parallelEntities;
	private final List<EntityReport> reports = Collections.synchronizedList(new ArrayList<>());
	private volatile RunPlan running;
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
		ExecutorService workers = Executors.newFixedThreadPool(parallelEntities,
				Thread.ofPlatform().name(getName() + " / entity ", 1).factory()); //$NON-NLS-1$
		try {
			for (List<EntityLink> level : plan.levels()) {
				List<Future<EntityReport>> running = new ArrayList<>();
				for (EntityLink link : level) {
					// Workers only look at the run's cancel flag: SubMonitor is not for several threads.
					IProgressMonitor cancelFlag = cancelFlagOf(progress);
					// A complete update re-sends the company's records; a download-only entity has none to send.
					boolean resend = plan.completeUpdate() && link.origins().contains(Side.LOCAL);
					running.add(workers.submit(() -> resend ? entitySync.completeUpdate(link, mode, cancelFlag, journal)
							: entitySync.run(link, mode, cancelFlag, journal)));
				}
				for (Future<EntityReport> entity : running) {
					reports.add(entity.get());
					progress.split(1);
				}
			}
		} catch (ExecutionException e) {
			if (progress.isCanceled()) { // a call aborted by the cancel: the run was cancelled, not broken
				return new Status(IStatus.CANCEL, BUNDLE, NLS.bind(Messages.Run_canceled, counts()));
			}
			Throwable cause = e.getCause();
			String message = cause instanceof ConnectorException ? cause.getMessage()
					: NLS.bind(Messages.Run_failed, cause);
			return new Status(IStatus.ERROR, BUNDLE, message, cause);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return Status.CANCEL_STATUS;
		} finally {
			workers.shutdownNow();
		}
		return summary();
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

	private static IProgressMonitor cancelFlagOf(IProgressMonitor run) {
		return new NullProgressMonitor() {
			@Override
			public boolean isCanceled() {
				return run.isCanceled();
			}
		};
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
