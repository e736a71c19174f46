package io.syncbench.ui.internal.status;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

import io.syncbench.store.StatusQuery;
import io.syncbench.store.SyncStatus;
import io.syncbench.store.SyncStatusService;

/**
 * The rows of a status query as a virtual table needs them: a page at a time, read on demand off the
 * UI thread, with only the most recently used pages kept. A million rows never sit in memory. The
 * table shows a window of the query's rows starting at {@link #first()}; its row 0 is that row.
 */
final class StatusPages {

	static final int PAGE_SIZE = 200;
	private static final int PAGES_KEPT = 20;

	private final SyncStatusService statuses;
	private final StatusQuery query;
	private final long first;
	/** Pages by number, least recently used first. */
	private final Map<Integer, List<SyncStatus>> pages = new LinkedHashMap<>(PAGES_KEPT, 0.75f, true) {
		private static final long serialVersionUID = 1L;

		@Override
		protected boolean removeEldestEntry(Map.Entry<Integer, List<SyncStatus>> eldest) {
			return size() > PAGES_KEPT;
		}
	};
	/** Pages being read; guarded by this, like the pages. */
	private final Set<Integer> loading = new HashSet<>();

	StatusPages(SyncStatusService statuses, StatusQuery query, long first) {
		this.statuses = statuses;
		this.query = query;
		this.first = first;
	}

	StatusQuery query() {
		return query;
	}

	/** Which of the query's rows is the table's row 0. */
	long first() {
		return first;
	}

	/** The row if its page is here; otherwise null, and the page is read by {@code reader}. */
	synchronized SyncStatus row(int index, PageReader reader) {
		int page = index / PAGE_SIZE;
		List<SyncStatus> rows = pages.get(page);
		if (rows == null) {
			if (loading.add(page)) {
				reader.read(page);
			}
			return null;
		}
		int offset = index % PAGE_SIZE;
		return offset < rows.size() ? rows.get(offset) : null;
	}

	/** Reads one page from the store; call it off the UI thread. */
	void load(int page, IntConsumer loaded) {
		List<SyncStatus> rows = statuses.page(query, (int) Math.min(Integer.MAX_VALUE, first + (long) page * PAGE_SIZE),
				PAGE_SIZE);
		synchronized (this) {
			pages.put(page, rows);
			loading.remove(page);
		}
		loaded.accept(page);
	}

	/** Where the records with these ids are among the rows read so far, as the table's indices. */
	synchronized int[] indicesOf(Set<Long> ids) {
		return pages.entrySet().stream().flatMapToInt(page -> IntStream.range(0, page.getValue().size())
				.filter(offset -> ids.contains(page.getValue().get(offset).id()))
				.map(offset -> page.getKey() * PAGE_SIZE + offset)).toArray();
	}

	/** Who reads a missing page: the view, in a background job. */
	interface PageReader {
		void read(int page);
	}
}
