package io.syncbench.ui.internal.companies;

import java.io.IOException;
import java.nio.file.Path;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.widgets.Shell;

import io.syncbench.engine.ConnectorRegistry;
import io.syncbench.secrets.SecretStore;
import io.syncbench.setupfile.CompanySetupFile;
import io.syncbench.setupfile.SystemKinds;
import io.syncbench.setupfile.SetupFileException;
import io.syncbench.store.Store;
import io.syncbench.store.StoreException;
import jakarta.inject.Named;

/**
 * File > Import Company...: a company's setup from a JSON file, made or updated in one transaction; the
 * systems whose secret this machine lacks are named, to be set in the company's Properties.
 */
public class ImportCompanyHandler {

	@Execute
	public void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, Store store, @Service ConnectorRegistry connectors,
			@Service SecretStore secrets, IEventBroker events) {
		java.util.Optional<Path> file = SetupFileHandlers.openFile(shell);
		if (file.isEmpty()) {
			return;
		}
		CompanySetupFile.Imported imported;
		try {
			imported = CompanySetupFile.importFile(store, secrets, file.get(),
					SystemKinds.of(connectors.types(), connectors::checkSettings));
		} catch (SetupFileException | StoreException | IOException e) {
			MessageDialog.openError(shell, Messages.Import_title, NLS.bind(Messages.Import_refused, file.get().getFileName(),
					SetupFileHandlers.reason(e)));
			return;
		}
		events.post(imported.created() ? CompanyEvents.CREATED : CompanyEvents.CHANGED, imported.company());
		String done = NLS.bind(imported.created() ? Messages.Import_created : Messages.Import_updated, imported.company().name(),
				file.get().getFileName());
		if (!imported.systemsWithoutSecret().isEmpty()) {
			done += "\n\n" + NLS.bind(Messages.Import_secretsMissing, String.join(", ", imported.systemsWithoutSecret())); //$NON-NLS-1$ //$NON-NLS-2$
		}
		MessageDialog.openInformation(shell, Messages.Import_title, done);
	}
}
