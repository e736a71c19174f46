package io.syncbench.ui.internal.companies;

import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Shell;

import io.syncbench.store.Company;
import io.syncbench.store.Store;
import io.syncbench.ui.testsupport.UiDriver;

/** Creates a company as the operator does, so that every view hears of it: File > New Company... */
public final class NewCompanyThroughTheDialog {

	private NewCompanyThroughTheDialog() {
	}

	/** A company with manual runs only and no complete update, saved and read back from the store. */
	public static Company create(UiDriver ui, Shell window, Store store, String name) {
		ui.menu(window, "File", "New Company...");
		Shell dialog = ui.shell("New Company");
		ui.type(ui.textWithLabel(dialog, "Name:"), name);
		ui.click(ui.byId(dialog, Button.class, "newCompany.automatic"));
		ui.click(ui.byId(dialog, Button.class, "newCompany.completeUpdate"));
		ui.waitUntil("Create enabled", () -> ui.isEnabled(ui.button(dialog, "Create")));
		ui.click(ui.button(dialog, "Create"));
		ui.waitUntilClosed(dialog);
		return store.companies().list().stream().filter(c -> c.name().equals(name)).findFirst()
				.orElseThrow(() -> new AssertionError(name + " was not saved"));
	}
}
