package io.syncbench.service.internal;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.osgi.util.NLS;

import io.syncbench.connector.ChangeCapture;
import io.syncbench.connector.Connector;
import io.syncbench.connector.ConnectorException;
import io.syncbench.connector.SystemSession;
import io.syncbench.engine.ConnectorRegistry;
import io.syncbench.engine.CredentialSource;
import io.syncbench.store.Company;
import io.syncbench.store.ConnectedSystem;
import io.syncbench.store.ConnectedSystem.Role;
import io.syncbench.store.Store;

/**
 * {@code -installCapture "<company>" <system>} installs what a system needs to record its changes (a
 * database's change log and triggers), after printing each statement it runs; {@code -installCapture}
 * alone does so for every company database that lacks it. A company database without it holds its
 * company's runs back, saying so.
 */
final class CaptureCommand {

	static final String INSTALL_CAPTURE = "-installCapture"; //$NON-NLS-1$
	private static final Integer EXIT_USAGE = 2;
	private static final Integer EXIT_FAILED = 3;

	private final Supplier<Store> store;
	private final ConnectorRegistry connectors;
	private final CredentialSource credentials;
	private final PrintStream out;

	CaptureCommand(Supplier<Store> store, ConnectorRegistry connectors, CredentialSource credentials, PrintStream out) {
		this.store = store;
		this.connectors = connectors;
		this.credentials = credentials;
		this.out = out;
	}

	static boolean asked(List<String> arguments) {
		return arguments.contains(INSTALL_CAPTURE);
	}

	Object run(List<String> arguments) {
		int at = arguments.indexOf(INSTALL_CAPTURE);
		boolean named = at + 1 < arguments.size() && !arguments.get(at + 1).startsWith("-"); //$NON-NLS-1$
		if (named && at + 2 >= arguments.size()) {
			out.println(Messages.Capture_usage);
			return EXIT_USAGE;
		}
		Store opened = store.get();
		opened.open();
		boolean failed = false;
		int installed = 0;
		for (Company company : opened.companies().list()) {
			if (named && !company.name().equalsIgnoreCase(arguments.get(at + 1).strip())) {
				continue;
			}
			for (ConnectedSystem system : opened.syncSetup().systems(company.id())) {
				boolean chosen = named ? system.name().equals(arguments.get(at + 2))
						: system.role() == Role.COMPANY_DATABASE && system.enabled();
				if (!chosen) {
					continue;
				}
				Optional<Connector> connector = connectors.find(system.type());
				if (connector.isEmpty()) {
					out.println(NLS.bind(Messages.Capture_noConnector, system.name(), system.type()));
					failed = true;
					continue;
				}
				try {
					installed += install(connector.get(), company, system) ? 1 : 0;
				} catch (ConnectorException e) {
					out.println(NLS.bind(Messages.Capture_failed, new Object[] { system.name(), company.name(), e.getMessage() }));
					failed = true;
				}
			}
		}
		if (named && installed == 0 && !failed) {
			out.println(NLS.bind(Messages.Capture_nothingNamed, arguments.get(at + 1), arguments.get(at + 2)));
		}
		return failed ? EXIT_FAILED : IApplication.EXIT_OK;
	}

	/** @return whether it installed anything: a capture installed already is left as it is */
	private boolean install(Connector connector, Company company, ConnectedSystem system) throws ConnectorException {
		try (SystemSession session = connector.open(system.settings(), credentials.credentials(company.id(), system.name()))) {
			Optional<ChangeCapture> capture = session.changeCapture();
			if (capture.isEmpty()) {
				out.println(NLS.bind(Messages.Capture_none, system.name(), company.name()));
				return false;
			}
			if (capture.get().installed()) {
				out.println(NLS.bind(Messages.Capture_already, system.name(), company.name()));
				return false;
			}
			out.println(NLS.bind(Messages.Capture_plan, system.name(), company.name()));
			capture.get().plan().forEach(statement -> out.println("  " + statement + ";")); //$NON-NLS-1$ //$NON-NLS-2$
			capture.get().install();
			out.println(NLS.bind(Messages.Capture_installed, system.name(), company.name()));
			return true;
		}
	}
}
