package io.syncbench.ui.internal.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CLabel;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swtchart.Chart;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import io.syncbench.engine.ConnectorRegistry;
import io.syncbench.secrets.CompanySecrets;
import io.syncbench.secrets.SecretStore;
import io.syncbench.store.Company;
import io.syncbench.store.CompanySettings;
import io.syncbench.store.ConnectedSystem;
import io.syncbench.store.StatusQuery;
import io.syncbench.store.Store;
import io.syncbench.store.SyncState;
import io.syncbench.store.SyncStatus;
import io.syncbench.ui.internal.companies.NewCompanyThroughTheDialog;
import io.syncbench.ui.testsupport.ScreenshotOnFailure;
import io.syncbench.ui.testsupport.UiDriver;

/**
 * An operator's day in the real workbench against a real company database (Derby) and the sandbox web
 * store over HTTP: Sync Now turns the progress view green; Sync Status finds the failed record; the
 * Status Debugger's wizard resolves a conflict, and both systems and the status store show it.
 */
@ExtendWith(ScreenshotOnFailure.class)
class OperatorFlowTest {

	private static final Duration RUN_TIMEOUT = Duration.ofSeconds(90);

	private final UiDriver ui = UiDriver.forWorkbench();
	private ServiceTracker<Store, Store> storeTracker;
	private ServiceTracker<ConnectorRegistry, ConnectorRegistry> connectorTracker;
	private ServiceTracker<SecretStore, SecretStore> secretTracker;
	private Store store;
	private SecretStore secrets;
	private Shell window;
	private ShopFixture shop;

	@BeforeEach
	void setUp() throws Exception {
		BundleContext context = FrameworkUtil.getBundle(getClass()).getBundleContext();
		storeTracker = new ServiceTracker<>(context, Store.class, null);
		connectorTracker = new ServiceTracker<>(context, ConnectorRegistry.class, null);
		secretTracker = new ServiceTracker<>(context, SecretStore.class, null);
		storeTracker.open();
		connectorTracker.open();
		secretTracker.open();
		store = storeTracker.waitForService(30_000);
		secrets = secretTracker.waitForService(30_000);
		window = ui.shell("SyncBench");
		// Other tests' companies have no systems and would fail Sync Now; this test wants its own alone.
		store.companies().list().forEach(c -> store.companies().delete(c.id()));
		Company created = NewCompanyThroughTheDialog.create(ui, window, store, "Shop Ltd");
		Path folder = Files.createTempDirectory("syncbench-ui-shop");
		shop = new ShopFixture(store, connectorTracker.waitForService(30_000), secrets, created, folder);
		Label state = ui.byId(window, Label.class, "progress.state");
		Button dismiss = ui.byId(window, Button.class, "progress.dismiss");
		if (ui.onUi(dismiss::isVisible)) {
			ui.click(dismiss);
		}
		ui.waitUntil("the state line to be calm", () -> !ui.text(state).matches("(?s).*the run of .* failed\\..*"));
	}

	@AfterEach
	void tearDown() {
		ui.onUi(() -> {
			for (Shell shell : ui.display().getShells()) {
				if (shell != window && !shell.isDisposed()) {
					shell.close();
				}
			}
		});
		shop.close();
		storeTracker.close();
		connectorTracker.close();
		secretTracker.close();
	}

	/** Clicks Sync Now and waits for the run's end line in the progress table (times repeat within a second). */
	private void syncNowAndWaitForTheOutcome(String expected) {
		Label state = ui.byId(window, Label.class, "progress.state");
		Table progress = ui.byId(window, Table.class, "progress.table");
		long endsBefore = ends(progress);
		ui.click(ui.byId(window, Button.class, "progress.syncNow"));
		ui.waitUntil("the run's end line", () -> ends(progress) > endsBefore, RUN_TIMEOUT);
		assertTrue(ui.text(state).contains(expected), ui.text(state));
	}

	private long ends(Table progress) {
		return ui.rows(progress).stream().filter(row -> row.get(1).equals("Shop Ltd")
				&& List.of("Synchronized", "Needs you", "Failed", "Cancelled").contains(row.get(2))).count();
	}

	private List<SyncStatus> rows(SyncState state) {
		return store.syncStatus().page(StatusQuery.all(shop.company.id()).withStates(Set.of(state)), 0, 100);
	}

	/**
	 * A complete update is followed from its first page: the state line names the entity and counts its
	 * records of all there are ("product to webstore: 100 of 2,502"), and the counting bar moves. Cancelled,
	 * the run shows its end; the next run goes on and sends every item once.
	 */
	@Test
	void aCompleteUpdateIsFollowedWithCountsPerEntity() throws Exception {
		try (java.sql.Connection erp = shop.connect(false);
				java.sql.PreparedStatement insert = erp.prepareStatement("INSERT INTO ITEM (SKU, NAME, PRICE) VALUES (?, ?, 1.00)")) {
			for (int i = 1; i <= 2500; i++) {
				insert.setString(1, "BULK-" + i);
				insert.setString(2, "Bulk item " + i);
				insert.addBatch();
			}
			insert.executeBatch();
		}
		Company company = shop.company;
		store.companies().update(company.id(), new CompanySettings(company.name(), company.settings().syncIntervalSeconds(),
				false, false, true));
		shop.web.faults().latency(300); // each request takes its time: the progress can be watched, and cancelled
		Label state = ui.byId(window, Label.class, "progress.state");
		ProgressBar counted = ui.byId(window, ProgressBar.class, "progress.counted");
		try {
			ui.click(ui.byId(window, Button.class, "progress.syncNow"));
			ui.waitUntil("the complete update's products counted", () -> ui.text(state)
					.matches("Synchronizing Shop Ltd: product to webstore: [1-9][0-9,]* of 2,502"), Duration.ofSeconds(60));
			assertTrue(ui.onUi(() -> counted.isVisible() && counted.getSelection() > 0), "the counting bar moves");
			ui.screenshot(window, "progress-complete-update-counted");
			followedInSyncStatus(state);
			// Each entity of the run is a job of its own in Background Jobs, with the same count as its task line.
			ui.showTab(window, "Background Jobs");
			ui.find(window, Label.class, l -> l.getText().contains("Synchronizing Shop Ltd: product with webstore"),
					"the product's job in Background Jobs");
			ui.find(window, Label.class, l -> l.getText().matches("(?s).*product to webstore: [1-9][0-9,]* of 2,502.*"),
					"the product job's task line");
			ui.screenshot(window, "background-jobs-complete-update-per-entity");
			ui.showTab(window, "Synchronization Progress");

			// Cancelled mid-way, the run shows its end: a Cancelled row, no bar, and a state line that says so.
			ui.click(ui.byId(window, Button.class, "progress.cancel"));
			Table lines = ui.byId(window, Table.class, "progress.table");
			ui.waitUntil("the cancelled run's end", () -> ui.rows(lines).stream()
					.anyMatch(row -> row.get(1).equals("Shop Ltd") && row.get(2).equals("Cancelled")), Duration.ofSeconds(60));
			ui.waitUntil("the state line's end", () -> ui.text(state).endsWith("Shop Ltd: Cancelled"));
			assertFalse(ui.onUi(counted::isVisible), "no bar once no run goes on");
			ui.screenshot(window, "progress-cancelled");
		} finally {
			shop.web.faults().latency(0);
		}
		// The next run goes on where the cancelled one stopped, and sends every item once.
		syncNowAndWaitForTheOutcome("Shop Ltd");
		assertEquals(2, shop.api("GET", "products?per_page=100&page=26", null).split("\"sku\"", -1).length - 1,
				"2,502 products on the web store: the last page holds two");
		assertEquals("[]", shop.api("GET", "products?per_page=100&page=27", null).strip());

		// The run's line in full, and what the run did record by record, from the run history.
		Table progress = ui.byId(window, Table.class, "progress.table");
		ui.openRow(progress, 0);
		Shell details = ui.shell("Run of Shop Ltd");
		Label actionCount = ui.byId(details, Label.class, "details.count");
		ui.waitUntil("the run's record actions read", () -> ui.text(actionCount).startsWith("What the run did, "));
		assertTrue(ui.text(ui.byId(details, Text.class, "details.text")).contains("product"), "the whole outcome");
		assertTrue(ui.rows(ui.byId(details, Table.class, "details.actions")).stream()
				.anyMatch(row -> row.get(0).equals("product") && row.get(2).equals("sent")), "the items the resumed run sent");
		ui.screenshot(details, "progress-run-details");
		ui.click(ui.button(details, "Close"));
		ui.waitUntilClosed(details);
		assertEquals("2502", shop.erpValue("SELECT COUNT(*) FROM ITEM"));
	}

	/**
	 * Sync Status follows the run while it writes: the count grows and the product rows arrive without the
	 * operator asking, and the record the operator selected stays selected, where it was.
	 */
	private void followedInSyncStatus(Label state) {
		ui.showTab(window, "Sync Status");
		Table rows = ui.byId(window, Table.class, "status.table");
		Label count = ui.byId(window, Label.class, "status.count");
		ui.choose(ui.byId(window, Combo.class, "status.state"), "All");
		long first = ui.waitFor("product rows in Sync Status while the run writes", () -> counted(count).filter(n -> n > 10),
				Duration.ofSeconds(30));
		String selectedKey = ui.waitFor("the third row read", () -> ui.onUi(() -> Optional.of(rows.getItem(2).getText(1))
				.filter(key -> !key.isEmpty())), Duration.ofSeconds(10));
		ui.onUi(() -> rows.setSelection(2));
		long later = ui.waitFor("more rows, without the operator asking", () -> counted(count).filter(n -> n > first),
				Duration.ofSeconds(30));
		assertTrue(ui.text(state).startsWith("Synchronizing Shop Ltd"), () -> "the run still goes on: " + ui.text(state));
		assertTrue(ui.rows(rows).stream().anyMatch(row -> row.get(0).equals("product") && row.get(1).startsWith("BULK-")),
				"the run's product rows are listed");
		assertEquals(List.of(selectedKey), ui.onUi(() -> Arrays.stream(rows.getSelection()).map(item -> item.getText(1)).toList()),
				"the operator's selection kept after " + first + " then " + later + " rows");
		ui.screenshot(window, "sync-status-follows-the-run");
		ui.showTab(window, "Synchronization Progress");
	}

	/** The records the count line counts, once it counts them. */
	private Optional<Long> counted(Label count) {
		String text = ui.text(count);
		if (text.equals("one record")) {
			return Optional.of(1L);
		}
		return text.matches("[0-9,]+ records") ? Optional.of(Long.parseLong(text.replaceAll("[^0-9]", "")))
				: Optional.empty();
	}

	@Test
	void syncNowTurnsGreenSyncStatusFindsTheFailedRecordAndTheWizardResolvesAConflict() throws Exception {
		syncNowAndWaitForTheOutcome("everything synchronized");
		ui.screenshot(window, "progress-all-green");
		CLabel statusLine = ui.byId(window, CLabel.class, "status.run");
		ui.waitUntil("the status line's last run", () -> ui.text(statusLine).matches("Last sync \\d\\d:\\d\\d:\\d\\d: Shop Ltd: synchronized"));
		Chart chart = ui.byId(window, Chart.class, "progress.chart");
		double[] rates = ui.onUi(() -> chart.getSeriesSet().getSeries("rate").getYSeries());
		double[] waiting = ui.onUi(() -> chart.getSeriesSet().getSeries("backlog").getYSeries());
		assertTrue(rates.length >= 2, "the run's chart has its start and at least one progress point");
		assertTrue(Arrays.stream(rates).max().orElse(0) > 0, () -> "records per second drawn: " + Arrays.toString(rates));
		assertEquals(0, waiting[waiting.length - 1], "no queued change waits once the run is over");
		assertTrue(shop.api("GET", "products?sku=UI-1", null).contains("Oak chair"));

		// A name the web store cannot store, and a customer changed on both sides.
		shop.erp("UPDATE ITEM SET NAME = ? WHERE SKU = 'UI-2'", "Pine\u0001table");
		String webCustomer = shop.api("GET", "customers?email=ada@example.com", null);
		String webId = webCustomer.replaceAll("(?s).*?\"id\"\\s*:\\s*(\\d+).*", "$1");
		shop.erp("UPDATE CUSTOMER SET LAST_NAME = 'Byron' WHERE EMAIL = 'ada@example.com'");
		shop.api("PUT", "customers/" + webId, "{\"last_name\":\"King\"}");
		syncNowAndWaitForTheOutcome("Shop Ltd");
		assertEquals(1, rows(SyncState.FAILED).size(), "the item with a control character");
		assertEquals(1, rows(SyncState.CONFLICT).size(), "the customer changed on both sides");

		// Nothing is green while a record failed and a conflict waits: one line counts them, and Show Them opens them.
		Label state = ui.byId(window, Label.class, "progress.state");
		Label attention = ui.byId(window, Label.class, "progress.attention");
		ui.waitUntil("the line of what needs the operator", () -> ui.text(attention).contains("Shop Ltd: 1 failed, 1 conflict"));
		assertTrue(ui.text(state).contains("Shop Ltd: 1 failed, 1 conflict need you. The run:"), ui.text(state));
		assertFalse(ui.text(state).contains("everything synchronized"), ui.text(state));
		assertEquals(ui.onUi(() -> ui.display().getSystemColor(SWT.COLOR_DARK_RED)), ui.onUi(() -> state.getForeground()));
		assertEquals(ui.onUi(() -> ui.display().getSystemColor(SWT.COLOR_DARK_RED)), ui.onUi(() -> attention.getForeground()));
		assertTrue(ui.rows(ui.byId(window, Table.class, "progress.table")).stream().anyMatch(row -> row.get(1).equals("Shop Ltd")
				&& row.get(2).equals("Needs you")), "the run's line says it left work for the operator");
		assertTrue(ui.onUi(() -> statusLine.getImage() != null), "the status line's icon is shown, not dropped for space");
		ui.waitUntil("the status line's count", () -> ui.text(statusLine).endsWith("Shop Ltd: 1 failed, 1 conflict need you"));
		ui.screenshot(window, "progress-needs-you");
		Combo needsCareFilter = ui.byId(window, Combo.class, "status.state");
		Label needsCareCount = ui.byId(window, Label.class, "status.count");
		ui.click(ui.byId(window, Button.class, "progress.showThem"));
		ui.waitUntil("Sync Status on the records that need the operator", () -> ui.onUi(needsCareFilter::getText)
				.equals("Needs care") && ui.text(needsCareCount).equals("2 records"));
		ui.screenshot(window, "sync-status-needs-you");

		// File > Synchronization Status opens on the company and system with work, not on the first listed.
		Company idle = store.companies().create(new CompanySettings("AAA Idle Ltd", 3600, false, false, false));
		try {
			ui.menu(window, "File", "Synchronization Status...");
			Shell opened = ui.shell("Status Debugger");
			Combo debuggerCompany = ui.byId(opened, Combo.class, "debugger.company");
			Table debuggerRecords = ui.byId(opened, Table.class, "debugger.records");
			ui.waitUntil("the company with work and its two records", () -> ui.onUi(debuggerCompany::getText).equals("Shop Ltd")
					&& ui.rows(debuggerRecords).size() == 2);
			assertEquals("webstore", ui.onUi(() -> ui.byId(opened, Combo.class, "debugger.system").getText()));
			ui.click(ui.button(opened, "Close"));
			ui.waitUntilClosed(opened);
		} finally {
			store.companies().delete(idle.id());
		}

		// Sync Status, filtered to failed records.
		Combo company = ui.byId(window, Combo.class, "status.company");
		Combo stateFilter = ui.byId(window, Combo.class, "status.state");
		Table table = ui.byId(window, Table.class, "status.table");
		Label count = ui.byId(window, Label.class, "status.count");
		ui.choose(stateFilter, "All");
		ui.choose(company, "Shop Ltd");
		ui.waitUntil("every record counted", () -> ui.text(count).equals("3 records"));
		ui.choose(stateFilter, "failed");
		ui.waitUntil("the failed record alone", () -> ui.text(count).equals("one record")
				&& ui.rows(table).size() == 1 && ui.rows(table).get(0).get(0).equals("product"));
		List<String> failed = ui.rows(table).get(0);
		assertEquals("UI-2", failed.get(1), "the record's SKU beside its ids");
		assertEquals("failed", failed.get(5));
		assertTrue(failed.get(7).contains("control characters"), failed.get(7));
		ui.screenshot(window, "sync-status-failed");
		Rectangle stateCell = ui.onUi(() -> table.getItem(0).getBounds(5));
		assertTrue(ui.shows(table, new Rectangle(stateCell.x, stateCell.y, 20, stateCell.height), new RGB(200, 30, 30)),
				"the failed state's red icon is drawn in its cell, not only set");

		// The rows' context menu offers the view's commands, each enabled for what is selected.
		ui.onUi(table::deselectAll);
		assertEquals(List.of("Sync (disabled)", "Retry (disabled)", "Skip (disabled)", "Open in Status Debugger... (disabled)"),
				ui.contextMenuItems(table), "nothing to act on with no row selected");
		ui.selectRow(table, "product");
		assertEquals(List.of("Sync", "Retry", "Skip", "Open in Status Debugger..."), ui.contextMenuItems(table));

		// Found by what it is: its SKU, in any state, and its customer by email.
		Text find = ui.byId(window, Text.class, "status.search");
		ui.choose(stateFilter, "All");
		ui.type(find, "ui-2");
		ui.waitUntil("the item found by its SKU", () -> ui.text(count).equals("one record")
				&& ui.rows(table).size() == 1 && ui.rows(table).get(0).get(1).equals("UI-2"));
		ui.screenshot(window, "sync-status-found-by-sku");
		ui.type(find, "ada@example");
		ui.waitUntil("the customer found by its email", () -> ui.text(count).equals("one record")
				&& ui.rows(table).size() == 1 && ui.rows(table).get(0).get(1).equals("ada@example.com"));
		ui.type(find, "");
		ui.waitUntil("every record again", () -> ui.text(count).equals("3 records"));

		// The conflict, through the Status Debugger and its wizard.
		ui.choose(stateFilter, "conflict");
		ui.waitUntil("the conflict alone", () -> ui.rows(table).size() == 1 && ui.rows(table).get(0).get(0).equals("customer"));
		ui.selectRow(table, "customer");
		ui.contextMenu(table, "Open in Status Debugger...");
		Shell debugger = ui.shell("Status Debugger");
		Table records = ui.byId(debugger, Table.class, "debugger.records");
		ui.waitUntil("the conflicting customer listed and selected", () -> ui.selectedRows(records).equals(List.of("customer")));
		ui.screenshot(debugger, "status-debugger");
		ui.click(ui.button(debugger, "Resolve Error..."));

		Shell wizard = ui.shell("Resolve Error: customer " + rows(SyncState.CONFLICT).get(0).localId());
		Text local = ui.byId(wizard, Text.class, "resolve.local");
		Text external = ui.byId(wizard, Text.class, "resolve.external");
		assertEquals("Byron", ui.text(local), "the company database won the conflict");
		assertEquals("King", ui.text(external), "the web store's value, kept for review");
		assertEquals("Byron", ui.text(ui.byId(wizard, Text.class, "resolve.lastSynced")));
		assertEquals("As it was when the conflict was found. Written over since: it holds \"Byron\" now.",
				ui.text(ui.byId(wizard, Label.class, "resolve.external.now")), "the web store's value now, read as the wizard opened");
		assertEquals("", ui.text(ui.byId(wizard, Label.class, "resolve.local.now")));
		ui.screenshot(wizard, "resolve-error-field-last_name");
		Text typed = ui.byId(wizard, Text.class, "resolve.typed");
		ui.type(typed, "x".repeat(61));
		ui.waitUntil("the rule broken at the field", () -> !ui.isEnabled(ui.button(wizard, "Finish")));
		ui.screenshot(wizard, "resolve-error-rejected-value");
		ui.click(ui.byId(wizard, Button.class, "resolve.takeExternal"));
		ui.waitUntil("Next offered", () -> ui.isEnabled(ui.button(wizard, "Next >")));
		ui.click(ui.button(wizard, "Next >"));
		Table summary = ui.byId(wizard, Table.class, "resolve.summary");
		ui.waitUntil("the summary", () -> ui.onUi(summary::isVisible) && !ui.rows(summary).isEmpty());
		assertEquals(List.of("last_name", "take webstore's", "King"), ui.rows(summary).get(0));
		ui.screenshot(wizard, "resolve-error-summary");
		ui.click(ui.button(wizard, "Finish"));
		ui.waitUntilClosed(wizard);

		// TitleAreaDialog shows its message in a read-only Text.
		Text message = ui.find(debugger, Text.class, t -> t.getText().contains("is resolved"), "the outcome");
		assertTrue(ui.text(message).contains("synchronized on both sides"), ui.text(message));
		ui.screenshot(debugger, "status-debugger-resolved");
		assertTrue(rows(SyncState.CONFLICT).isEmpty());
		SyncStatus resolved = store.syncStatus().findByExternalId(
				new io.syncbench.store.StatusScope(shop.company.id(), "webstore", "customer"), webId).orElseThrow();
		assertEquals(SyncState.SYNCHRONIZED, resolved.state());
		assertEquals("King", shop.erpValue("SELECT LAST_NAME FROM CUSTOMER WHERE EMAIL = 'ada@example.com'"));
		assertTrue(shop.api("GET", "customers/" + webId, null).contains("\"last_name\":\"King\""));
		ui.click(ui.button(debugger, "Close"));
		ui.waitUntilClosed(debugger);
	}

	@Test
	void propertiesRefuseABadSettingAndTestConnectionTellsARevokedKeyFromAGoodOne() {
		Table companies = ui.byId(window, Table.class, "companies.table");
		ui.waitUntil("Shop Ltd listed", () -> ui.column(companies, 0).contains("Shop Ltd"));
		ui.selectRow(companies, "Shop Ltd");
		ui.click(ui.byId(window, Button.class, "companies.properties"));
		Shell properties = ui.shell("Properties of Shop Ltd");
		ui.screenshot(properties, "properties-general");
		ui.onUi(() -> ui.byId(properties, org.eclipse.swt.widgets.TabFolder.class, "properties.tabs").setSelection(1));
		Table systems = ui.byId(properties, Table.class, "properties.systems");
		assertEquals(List.of("erp", "webstore"), ui.column(systems, 0));
		ui.screenshot(properties, "properties-systems");
		Button editSystem = ui.byId(properties, Button.class, "properties.editSystem");
		Button removeSystem = ui.byId(properties, Button.class, "properties.removeSystem");
		assertFalse(ui.onUi(() -> editSystem.isEnabled() || removeSystem.isEnabled()), "Edit and Remove wait for a chosen system");
		ui.selectRow(systems, "webstore");
		assertTrue(ui.onUi(() -> editSystem.isEnabled() && removeSystem.isEnabled()));
		ui.click(editSystem);
		Shell system = ui.shell("Connected System");
		Text settings = ui.byId(system, Text.class, "system.settings");
		Label settingsProblem = ui.byId(system, Label.class, "system.settingsProblem");

		ui.type(settings, "url " + shop.webUri());
		ui.waitUntil("the line refused at the field", () -> ui.text(settingsProblem).startsWith("Line 1 is not key=value"));
		assertFalse(ui.isEnabled(ui.button(system, "OK")));
		ui.screenshot(system, "system-rejected-setting");
		// The kind of system's own rules, at the field as it is typed: its keys, their values and ranges.
		ui.type(settings, "url=" + shop.webUri() + "\npageSize=500");
		ui.waitUntil("a page size out of range refused", () -> ui.text(settingsProblem)
				.equals("The web store setting pageSize must be a whole number from 1 to 100; it is \"500\"."));
		assertFalse(ui.isEnabled(ui.button(system, "OK")));
		ui.screenshot(system, "system-rejected-page-size");
		ui.type(settings, "url=" + shop.webUri() + "\npagesize=50");
		ui.waitUntil("an unknown key refused", () -> ui.text(settingsProblem).startsWith(
				"The web store setting pagesize is not one a web store takes. Its settings are: url, trustedCertificate, pageSize,"));
		ui.type(settings, "url=http://shop.example.com");
		ui.waitUntil("a remote plain-http address refused", () -> ui.text(settingsProblem)
				.startsWith("The web store address http://shop.example.com uses plain http"));
		ui.type(settings, "url=shop.example.com");
		ui.waitUntil("a malformed address refused", () -> ui.text(settingsProblem)
				.startsWith("The web store address shop.example.com is not a web address"));
		assertTrue(ui.text(ui.byId(system, Label.class, "system.keys")).startsWith("Its settings: url (required), trustedCertificate,"));
		assertTrue(ui.onUi(settings::getToolTipText).contains("pageSize: Records per page when reading, 1 to 100"));
		ui.type(settings, "url=" + shop.webUri());
		ui.waitUntil("the problem cleared", () -> ui.text(settingsProblem).isEmpty());
		assertTrue(ui.isEnabled(ui.button(system, "OK")));

		Label health = ui.byId(system, Label.class, "system.health");
		shop.web.faults().revokeKey(true);
		ui.click(ui.byId(system, Button.class, "system.test"));
		ui.waitUntil("the revoked key found", () -> ui.text(health).startsWith("Credentials rejected"));
		ui.screenshot(system, "system-test-revoked-key");
		shop.web.faults().revokeKey(false);
		ui.type(ui.byId(system, Text.class, "system.secret"), "ck_wrong:cs_wrong");
		ui.waitUntil("the last test's result cleared by the edit", () -> ui.text(health).isEmpty());
		ui.click(ui.byId(system, Button.class, "system.test"));
		ui.waitUntil("a wrong key rejected", () -> ui.text(health).startsWith("Credentials rejected"));
		ui.type(ui.byId(system, Text.class, "system.secret"), ShopFixture.KEY + ":" + ShopFixture.SECRET);
		ui.click(ui.byId(system, Button.class, "system.test"));
		ui.waitUntil("reachable", () -> ui.text(health).startsWith("Reachable"));
		assertEquals("Reachable: the system answered and took the credentials.", ui.text(health), "in words");
		ui.screenshot(system, "system-test-reachable");
		ui.click(ui.byId(system, Button.class, "system.details")); // what the store said, word for word
		Shell found = ui.shell("What the test found");
		assertTrue(ui.find(found, Label.class, l -> l.getText().startsWith("WooCommerce REST API at " + shop.webUri()),
				"the store's own words") != null);
		ui.click(ui.button(found, "OK"));
		ui.waitUntilClosed(found);
		ui.type(ui.byId(system, Text.class, "system.settings"), "url=" + shop.webUri() + "\npageSize=50");
		ui.click(ui.button(system, "OK"));
		ui.waitUntilClosed(system);

		// The entity dialog checks the fields its mappings and filter name against both systems' own.
		ui.onUi(() -> ui.byId(properties, org.eclipse.swt.widgets.TabFolder.class, "properties.tabs").setSelection(2));
		ui.selectRow(ui.byId(properties, Table.class, "properties.entities"), "webstore"); // its first: customer
		ui.click(ui.byId(properties, Button.class, "properties.editEntity"));
		Shell entity = ui.shell("Entity");
		Label note = ui.byId(entity, Label.class, "entity.schemaNote");
		ui.waitUntil("the fields read from both systems", () -> !ui.text(note).startsWith("Reading"), RUN_TIMEOUT);
		assertEquals("The mappings and the filter are checked against the fields of customer in the company database and in"
				+ " webstore.", ui.text(note));
		Text mappings = ui.byId(entity, Text.class, "entity.mappings");
		ui.type(mappings, "NAM=name");
		ui.waitUntil("a company field that does not exist refused", () -> ui.text(ui.byId(entity, Label.class,
				"entity.mappingsProblem")).startsWith("The company database's customer has no field NAM. Its fields: "));
		assertFalse(ui.isEnabled(ui.button(entity, "OK")));
		ui.type(mappings, "");
		ui.type(ui.byId(entity, Text.class, "entity.filter"), "REGION=DE");
		ui.waitUntil("a filter on a field that does not exist refused", () -> ui.text(ui.byId(entity, Label.class,
				"entity.filterProblem")).startsWith("The filter names REGION, which the company database's customer does not"
						+ " have; no record would pass it."));
		assertFalse(ui.isEnabled(ui.button(entity, "OK")));
		ui.screenshot(entity, "entity-filter-unknown-field");
		ui.click(ui.button(entity, "Cancel"));
		ui.waitUntilClosed(entity);

		ui.click(ui.button(properties, "OK"));
		ui.waitUntilClosed(properties);
		ConnectedSystem saved = store.syncSetup().systems(shop.company.id()).stream()
				.filter(s -> s.name().equals("webstore")).findFirst().orElseThrow();
		assertEquals("50", saved.settings().get("pageSize"));
		assertFalse(saved.settings().values().stream().anyMatch(v -> v.contains(ShopFixture.SECRET)),
				"the secret is no setting");
		assertEquals(ShopFixture.KEY + ":" + ShopFixture.SECRET,
				new String(new CompanySecrets(secrets, store.id()).read(shop.company.id(), "webstore").orElseThrow()));
	}

	@Test
	void theCompanyDatabasesChangeCaptureIsShownStatementByStatementAndInstalledFromProperties() throws Exception {
		shop.removeErpCapture();
		Table companies = ui.byId(window, Table.class, "companies.table");
		ui.waitUntil("Shop Ltd listed", () -> ui.column(companies, 0).contains("Shop Ltd"));
		ui.selectRow(companies, "Shop Ltd");
		ui.click(ui.byId(window, Button.class, "companies.properties"));
		Shell properties = ui.shell("Properties of Shop Ltd");
		ui.onUi(() -> ui.byId(properties, org.eclipse.swt.widgets.TabFolder.class, "properties.tabs").setSelection(1));
		Table systems = ui.byId(properties, Table.class, "properties.systems");
		Button capture = ui.byId(properties, Button.class, "properties.captureSystem");
		assertFalse(ui.isEnabled(capture), "Change Capture waits for a chosen system");
		ui.selectRow(systems, "webstore");
		assertFalse(ui.isEnabled(capture), "only a company database records its changes");
		ui.selectRow(systems, "erp");
		assertTrue(ui.isEnabled(capture));

		ui.click(capture);
		Shell question = ui.shell("Change Capture");
		String plan = ui.text(ui.byId(question, Text.class, "capture.plan"));
		assertTrue(plan.contains("CREATE TRIGGER") && plan.contains("SB_CHANGE_LOG"), plan);
		ui.screenshot(question, "properties-change-capture-plan");
		assertFalse(shop.erpCaptureInstalled(), "nothing is installed before the operator agrees");
		ui.click(ui.button(question, "Install"));
		ui.waitUntilClosed(question);
		Shell installed = ui.shell("Change Capture");
		ui.find(installed, Label.class, l -> l.getText().startsWith("The change capture of erp is installed. From now on"),
				"the words that it is installed");
		ui.screenshot(installed, "properties-change-capture-installed");
		ui.click(ui.button(installed, "OK"));
		ui.waitUntilClosed(installed);
		assertTrue(shop.erpCaptureInstalled());

		ui.click(capture);
		Shell again = ui.shell("Change Capture");
		ui.find(again, Label.class, l -> l.getText().startsWith("The change capture of erp is installed: it records"),
				"the words that it is there already");
		ui.click(ui.button(again, "OK"));
		ui.waitUntilClosed(again);
		ui.click(ui.button(properties, "Cancel"));
		ui.waitUntilClosed(properties);
	}

	@Test
	void deletingACompanyAsksFirstAndCancelKeepsIt() {
		Table companies = ui.byId(window, Table.class, "companies.table");
		ui.waitUntil("Shop Ltd listed", () -> ui.column(companies, 0).contains("Shop Ltd"));
		ui.selectRow(companies, "Shop Ltd");
		Company shopCompany = shop.company;

		ui.click(ui.byId(window, Button.class, "companies.delete"));
		Shell confirm = ui.shell("Delete Company");
		ui.screenshot(confirm, "delete-company-confirmation");
		ui.click(ui.button(confirm, "Cancel"));
		ui.waitUntilClosed(confirm);
		assertTrue(store.companies().find(shopCompany.id()).isPresent(), "Cancel keeps the company");

		ui.click(ui.byId(window, Button.class, "companies.delete"));
		Shell again = ui.shell("Delete Company");
		ui.click(ui.button(again, "Delete"));
		ui.waitUntilClosed(again);
		ui.waitUntil("Shop Ltd gone from the view", () -> !ui.column(companies, 0).contains("Shop Ltd"));
		assertTrue(store.companies().find(shopCompany.id()).isEmpty());
		assertTrue(store.syncSetup().systems(shopCompany.id()).isEmpty());
		assertTrue(new CompanySecrets(secrets, store.id()).read(shopCompany.id(), "webstore").isEmpty(), "its secret is forgotten");
	}
}
