package io.syncbench.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;

import io.syncbench.connector.ChangePage;
import io.syncbench.connector.ConnectorException;
import io.syncbench.connector.RecordData;
import io.syncbench.engine.RecordResult.Action;
import io.syncbench.engine.RecordSynchronizer.Page;
import io.syncbench.engine.RecordSynchronizer.PageEnding;
import io.syncbench.store.ChangeQueueService;
import io.syncbench.store.QueuedChange;
import io.syncbench.store.SyncStatusService.PageEnd;
import io.syncbench.store.SyncStatusService.Side;

/**
 * Synchronizes one entity with one connected system: for each side the mode takes, takes the records
 * waiting in the durable queue through the pipeline, then the side's changes since its cursor, read a
 * page at a time. The link's work is held for the run, so no other thread or process works on its
 * records meanwhile; when another holds it, the run leaves the link to it. A queue entry is removed,
 * and the cursor moves past a page of changes, in the transaction that stores the records' outcomes.
 */
public final class EntitySync {

	private final ChangeQueueService queue;
	private final RecordSynchronizer pipeline;
	private final int pageSize;

	/**
	 * @param pageSize the most records read, queued and synchronized together: large (a thousand), since
	 *                 a page's bookkeeping, lookups and writes cost much the same for ten records as for a
	 *                 thousand; a link's pages are no larger than either of its systems takes well in one
	 *                 go ({@link io.syncbench.connector.SystemSession#pageSize()})
	 */
	public EntitySync(ChangeQueueService queue, RecordSynchronizer pipeline, int pageSize) {
		this.queue = queue;
		this.pipeline = pipeline;
		this.pageSize = pageSize;
	}

	/**
	 * @throws ConnectorException when a system is unreachable or refuses the credentials: what is
	 *                            queued stays queued for the next run
	 */
	public EntityReport run(EntityLink link, SyncMode mode, IProgressMonitor monitor) throws ConnectorException {
		return run(link, mode, monitor, null);
	}

	/** As {@link #run(EntityLink, SyncMode, IProgressMonitor)}, writing each record's action to the journal. */
	public EntityReport run(EntityLink link, SyncMode mode, IProgressMonitor monitor, RunJournal journal)
			throws ConnectorException {
		EntityReport report = new EntityReport(link.entity(), link.scope().system());
		if (!pipeline.hold(link)) {
			report.heldElsewhere();
			return report;
		}
		try {
			takeChanges(link, mode.origins(), report, journal, monitor);
		} finally {
			pipeline.letGo(link);
		}
		return report;
	}

	/** Takes the changes of each of {@code origins} that the link takes, in order, into {@code report}. */
	private void takeChanges(EntityLink link, List<Side> origins, EntityReport report, RunJournal journal,
			IProgressMonitor monitor) throws ConnectorException {
		// No task name: the job is named after the entity, and the task line counts its records.
		SubMonitor progress = SubMonitor.convert(monitor, 2 * origins.size());
		try {
			for (Side origin : origins) {
				if (!link.origins().contains(origin)) { // a send-only or download-only entity
					progress.split(2);
					continue;
				}
				acknowledge(link, origin); // also registers this reader before it reads, so no other prunes past it
				retryFailed(link, origin);
				// What waits in the queue first (retries, records that waited on a conflict, a Sync of another
				// process), then the changes since the cursor, in the order they were made.
				long queued = queue.size(link.scope(), origin);
				String cursor = queue.cursor(link.scope(), origin).orElse(null);
				OptionalLong changes = link.session(origin).countChanges(link.entity(), cursor);
				Counted counted = new Counted(link, origin,
						changes.isPresent() ? OptionalLong.of(queued + changes.getAsLong()) : OptionalLong.empty(),
						progress.split(2), journal);
				if (counted.total().orElse(0) > 0) { // otherwise announced with its first page
					counted.tell();
				}
				drain(link, origin, queued, report, journal, counted);
				stream(link, origin, cursor, report, journal, counted);
				acknowledge(link, origin);
			}
		} catch (OperationCanceledException e) { // what was not processed stays queued
			report.cancel();
		} catch (ConnectorException e) {
			if (!monitor.isCanceled()) {
				throw e;
			}
			report.cancel(); // the call was aborted by the cancel: what it was doing stays queued
		}
	}

	/**
	 * Synchronizes the chosen records now, from the primary side, even when neither side changed
	 * (Sync in the status view). Records another process holds are queued for the next run.
	 */
	public EntityReport force(EntityLink link, Side side, Collection<String> ids, IProgressMonitor monitor)
			throws ConnectorException {
		EntityReport report = new EntityReport(link.entity(), link.scope().system());
		if (!pipeline.hold(link)) { // a run of another process is on the link: its next page takes them
			queue.enqueue(link.scope(), side, ids, null);
			report.heldElsewhere();
			return report;
		}
		SubMonitor progress = SubMonitor.convert(monitor, ids.size());
		try {
			for (String id : ids) {
				progress.checkCanceled();
				report.add(pipeline.synchronize(link, side, id, Trigger.FORCED));
				progress.split(1);
			}
		} catch (OperationCanceledException e) {
			report.cancel();
		} finally {
			pipeline.letGo(link);
		}
		return report;
	}

	/**
	 * A complete update: every record of the entity in the company database's scope is sent again,
	 * changed or not, for a first setup or a repair; each record's action goes to {@code journal} when
	 * there is one. While a page is on its way to the connected system, the next page is read and its
	 * statuses are looked up on a thread of its own, so the store's work and the system's overlap. Each
	 * page's position is stored with its outcomes, so a complete update cut off by a crash or a cancel
	 * goes on from the next page. The connected system's changes are left for a run to take.
	 */
	public EntityReport completeUpdate(EntityLink link, IProgressMonitor monitor, RunJournal journal)
			throws ConnectorException {
		return completeUpdate(link, SyncMode.SEND, monitor, journal);
	}

	/**
	 * A complete update in a run of {@code mode}: every record of the company database is sent again,
	 * then, when the mode downloads, the connected system's changes are taken as a run takes them, so that
	 * a record made there (a web order) does not wait for the next run while the records it needs (its
	 * customer) were just sent.
	 */
	public EntityReport completeUpdate(EntityLink link, SyncMode mode, IProgressMonitor monitor, RunJournal journal)
			throws ConnectorException {
		EntityReport report = new EntityReport(link.entity(), link.scope().system());
		if (!pipeline.hold(link)) {
			report.heldElsewhere();
			return report;
		}
		try {
			if (link.origins().contains(Side.LOCAL)) {
				// Registers this reader before another link of the company may read and acknowledge the change log:
				// changes made while the complete update runs are read after it, and must not be forgotten before.
				acknowledge(link, Side.LOCAL);
			}
			SubMonitor progress = SubMonitor.convert(monitor, 4);
			resend(link, report, progress.split(3), journal);
			List<Side> downloads = mode.origins().stream().filter(side -> side == Side.EXTERNAL).toList();
			if (!report.canceled() && !downloads.isEmpty()) {
				takeChanges(link, downloads, report, journal, progress.split(1));
			}
		} finally {
			pipeline.letGo(link);
		}
		return report;
	}

	private void resend(EntityLink link, EntityReport report, IProgressMonitor monitor, RunJournal journal)
			throws ConnectorException {
		if (queue.resendFinished(link.scope())) {
			return; // done before a crash cut the rest of the company's complete update off
		}
		SubMonitor progress = SubMonitor.convert(monitor, 100);
		String position = queue.resendPosition(link.scope()).orElse(null);
		Counted counted = new Counted(link, Side.LOCAL, link.local().countAll(link.entity(), position), progress, journal);
		if (counted.total().orElse(1) > 0) { // an entity with nothing to do is not announced
			counted.tell();
		}
		PageEnding previous = null;
		try (ExecutorService lookups = Executors.newSingleThreadExecutor(
				work -> new Thread(work, "SyncBench lookups " + link.scope())); //$NON-NLS-1$
				StoreLane lane = StoreLane.background(link.scope().toString())) {
			try {
				// A complete update that a crash or a cancel cut off goes on after the last page it finished.
				ChangePage page = link.local().readAll(link.entity(), position, pageSize(link));
				Map<String, RecordData> records = byId(page);
				Set<String> firstIds = records.keySet();
				Future<Page> pending = lookups.submit(() -> pipeline.lookup(link, Side.LOCAL, firstIds));
				while (true) {
					progress.checkCanceled();
					if (!counted.total().isPresent()) { // a bar that slows as it goes, since the end is not known
						progress.setWorkRemaining(page.more() ? 100 : 1).split(1);
					}
					Page known = await(pending);
					ChangePage next = page.more() ? link.local().readAll(link.entity(), page.nextCursor(), pageSize(link)) : null;
					Map<String, RecordData> nextRecords = next == null ? Map.of() : byId(next);
					if (next != null) {
						Set<String> nextIds = nextRecords.keySet();
						pending = lookups.submit(() -> pipeline.lookup(link, Side.LOCAL, nextIds));
					}
					// The page's outcomes and the position after it are stored together: a restart goes on after
					// it. They are stored while the next page is read and written.
					PageEnding ending = pipeline.synchronizeAll(link, known, records, Trigger.COMPLETE_UPDATE, Map.of(),
							page.more() ? page.nextCursor() : PageEnd.RESEND_DONE, null, lane);
					PageEnding before = previous;
					previous = ending;
					if (before != null) {
						resent(link, before, report, journal, counted);
					}
					if (next == null) {
						break;
					}
					page = next;
					records = nextRecords;
				}
			} finally {
				if (previous != null) { // stored and counted before the link is let go, also when the run stops here
					resent(link, previous, report, journal, counted);
				}
			}
		} catch (OperationCanceledException e) {
			report.cancel();
		}
	}

	/**
	 * A complete update's page, stored: its results go to the report and the journal, and the records
	 * that wait are queued.
	 */
	private void resent(EntityLink link, PageEnding ending, EntityReport report, RunJournal journal, Counted counted) {
		List<String> waiting = new ArrayList<>();
		Map<String, RecordResult> results = recorded(link, ending, report, journal);
		counted.add(results.size());
		results.forEach((id, result) -> {
			if (result.action() == Action.WAITING) {
				waiting.add(id);
			}
		});
		if (!waiting.isEmpty()) { // refers to a record in conflict: a run takes it once that is resolved
			queue.enqueue(link.scope(), Side.LOCAL, waiting, null);
		}
	}

	/** The link's page: as large as asked, and as either system takes well. */
	private int pageSize(EntityLink link) {
		return Math.max(1, Math.min(pageSize, Math.min(link.local().pageSize(), link.external().pageSize())));
	}

	private static Map<String, RecordData> byId(ChangePage page) {
		Map<String, RecordData> records = new LinkedHashMap<>();
		for (RecordData record : page.changes()) {
			records.putIfAbsent(record.id(), record);
		}
		return records;
	}

	/** The lookup made on the other thread; its store failure is this thread's. */
	private static Page await(Future<Page> lookup) {
		try {
			return lookup.get();
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new OperationCanceledException();
		} catch (ExecutionException e) {
			if (e.getCause() instanceof RuntimeException failure) {
				throw failure;
			}
			throw new IllegalStateException(e.getCause());
		}
	}

	/** Queues the failed records that have attempts left, as if they had changed, without moving the cursor. */
	private void retryFailed(EntityLink link, Side origin) {
		List<String> failed = pipeline.toRetry(link, origin);
		if (!failed.isEmpty()) {
			queue.enqueue(link.scope(), origin, failed, null); // null: the cursor stays where it is
		}
	}

	/**
	 * Takes the side's changes since its cursor straight from its system, a page at a time, without
	 * queuing them: the records go through the pipeline as they were read with their changes, and the
	 * cursor after the page moves in the transaction that stores their outcomes. A crash or a failed call
	 * before that leaves the cursor where it was, and the next run reads the page again; a record of it
	 * that waits on a conflict is queued in that same transaction. As in a complete update, the next page
	 * is read, and its statuses looked up on a thread of their own, while a page is written. Cancelling
	 * stops between two pages.
	 */
	private void stream(EntityLink link, Side origin, String from, EntityReport report, RunJournal journal,
			Counted counted) throws ConnectorException {
		String cursor = from;
		PageEnding previous = null;
		Set<String> previousIds = Set.of();
		try (ExecutorService lookups = Executors.newSingleThreadExecutor(
				work -> new Thread(work, "SyncBench lookups " + link.scope())); //$NON-NLS-1$
				StoreLane lane = StoreLane.background(link.scope().toString())) {
			try {
				ChangePage page = readChanges(link, origin, cursor, counted);
				Map<String, RecordData> records = byId(page);
				Future<Page> pending = null;
				while (true) {
					counted.checkCanceled();
					if (page.changes().isEmpty()) { // nothing (more), or a system that reads a window of changes again
						if (page.nextCursor() != null && !page.nextCursor().equals(cursor)) {
							lane.settle(); // after the pages before, which move the cursor too
							queue.enqueue(link.scope(), origin, List.of(), page.nextCursor());
						}
						cursor = page.nextCursor();
						if (!page.more()) {
							break;
						}
						page = readChanges(link, origin, cursor, counted);
						records = byId(page);
						pending = null;
						continue;
					}
					// A deleted record is left for the pipeline to find gone, as it finds a queued one.
					Map<String, RecordData> read = new LinkedHashMap<>(records);
					read.values().removeIf(RecordData::deleted);
					ChangePage next = page.more() ? readChanges(link, origin, page.nextCursor(), counted) : null;
					Map<String, RecordData> nextRecords = next == null ? Map.of() : byId(next);
					Page known;
					if (pending != null) {
						known = await(pending);
					} else {
						if (!Collections.disjoint(previousIds, records.keySet())) {
							lane.settle(); // a record changed again: its status is read once the page before is stored
						}
						known = pipeline.lookup(link, origin, records.keySet());
					}
					pending = null;
					if (!nextRecords.isEmpty()) {
						Set<String> nextIds = nextRecords.keySet();
						// Read ahead unless one of its records is in a page not stored yet: then once that is.
						if (Collections.disjoint(nextIds, records.keySet()) && Collections.disjoint(nextIds, previousIds)) {
							pending = lookups.submit(() -> pipeline.lookup(link, origin, nextIds));
						}
					}
					if (journal != null) {
						journal.queued(records.size());
					}
					PageEnding ending = pipeline.synchronizeAll(link, known, read, Trigger.CHANGE, Map.of(), null,
							page.nextCursor(), lane);
					PageEnding before = previous;
					previous = ending;
					previousIds = records.keySet();
					if (before != null) {
						drained(link, before, report, journal, counted);
					}
					cursor = page.nextCursor();
					if (next == null) {
						break;
					}
					page = next;
					records = nextRecords;
				}
			} finally {
				if (previous != null) { // stored and counted before the queue is acknowledged or the link let go
					drained(link, previous, report, journal, counted);
				}
			}
		}
	}

	private ChangePage readChanges(EntityLink link, Side origin, String cursor, Counted counted)
			throws ConnectorException {
		ChangePage page = link.session(origin).readChanges(link.entity(), cursor, pageSize(link));
		counted.page(page.more());
		return page;
	}

	/**
	 * Once every queued change of the side is committed on the other side, its system may forget the
	 * changes up to the stored cursor. A change still queued (held by another process) waits for the
	 * next run; so does a cancelled run, which never reaches here. Called before reading too, so that a
	 * reader that has read nothing yet is known to the system before any other reader's
	 * acknowledgement lets it forget changes.
	 */
	private void acknowledge(EntityLink link, Side origin) throws ConnectorException {
		if (queue.size(link.scope(), origin) > 0) {
			return;
		}
		link.session(origin).acknowledge(link.entity(), consumer(link, origin),
				queue.cursor(link.scope(), origin).orElse(null));
	}

	/** Who reads a side's changes: one company's link with one system, one cursor. */
	static String consumer(EntityLink link, Side origin) {
		return "syncbench/" + link.scope().companyId() + "/" + link.scope().system() + "/" //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				+ origin.name().toLowerCase(java.util.Locale.ROOT);
	}

	/**
	 * Takes the queue a page at a time. Cancelling stops between two pages (a request in flight is
	 * aborted by the session's cancel): each record is done or untouched.
	 */
	private void drain(EntityLink link, Side origin, long queued, EntityReport report, RunJournal journal,
			Counted counted) throws ConnectorException {
		if (queued == 0) {
			return;
		}
		if (journal != null) {
			journal.queued(queued);
		}
		long after = 0;
		List<QueuedChange> entries;
		PageEnding previous = null;
		Set<String> previousIds = Set.of();
		try (StoreLane lane = StoreLane.background(link.scope().toString())) {
			try {
				while (!(entries = queue.next(link.scope(), origin, after, pageSize(link))).isEmpty()) {
					counted.checkCanceled();
					// The entries leave the queue in the transaction that stores their records' outcomes.
					Map<String, Long> entryIds = new LinkedHashMap<>();
					entries.forEach(entry -> entryIds.put(entry.recordId(), entry.id()));
					if (!Collections.disjoint(previousIds, entryIds.keySet())) {
						lane.settle(); // a record changed again: its status is read once the page before is stored
					}
					PageEnding ending = pipeline.synchronizeAll(link, pipeline.lookup(link, origin, entryIds.keySet()),
							Map.of(), Trigger.CHANGE, entryIds, null, null, lane);
					PageEnding before = previous;
					previous = ending;
					previousIds = entryIds.keySet();
					if (before != null) {
						drained(link, before, report, journal, counted);
					}
					after = entries.get(entries.size() - 1).id();
				}
			} finally {
				if (previous != null) { // stored and counted before the queue is acknowledged or the link let go
					drained(link, previous, report, journal, counted);
				}
			}
		}
	}

	/** A page of the queue, stored: its results go to the report, the journal and the progress. */
	private static void drained(EntityLink link, PageEnding ending, EntityReport report, RunJournal journal,
			Counted counted) {
		Map<String, RecordResult> results = recorded(link, ending, report, journal);
		if (journal != null) {
			journal.queued(-results.size());
		}
		counted.add(results.size());
	}

	/**
	 * An entity's records handled in this run, told after each page: to the run's job (its bar and task
	 * line, "product to webstore: 1,200 of 10,000") and to the journal's listeners, in the same words.
	 */
	private static final class Counted {

		private final EntityLink link;
		private final Side origin;
		private final SubMonitor monitor;
		private final RunJournal journal;
		private OptionalLong total;
		private long done;

		Counted(EntityLink link, Side origin, OptionalLong total, SubMonitor monitor, RunJournal journal) {
			this.link = link;
			this.origin = origin;
			this.total = total;
			this.monitor = monitor;
			this.journal = journal;
			if (total.isPresent()) {
				monitor.setWorkRemaining((int) Math.min(Integer.MAX_VALUE, total.getAsLong()));
			}
		}

		OptionalLong total() {
			return total;
		}

		void checkCanceled() {
			monitor.checkCanceled();
		}

		/** A page was read: when the end is not known, a bar that slows as it goes. */
		void page(boolean more) {
			if (total.isEmpty()) {
				monitor.setWorkRemaining(more ? 2 : 1).split(1);
			}
		}

		/** A page's records are done; worked, not split, since this also runs while a cancel unwinds. */
		void add(int records) {
			done += records;
			if (total.isPresent()) {
				monitor.worked(records);
				if (done > total.getAsLong()) { // changes made while the run took them
					total = OptionalLong.of(done);
				}
			}
			tell();
		}

		void tell() {
			monitor.subTask(journal != null ? journal.entityProgress(link, origin, done, total)
					: RunJournal.describe(link, origin, done, total));
		}
	}

	/** Waits for the page to be stored; its results, each added to the report and written to the journal. */
	private static Map<String, RecordResult> recorded(EntityLink link, PageEnding ending, EntityReport report,
			RunJournal journal) {
		Map<String, RecordResult> results = ending.results();
		for (RecordResult result : results.values()) {
			report.add(result);
			if (journal != null) {
				journal.recorded(link, result);
			}
		}
		return results;
	}
}
