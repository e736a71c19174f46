package io.syncbench.ui.internal.companies;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Shell;

import io.syncbench.store.Store;
import jakarta.inject.Named;

/** File > New Company...: the dialog saves through the store; the Companies view hears of it by event. */
public class NewCompanyHandler {

	@Execute
	public void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, Store store, IEventBroker events) {
		NewCompanyDialog dialog = new NewCompanyDialog(shell, store.companies());
		if (dialog.open() == Window.OK) {
			events.post(CompanyEvents.CREATED, dialog.createdCompany());
		}
	}
}
