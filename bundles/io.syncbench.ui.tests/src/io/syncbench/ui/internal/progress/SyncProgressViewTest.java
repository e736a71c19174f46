package io.syncbench.ui.internal.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CLabel;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import io.syncbench.store.Company;
import io.syncbench.store.CompanySettings;
import io.syncbench.store.ConnectedSystem.Role;
import io.syncbench.store.EntitySettings;
import io.syncbench.store.EntitySettings.Direction;
import io.syncbench.store.Store;
import io.syncbench.store.SyncStatusService.Side;
import io.syncbench.ui.testsupport.ScreenshotOnFailure;
import io.syncbench.ui.testsupport.UiDriver;

/**
 * The Synchronization Progress view in the real workbench: a company the workbench's sync service
 * picks up runs on start, fails for want of its connector, and the view says so in red until dismissed;
 * a held-back company is shown in yellow with its reason until its next run starts.
 */
@ExtendWith(ScreenshotOnFailure.class)
class SyncProgressViewTest {

	private static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);

	private final UiDriver ui = UiDriver.forWorkbench();
	private ServiceTracker<Store, Store> storeTracker;
	private Store store;
	private Shell window;

	@BeforeEach
	void findTheWorkbench() throws InterruptedException {
		storeTracker = new ServiceTracker<>(FrameworkUtil.getBundle(getClass()).getBundleContext(), Store.class, null);
		storeTracker.open();
		store = storeTracker.waitForService(30_000);
		window = ui.shell("SyncBench");
	}

	@AfterEach
	void close() {
		storeTracker.close();
	}

	/**
	 * Gives the company systems of a kind no installed connector serves: set up, so its automatic runs are
	 * not held back for want of systems; they start, and fail saying the connector is missing.
	 */
	private Company withUnservedSystems(Company company) {
		store.syncSetup().saveSystem(company.id(), "erp", "retired-kind", Role.COMPANY_DATABASE, Map.of(), true);
		store.syncSetup().saveSystem(company.id(), "web", "retired-kind", Role.OUTSIDE_SYSTEM, Map.of(), true);
		store.syncSetup().saveEntity(company.id(),
				new EntitySettings("web", "product", Direction.BOTH, Side.LOCAL, Map.of(), Map.of()));
		return company;
	}

	@Test
	void theViewOffersItsActions() {
		Button syncNow = ui.byId(window, Button.class, "progress.syncNow");
		Button pause = ui.byId(window, Button.class, "progress.pause");

		assertEquals("Sync Now", UiDriver.plain(ui.text(syncNow)));
		assertEquals("Cancel", UiDriver.plain(ui.text(ui.byId(window, Button.class, "progress.cancel"))));
		assertFalse(ui.onUi(() -> pause.getSelection()), "automatic sync runs unless paused");
		Combo mode = ui.byId(window, Combo.class, "progress.mode");
		assertEquals(List.of("Synchronize", "Send", "Download"), ui.onUi(() -> List.of(mode.getItems())));
		assertEquals("Synchronize", ui.onUi(() -> mode.getText()));
		assertEquals(List.of("Time", "Company", "What", "Details"), ui.onUi(() -> List
				.of(ui.byId(window, Table.class, "progress.table").getColumns()).stream().map(c -> c.getText()).toList()));
	}

	@Test
	void aHeldBackCompanyIsShownInYellowWithItsReasonUntilItsNextRunStarts() {
		Button pause = ui.byId(window, Button.class, "progress.pause");
		Label attention = ui.byId(window, Label.class, "progress.attention");
		CLabel statusLine = ui.byId(window, CLabel.class, "status.run");
		// Other tests' companies may have records that need the operator, which would turn the line red.
		store.companies().list().forEach(c -> store.companies().delete(c.id()));
		ui.click(pause);
		// The click is delivered on the UI thread: the company is made only once the scheduler is paused,
		// or its first run could start before (a CI run saw it).
		ui.waitUntil("automatic sync paused", () -> ui.onUi(pause::getSelection));
		Company held;
		try {
			held = withUnservedSystems(store.companies().create(new CompanySettings("Held Back Ltd", 3600, true, true, false)));
			ui.waitUntil("the held-back line, alone", () -> ui.text(attention).equals("Needs you:\nHeld Back Ltd: automatic runs"
					+ " held back. Held back: automatic synchronization is paused. Resume it to go on."), RUN_TIMEOUT);
			assertEquals(ui.onUi(() -> ui.display().getSystemColor(SWT.COLOR_DARK_YELLOW)),
					ui.onUi(() -> attention.getForeground()), "yellow: runs wait, no record needs the operator");
			assertTrue(ui.onUi(() -> !ui.byId(window, Button.class, "progress.showThem").isVisible()),
					"no records to show");
			ui.waitUntil("the status line's hold-back", () -> ui.text(statusLine).contains("Held Back Ltd"));
			assertTrue(ui.onUi(() -> statusLine.getImage() != null), "the held-back icon");
			ui.screenshot(window, "progress-held-back");
		} finally {
			ui.click(pause);
		}
		try {
			ui.click(ui.byId(window, Button.class, "progress.syncNow")); // its next run: the hold-back is over
			ui.waitUntil("the hold-back gone once its next run starts",
					() -> !ui.text(attention).contains("Held Back Ltd"), RUN_TIMEOUT);
			Button dismiss = ui.byId(window, Button.class, "progress.dismiss");
			ui.waitUntil("the run's end (it fails: no connector serves its systems)", () -> ui.onUi(dismiss::isVisible),
					RUN_TIMEOUT);
			ui.click(dismiss);
		} finally {
			store.companies().delete(held.id());
		}
	}

	@Test
	void aCompanyWhoseRunsBeginToBeHeldBackIsNotifiedOnceNotAtEveryRun() {
		Company empty = store.companies().create(new CompanySettings("No Systems Ltd", 3600, true, true, false));
		try {
			ui.waitUntil("a notification that its runs are held back", () -> notifications("No Systems Ltd") == 1, RUN_TIMEOUT);
			ui.screenshot(ui.onUi(() -> notification("No Systems Ltd")), "notification-held-back");
			Label attention = ui.byId(window, Label.class, "progress.attention");
			ui.click(ui.byId(window, Button.class, "progress.syncNow")); // held back again, for the same reason
			ui.waitUntil("the hold-back still shown", () -> ui.text(attention).contains("No Systems Ltd"), RUN_TIMEOUT);
			assertTrue(notifications("No Systems Ltd") <= 1, "told once, not at every run");
		} finally {
			store.companies().delete(empty.id());
		}
	}

	/** The open notification popups whose message names {@code company}. */
	private long notifications(String company) {
		return ui.onUi(() -> java.util.Arrays.stream(ui.display().getShells())
				.filter(shell -> !shell.isDisposed() && shell.isVisible() && mentions(shell, company)).count());
	}

	private Shell notification(String company) {
		return java.util.Arrays.stream(ui.display().getShells())
				.filter(shell -> !shell.isDisposed() && shell.isVisible() && mentions(shell, company)).findFirst().orElseThrow();
	}

	/** A notification popup (it holds the message label) whose title or message names {@code company}. */
	private static boolean mentions(Shell shell, String company) {
		return hasMessage(shell) && labels(shell).stream().anyMatch(text -> text.contains(company));
	}

	private static boolean hasMessage(org.eclipse.swt.widgets.Composite parent) {
		for (org.eclipse.swt.widgets.Control child : parent.getChildren()) {
			if ("notification.message".equals(child.getData("io.syncbench.widgetId"))
					|| child instanceof org.eclipse.swt.widgets.Composite composite && hasMessage(composite)) {
				return true;
			}
		}
		return false;
	}

	/** Every label's text in the popup: its title and its message. */
	private static List<String> labels(org.eclipse.swt.widgets.Composite parent) {
		List<String> texts = new java.util.ArrayList<>();
		for (org.eclipse.swt.widgets.Control child : parent.getChildren()) {
			if (child instanceof Label label) {
				texts.add(label.getText());
			} else if (child instanceof org.eclipse.swt.custom.CLabel label) {
				texts.add(label.getText());
			}
			if (child instanceof org.eclipse.swt.widgets.Composite composite) {
				texts.addAll(labels(composite));
			}
		}
		return texts;
	}

	@Test
	void aFailedRunIsShownInRedWithItsMessageUntilDismissed() {
		withUnservedSystems(store.companies().create(new CompanySettings("Progress Test Ltd", 3600, true, true, false)));
		Table table = ui.byId(window, Table.class, "progress.table");
		Label state = ui.byId(window, Label.class, "progress.state");

		ui.waitFor("the failed run's line", () -> ui.rows(table).stream()
				.filter(row -> row.get(1).equals("Progress Test Ltd") && row.get(2).equals("Failed")).findFirst(), RUN_TIMEOUT);
		ui.waitUntil("the red state line", () -> ui.text(state).contains("failed"));
		ui.screenshot(window, "progress-failed");

		assertTrue(ui.text(state).contains("(of the kind retired-kind) is installed"), ui.text(state));
		assertEquals(ui.onUi(() -> ui.display().getSystemColor(SWT.COLOR_DARK_RED)), ui.onUi(() -> state.getForeground()));
		Button dismiss = ui.byId(window, Button.class, "progress.dismiss");
		assertTrue(ui.onUi(() -> dismiss.isVisible()));

		ui.click(dismiss);

		assertEquals("The failure was dismissed; its line stays in the list below.", ui.text(state));
		assertFalse(ui.onUi(() -> dismiss.isVisible()));
	}
}
