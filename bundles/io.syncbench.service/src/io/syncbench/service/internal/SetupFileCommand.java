package io.syncbench.service.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.osgi.util.NLS;

import io.syncbench.secrets.SecretStore;
import io.syncbench.setupfile.CompanySetupFile;
import io.syncbench.setupfile.SystemKinds;
import io.syncbench.setupfile.SetupFileException;
import io.syncbench.store.Company;
import io.syncbench.store.Store;

/**
 * Writes a company's setup to a file, or saves one from a file, for servers set up by scripts:
 * {@code -exportCompany <company> <file>} and {@code -importCompany <file>}. An import names each
 * system whose secret this machine lacks, with the command that sets it.
 */
final class SetupFileCommand {

	static final String EXPORT = "-exportCompany"; //$NON-NLS-1$
	static final String IMPORT = "-importCompany"; //$NON-NLS-1$
	private static final Integer EXIT_USAGE = 2;
	private static final Integer EXIT_REFUSED = 3;

	private final Supplier<Store> store;
	private final SecretStore secrets;
	private final SystemKinds kinds;
	private final PrintStream out;

	SetupFileCommand(Supplier<Store> store, SecretStore secrets, SystemKinds kinds, PrintStream out) {
		this.store = store;
		this.secrets = secrets;
		this.kinds = kinds;
		this.out = out;
	}

	static boolean asked(List<String> arguments) {
		return arguments.contains(EXPORT) || arguments.contains(IMPORT);
	}

	Object run(List<String> arguments) throws IOException {
		int export = arguments.indexOf(EXPORT);
		int load = arguments.indexOf(IMPORT);
		if ((export >= 0 && export + 2 >= arguments.size()) || (load >= 0 && load + 1 >= arguments.size())) {
			out.println(Messages.SetupFile_usage);
			return EXIT_USAGE;
		}
		Store opened = store.get();
		opened.open();
		try {
			if (export >= 0) {
				Path file = Path.of(arguments.get(export + 2));
				Company company = CompanySetupFile.export(opened, arguments.get(export + 1), file);
				out.println(NLS.bind(Messages.SetupFile_exported, company.name(), file.toAbsolutePath()));
				return IApplication.EXIT_OK;
			}
			// Several files in a row import one company each, in order: a provider's companies at once.
			for (int at = load + 1; at < arguments.size() && !arguments.get(at).startsWith("-"); at++) { //$NON-NLS-1$
				Path file = Path.of(arguments.get(at));
				CompanySetupFile.Imported imported;
				try {
					imported = CompanySetupFile.importFile(opened, secrets, file, kinds);
				} catch (SetupFileException refused) { // the files before it stay imported, as said above
					out.println(NLS.bind(Messages.SetupFile_refusedFile, file.toAbsolutePath(), refused.getMessage()));
					return EXIT_REFUSED;
				}
				out.println(NLS.bind(imported.created() ? Messages.SetupFile_created : Messages.SetupFile_updated,
						imported.company().name(), file.toAbsolutePath()));
				if (!imported.systemsWithoutSecret().isEmpty()) {
					out.println(Messages.SetupFile_secretsMissing);
					for (String system : imported.systemsWithoutSecret()) {
						out.println(NLS.bind(Messages.SetupFile_secretCommand, imported.company().name(), system));
					}
				}
			}
			return IApplication.EXIT_OK;
		} catch (SetupFileException refused) {
			out.println(NLS.bind(Messages.SetupFile_refused, refused.getMessage()));
			return EXIT_REFUSED;
		}
	}
}
