package io.syncbench.ui.internal.companies;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;

import io.syncbench.store.Company;
import io.syncbench.store.Store;

/** What File > Export Company and File > Import Company share: the file dialogs. */
final class SetupFileHandlers {

	private static final String[] FILTER = { "*.json", "*" }; //$NON-NLS-1$ //$NON-NLS-2$

	private SetupFileHandlers() {
	}

	/** The company to export: the one selected in the Companies view, or the only one there is. */
	static Optional<Company> companyToExport(Store store, Company selected) {
		if (selected != null) {
			return Optional.of(selected);
		}
		List<Company> companies = store.companies().list();
		return companies.size() == 1 ? Optional.of(companies.get(0)) : Optional.empty();
	}

	/** Asks where to save, and whether to replace a file that is there; empty when the operator cancels. */
	static Optional<Path> saveFile(Shell shell, Company company) {
		FileDialog dialog = new FileDialog(shell, SWT.SAVE);
		dialog.setText(NLS.bind(Messages.Export_fileTitle, company.name()));
		dialog.setFilterExtensions(FILTER);
		dialog.setFileName(company.name().replaceAll("[^\\p{L}\\p{N}._-]+", "-") + ".json"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		String chosen = dialog.open();
		if (chosen == null) {
			return Optional.empty();
		}
		Path file = Path.of(chosen);
		if (Files.exists(file) && !MessageDialog.openQuestion(shell, Messages.Export_title,
				NLS.bind(Messages.Export_replace, file.getFileName()))) {
			return Optional.empty();
		}
		return Optional.of(file);
	}

	static Optional<Path> openFile(Shell shell) {
		FileDialog dialog = new FileDialog(shell, SWT.OPEN);
		dialog.setText(Messages.Import_fileTitle);
		dialog.setFilterExtensions(FILTER);
		return Optional.ofNullable(dialog.open()).map(Path::of);
	}

	/** Why the file could not be read, written or taken, in words (an I/O failure may carry no message). */
	static String reason(Exception e) {
		return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
	}
}
