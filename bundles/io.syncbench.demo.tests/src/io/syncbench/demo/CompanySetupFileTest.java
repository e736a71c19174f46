package io.syncbench.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.syncbench.secrets.SecureStorageSecrets;
import io.syncbench.setupfile.CompanySetupFile;
import io.syncbench.setupfile.SetupFileException;
import io.syncbench.setupfile.SystemKinds;
import io.syncbench.store.CompanySetup;
import io.syncbench.store.ConnectedSystem;
import io.syncbench.store.Stores.OwnedStore;
import io.syncbench.store.Stores;

/**
 * The demo company's setup goes to a file and into an empty store as it was; hostile files are each
 * refused with a message naming the place in the file, and nothing is written.
 */
class CompanySetupFileTest extends DemoTestBase {

	@Test
	void theDemoCompanyExportedAndImportedIntoAnEmptyStoreHasTheSameSetup() throws Exception {
		Path file = workspace.resolve("exports/demo.json");
		CompanySetupFile.export(store, "DEMO company", file);
		String json = Files.readString(file);
		assertFalse(json.contains(DemoCompany.WEBSTORE_SECRET), "the web store's secret stays in secure storage");

		try (OwnedStore other = Stores.embeddedDerby(workspace.resolve("other-store"))) {
			SecureStorageSecrets otherSecrets = new SecureStorageSecrets(workspace.resolve("other-secrets"));
			CompanySetupFile.Imported imported = CompanySetupFile.importFile(other, otherSecrets, file, kinds());

			assertTrue(imported.created());
			assertEquals(comparable(store.syncSetup().setup(demo.id())), comparable(other.syncSetup().setup(imported.company().id())));
			assertEquals(List.of(DemoCompany.BRANCH, DemoCompany.DATABASE, DemoCompany.WEBSTORE), imported.systemsWithoutSecret(),
					"a new machine lacks every secret");

			CompanySetupFile.Imported again = CompanySetupFile.importFile(other, otherSecrets, file, kinds());
			assertFalse(again.created(), "the company of that name is updated");
			assertEquals(1, other.companies().list().size());
			assertEquals(imported.company().id(), again.company().id());
		}
	}

	@Test
	void anImportReplacesWhatTheFileNoLongerNames() throws Exception {
		Path file = workspace.resolve("demo.json");
		CompanySetupFile.export(store, DemoCompany.NAME, file);
		String withoutBranch = Files.readString(file).replace("\"syncIntervalSeconds\" : 20", "\"syncIntervalSeconds\" : 60");
		CompanySetup read = CompanySetupFile.read(new java.io.ByteArrayInputStream(withoutBranch.getBytes()), kinds());
		CompanySetup smaller = new CompanySetup(read.settings(), read.runSettings(),
				read.systems().stream().filter(system -> !system.name().equals(DemoCompany.BRANCH)).toList(),
				read.entities().stream().filter(entity -> !entity.system().equals(DemoCompany.BRANCH)).toList());
		Path changed = workspace.resolve("changed.json");
		try (var out = Files.newOutputStream(changed)) {
			CompanySetupFile.write(smaller, out);
		}

		CompanySetupFile.importFile(store, secrets, changed, kinds());

		CompanySetup now = store.syncSetup().setup(demo.id());
		assertEquals(60, now.settings().syncIntervalSeconds());
		assertEquals(List.of(DemoCompany.DATABASE, DemoCompany.WEBSTORE), now.systems().stream().map(ConnectedSystem::name).toList());
		assertTrue(now.entities().stream().noneMatch(entity -> entity.system().equals(DemoCompany.BRANCH)));
	}

	@Test
	void hostileFilesAreEachRefusedNamingThePlaceAndNothingIsWritten() throws Exception {
		Path good = workspace.resolve("good.json");
		CompanySetupFile.export(store, DemoCompany.NAME, good);
		String json = Files.readString(good);
		// The file names the demo company: a file that got through would change it.
		String changedName = json.replace("\"name\" : \"Demo Company\"", "\"name\" : \"Imported Company\"");
		Map<String, String> hostile = new LinkedHashMap<>();
		Map<String, String> expected = new LinkedHashMap<>();
		add(hostile, expected, "not JSON", "{ \"format\" : ", "", "not valid JSON");
		add(hostile, expected, "a list", "[1, 2, 3]", "", "Expected a JSON object");
		add(hostile, expected, "an unknown key", changedName.replaceFirst("\\{", "{ \"colour\" : \"blue\","), "colour", "does not know the key");
		add(hostile, expected, "another format", changedName.replace("syncbench-company-setup", "eclipse-preferences"), "format",
				"not a SyncBench company setup");
		add(hostile, expected, "a newer version", changedName.replace("\"version\" : 1", "\"version\" : 7"), "version",
				"newer SyncBench (format version 7)");
		add(hostile, expected, "version 0", changedName.replace("\"version\" : 1", "\"version\" : 0"), "version", "at least 1");
		add(hostile, expected, "a version as text", changedName.replace("\"version\" : 1", "\"version\" : \"1\""), "version",
				"Expected a whole number");
		add(hostile, expected, "no company name", changedName.replace("\"name\" : \"Imported Company\",", ""), "company.name",
				"missing");
		add(hostile, expected, "a name too long", changedName.replace("Imported Company", "x".repeat(200)), "company.name", "");
		add(hostile, expected, "an interval as text", changedName.replace("\"syncIntervalSeconds\" : 20", "\"syncIntervalSeconds\" : \"20\""),
				"company.syncIntervalSeconds", "Expected a whole number");
		add(hostile, expected, "an interval of a second", changedName.replace("\"syncIntervalSeconds\" : 20", "\"syncIntervalSeconds\" : 1"),
				"company.syncIntervalSeconds", "");
		add(hostile, expected, "a thousand parallel entities", changedName.replace("\"parallelEntities\" : 2", "\"parallelEntities\" : 1000"),
				"runSettings.parallelEntities", "");
		add(hostile, expected, "an unknown kind of system", changedName.replace("\"type\" : \"woocommerce\"", "\"type\" : \"ftp\""),
				"systems[2].type", "No connector for systems of kind \"ftp\"");
		add(hostile, expected, "an unknown role", changedName.replace("\"role\" : \"OUTSIDE_SYSTEM\"", "\"role\" : \"PRIMARY\""),
				"systems[0].role", "\"PRIMARY\" is none of COMPANY_DATABASE, OUTSIDE_SYSTEM");
		add(hostile, expected, "a system name twice", changedName.replace("\"name\" : \"branch-shop\"", "\"name\" : \"webstore\""),
				"systemName", "names the connected system webstore twice");
		add(hostile, expected, "two company databases", changedName.replace("\"role\" : \"OUTSIDE_SYSTEM\"", "\"role\" : \"COMPANY_DATABASE\""),
				"systemRole", "a company has one database");
		add(hostile, expected, "an entity of no system", changedName.replace("\"system\" : \"branch-shop\"", "\"system\" : \"warehouse\""),
				"systemName", "no connected system named warehouse");
		add(hostile, expected, "a password in the settings", changedName.replace("\"url\" : \"jdbc:derby:", "\"password\" : \"hunter2\", \"url\" : \"jdbc:derby:"), "systems[0].settings.password",
				"Secrets do not belong in a setup file");
		add(hostile, expected, "a password in a URL", changedName.replaceFirst("\"url\" : \"jdbc:derby:([^\"]*)\"",
				"\"url\" : \"jdbc:postgresql://db/erp?user=sync&password=hunter2\""), "systems[0].settings.url", "Secrets do not belong");
		add(hostile, expected, "a setting that is a number", changedName.replace("\"url\" : \"http://", "\"pageSize\" : 100, \"url\" : \"http://"),
				"systems[2].settings.pageSize", "Expected a text");
		add(hostile, expected, "a setting the kind of system does not take", changedName.replace("\"url\" : \"http://",
				"\"pagesize\" : \"50\", \"url\" : \"http://"), "systems[2].settings",
				"The web store setting pagesize is not one a web store takes");
		add(hostile, expected, "a page size out of range", changedName.replace("\"url\" : \"http://",
				"\"pageSize\" : \"500\", \"url\" : \"http://"), "systems[2].settings", "must be a whole number from 1 to 100");
		add(hostile, expected, "an unknown direction", changedName.replaceFirst("\"direction\" : \"BOTH\"", "\"direction\" : \"SIDEWAYS\""),
				"entities[0].direction", "\"SIDEWAYS\" is none of BOTH, SEND_ONLY, DOWNLOAD_ONLY");
		add(hostile, expected, "a system name with spaces", changedName.replace("\"name\" : \"webstore\"", "\"name\" : \"Web Store!\""),
				"systemName", "lower-case letters, digits and dashes");
		add(hostile, expected, "a huge file", changedName.replaceFirst("\\{", "{ \"padding\" : \"" + "x".repeat(CompanySetupFile.MAX_BYTES) + "\","),
				"", "larger than");

		assertTrue(hostile.size() >= 20, "twenty hostile files at least: " + hostile.size());
		CompanySetup before = store.syncSetup().setup(demo.id());
		for (Map.Entry<String, String> file : hostile.entrySet()) {
			Path path = workspace.resolve("hostile.json");
			Files.writeString(path, file.getValue());
			SetupFileException refused = assertThrows(SetupFileException.class,
					() -> CompanySetupFile.importFile(store, secrets, path, kinds()), file.getKey());
			String[] want = expected.get(file.getKey()).split("\n", 2);
			assertEquals(want[0], refused.field(), file.getKey() + ": " + refused.getMessage());
			assertTrue(refused.getMessage().contains(want[1]), file.getKey() + ": " + refused.getMessage());
			assertEquals(List.of(DemoCompany.NAME), store.companies().list().stream().map(c -> c.name()).toList(),
					file.getKey() + ": nothing was made");
			assertEquals(before, store.syncSetup().setup(demo.id()), file.getKey() + ": nothing was changed");
		}
	}

	private static void add(Map<String, String> hostile, Map<String, String> expected, String what, String file, String field,
			String message) {
		hostile.put(what, file);
		expected.put(what, field + "\n" + message);
	}

	/** A setup without the ids a store gives: what two stores holding the same setup share. */
	private static List<Object> comparable(CompanySetup setup) {
		return List.of(setup.settings().withCompleteUpdate(false), setup.runSettings(), setup.systems().stream()
				.map(system -> List.of(system.name(), system.type(), system.role(), system.settings(), system.enabled())).toList(),
				setup.entities());
	}

	/** The kinds of system installed here, each with its connector's check of its settings, as the import uses them. */
	private SystemKinds kinds() throws InterruptedException {
		return SystemKinds.of(registry().types(), registry()::checkSettings);
	}
}
