package io.syncbench.ui.internal.companies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.swt.widgets.Button;
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
import io.syncbench.store.CompanyRules;
import io.syncbench.store.CompanySettings;
import io.syncbench.store.Store;
import io.syncbench.ui.testsupport.ScreenshotOnFailure;
import io.syncbench.ui.testsupport.UiDriver;

/**
 * Drives the real SyncBench workbench (started by the UI test harness as the product) through its
 * Companies view and New Company dialog, as an operator would.
 */
@ExtendWith(ScreenshotOnFailure.class)
class CompaniesViewTest {

	private static final String WINDOW = "SyncBench";
	private static final String DIALOG = "New Company";

	private final UiDriver ui = UiDriver.forWorkbench();
	private Store store;
	private ServiceTracker<Store, Store> storeTracker;
	private Shell window;
	private Table companies;

	@BeforeEach
	void findTheWorkbench() throws InterruptedException {
		storeTracker = new ServiceTracker<>(FrameworkUtil.getBundle(getClass()).getBundleContext(), Store.class, null);
		storeTracker.open();
		store = storeTracker.waitForService(30_000);
		window = ui.shell(WINDOW);
		companies = ui.byId(window, Table.class, "companies.table");
	}

	@AfterEach
	void closeLeftoverDialogs() {
		ui.onUi(() -> {
			for (Shell shell : ui.display().getShells()) {
				if (shell != window && !shell.isDisposed()) {
					shell.close();
				}
			}
		});
		storeTracker.close();
	}

	@Test
	void theMainWindowShowsTheCompaniesView() {
		Label status = ui.byId(window, Label.class, "companies.status");
		ui.waitUntil("the companies to be loaded",
				() -> !ui.rows(companies).isEmpty() || ui.text(status).startsWith("No company yet"));

		Path shot = ui.screenshot(window, "main-window");

		assertTrue(Files.exists(shot), shot::toString);
		assertEquals(List.of("Company", "Runs"),
				ui.onUi(() -> List.of(companies.getColumns()).stream().map(c -> c.getText()).toList()),
				"two columns that fit the narrow view");
	}

	@Test
	void aCompanyCreatedInTheDialogIsSavedAndListed() {
		ui.menu(window, "File", "New Company...");
		Shell dialog = ui.shell(DIALOG);
		Button create = ui.button(dialog, "Create");
		assertFalse(ui.isEnabled(create), "Create is disabled while the name is empty");

		ui.type(ui.textWithLabel(dialog, "Name:"), "Acme Ltd");
		ui.waitUntil("Create to be enabled", () -> create.isEnabled());
		ui.screenshot(dialog, "new-company-dialog");
		ui.click(create);
		ui.waitUntilClosed(dialog);

		ui.waitUntil("Acme Ltd to be listed", () -> ui.column(companies, 0).contains("Acme Ltd"));
		assertEquals(List.of("Acme Ltd"), ui.selectedRows(companies), "the new company is selected");
		Company saved = store.companies().list().stream().filter(c -> c.name().equals("Acme Ltd")).findFirst()
				.orElseThrow(() -> new AssertionError("Acme Ltd was not saved"));
		assertEquals(new CompanySettings("Acme Ltd", CompanyRules.DEFAULT_INTERVAL_SECONDS, true, false, true),
				saved.settings());
		assertEquals(List.of(List.of("Acme Ltd", "every 20 s, complete update next")), ui.rows(companies).stream()
				.filter(row -> row.get(0).equals("Acme Ltd")).toList(), "when it runs, in words");
		assertEquals("Runs automatically every 20 seconds.\nThe next run is a complete update: every record is sent again"
				+ " and compared.", CompaniesTable.runsExplained(saved), "the Runs cell's tooltip, for a view too narrow for it");
		ui.screenshot(window, "main-window-with-company");
	}

	@Test
	void aTakenNameIsRefusedAtTheFieldAndCreateStaysDisabled() {
		store.companies().create(CompanySettings.withDefaults("Globex"));
		ui.click(ui.byId(window, Button.class, "companies.new"));
		Shell dialog = ui.shell(DIALOG);
		Text name = ui.byId(dialog, Text.class, "newCompany.name");
		Label problem = ui.byId(dialog, Label.class, "newCompany.nameProblem");

		ui.type(name, "  GLOBEX ");

		ui.waitUntil("the message at the name field",
				() -> ui.text(problem).equals("A company named \"GLOBEX\" already exists. Choose another name."));
		assertFalse(ui.isEnabled(ui.button(dialog, "Create")));
		ui.screenshot(dialog, "new-company-duplicate-name");

		ui.type(name, "x".repeat(CompanyRules.MAX_NAME_LENGTH + 1));
		ui.waitUntil("the length message", () -> ui.text(problem).startsWith("A company name has at most 80 characters"));

		ui.type(name, "Globex Europe");
		ui.waitUntil("the message to clear", () -> ui.text(problem).isEmpty());
		assertTrue(ui.isEnabled(ui.button(dialog, "Create")));
		ui.click(ui.button(dialog, "Cancel"));
		ui.waitUntilClosed(dialog);
	}

	@Test
	void cancelChangesNothing() {
		List<Company> before = store.companies().list();
		ui.click(ui.byId(window, Button.class, "companies.new"));
		Shell dialog = ui.shell(DIALOG);

		ui.type(ui.textWithLabel(dialog, "Name:"), "Initech");
		ui.click(ui.button(dialog, "Cancel"));
		ui.waitUntilClosed(dialog);

		assertEquals(before, store.companies().list());
		assertFalse(ui.column(companies, 0).contains("Initech"));
	}
}
