package io.syncbench.ui.internal.companies;

import java.io.IOException;
import java.nio.file.Path;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.widgets.Shell;

import io.syncbench.setupfile.CompanySetupFile;
import io.syncbench.setupfile.SetupFileException;
import io.syncbench.store.Company;
import io.syncbench.store.Store;
import jakarta.inject.Named;

/** File > Export Company...: the selected company's setup to a JSON file, without secrets. */
public class ExportCompanyHandler {

	@Execute
	public void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, Store store,
			@Optional @Named(IServiceConstants.ACTIVE_SELECTION) Company selected) {
		java.util.Optional<Company> company = SetupFileHandlers.companyToExport(store, selected);
		if (company.isEmpty()) {
			MessageDialog.openInformation(shell, Messages.Export_title, Messages.Export_chooseCompany);
			return;
		}
		java.util.Optional<Path> file = SetupFileHandlers.saveFile(shell, company.get());
		if (file.isEmpty()) {
			return;
		}
		try {
			CompanySetupFile.export(store, company.get().name(), file.get());
			MessageDialog.openInformation(shell, Messages.Export_title,
					NLS.bind(Messages.Export_done, company.get().name(), file.get()));
		} catch (SetupFileException | IOException e) {
			MessageDialog.openError(shell, Messages.Export_title, NLS.bind(Messages.Export_failed, SetupFileHandlers.reason(e)));
		}
	}
}
