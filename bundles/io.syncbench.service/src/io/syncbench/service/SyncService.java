package io.syncbench.service;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.osgi.util.NLS;
import org.osgi.service.event.EventAdmin;

import io.syncbench.engine.ChangeWatch;
import io.syncbench.engine.CompanyConditions;
import io.syncbench.engine.CompanySync;
import io.syncbench.engine.ConnectorRegistry;
import io.syncbench.engine.CredentialSource;
import io.syncbench.engine.EntitySync;
import io.syncbench.engine.HoldBack;
import io.syncbench.engine.RecordSynchronizer;
import io.syncbench.engine.RunCondition;
import io.syncbench.engine.Schedule;
import io.syncbench.engine.SchedulerListener;
import io.syncbench.engine.SyncEvents;
import io.syncbench.engine.SyncJobs;
import io.syncbench.engine.SyncMode;
import io.syncbench.engine.SyncRunJob;
import io.syncbench.engine.SyncScheduler;
import io.syncbench.service.internal.Messages;
import io.syncbench.store.Company;
import io.syncbench.store.ServiceStateService.State;
import io.syncbench.store.Store;
import io.syncbench.store.StoreException;

/**
 * The sync service: one scheduler per company on the shared store, a heartbeat with the service's
 * state, and a log line for every run and hold-back. The workbench and other services may run on the
 * same store: record leases keep them from processing a record twice.
 */
public final class SyncService {

	private final Store store;
	private final ConnectorRegistry connectors;
	private final CredentialSource credentials;
	private final EventAdmin eventAdmin;
	private final String instance;
	private final Duration heartbeat;
	private final Consumer<String> log;
	/** The scheduler of each company, by the company's id. */
	private final Map<Long, SyncScheduler> schedulers = new ConcurrentHashMap<>();
	private CompanySync companySync;
	private volatile boolean paused;
	private EntitySync entitySync;
	private final Map<String, String> lastFailure = new ConcurrentHashMap<>();
	private Job heartbeatJob;
	private RecordActions records;
	/** The schedule each company's scheduler runs on, to notice when Properties changed it. */
	private final Map<Long, Schedule> schedules = new ConcurrentHashMap<>();

	/**
	 * @param instance  this process, for example {@code service@host:4711}; it also owns the leases
	 * @param eventAdmin where engine events go; null for none
	 * @param log       where the service says what it does
	 */
	public SyncService(Store store, ConnectorRegistry connectors, CredentialSource credentials, EventAdmin eventAdmin,
			String instance, Duration heartbeat, Consumer<String> log) {
		this.store = store;
		this.connectors = connectors;
		this.credentials = credentials;
		this.eventAdmin = eventAdmin;
		this.instance = instance;
		this.heartbeat = heartbeat;
		this.log = log;
	}

	/** @throws io.syncbench.store.StoreUnavailableException when the store cannot be opened */
	public synchronized void start() {
		store.open();
		log.accept(NLS.bind(Messages.Service_started, instance, store.location()));
		takeOverLeasesOfDeadPredecessors();
		companySync = new CompanySync(store, connectors, credentials);
		entitySync = new EntitySync(store.changeQueue(),
				new RecordSynchronizer(store.syncStatus(), instance, Duration.ofMinutes(5), List.of()), 1000);
		records = new RecordActions(store, companySync, entitySync, instance);
		List<Company> companies = store.companies().list();
		if (companies.isEmpty()) {
			log.accept(Messages.Service_noCompany);
		}
		for (Company company : companies) {
			schedulers.put(company.id(), schedule(company, companySync, entitySync));
		}
		heartbeatJob = Job.createSystem("SyncBench service heartbeat", this::beat); //$NON-NLS-1$
		heartbeatJob.schedule();
	}

	/**
	 * A service killed on this host (SIGKILL, a power cut) leaves the entities it was synchronizing held
	 * until its holds expire. Its process is known to be gone when no process has its pid, so its holds
	 * are given back at once: the pages it left half-done are taken again now.
	 */
	private void takeOverLeasesOfDeadPredecessors() {
		int colon = instance.lastIndexOf(':');
		if (colon < 0) {
			return;
		}
		String host = instance.substring(0, colon + 1); // service@host:
		for (String owner : store.syncStatus().leaseOwners()) {
			if (!owner.startsWith(host) || owner.equals(instance)) {
				continue;
			}
			long pid;
			try {
				pid = Long.parseLong(owner.substring(host.length()));
			} catch (NumberFormatException e) {
				continue; // not a service's lease
			}
			if (ProcessHandle.of(pid).isEmpty()) {
				int links = store.syncStatus().releaseLeasesOf(owner);
				log.accept(NLS.bind(Messages.Service_leasesTakenOver, links, owner));
			}
		}
	}

	private SyncScheduler schedule(Company company, CompanySync companySync, EntitySync entitySync) {
		SyncEvents events = new SyncEvents(eventAdmin, company.name());
		Schedule schedule = scheduleOf(company);
		schedules.put(company.id(), schedule);
		List<RunCondition> conditions = new CompanyConditions(store, connectors, credentials).of(company.id());
		SyncScheduler scheduler = new SyncScheduler(company.name(), schedule, conditions,
				() -> newRun(company, SyncMode.SYNCHRONIZE, "automatic"), Clock.systemUTC(), events); //$NON-NLS-1$
		scheduler.watch(new ChangeWatch(store, connectors, credentials, company.id(), company.name()));
		scheduler.addListener(new SchedulerListener() {
			@Override
			public void heldBack(HoldBack reason) {
				log.accept(NLS.bind(Messages.Service_heldBack, company.name(), reason.message()));
			}
		});
		log.accept(NLS.bind(Messages.Service_company, new Object[] { company.name(),
				schedule.automatic() ? "automatic" : "manual only", schedule.interval().toSeconds(), //$NON-NLS-1$ //$NON-NLS-2$
				schedule.onStart() ? ", on start" : "" })); //$NON-NLS-1$ //$NON-NLS-2$
		scheduler.start();
		return scheduler;
	}

	private static Schedule scheduleOf(Company company) {
		return new Schedule(company.settings().automaticSync(),
				Duration.ofSeconds(company.settings().syncIntervalSeconds()), company.settings().syncOnStart(),
				company.runSettings().syncOnChange(), Duration.ofMinutes(company.runSettings().minimumGapMinutes()));
	}

	/** This process, as it names itself in heartbeats and leases, for example {@code service@host:4711}. */
	public String instance() {
		return instance;
	}

	/** What operators do to chosen records: force, retry, skip, review and resolve. */
	public RecordActions records() {
		return records;
	}

	/** Each run reads the company again: the workbench may have changed its settings meanwhile. */
	private SyncRunJob newRun(Company company, SyncMode mode, String trigger) {
		Company current = store.companies().find(company.id()).orElse(company);
		SyncRunJob run = companySync.newRun(current, mode, trigger, entitySync, new SyncEvents(eventAdmin, company.name()));
		run.addJobChangeListener(new JobChangeAdapter() {
			@Override
			public void done(IJobChangeEvent event) {
				runEnded(company, event.getResult());
			}
		});
		return run;
	}

	private void runEnded(Company company, IStatus result) {
		log.accept(NLS.bind(Messages.Service_runEnded, company.name(), result.getMessage()));
		if (result.getSeverity() == IStatus.ERROR) {
			lastFailure.put(company.name(), result.getMessage());
		} else {
			lastFailure.remove(company.name());
		}
	}

	/**
	 * Starts a run of every company now in {@code mode}, as the operator's Sync Now does; the automatic
	 * schedules go on undisturbed. A company with a run going on gets no second one.
	 *
	 * @return how many runs started
	 */
	public int runNow(SyncMode mode) {
		followCompanies(); // a company created a moment ago runs too, without waiting for the heartbeat
		int started = 0;
		for (Company company : store.companies().list()) {
			SyncScheduler scheduler;
			synchronized (schedulers) {
				scheduler = schedulers.get(company.id());
			}
			if (scheduler != null && scheduler.runNow(() -> newRun(company, mode, "manual")).isPresent()) { //$NON-NLS-1$
				started++;
			}
		}
		return started;
	}

	/** Holds automatic runs back (each one says so) until resumed; manual runs still start. */
	public void pause(boolean pause) {
		synchronized (schedulers) {
			paused = pause;
			schedulers.values().forEach(pause ? SyncScheduler::pause : SyncScheduler::resume);
		}
	}

	public boolean paused() {
		return paused;
	}

	/**
	 * Companies created since the start (in a workbench, or another service on the same store) get a
	 * scheduler; deleted ones lose theirs. Checked with each heartbeat.
	 */
	private void followCompanies() {
		List<Company> companies = store.companies().list();
		synchronized (schedulers) {
			follow(companies);
		}
	}

	private void follow(List<Company> companies) {
		for (Company company : companies) {
			Schedule wanted = scheduleOf(company);
			if (schedulers.containsKey(company.id()) && !wanted.equals(schedules.get(company.id()))) {
				schedulers.remove(company.id()).stop(); // a run going on finishes; the next follows the new schedule
			}
			if (!schedulers.containsKey(company.id())) {
				SyncScheduler scheduler = schedule(company, companySync, entitySync);
				if (paused) {
					scheduler.pause();
				}
				schedulers.put(company.id(), scheduler);
			}
		}
		schedulers.keySet().removeIf(id -> {
			boolean gone = companies.stream().noneMatch(c -> c.id() == id);
			if (gone) {
				schedulers.get(id).stop();
				schedules.remove(id);
			}
			return gone;
		});
	}

	private IStatus beat(IProgressMonitor monitor) {
		try {
			followCompanies();
			String failures = String.join("; ", lastFailure.entrySet().stream() //$NON-NLS-1$
					.map(failure -> NLS.bind(Messages.Service_lastRunFailed, failure.getKey(), failure.getValue())).toList());
			store.serviceState().beat(instance, failures.isEmpty() ? State.RUNNING : State.FAILING,
					failures.isEmpty() ? null : failures);
		} catch (StoreException e) { // the store is away for a moment: the next beat tries again
			log.accept(e.getMessage());
		}
		if (!monitor.isCanceled()) {
			heartbeatJob.schedule(heartbeat.toMillis());
		}
		return Status.OK_STATUS;
	}

	/** Stops the schedulers and the heartbeat, waits for running runs, and records the stop. */
	public synchronized void stop() throws InterruptedException {
		// The heartbeat first: it adds schedulers for new companies, and must not add one after this.
		if (heartbeatJob != null) {
			heartbeatJob.cancel();
			heartbeatJob.join();
		}
		synchronized (schedulers) {
			schedulers.values().forEach(SyncScheduler::stop);
		}
		Job.getJobManager().join(SyncJobs.RUNS, null);
		store.serviceState().beat(instance, State.STOPPED, NLS.bind(Messages.Service_stopped, instance));
		log.accept(NLS.bind(Messages.Service_stopped, instance));
	}
}
