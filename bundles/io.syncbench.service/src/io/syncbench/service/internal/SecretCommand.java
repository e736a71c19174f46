package io.syncbench.service.internal;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.osgi.util.NLS;

import io.syncbench.secrets.CompanySecrets;
import io.syncbench.secrets.SecretKeys;
import io.syncbench.secrets.SecretStore;
import io.syncbench.store.Company;
import io.syncbench.store.Store;

/**
 * Saves one secret typed by the operator (or piped in) into secure storage, for machines that run
 * the service without a workbench: {@code -setStorePassword}, or {@code -setSystemSecret <company>
 * <system>}.
 */
final class SecretCommand {

	private static final Integer EXIT_USAGE = 2;

	private final SecretStore secrets;
	private final Supplier<Store> store;
	private final PrintStream out;
	private final SecretReader reader;

	/** Reads a secret after showing a prompt. */
	@FunctionalInterface
	interface SecretReader {
		char[] read(String prompt) throws IOException;
	}

	/** A command that reads the secret from the terminal without echo, or from a pipe. */
	SecretCommand(SecretStore secrets, Supplier<Store> store, PrintStream out) {
		this(secrets, store, out, SecretCommand::readStandardInput);
	}

	SecretCommand(SecretStore secrets, Supplier<Store> store, PrintStream out, SecretReader reader) {
		this.secrets = secrets;
		this.store = store;
		this.out = out;
		this.reader = reader;
	}

	Object run(List<String> arguments) throws IOException {
		if (arguments.contains(ServiceApplication.SET_STORE_PASSWORD)) {
			String key = SecretKeys.storePassword(store.get().location());
			save(secret -> secrets.write(key, secret), Messages.Secret_storePrompt);
			out.println(Messages.Secret_storeSaved);
			return IApplication.EXIT_OK;
		}
		int at = arguments.indexOf(ServiceApplication.SET_SYSTEM_SECRET);
		if (at + 2 >= arguments.size()) {
			out.println(Messages.Secret_usage);
			return EXIT_USAGE;
		}
		String companyName = arguments.get(at + 1);
		String systemName = arguments.get(at + 2);
		Store opened = store.get();
		opened.open();
		Company company = opened.companies().list().stream().filter(c -> c.name().equalsIgnoreCase(companyName))
				.findFirst().orElse(null);
		if (company == null) {
			out.println(NLS.bind(Messages.Secret_noCompany, companyName));
			return EXIT_USAGE;
		}
		if (opened.syncSetup().systems(company.id()).stream().noneMatch(s -> s.name().equals(systemName))) {
			out.println(NLS.bind(Messages.Secret_noSystem, companyName, systemName));
			return EXIT_USAGE;
		}
		CompanySecrets companySecrets = new CompanySecrets(secrets, opened.id());
		save(secret -> companySecrets.write(company.id(), systemName, secret), NLS.bind(Messages.Secret_systemPrompt, systemName));
		out.println(NLS.bind(Messages.Secret_systemSaved, company.name(), systemName));
		return IApplication.EXIT_OK;
	}

	/** Reads the secret, hands it to {@code saving}, and clears it. */
	private void save(Consumer<char[]> saving, String prompt) throws IOException {
		char[] secret = reader.read(prompt);
		try {
			saving.accept(secret);
		} finally {
			Arrays.fill(secret, '\0');
		}
	}

	/** From the terminal without echo; from a pipe, its first line. */
	private static char[] readStandardInput(String prompt) throws IOException {
		Console console = System.console();
		if (console != null) {
			char[] typed = console.readPassword("%s", prompt); //$NON-NLS-1$
			return typed == null ? new char[0] : typed;
		}
		String line = new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset())).readLine();
		return line == null ? new char[0] : line.toCharArray();
	}
}
