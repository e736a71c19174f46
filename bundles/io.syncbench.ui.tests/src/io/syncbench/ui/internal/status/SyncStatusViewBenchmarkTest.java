package io.syncbench.ui.internal.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.text.MessageFormat;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.function.Supplier;

import org.apache.derby.jdbc.EmbeddedDriver;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import io.syncbench.store.Company;
import io.syncbench.store.Store;
import io.syncbench.ui.internal.companies.NewCompanyThroughTheDialog;
import io.syncbench.ui.testsupport.ScreenshotOnFailure;
import io.syncbench.ui.testsupport.UiDriver;

/**
 * A benchmark, not a timed test: how long the real Sync Status view takes to show a company with many
 * status rows, and to apply a filter, with the heap the workbench uses meanwhile. It prints its figures
 * and asserts only what the operator sees (the counts and the first row). The rows are written straight
 * into the workbench's own Derby store in batches, since a million records synchronized one by one
 * would take an hour; ids start far above the store's own so they never meet.
 * <p>
 * {@code -Dsyncbench.benchmark.statusRows=1000000} sets the size (the README's benchmark command); the
 * test suite runs 60,000, just over one window of the table, so the benchmark and the windows keep working.
 */
@ExtendWith(ScreenshotOnFailure.class)
class SyncStatusViewBenchmarkTest {

	private static final int ROWS = Integer.getInteger("syncbench.benchmark.statusRows", 60_000);
	private static final long FIRST_ID = 4_000_000_000L;
	private static final int BATCH = 2_000;
	/** One row in FAILED_EVERY fails, one in CONFLICT_EVERY conflicts; the rest are synchronized. */
	private static final int FAILED_EVERY = 50;
	private static final int CONFLICT_EVERY = 200;
	private static final Duration SHOWN = Duration.ofMinutes(2);

	private final UiDriver ui = UiDriver.forWorkbench();
	private ServiceTracker<Store, Store> storeTracker;
	private Store store;
	private Shell window;
	private Company big;
	private Company other;

	@BeforeEach
	void setUp() throws InterruptedException {
		storeTracker = new ServiceTracker<>(FrameworkUtil.getBundle(getClass()).getBundleContext(), Store.class, null);
		storeTracker.open();
		store = storeTracker.waitForService(30_000);
		window = ui.shell("SyncBench");
		// Manual runs only: the benchmark looks at status rows, it does not synchronize them.
		big = NewCompanyThroughTheDialog.create(ui, window, store, "Benchmark Ltd");
		other = NewCompanyThroughTheDialog.create(ui, window, store, "Benchmark Other Ltd");
	}

	@AfterEach
	void tearDown() {
		store.companies().delete(big.id());
		store.companies().delete(other.id());
		storeTracker.close();
	}

	@Test
	void theSyncStatusViewOpensAndFiltersAManyRowCompanyQuickly() throws Exception {
		long writeStart = System.nanoTime();
		writeStatusRows(big.id(), ROWS);
		double writeSeconds = (System.nanoTime() - writeStart) / 1e9;

		Combo company = ui.byId(window, Combo.class, "status.company");
		Combo state = ui.byId(window, Combo.class, "status.state");
		Text search = ui.byId(window, Text.class, "status.search");
		Table table = ui.byId(window, Table.class, "status.table");
		Label count = ui.byId(window, Label.class, "status.count");
		ui.waitUntil("both companies listed", () -> java.util.List.of(company.getItems()).contains("Benchmark Ltd")
				&& java.util.List.of(company.getItems()).contains("Benchmark Other Ltd"), Duration.ofSeconds(30));
		ui.choose(state, "All"); // earlier tests may have left a filter on
		ui.type(search, "");
		ui.choose(company, "Benchmark Other Ltd");
		ui.waitUntil("the other company shown, with no rows", () -> ui.text(count).startsWith("No "), Duration.ofSeconds(30));
		long heapBefore = usedHeap();

		int shownAtOnce = SyncStatusPart.WINDOW;
		double open = seconds(() -> ui.choose(company, "Benchmark Ltd"), count, table, countLine(ROWS, 0),
				Math.min(ROWS, shownAtOnce));
		long heapOpen = usedHeap();
		Button next = ui.byId(window, Button.class, "status.next");
		double nextWindow = ROWS > shownAtOnce ? seconds(() -> ui.click(next), count, table, countLine(ROWS, shownAtOnce),
				Math.min(ROWS - shownAtOnce, shownAtOnce)) : Double.NaN;
		int failed = (ROWS + FAILED_EVERY - 1) / FAILED_EVERY;
		double filter = seconds(() -> ui.choose(state, "failed"), count, table, countLine(failed, 0),
				Math.min(failed, shownAtOnce));
		// Row 750 failed; its error message alone names it, and the failed filter stays on.
		double text = seconds(() -> ui.type(search, "(row 750 )"), count, table, countLine(1, 0), 1);
		long heapAfter = usedHeap();
		ui.screenshot(window, "sync-status-" + ROWS + "-rows-filtered");

		String figures = MessageFormat.format("""
				Sync Status view over {0,number,integer} status rows (Derby store, written in {1,number,0.0} s)
				  show the company (count + first page)   : {2,number,0.000} s   goal < 1 s
				  next {10,number,integer} rows                      : {3,number,0.000} s
				  filter to failed ({4,number,integer} rows)          : {5,number,0.000} s   goal < 1 s
				  search a text in ids and errors (1 row) : {6,number,0.000} s   goal < 1 s
				  heap used before / shown / filtered     : {7} / {8} / {9} MiB (of {11} MiB max)
				""", ROWS, writeSeconds, open, nextWindow, failed, filter, text, heapBefore >> 20, heapOpen >> 20,
				heapAfter >> 20, shownAtOnce, Runtime.getRuntime().maxMemory() >> 20);
		System.out.println(figures);
		assertTrue(heapAfter - heapBefore < 256L << 20, figures);
	}

	/** The count line for {@code rows} records, the table showing the window that starts at {@code first}. */
	private static String countLine(long rows, long first) {
		if (rows <= SyncStatusPart.WINDOW) {
			return MessageFormat.format("{0,choice,1#one record|1<{0,number,integer} records}", rows);
		}
		return MessageFormat.format("{0,number,integer} records; showing {1,number,integer} to {2,number,integer}", rows,
				first + 1, Math.min(rows, first + SyncStatusPart.WINDOW));
	}

	/**
	 * Seconds from {@code action} until the count line says {@code expected}, the table holds
	 * {@code items} and its first row shows a record read from the store.
	 */
	private double seconds(Runnable action, Label count, Table table, String expected, long items) {
		Supplier<Boolean> shown = () -> count.getText().equals(expected) && table.getItemCount() == items
				&& table.getItem(0).getText(0) != null && table.getItem(0).getData() != null;
		long start = System.nanoTime();
		action.run();
		Instant deadline = Instant.now().plus(SHOWN);
		while (!ui.onUi(shown)) {
			if (Instant.now().isAfter(deadline)) {
				throw new AssertionError("the view did not show " + expected + "; it shows " + ui.text(count));
			}
			sleepMillis(5);
		}
		return (System.nanoTime() - start) / 1e9;
	}

	private void writeStatusRows(long companyId, int rows) throws SQLException {
		String sql = "INSERT INTO SB_SYNC_STATUS (ID, COMPANY_ID, SYSTEM_NAME, ENTITY, LOCAL_ID, LOCAL_KEY, EXTERNAL_ID," //$NON-NLS-1$
				+ " EXTERNAL_KEY, PENDING, STATE, ATTEMPTS, UPDATED_AT, ERROR_FIELD, ERROR_MESSAGE)" //$NON-NLS-1$
				+ " VALUES (?, ?, 'webstore', ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?)"; //$NON-NLS-1$
		String[] entities = { "product", "customer", "address", "salesorder" }; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
		Timestamp now = Timestamp.from(Instant.now());
		try (Connection connection = new EmbeddedDriver().connect("jdbc:derby:" + store.location(), new Properties()); //$NON-NLS-1$
				PreparedStatement insert = connection.prepareStatement(sql)) {
			connection.setAutoCommit(false);
			for (int i = 0; i < rows; i++) {
				boolean failed = i % FAILED_EVERY == 0;
				boolean conflict = !failed && i % CONFLICT_EVERY == 1;
				insert.setLong(1, FIRST_ID + companyId * 10_000_000L + i);
				insert.setLong(2, companyId);
				insert.setString(3, entities[i % entities.length]);
				insert.setString(4, "L-" + i); //$NON-NLS-1$
				insert.setString(5, "L-" + i); //$NON-NLS-1$
				insert.setString(6, String.valueOf(100_000 + i));
				insert.setString(7, String.valueOf(100_000 + i));
				insert.setString(8, failed ? "FAILED" : conflict ? "CONFLICT" : "SYNCHRONIZED"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				insert.setInt(9, failed ? 3 : 0);
				insert.setTimestamp(10, now);
				insert.setString(11, failed ? "price" : null); //$NON-NLS-1$
				insert.setString(12, failed ? "price: 'abc' is not a number (row " + i + " )" : null); //$NON-NLS-1$ //$NON-NLS-2$
				insert.addBatch();
				if ((i + 1) % BATCH == 0 || i == rows - 1) {
					insert.executeBatch();
					connection.commit();
				}
			}
		}
	}

	private static long usedHeap() {
		System.gc();
		Runtime runtime = Runtime.getRuntime();
		return runtime.totalMemory() - runtime.freeMemory();
	}

	private static void sleepMillis(long millis) {
		try {
			Thread.sleep(millis);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new AssertionError(e);
		}
	}
}
