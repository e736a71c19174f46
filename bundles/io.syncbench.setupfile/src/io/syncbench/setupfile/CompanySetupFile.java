package io.syncbench.setupfile;

import static io.syncbench.setupfile.internal.StrictJson.array;
import static io.syncbench.setupfile.internal.StrictJson.bool;
import static io.syncbench.setupfile.internal.StrictJson.choice;
import static io.syncbench.setupfile.internal.StrictJson.integer;
import static io.syncbench.setupfile.internal.StrictJson.object;
import static io.syncbench.setupfile.internal.StrictJson.text;
import static io.syncbench.setupfile.internal.StrictJson.texts;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.eclipse.osgi.util.NLS;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.syncbench.secrets.CompanySecrets;
import io.syncbench.secrets.SecretStore;
import io.syncbench.setupfile.internal.Messages;
import io.syncbench.store.Company;
import io.syncbench.store.CompanyRules;
import io.syncbench.store.CompanySettings;
import io.syncbench.store.CompanySetup;
import io.syncbench.store.ConnectedSystem;
import io.syncbench.store.EntitySettings;
import io.syncbench.store.InvalidFieldException;
import io.syncbench.store.RunSettings;
import io.syncbench.store.Store;
import io.syncbench.store.SyncStatusService.Side;

/**
 * A company's setup as a file, for servers set up by scripts and for moving a company between
 * workbenches: JSON, versioned ({@value #FORMAT}, version {@value #VERSION}), without secrets. Reading is
 * strict: an unknown key, a value of the wrong type, a newer version or a file over {@value #MAX_BYTES}
 * bytes is refused with a message naming its place in the file, and nothing is written. The format is
 * described in the README.
 */
public final class CompanySetupFile {

	public static final String FORMAT = "syncbench-company-setup"; //$NON-NLS-1$
	public static final int VERSION = 1;
	public static final int MAX_BYTES = 1 << 20;

	/** Setting names and values that hold a secret: such a thing is never written to, or taken from, a file. */
	private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(password|passwd|secret|token|passphrase|private.?key).*"); //$NON-NLS-1$
	private static final Pattern SECRET_IN_VALUE = Pattern.compile("(?i).*[?;&:]password=.*"); //$NON-NLS-1$

	/** Writes indented, and leaves the caller's stream open. */
	private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
			.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

	private CompanySetupFile() {
	}

	/** What an import did. */
	public record Imported(Company company, boolean created, List<String> systemsWithoutSecret) {
	}

	/**
	 * Writes the setup of the company named {@code companyName} (as company names compare) to {@code file},
	 * replacing it only once the whole setup is written.
	 *
	 * @throws SetupFileException when there is no such company, or a setting holds a password
	 */
	public static Company export(Store store, String companyName, Path file) throws IOException, SetupFileException {
		List<Company> companies = store.companies().list();
		Company company = companies.stream()
				.filter(candidate -> CompanyRules.nameKey(candidate.name()).equals(CompanyRules.nameKey(companyName)))
				.findFirst().orElseThrow(() -> new SetupFileException("", NLS.bind(Messages.File_noCompany, companyName, //$NON-NLS-1$
						String.join(", ", companies.stream().map(Company::name).toList())))); //$NON-NLS-1$
		CompanySetup setup = store.syncSetup().setup(company.id());
		Path folder = file.toAbsolutePath().getParent();
		Files.createDirectories(folder);
		Path partial = Files.createTempFile(folder, file.getFileName().toString(), ".partial"); //$NON-NLS-1$
		try {
			try (OutputStream out = Files.newOutputStream(partial)) {
				write(setup, out);
			}
			Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		} finally {
			Files.deleteIfExists(partial);
		}
		return company;
	}

	/**
	 * Reads {@code file} and saves its setup in one transaction: a company of its name is updated, else
	 * made. Lists the systems whose secret this machine does not hold yet.
	 *
	 * @param kinds the kinds of system whose connectors are installed, with their settings' checks
	 */
	public static Imported importFile(Store store, SecretStore secrets, Path file, SystemKinds kinds)
			throws IOException, SetupFileException {
		CompanySetup setup;
		if (Files.size(file) > MAX_BYTES) {
			throw new SetupFileException("", NLS.bind(Messages.File_tooLarge, MAX_BYTES)); //$NON-NLS-1$
		}
		try (InputStream in = Files.newInputStream(file)) {
			setup = read(in, kinds);
		}
		String key = CompanyRules.nameKey(setup.settings().name());
		boolean exists = store.companies().list().stream().anyMatch(company -> CompanyRules.nameKey(company.name()).equals(key));
		Company company;
		try {
			company = store.syncSetup().saveSetup(setup);
		} catch (InvalidFieldException refused) {
			throw new SetupFileException(refused.field(), refused.getMessage());
		}
		List<String> withoutSecret = setup.systems().stream().map(ConnectedSystem::name)
				.filter(system -> new CompanySecrets(secrets, store.id()).read(company.id(), system).isEmpty()).toList();
		return new Imported(company, !exists, withoutSecret);
	}

	/** Writes the setup as the format's JSON; the company's settings of the moment go too. */
	public static void write(CompanySetup setup, OutputStream out) throws IOException, SetupFileException {
		ObjectNode root = JSON.createObjectNode();
		root.put("format", FORMAT); //$NON-NLS-1$
		root.put("version", VERSION); //$NON-NLS-1$
		CompanySettings settings = setup.settings();
		ObjectNode company = root.putObject("company"); //$NON-NLS-1$
		company.put("name", settings.name()); //$NON-NLS-1$
		company.put("syncIntervalSeconds", settings.syncIntervalSeconds()); //$NON-NLS-1$
		company.put("automaticSync", settings.automaticSync()); //$NON-NLS-1$
		company.put("syncOnStart", settings.syncOnStart()); //$NON-NLS-1$
		RunSettings run = setup.runSettings();
		ObjectNode limits = root.putObject("runSettings"); //$NON-NLS-1$
		limits.put("syncOnChange", run.syncOnChange()); //$NON-NLS-1$
		limits.put("minimumGapMinutes", run.minimumGapMinutes()); //$NON-NLS-1$
		limits.put("parallelEntities", run.parallelEntities()); //$NON-NLS-1$
		limits.put("maxAttempts", run.maxAttempts()); //$NON-NLS-1$
		limits.put("holdRunsOnConflict", run.holdRunsOnConflict()); //$NON-NLS-1$
		ArrayNode systems = root.putArray("systems"); //$NON-NLS-1$
		for (ConnectedSystem system : setup.systems()) {
			for (Map.Entry<String, String> setting : system.settings().entrySet()) {
				if (holdsSecret(setting)) {
					throw new SetupFileException("systems." + system.name(), NLS.bind(Messages.File_secretInSetting, //$NON-NLS-1$
							setting.getKey(), system.name()));
				}
			}
			ObjectNode node = systems.addObject();
			node.put("name", system.name()); //$NON-NLS-1$
			node.put("type", system.type()); //$NON-NLS-1$
			node.put("role", system.role().name()); //$NON-NLS-1$
			node.put("enabled", system.enabled()); //$NON-NLS-1$
			node.set("settings", JSON.valueToTree(new TreeMap<>(system.settings()))); //$NON-NLS-1$
		}
		ArrayNode entities = root.putArray("entities"); //$NON-NLS-1$
		for (EntitySettings entity : setup.entities()) {
			ObjectNode node = entities.addObject();
			node.put("system", entity.system()); //$NON-NLS-1$
			node.put("entity", entity.entity()); //$NON-NLS-1$
			node.put("direction", entity.direction().name()); //$NON-NLS-1$
			node.put("primary", entity.primary().name()); //$NON-NLS-1$
			node.set("mappings", JSON.valueToTree(new TreeMap<>(entity.mappings()))); //$NON-NLS-1$
			node.set("filter", JSON.valueToTree(new TreeMap<>(entity.filter()))); //$NON-NLS-1$
		}
		JSON.writeValue(out, root);
	}

	/**
	 * Reads a setup, checking the file's shape and values; the store checks the rest when it saves.
	 *
	 * @param kinds the kinds of system whose connectors are installed, with their settings' checks
	 */
	public static CompanySetup read(InputStream in, SystemKinds kinds) throws IOException, SetupFileException {
		byte[] bytes = in.readNBytes(MAX_BYTES + 1);
		if (bytes.length > MAX_BYTES) {
			throw new SetupFileException("", NLS.bind(Messages.File_tooLarge, MAX_BYTES)); //$NON-NLS-1$
		}
		JsonNode root;
		try {
			root = JSON.readTree(bytes);
		} catch (JsonProcessingException e) {
			throw new SetupFileException("", NLS.bind(Messages.File_notJson, e.getOriginalMessage())); //$NON-NLS-1$
		}
		object(root, "", Set.of("format", "version", "company", "runSettings", "systems", "entities")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$ //$NON-NLS-7$
		if (!root.path("format").isTextual() || !FORMAT.equals(root.get("format").textValue())) { //$NON-NLS-1$ //$NON-NLS-2$
			throw new SetupFileException("format", NLS.bind(Messages.File_notSetupFile, FORMAT)); //$NON-NLS-1$
		}
		int version = integer(root, "", "version"); //$NON-NLS-1$ //$NON-NLS-2$
		if (version > VERSION) {
			throw new SetupFileException("version", NLS.bind(Messages.File_newerVersion, version, VERSION)); //$NON-NLS-1$
		}
		if (version < 1) {
			throw new SetupFileException("version", NLS.bind(Messages.File_badVersion, VERSION, version)); //$NON-NLS-1$
		}
		JsonNode company = object(root.get("company"), "company", //$NON-NLS-1$ //$NON-NLS-2$
				Set.of("name", "syncIntervalSeconds", "automaticSync", "syncOnStart")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
		CompanySettings settings = new CompanySettings(text(company, "company", "name"), //$NON-NLS-1$ //$NON-NLS-2$
				integer(company, "company", "syncIntervalSeconds"), bool(company, "company", "automaticSync"), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
				bool(company, "company", "syncOnStart"), false); //$NON-NLS-1$ //$NON-NLS-2$
		checked("company", () -> CompanyRules.validate(settings)); //$NON-NLS-1$
		JsonNode limits = object(root.get("runSettings"), "runSettings", Set.of("syncOnChange", "minimumGapMinutes", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
				"parallelEntities", "maxAttempts", "holdRunsOnConflict")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		RunSettings run = new RunSettings(bool(limits, "runSettings", "syncOnChange"), //$NON-NLS-1$ //$NON-NLS-2$
				integer(limits, "runSettings", "minimumGapMinutes"), integer(limits, "runSettings", "parallelEntities"), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
				integer(limits, "runSettings", "maxAttempts"), bool(limits, "runSettings", "holdRunsOnConflict")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
		checked("runSettings", () -> CompanyRules.validate(run)); //$NON-NLS-1$
		List<ConnectedSystem> systems = new ArrayList<>();
		JsonNode systemNodes = array(root, "", "systems"); //$NON-NLS-1$ //$NON-NLS-2$
		for (int i = 0; i < systemNodes.size(); i++) {
			String path = "systems[" + i + "]"; //$NON-NLS-1$ //$NON-NLS-2$
			JsonNode node = object(systemNodes.get(i), path, Set.of("name", "type", "role", "enabled", "settings")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
			String type = text(node, path, "type"); //$NON-NLS-1$
			if (!kinds.types().contains(type)) {
				throw new SetupFileException(path + ".type", NLS.bind(Messages.File_unknownSystemType, type, //$NON-NLS-1$
						String.join(", ", kinds.types().stream().sorted().toList()))); //$NON-NLS-1$
			}
			Map<String, String> systemSettings = texts(node, path, "settings"); //$NON-NLS-1$
			for (Map.Entry<String, String> setting : systemSettings.entrySet()) {
				if (holdsSecret(setting)) {
					throw new SetupFileException(path + ".settings." + setting.getKey(), //$NON-NLS-1$
							NLS.bind(Messages.File_secretInFile, setting.getKey()));
				}
			}
			Optional<String> unusable = kinds.checkSettings(type, systemSettings);
			if (unusable.isPresent()) { // as the system dialog refuses them: a key the kind does not take, a value out of range
				throw new SetupFileException(path + ".settings", unusable.get()); //$NON-NLS-1$
			}
			systems.add(new ConnectedSystem(0, 0, text(node, path, "name"), type, //$NON-NLS-1$
					choice(node, path, "role", ConnectedSystem.Role.class), systemSettings, bool(node, path, "enabled"))); //$NON-NLS-1$ //$NON-NLS-2$
		}
		List<EntitySettings> entities = new ArrayList<>();
		JsonNode entityNodes = array(root, "", "entities"); //$NON-NLS-1$ //$NON-NLS-2$
		for (int i = 0; i < entityNodes.size(); i++) {
			String path = "entities[" + i + "]"; //$NON-NLS-1$ //$NON-NLS-2$
			JsonNode node = object(entityNodes.get(i), path, Set.of("system", "entity", "direction", "primary", "mappings", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
					"filter")); //$NON-NLS-1$
			entities.add(new EntitySettings(text(node, path, "system"), text(node, path, "entity"), //$NON-NLS-1$ //$NON-NLS-2$
					choice(node, path, "direction", EntitySettings.Direction.class), //$NON-NLS-1$
					choice(node, path, "primary", Side.class), texts(node, path, "mappings"), texts(node, path, "filter"))); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		}
		return new CompanySetup(settings, run, systems, entities);
	}

	/** A setting named like a password, secret or token, or a URL that carries a password. */
	private static boolean holdsSecret(Map.Entry<String, String> setting) {
		return SECRET_NAME.matcher(setting.getKey()).matches() || SECRET_IN_VALUE.matcher(setting.getValue()).matches();
	}

	/** Runs a store rule; its refusal names the place in the file. */
	private static void checked(String path, Runnable rule) throws SetupFileException {
		try {
			rule.run();
		} catch (InvalidFieldException refused) {
			throw new SetupFileException(path + "." + refused.field(), refused.getMessage()); //$NON-NLS-1$
		}
	}
}
