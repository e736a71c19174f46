package io.syncbench.engine;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.eclipse.osgi.util.NLS;

import io.syncbench.connector.ConnectorException;
import io.syncbench.connector.FieldValues;
import io.syncbench.connector.KeyMatch;
import io.syncbench.connector.RecordData;
import io.syncbench.connector.RecordWrite;
import io.syncbench.connector.WriteResult;
import io.syncbench.engine.RecordResult.Action;
import io.syncbench.engine.internal.FieldMapper;
import io.syncbench.engine.internal.FieldValidator;
import io.syncbench.engine.internal.Messages;
import io.syncbench.engine.internal.RecordProblem;
import io.syncbench.engine.internal.RecordWaits;
import io.syncbench.engine.internal.ReferenceTranslator;
import io.syncbench.engine.internal.TargetValues;
import io.syncbench.engine.internal.WriteDigest;
import io.syncbench.store.StatusQuery;
import io.syncbench.store.StatusScope;
import io.syncbench.store.SyncOutcome;
import io.syncbench.store.SyncState;
import io.syncbench.store.SyncStatus;
import io.syncbench.store.SyncStatusService;
import io.syncbench.store.SyncStatusService.ChangesTaken;
import io.syncbench.store.SyncStatusService.PageEnd;
import io.syncbench.store.SyncStatusService.PageIntent;
import io.syncbench.store.SyncStatusService.RecordEnd;
import io.syncbench.store.SyncStatusService.Side;
import io.syncbench.store.WorkLeaseLostException;

/**
 * The per-record pipeline, run a page of records at a time: load the statuses; find partners by unique
 * key where there are none; choose each record's direction from the change stamps; map, validate and
 * save on the target; store the outcomes; run the post-processors. Reads, key lookups and writes go to
 * the systems once per page, and the store is written twice per page: once to announce the page's
 * writes, once to store every record's outcome (one row write per record) with the page's queue
 * entries and progress. Each record still succeeds or fails on its own: its failure is stored on its
 * status and the others go on. Only a lost connection or rejected credentials stop the caller.
 *
 * <p>The records of one entity and one connected system are worked on by one holder at a time: the
 * caller {@linkplain #hold holds the link} for its run, so no record needs a lease of its own.
 */
public final class RecordSynchronizer {

	private final SyncStatusService statuses;
	private final String leaseOwner;
	private final Duration leaseDuration;
	private final List<PostProcessor> postProcessors;
	private final ReferenceTranslator references;
	/** The links this pipeline holds: the lease owner is one for the process, its threads take turns. */
	private final Map<StatusScope, Hold> held = new HashMap<>();

	/**
	 * @param leaseOwner    who holds the links' work: unique per thread and process, for example
	 *                      {@code service@host:pid/thread}
	 * @param leaseDuration how long the hold lasts if its holder dies; renewed with each page
	 */
	public RecordSynchronizer(SyncStatusService statuses, String leaseOwner, Duration leaseDuration,
			List<PostProcessor> postProcessors) {
		this.statuses = statuses;
		this.leaseOwner = leaseOwner;
		this.leaseDuration = leaseDuration;
		this.postProcessors = List.copyOf(postProcessors);
		this.references = new ReferenceTranslator(statuses);
	}

	/**
	 * Takes the link's work for this pipeline, unless another thread or process holds it. Pages the last
	 * holder left open are closed, so their writes are known as its own, not as changes.
	 *
	 * @return whether this pipeline holds the link's work now
	 */
	public synchronized boolean hold(EntityLink link) {
		Hold hold = held.get(link.scope());
		if (hold != null) { // held already: by an outer call of this thread, or by another thread, which goes on alone
			if (hold.thread != Thread.currentThread()) {
				return false;
			}
			hold.count++;
			return true;
		}
		if (!statuses.holdWork(link.scope(), leaseOwner, leaseDuration)) {
			return false;
		}
		held.put(link.scope(), new Hold(Thread.currentThread()));
		return true;
	}

	/** Gives the link's work back, for the next run (of any process) to take, once every hold has let go. */
	public synchronized void letGo(EntityLink link) {
		Hold hold = held.get(link.scope());
		if (hold != null && hold.thread == Thread.currentThread() && --hold.count == 0) {
			held.remove(link.scope());
			statuses.releaseWork(link.scope(), leaseOwner);
		}
	}

	/** The thread of this process that holds a link, and how many of its calls do. */
	private static final class Hold {
		final Thread thread;
		int count = 1;

		Hold(Thread thread) {
			this.thread = thread;
		}
	}

	/**
	 * Synchronizes the record with {@code id} on side {@code origin}, holding the link for the call when
	 * the caller does not.
	 *
	 * @param trigger why: a change, or an operator's forced sync or complete update, which synchronize
	 *                even when neither side changed
	 * @throws ConnectorException when a system became unreachable or refused the credentials: the run
	 *                            stops; the record stays pending
	 */
	public RecordResult synchronize(EntityLink link, Side origin, String id, Trigger trigger) throws ConnectorException {
		return synchronizeAll(link, origin, List.of(id), Map.of(), trigger).get(id);
	}

	/**
	 * Synchronizes a page of records of side {@code origin}, as {@link #synchronize} does each.
	 *
	 * @param read records of the origin side just read (a complete update's page), which are not read
	 *             again; may be empty
	 * @return each distinct id's result, in the order of {@code ids}; {@link Action#LOCKED} for each when
	 *         another thread or process holds the link
	 * @throws ConnectorException when a system became unreachable or refused the credentials: the run
	 *                            stops; the records not done stay pending
	 */
	public Map<String, RecordResult> synchronizeAll(EntityLink link, Side origin, Collection<String> ids,
			Map<String, RecordData> read, Trigger trigger) throws ConnectorException {
		if (!hold(link)) {
			Map<String, RecordResult> locked = new LinkedHashMap<>();
			lookup(link, origin, ids).statuses().forEach((id, status) -> locked.put(id, RecordResult.of(Action.LOCKED, status)));
			return locked;
		}
		try { // looked up once held: taking the link may have marked writes a lost holder left open
			return synchronizeAll(link, lookup(link, origin, ids), read, trigger, Map.of(), null);
		} finally {
			letGo(link);
		}
	}

	/**
	 * A page of records of one side with what the store knows of them: the first step of
	 * {@link #synchronizeAll}, which a caller may take ahead, while the page before is still on its way.
	 *
	 * @param origin   the side the records' ids belong to
	 * @param statuses each distinct id's status, in the order given; {@linkplain SyncStatus#untracked
	 *                 untracked} for a record the store has no row for
	 */
	public record Page(Side origin, Map<String, SyncStatus> statuses) {
	}

	/** Reads the statuses of the page's records; nothing is written. */
	public Page lookup(EntityLink link, Side origin, Collection<String> ids) {
		Map<String, SyncStatus> found = statuses.findAll(link.scope(), origin, ids);
		Map<String, SyncStatus> page = new LinkedHashMap<>();
		for (String id : ids) {
			page.computeIfAbsent(id, known -> found.getOrDefault(known, SyncStatus.untracked(link.scope(), origin, known)));
		}
		return new Page(origin, page);
	}

	/**
	 * The records of the link that failed and have attempts left, by their id on {@code origin}, for a
	 * run to take again: a record that failed because of another (a reference not synchronized yet) or
	 * of a moment (a refusal the system lifted) gets through once that is mended, without anyone
	 * changing it; after the last attempt it is skipped. A record that exists on both sides is taken
	 * from the local side when that side is read.
	 */
	public List<String> toRetry(EntityLink link, Side origin) {
		StatusQuery failed = new StatusQuery(link.scope().companyId(), link.scope().system(), link.entity(),
				Set.of(SyncState.FAILED), null, StatusQuery.Order.ID, true);
		List<String> ids = new ArrayList<>();
		for (int offset = 0; offset < MAX_RETRIES_PER_RUN; offset += RETRY_PAGE) {
			List<SyncStatus> page = statuses.page(failed, offset, RETRY_PAGE);
			for (SyncStatus status : page) {
				String id = idOn(status, origin);
				boolean fromHere = origin == Side.LOCAL || status.localId() == null || !link.origins().contains(Side.LOCAL);
				if (id != null && fromHere) {
					ids.add(id);
				}
			}
			if (page.size() < RETRY_PAGE) {
				break;
			}
		}
		return ids;
	}

	private static final int RETRY_PAGE = 500;
	private static final int MAX_RETRIES_PER_RUN = 10_000;

	/**
	 * As {@link #synchronizeAll(EntityLink, Side, Collection, Map, Trigger)}, for a page looked up before
	 * of a link the caller {@linkplain #hold holds}, ending it in the store together with the queue entries it took and the complete update's position.
	 *
	 * @param queueEntries the change-queue entries of the page by record id, removed when its outcomes are
	 *                     stored; a record that waits keeps its entry, for a later run
	 * @param resend       a complete update's position after this page ({@link PageEnd#RESEND_DONE} after
	 *                     the last), or null
	 */
	public Map<String, RecordResult> synchronizeAll(EntityLink link, Page page, Map<String, RecordData> read,
			Trigger trigger, Map<String, Long> queueEntries, String resend) throws ConnectorException {
		return synchronizeAll(link, page, read, trigger, queueEntries, resend, null, StoreLane.direct()).results();
	}

	/**
	 * As {@link #synchronizeAll(EntityLink, Page, Map, Trigger, Map, String)}, ending the page in the
	 * store on {@code lane}: the caller goes on with the next page while this one is stored, and takes
	 * its results from the returned end.
	 *
	 * @param changesCursor for a page of changes read straight from the origin's system, not from the
	 *                      queue: the origin's change cursor after it, stored with the page's outcomes;
	 *                      null otherwise
	 */
	PageEnding synchronizeAll(EntityLink link, Page page, Map<String, RecordData> read, Trigger trigger,
			Map<String, Long> queueEntries, String resend, String changesCursor, StoreLane lane)
			throws ConnectorException {
		Side origin = page.origin();
		List<Work> works = new ArrayList<>();
		for (Map.Entry<String, SyncStatus> entry : page.statuses().entrySet()) {
			Work work = new Work(entry.getKey(), entry.getValue());
			if (work.status.state() == SyncState.SKIPPED && trigger == Trigger.CHANGE) {
				work.result = RecordResult.of(Action.SKIPPED, work.status);
			}
			works.add(work);
		}
		Pass pass = new Pass(link, origin, trigger, read, lane);
		Deque<List<Work>> batches = new ArrayDeque<>();
		batches.add(works.stream().filter(work -> !work.done()).toList());
		CompletableFuture<Void> stored = CompletableFuture.completedFuture(null);
		while (!batches.isEmpty()) {
			List<Work> batch = batches.poll();
			try {
				process(pass, batch);
			} catch (ConnectorException | WorkLeaseLostException e) {
				// What was written is stored; the rest stays queued, and the page's announcement stays open
				// for the next holder, which takes the writes it finds as this page's.
				StoreLane.await(lane.submit(() -> finish(pass, List.of(), null, null, false)));
				throw e;
			}
			// Records whose unique key an earlier record of the page was to create: their partner exists
			// once the page before them is stored, and each is taken on its own, as a page of one.
			for (Work work : pass.deferred) {
				batches.add(List.of(work));
			}
			pass.deferred.clear();
			if (batches.isEmpty()) { // the page's end, with its queue entries and position, goes on the lane
				List<Long> entries = done(works, queueEntries);
				ChangesTaken changes = changesCursor == null ? null
						: new ChangesTaken(origin, changesCursor, works.stream().filter(Work::waits).map(work -> work.id).toList());
				stored = lane.submit(() -> finish(pass, entries, resend, changes, true));
			} else {
				StoreLane.await(lane.submit(() -> finish(pass, List.of(), null, null, true)));
				Work next = batches.peek().get(0);
				next.status = lookup(link, origin, List.of(next.id)).statuses().get(next.id);
			}
		}
		return new PageEnding(link, works, stored);
	}

	/** A page whose end is on its way to the store: its records' results once it is stored. */
	final class PageEnding {
		private final EntityLink link;
		private final List<Work> works;
		private final CompletableFuture<Void> stored;

		private PageEnding(EntityLink link, List<Work> works, CompletableFuture<Void> stored) {
			this.link = link;
			this.works = works;
			this.stored = stored;
		}

		/**
		 * Waits until the page is stored; each record's result in the page's order, post-processed on the
		 * caller's thread (post-processors use the systems' sessions, which are the caller's).
		 *
		 * @throws WorkLeaseLostException or the store's failure when the page could not be stored
		 */
		Map<String, RecordResult> results() {
			StoreLane.await(stored);
			Map<String, RecordResult> ordered = new LinkedHashMap<>();
			for (Work work : works) {
				RecordResult result = work.result;
				boolean done = result.action() != Action.SKIPPED && result.action() != Action.FAILED
						&& result.action() != Action.OUT_OF_SLICE && result.action() != Action.UNCHANGED
						&& result.action() != Action.WAITING;
				ordered.put(work.id, done ? postProcess(link, result) : result);
			}
			return ordered;
		}
	}

	/** The queue entries of the records that are done: a waiting record's entry stays. */
	private static List<Long> done(List<Work> works, Map<String, Long> queueEntries) {
		if (queueEntries.isEmpty()) {
			return List.of();
		}
		List<Long> done = new ArrayList<>();
		for (Work work : works) {
			Long entry = queueEntries.get(work.id);
			if (entry != null && !work.waits()) {
				done.add(entry);
			}
		}
		return done;
	}

	/** One record of a page on its way through the pipeline. */
	private static final class Work {
		final String id;
		SyncStatus status;
		final Map<Side, RecordData> records = new EnumMap<>(Side.class);
		Side from;
		boolean conflict;
		FieldValues mapped;
		final List<String> notes = new ArrayList<>();
		/** What the page stores for the record, with the action it stands for; null until decided. */
		RecordEnd end;
		Action action;
		/** The record's result, once the page has ended for it. */
		RecordResult result;

		Work(String id, SyncStatus status) {
			this.id = id;
			this.status = status;
		}

		boolean done() {
			return end != null || result != null;
		}

		/** Whether the record waits for one in conflict: a later run takes it from the queue. */
		boolean waits() {
			return result != null && result.action() == Action.WAITING;
		}
	}

	/** A page's way through the pipeline: what it read and what it is to store when it ends. */
	private static final class Pass {
		final EntityLink link;
		final Side origin;
		final Trigger trigger;
		final Map<String, RecordData> read;
		final List<Work> ended = new ArrayList<>();
		final List<PageIntent> intents = new ArrayList<>();
		final List<Work> deferred = new ArrayList<>();
		/** Where the pages before this one are being stored. */
		final StoreLane lane;
		/** Whether a record of the entity may refer to another of it (a category's parent). */
		final boolean refersToItself;

		Pass(EntityLink link, Side origin, Trigger trigger, Map<String, RecordData> read, StoreLane lane) {
			this.link = link;
			this.origin = origin;
			this.trigger = trigger;
			this.read = read;
			this.lane = lane;
			this.refersToItself = refersToItself(link);
		}
	}

	/**
	 * Stores what the pass has ended in one transaction, with the queue entries and the complete update's
	 * position; {@code closeIntents} unless the page stopped mid-way, when its announcements stay for the
	 * next holder. When the store refuses the page (one row it cannot hold), each record is stored on its
	 * own, so that only the record at fault fails.
	 */
	private void finish(Pass pass, List<Long> queueEntries, String resend, ChangesTaken changes, boolean closeIntents) {
		List<Work> ended = List.copyOf(pass.ended);
		pass.ended.clear();
		List<PageIntent> closed = closeIntents ? List.copyOf(pass.intents) : List.of();
		if (closeIntents) {
			pass.intents.clear();
		}
		boolean announced = closed.stream().anyMatch(intent -> !intent.rowIds().isEmpty());
		if (ended.isEmpty() && !announced && queueEntries.isEmpty() && resend == null && changes == null) {
			return;
		}
		try {
			store(ended, statuses.finishPage(pass.link.scope(), leaseOwner, leaseDuration,
					new PageEnd(ended.stream().map(work -> work.end).toList(), closed, queueEntries, resend, changes)));
		} catch (WorkLeaseLostException e) {
			throw e;
		} catch (RuntimeException e) {
			if (ended.isEmpty()) {
				throw e;
			}
			for (Work work : ended) {
				storeAlone(pass, work);
			}
			if (announced || !queueEntries.isEmpty() || resend != null || changes != null) {
				statuses.finishPage(pass.link.scope(), leaseOwner, leaseDuration,
						new PageEnd(List.of(), closed, queueEntries, resend, changes));
			}
		}
	}

	/** Stores one record's end; when the store refuses it, the record fails with the store's reason. */
	private void storeAlone(Pass pass, Work work) {
		try {
			store(List.of(work), statuses.finishPage(pass.link.scope(), leaseOwner, leaseDuration, PageEnd.of(List.of(work.end))));
		} catch (WorkLeaseLostException e) {
			throw e;
		} catch (RuntimeException refused) {
			failed(pass, work, null, bind(Messages.Problem_unexpected, pass.link, work.id, refused.getMessage()));
			store(List.of(work), statuses.finishPage(pass.link.scope(), leaseOwner, leaseDuration,
					PageEnd.of(List.of(work.end))));
		}
	}

	private static void store(List<Work> ended, List<SyncStatus> stored) {
		for (int i = 0; i < ended.size(); i++) {
			Work work = ended.get(i);
			work.status = stored.get(i);
			work.result = new RecordResult(work.action, work.status, work.notes);
		}
	}

	/**
	 * Takes the records through the pipeline together. When a call for the whole page fails, before
	 * anything was written, in a way that belongs to one record (a record the system refused to read, a
	 * connector's fault on one answer), the records are taken through again one at a time, so the fault
	 * fails that record alone. Once writes began, a fault fails the records not done: they are not
	 * written again blindly.
	 */
	private void process(Pass pass, List<Work> page) throws ConnectorException {
		if (page.isEmpty()) {
			return;
		}
		EntityLink link = pass.link;
		Map<Side, List<Work>> writes;
		try {
			writes = prepare(pass, page);
		} catch (ConnectorException e) {
			if (e.kind() != ConnectorException.Kind.RECORD_REJECTED) {
				throw e;
			}
			alone(pass, page, e.field(), e.getMessage(), Messages.Problem_rejected);
			return;
		} catch (WorkLeaseLostException e) {
			throw e;
		} catch (RuntimeException e) {
			alone(pass, page, null, e.getMessage(), Messages.Problem_unexpected);
			return;
		}
		try {
			// Updates of records with a row are announced by digest: after a crash, the successor knows the
			// values it finds as this write. A record this page creates is found again by its unique key,
			// and a pair found so has no common past to be in conflict over. One way, no record can be in
			// conflict, so a digest would never be read: the announcement only checks the hold then.
			boolean bothWays = link.origins().size() == 2;
			Map<Long, String> digests = new LinkedHashMap<>();
			int creates = 0;
			for (Map.Entry<Side, List<Work>> target : writes.entrySet()) {
				for (Work work : target.getValue()) {
					if (idOn(work.status, target.getKey()) == null) {
						creates++;
					} else if (bothWays && work.status.tracked()) {
						digests.put(work.status.id(), WriteDigest.of(work.mapped));
					}
				}
			}
			pass.intents.add(statuses.beginPage(link.scope(), leaseOwner, leaseDuration, digests, creates));
			for (Map.Entry<Side, List<Work>> target : writes.entrySet()) {
				write(pass, target.getKey(), target.getValue());
			}
		} catch (WorkLeaseLostException e) {
			throw e;
		} catch (RuntimeException e) {
			for (List<Work> works : writes.values()) {
				for (Work work : works) {
					if (!work.done()) {
						fail(pass, work, null, bind(Messages.Problem_unexpected, link, work.id, e.getMessage()));
					}
				}
			}
		}
	}

	private void alone(Pass pass, List<Work> page, String field, String detail, String template)
			throws ConnectorException {
		if (page.size() == 1) {
			Work work = page.get(0);
			if (!work.done()) {
				fail(pass, work, field, bind(template, pass.link, work.id, detail));
			}
			return;
		}
		for (Work work : page) {
			if (!work.done()) {
				process(pass, List.of(work));
			}
		}
	}

	/**
	 * Reads, pairs and decides for each record of the page; done records get their end, the others are
	 * returned by the side they are to be written to.
	 */
	private Map<Side, List<Work>> prepare(Pass pass, List<Work> page) throws ConnectorException {
		EntityLink link = pass.link;
		readRecords(link, pass.origin, page, pass.read);
		findPartners(pass, page);
		Map<Side, List<Work>> writes = new EnumMap<>(Side.class);
		for (Work work : page) {
			if (work.done() || pass.deferred.contains(work)) {
				continue;
			}
			try {
				decide(pass, work);
				if (work.mapped != null) {
					writes.computeIfAbsent(work.from.other(), side -> new ArrayList<>()).add(work);
				}
			} catch (RecordProblem problem) {
				fail(pass, work, problem.field(), problem.getMessage());
			} catch (RecordWaits waits) { // nothing is stored: the record is taken again once the conflict is resolved
				work.result = new RecordResult(Action.WAITING, work.status, List.of(waits.getMessage()));
			} catch (ConnectorException e) {
				if (e.kind() != ConnectorException.Kind.RECORD_REJECTED) {
					throw e;
				}
				fail(pass, work, e.field(), bind(Messages.Problem_rejected, link, work.id, e.getMessage()));
			} catch (RuntimeException e) { // a fault in one record (a connector bug, a refused link) never stops the run
				fail(pass, work, null, bind(Messages.Problem_unexpected, link, work.id, e.getMessage()));
			}
		}
		return writes;
	}

	/**
	 * Reads each record on both sides: the origin's from {@code read} when it is there, the rest per side
	 * in one call. A send-only entity never reads the connected system's record: nothing changed there
	 * can be in conflict with the company's values, which simply win.
	 */
	private static void readRecords(EntityLink link, Side origin, List<Work> page, Map<String, RecordData> read)
			throws ConnectorException {
		for (Side side : Side.values()) {
			if (notRead(link, origin, side)) {
				continue;
			}
			List<String> missing = new ArrayList<>();
			for (Work work : page) {
				String id = idOn(work.status, side);
				if (id != null && side == origin && read.containsKey(id)) {
					work.records.put(side, read.get(id));
				} else if (id != null) {
					missing.add(id);
				}
			}
			if (missing.isEmpty()) {
				continue;
			}
			Map<String, RecordData> found = new HashMap<>(link.session(side).readEach(link.entity(), missing));
			for (String id : missing) {
				if (!found.containsKey(id)) { // an answer that lacks a record is no proof it is gone: ask for it alone
					link.session(side).read(link.entity(), id).ifPresent(record -> found.put(id, record));
				}
			}
			for (Work work : page) {
				RecordData record = found.get(idOn(work.status, side));
				if (record != null) {
					work.records.put(side, record);
				}
			}
		}
	}

	/**
	 * Whether the page leaves {@code side} unread: the connected system of a send-only link, which is
	 * written and never read. (A download-only link still reads the company's record: the slice is
	 * decided on it.)
	 */
	private static boolean notRead(EntityLink link, Side origin, Side side) {
		return side == Side.EXTERNAL && origin == Side.LOCAL && link.origins().equals(Set.of(Side.LOCAL));
	}

	/**
	 * Looks for each record's partner on the other side by the entity's unique key, one lookup for the
	 * page: none found means the record will be created there; one found and not mapped to another
	 * record becomes the partner; several, or one mapped elsewhere, fail the record. Records out of the
	 * slice are done here. A second record of the page with a key that an earlier one will create is
	 * deferred: it is taken once the first is stored, and finds it.
	 */
	private void findPartners(Pass pass, List<Work> page) throws ConnectorException {
		EntityLink link = pass.link;
		Side origin = pass.origin;
		String keyField = link.schema(origin).uniqueKey();
		Map<Work, String> keys = new LinkedHashMap<>();
		for (Work work : page) {
			RecordData local = work.records.get(Side.LOCAL);
			if (local != null && !local.deleted() && !link.inSlice(local.fields())) {
				work.result = RecordResult.of(Action.OUT_OF_SLICE, work.status);
				continue;
			}
			RecordData record = work.records.get(origin);
			Object key = keyField == null || record == null || record.deleted() ? null : record.fields().get(keyField);
			if (idOn(work.status, origin.other()) == null && key != null && !key.toString().isBlank()) {
				keys.put(work, key.toString());
			}
		}
		if (keys.isEmpty()) {
			return;
		}
		Side other = origin.other();
		KeyMatch match = link.schema(origin).keyMatch().looser(link.schema(other).keyMatch());
		Map<String, List<RecordData>> found = link.session(other).findByKeys(link.entity(), Set.copyOf(keys.values()),
				match);
		if (found.values().stream().anyMatch(partners -> !partners.isEmpty())) {
			pass.lane.settle(); // whether a partner is mapped already is known once the pages before are stored
		}
		Set<String> claimed = new HashSet<>();
		Map<String, Work> partnersTaken = new HashMap<>();
		for (Map.Entry<Work, String> entry : keys.entrySet()) {
			Work work = entry.getKey();
			String key = entry.getValue();
			String fold = match.fold(key);
			// A system's lookup may answer more than the key (a search); only a record whose key folds alike is a partner.
			List<RecordData> partners = found.getOrDefault(key, List.of()).stream().filter(record -> {
				Object theirs = record.fields().get(keyField);
				return theirs == null || match.fold(theirs.toString()).equals(fold);
			}).toList();
			try {
				if (partners.isEmpty()) {
					if (!claimed.add(fold)) {
						pass.deferred.add(work);
					}
					continue;
				}
				RecordData partner = partner(link, origin, work, keyField, key, partners, match, partnersTaken);
				if (!partner.id().equals(idOn(work.status, other))) {
					work.status = work.status.withId(other, partner.id());
				}
				partnersTaken.put(partner.id(), work);
				work.records.put(other, partner);
			} catch (RecordProblem problem) {
				fail(pass, work, problem.field(), problem.getMessage());
			} catch (RuntimeException e) {
				fail(pass, work, keyField, bind(Messages.Problem_unexpected, link, work.id, e.getMessage()));
			}
		}
	}

	private RecordData partner(EntityLink link, Side origin, Work work, String keyField, String key,
			List<RecordData> found, KeyMatch match, Map<String, Work> partnersTaken) throws RecordProblem {
		Side other = origin.other();
		if (found.size() > 1) {
			throw new RecordProblem(keyField, NLS.bind(Messages.Problem_severalPartners, new Object[] { link.entity(),
					work.id, keyField, systemName(link, other), found.size(), key, ids(found) }));
		}
		RecordData partner = found.get(0);
		Object partnerKey = partner.fields().get(keyField);
		Work taken = partnersTaken.get(partner.id());
		if (taken != null) { // an earlier record of this page folds to the same key there
			throw new RecordProblem(keyField, NLS.bind(Messages.Problem_duplicateKey, new Object[] { link.entity(), work.id,
					keyField, systemName(link, other), key, partnerKey, match.settingValue(), taken.id }));
		}
		Optional<SyncStatus> mapped = other == Side.LOCAL ? statuses.findByLocalId(link.scope(), partner.id())
				: statuses.findByExternalId(link.scope(), partner.id());
		if (mapped.isPresent() && mapped.get().id() != work.status.id() && idOn(mapped.get(), origin) == null) {
			// The partner's row was never linked to a record here: one pair seen from both ends, as a crash
			// between a create and its outcome leaves it. The rows become one, instead of two that block each other.
			work.status = work.status.tracked()
					? statuses.absorb(work.status.id(), mapped.get().id(), other, partner.id(), leaseOwner)
					: adopted(mapped.get(), origin, work.id);
			return partner;
		}
		if (mapped.isPresent() && mapped.get().id() != work.status.id() && partnerKey != null && !key.equals(partnerKey.toString())) {
			// Two records of this side fold to one key there: a duplicate for the operator, never a second record.
			throw new RecordProblem(keyField, NLS.bind(Messages.Problem_duplicateKey, new Object[] { link.entity(), work.id,
					keyField, systemName(link, other), key, partnerKey, match.settingValue(), idOn(mapped.get(), origin) }));
		}
		if (mapped.isPresent() && mapped.get().id() != work.status.id()) {
			throw new RecordProblem(keyField, NLS.bind(Messages.Problem_partnerMappedElsewhere, new Object[] {
					link.entity(), work.id, keyField, systemName(link, other), key, idOn(mapped.get(), origin) }));
		}
		return partner;
	}

	/**
	 * The partner's row, for a record the store had none for: it takes the record's id, and no past, so
	 * the pair is synchronized as one just found by its key. The page's end stores it.
	 */
	private static SyncStatus adopted(SyncStatus partnerRow, Side origin, String id) {
		return new SyncStatus(partnerRow.id(), partnerRow.scope(), origin == Side.LOCAL ? id : partnerRow.localId(),
				origin == Side.LOCAL ? partnerRow.externalId() : id, null, null, true, SyncState.PENDING, null, null, 0,
				Map.of(), Map.of(), partnerRow.updatedAt(), partnerRow.writing(), partnerRow.displayKey());
	}

	/**
	 * Chooses the record's direction. Done records (unchanged, deleted) get their result here; a record
	 * to write gets its direction and mapped values, checked against the target's rules.
	 */
	private void decide(Pass pass, Work work) throws RecordProblem, RecordWaits, ConnectorException {
		EntityLink link = pass.link;
		Trigger trigger = pass.trigger;
		SyncStatus status = work.status;
		boolean neverSynchronized = status.localStamp() == null && status.externalStamp() == null;
		boolean localChanged = !notRead(link, pass.origin, Side.LOCAL)
				&& changed(work.records.get(Side.LOCAL), status.localId(), status.localStamp());
		boolean externalChanged = !notRead(link, pass.origin, Side.EXTERNAL)
				&& changed(work.records.get(Side.EXTERNAL), status.externalId(), status.externalStamp());
		if (!localChanged && !externalChanged && trigger == Trigger.CHANGE) {
			work.result = RecordResult.of(Action.UNCHANGED, status);
			return;
		}
		if (status.state() == SyncState.CONFLICT && trigger == Trigger.CHANGE) { // the operator decides first
			work.result = new RecordResult(Action.WAITING, status, List.of(NLS.bind(Messages.Wait_inConflict,
					new Object[] { link.entity(), work.id, link.scope().system() })));
			return;
		}
		// Only an entity that travels both ways can be in conflict: one way, the origin's values simply win.
		boolean bothWays = link.origins().size() == 2;
		if (trigger == Trigger.COMPLETE_UPDATE) { // re-sends the company's values over whatever changed outside
			work.from = Side.LOCAL;
			work.conflict = bothWays && externalChanged && !neverSynchronized;
		} else {
			work.from = localChanged == externalChanged ? link.primary() : localChanged ? Side.LOCAL : Side.EXTERNAL;
			// A pair just found by its unique key has no common past, so differing values are no conflict.
			work.conflict = bothWays && localChanged && externalChanged && !neverSynchronized;
		}
		Side to = work.from.other();
		RecordData source = work.records.get(work.from);
		if (source == null || source.deleted()) {
			String targetId = idOn(status, to);
			if (targetId != null) {
				link.session(to).delete(link.entity(), targetId);
			}
			end(pass, work, Action.DELETED, outcome(SyncState.DELETED, status, work.from, source, to, null, Map.of(),
					Map.of()));
			return;
		}
		if (pass.refersToItself) {
			pass.lane.settle(); // a record it refers to may be in a page still on its way to the store
		}
		FieldValues mapped = references.translate(FieldMapper.map(source.fields(), work.from, link), work.from, link,
				source.id());
		mapped = TargetValues.rounded(link, work.id, to, mapped, systemName(link, to), work.notes);
		FieldValidator.validate(mapped, link.schema(to), source.id(), systemName(link, to));
		mapped = TargetValues.withFiles(link, work.from, to, source.id(), mapped);
		RecordData target = work.records.get(to);
		if (work.conflict && target != null && TargetValues.same(mapped, target.fields())) {
			work.conflict = false; // both sides changed to the same values: nothing for an operator to decide
		}
		if (work.conflict && status.writing() != null && target != null
				&& status.writing().equals(WriteDigest.ofTarget(target.fields(), mapped))) {
			// The target holds this engine's own write, which a process that died did not record: no one
			// changed the record there.
			work.conflict = false;
		}
		work.mapped = mapped;
	}

	/** Whether a record of the entity may refer to another of the same entity, in either system's schema. */
	private static boolean refersToItself(EntityLink link) {
		for (Side side : Side.values()) {
			if (link.schema(side).fields().stream().anyMatch(field -> link.entity().equals(field.references()))) {
				return true;
			}
		}
		return false;
	}

	/** Writes the page's records to one side in one call and turns each answer into an outcome or a failure. */
	private void write(Pass pass, Side to, List<Work> works) throws ConnectorException {
		EntityLink link = pass.link;
		List<RecordWrite> writes = works.stream().map(work -> {
			String targetId = idOn(work.status, to);
			return targetId == null ? RecordWrite.create(work.mapped) : RecordWrite.update(targetId, work.mapped);
		}).toList();
		List<WriteResult> answers = link.session(to).writeAll(link.entity(), writes);
		if (answers.size() != writes.size()) {
			throw new IllegalStateException(NLS.bind(Messages.Problem_answerCount, new Object[] { link.scope().system(),
					writes.size(), answers.size() }));
		}
		for (int i = 0; i < works.size(); i++) {
			Work work = works.get(i);
			WriteResult answer = answers.get(i);
			if (answer.refused() != null) {
				fail(pass, work, answer.refused().field(), bind(Messages.Problem_rejected, link, work.id,
						answer.refused().getMessage()));
				continue;
			}
			// Values kept for review are named as the connected system names them, whichever way they went.
			RecordData source = work.records.get(work.from);
			RecordData loser = work.records.get(to);
			Map<String, String> conflictValues = !work.conflict || loser == null ? Map.of()
					: to == Side.LOCAL ? references.asExternal(loser, link).text() : loser.fields().text();
			Map<String, String> syncedValues = work.from == Side.LOCAL ? work.mapped.text() : source.fields().text();
			end(pass, work, work.from == Side.LOCAL ? Action.SENT : Action.RECEIVED, outcome(work.conflict
					? SyncState.CONFLICT : SyncState.SYNCHRONIZED, work.status, work.from, source, to, answer.written(),
					syncedValues, conflictValues));
		}
	}

	private static SyncOutcome outcome(SyncState state, SyncStatus status, Side from, RecordData source, Side to,
			RecordData written, Map<String, String> synced, Map<String, String> conflictValues) {
		Map<Side, String> ids = new LinkedHashMap<>();
		Map<Side, String> stamps = new LinkedHashMap<>();
		ids.put(from, source != null ? source.id() : idOn(status, from));
		stamps.put(from, source != null ? source.stamp() : null);
		ids.put(to, written != null ? written.id() : idOn(status, to));
		stamps.put(to, written != null ? written.stamp() : null);
		return new SyncOutcome(state, ids.get(Side.LOCAL), ids.get(Side.EXTERNAL), stamps.get(Side.LOCAL),
				stamps.get(Side.EXTERNAL), synced, conflictValues);
	}

	static Optional<RecordData> read(EntityLink link, Side side, String id) throws ConnectorException {
		return id == null ? Optional.empty() : link.session(side).read(link.entity(), id);
	}

	/** A side changed when its record appeared, disappeared, was deleted or has a new stamp. */
	private static boolean changed(RecordData record, String id, String stampWhenSynchronized) {
		if (id == null) {
			return false;
		}
		if (record == null || record.deleted()) {
			return stampWhenSynchronized != null;
		}
		return !Objects.equals(record.stamp(), stampWhenSynchronized);
	}

	/** The record is done: the page's end stores {@code outcome} on its row. */
	private static void end(Pass pass, Work work, Action action, SyncOutcome outcome) {
		work.end = RecordEnd.succeeded(work.status.id(), pass.origin, work.id, outcome)
				.withDisplayKey(displayKey(pass, work));
		work.action = action;
		pass.ended.add(work);
	}

	/** The record failed: the page's end stores the reason and counts the attempt. */
	private static void fail(Pass pass, Work work, String field, String message) {
		failed(pass, work, field, message);
		pass.ended.add(work);
	}

	/** The record's end is a failure, with the reason and the attempt it counts. */
	private static void failed(Pass pass, Work work, String field, String message) {
		work.end = RecordEnd.failed(work.status.id(), pass.origin, work.id, field, message, pass.link.maxAttempts())
				.withDisplayKey(displayKey(pass, work));
		work.action = Action.FAILED;
	}

	/**
	 * What the operator knows the record by (a SKU, an email): its unique key's value on the side it came
	 * from, else on the other, else as the store knows it; null when none is known.
	 */
	private static String displayKey(Pass pass, Work work) {
		for (Side side : List.of(pass.origin, pass.origin.other())) {
			RecordData record = work.records.get(side);
			String field = pass.link.schema(side).uniqueKey();
			Object key = record == null || field == null ? null : record.fields().get(field);
			if (key != null && !key.toString().isBlank()) {
				return key.toString();
			}
		}
		return work.status.displayKey();
	}

	private RecordResult postProcess(EntityLink link, RecordResult result) {
		List<String> warnings = new ArrayList<>(result.warnings());
		for (PostProcessor postProcessor : postProcessors) {
			try {
				postProcessor.afterSynchronized(link, result);
			} catch (Exception e) {
				warnings.add(NLS.bind(Messages.Warning_postProcessing,
						new Object[] { link.entity(), describe(result.status()), e.getMessage() }));
			}
		}
		return warnings.size() == result.warnings().size() ? result : new RecordResult(result.action(), result.status(), warnings);
	}

	static String bind(String template, EntityLink link, String id, String detail) {
		return NLS.bind(template, new Object[] { link.entity(), id, null, link.scope().system(), detail });
	}

	private static String systemName(EntityLink link, Side side) {
		return side == Side.LOCAL ? Messages.System_companyDatabase : link.scope().system();
	}

	private static String describe(SyncStatus status) {
		return status.localId() != null ? status.localId() : status.externalId();
	}

	private static String idOn(SyncStatus status, Side side) {
		return side == Side.LOCAL ? status.localId() : status.externalId();
	}

	private static String ids(List<RecordData> records) {
		return String.join(", ", records.stream().map(RecordData::id).toList()); //$NON-NLS-1$
	}
}
