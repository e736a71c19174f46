package io.syncbench.ui.internal.companies;

import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.widgets.Shell;

import io.syncbench.engine.ConnectorRegistry;
import io.syncbench.secrets.CompanySecrets;
import io.syncbench.secrets.SecretStore;
import io.syncbench.store.Company;
import io.syncbench.store.ConnectedSystem;
import io.syncbench.store.Store;
import io.syncbench.store.StoreException;

/** Properties and Delete for the company chosen in the Companies view; the views hear of changes by event. */
final class CompanyActions {

	private final Store store;
	private final ConnectorRegistry connectors;
	private final SecretStore secrets;
	private final IEventBroker events;

	CompanyActions(Store store, ConnectorRegistry connectors, SecretStore secrets, IEventBroker events) {
		this.store = store;
		this.connectors = connectors;
		this.secrets = secrets;
		this.events = events;
	}

	void properties(Shell shell, Company company) {
		CompanyPropertiesDialog dialog = new CompanyPropertiesDialog(shell, store, connectors, secrets, company);
		if (dialog.open() == Window.OK) {
			events.post(CompanyEvents.CHANGED, dialog.savedCompany());
		}
	}

	/**
	 * Deletes the company after the operator confirmed, naming what goes with it: nothing of this can be
	 * undone. The secrets of its systems are removed from secure storage too.
	 */
	void delete(Shell shell, Company company) {
		MessageDialog confirm = new MessageDialog(shell, Messages.Delete_title, null,
				NLS.bind(Messages.Delete_question, company.name()), MessageDialog.WARNING, 1, Messages.Delete_button,
				org.eclipse.jface.dialogs.IDialogConstants.CANCEL_LABEL);
		if (confirm.open() != 0) {
			return;
		}
		try {
			var systems = store.syncSetup().systems(company.id()).stream().map(ConnectedSystem::name).toList();
			store.companies().delete(company.id());
			systems.forEach(name -> new CompanySecrets(secrets, store.id()).remove(company.id(), name));
			events.post(CompanyEvents.DELETED, company);
		} catch (StoreException e) {
			MessageDialog.openError(shell, Messages.Delete_title, NLS.bind(Messages.Delete_failed, company.name(), e.getMessage()));
		}
	}
}
