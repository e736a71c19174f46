package io.syncbench.service;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

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
import io.syncbench.engine.EntityReport;
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
import io.syncbench.store.ServiceStateService.CompanyLease;
import io.syncbench.store.ServiceStateService.State;
import io.syncbench.store.Store;
import io.syncbench.store.StoreException;

/**
 * The sync service: one scheduler per company on the shared store, a heartbeat with the service's
 * state, and a log line for every run and hold-back. The workbench and other services may run on the
 * same store: record leases keep them from processing a record twice.
 */
public final class SyncService {

	/** How soon a company runs again when its last run found links another process was working on. */
	private static final Duration LEFT_ELSEWHERE_RETRY = Duration.ofSeconds(5);

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
	/** How long a link's lease lasts past this process's last renewal (each heartbeat renews it). */
	private Duration linkLease = Duration.ofMinutes(5);
	/** Set when this service shares the store's companies with other headless services. */
	private Duration companyLease;
	/** The companies this service runs; every company unless it shares them. */
	private volatile Set<Long> share;
	/** The share last told to the log, to tell only its changes. */
	private String toldShare;

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

	/**
	 * Shares the store's companies with the other headless services on it, instead of running every
	 * company: each runs its share, a service that starts joins in, one that stops gives its share back,
	 * and one that dies loses it {@code lease} after its last heartbeat, as it loses the links it was
	 * working on. Call before {@link #start}; the heartbeat should be a small part of the lease.
	 */
	public synchronized SyncService shareCompanies(Duration lease) {
		this.companyLease = lease;
		this.linkLease = lease;
		return this;
	}

	/** @throws io.syncbench.store.StoreUnavailableException when the store cannot be opened */
	public synchronized void start() {
		store.open();
		log.accept(NLS.bind(Messages.Service_started, instance, store.location()));
		takeOverLeasesOfDeadPredecessors();
		companySync = new CompanySync(store, connectors, credentials);
		entitySync = new EntitySync(store.changeQueue(),
				new RecordSynchronizer(store.syncStatus(), instance, linkLease, List.of()), 1000);
		records = new RecordActions(store, companySync, entitySync, instance);
		List<Company> companies = store.companies().list();
		if (companies.isEmpty()) {
			log.accept(Messages.Service_noCompany);
		}
		heartbeatJob = Job.createSystem("SyncBench service heartbeat", this::beat); //$NON-NLS-1$
		if (companyLease != null) {
			// Seen as a live service for a heartbeat before it takes its share: services started together
			// see each other and each takes its own, rather than the first all.
			store.serviceState().beat(instance, State.RUNNING, null);
			heartbeatJob.schedule(heartbeat.toMillis());
			return;
		}
		share = shareOut(companies);
		for (Company company : companies) {
			schedulers.put(company.id(), schedule(company, companySync, entitySync, false));
		}
		heartbeatJob.schedule();
	}

	/** This heartbeat's share of the companies, told to the log when it changed. */
	private Set<Long> shareOut(List<Company> companies) {
		if (companyLease == null) {
			return companies.stream().map(Company::id).collect(Collectors.toUnmodifiableSet());
		}
		Set<Long> held = store.serviceState().shareCompanies(instance, companyLease, heartbeat.multipliedBy(3));
		String told = describeShare(companies, held);
		if (!told.equals(toldShare)) {
			toldShare = told;
			log.accept(NLS.bind(Messages.Service_share, instance, told));
		}
		return held;
	}

	/** "4 of 12 companies: Acme Ltd, ..." */
	private static String describeShare(List<Company> companies, Set<Long> held) {
		List<String> names = companies.stream().filter(company -> held.contains(company.id())).map(Company::name).toList();
		return NLS.bind(Messages.Service_shareCompanies, new Object[] { names.size(), companies.size(),
				names.isEmpty() ? "" : ": " + String.join(", ", names) }); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
	}

	/** The companies this service runs now, by id: every company unless it shares them with other services. */
	public Set<Long> share() {
		Set<Long> now = share;
		return now == null ? Set.of() : now;
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
		Set<String> owners = new TreeSet<>(store.syncStatus().leaseOwners());
		store.serviceState().companyLeases().stream().map(CompanyLease::owner).filter(Objects::nonNull)
				.forEach(owners::add);
		for (String owner : owners) {
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
				store.serviceState().giveBackCompanies(owner); // its companies too: they are shared out at once
				log.accept(NLS.bind(Messages.Service_leasesTakenOver, links, owner));
			}
		}
	}

	/**
	 * @param takenOver the company was another service's until now: an automatic company runs at once,
	 *                  so that the work its last service left (a complete update cut off) goes on
	 */
	private SyncScheduler schedule(Company company, CompanySync companySync, EntitySync entitySync, boolean takenOver) {
		SyncEvents events = new SyncEvents(eventAdmin, company.name());
		Schedule wanted = scheduleOf(company);
		schedules.put(company.id(), wanted);
		Schedule schedule = takenOver && wanted.automatic() ? new Schedule(true, wanted.interval(), true,
				wanted.onChange(), wanted.minimumGap()) : wanted;
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
		if (paused) { // before it starts: a run on start would otherwise begin before the pause is applied
			scheduler.pause();
		}
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
				if (run.reports().stream().anyMatch(EntityReport::wasHeldElsewhere)) {
					SyncScheduler scheduler = schedulers.get(company.id());
					if (scheduler != null) {
						scheduler.runAgainIn(LEFT_ELSEWHERE_RETRY);
					}
				}
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
			follow(companies, companyLease == null ? shareOut(companies) : share());
		}
	}

	/** Schedules the companies of {@code held} that have no scheduler yet, and stops those of the others. */
	private void follow(List<Company> companies, Set<Long> held) {
		Set<Long> before = share;
		share = held;
		for (Company company : companies) {
			if (!held.contains(company.id())) {
				continue;
			}
			Schedule wanted = scheduleOf(company);
			if (schedulers.containsKey(company.id()) && !wanted.equals(schedules.get(company.id()))) {
				schedulers.remove(company.id()).stop(); // a run going on finishes; the next follows the new schedule
			}
			if (!schedulers.containsKey(company.id())) {
				boolean takenOver = companyLease != null && before != null && !before.contains(company.id());
				schedulers.put(company.id(), schedule(company, companySync, entitySync, takenOver));
			}
		}
		schedulers.keySet().removeIf(id -> {
			Optional<Company> company = companies.stream().filter(c -> c.id() == id).findFirst();
			boolean gone = company.isEmpty() || !held.contains(id);
			if (gone) {
				schedulers.get(id).stop();
				schedules.remove(id);
			}
			if (company.isPresent() && !held.contains(id)) {
				// Handed over to another service: its run stops after the page under way, whose position is
				// stored, so the new holder goes on from there without waiting for this run to end.
				handOver(company.get());
			}
			return gone;
		});
	}

	private void handOver(Company company) {
		for (Job job : Job.getJobManager().find(SyncJobs.RUNS)) {
			if (job instanceof SyncRunJob run && run.companyName().equals(company.name()) && run.getState() != Job.NONE) {
				log.accept(NLS.bind(Messages.Service_handedOver, company.name()));
				run.cancel();
			}
		}
	}

	/**
	 * Tells the store this service is alive (with its share, or its failures), renews its links' leases,
	 * and follows the companies: new ones, deleted ones, and, when it shares them, those handed over.
	 */
	private IStatus beat(IProgressMonitor monitor) {
		try {
			String failures = String.join("; ", lastFailure.entrySet().stream() //$NON-NLS-1$
					.map(failure -> NLS.bind(Messages.Service_lastRunFailed, failure.getKey(), failure.getValue())).toList());
			store.serviceState().beat(instance, failures.isEmpty() ? State.RUNNING : State.FAILING,
					failures.isEmpty() ? (companyLease == null ? null : toldShare) : failures);
			store.syncStatus().renewWorkOf(instance, linkLease);
			List<Company> companies = store.companies().list();
			Set<Long> held = shareOut(companies);
			synchronized (schedulers) {
				follow(companies, held);
			}
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
		if (companyLease != null) { // after the runs, so that the next holder finds their links free
			store.serviceState().giveBackCompanies(instance);
		}
		log.accept(NLS.bind(Messages.Service_stopped, instance));
	}
}
