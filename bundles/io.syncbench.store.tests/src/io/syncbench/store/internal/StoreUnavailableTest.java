package io.syncbench.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.time.Duration;
import java.time.Instant;

import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.syncbench.store.StoreUnavailableException;

/** A database that cannot be opened gives a message naming the path and the cause. */
class StoreUnavailableTest {

	@TempDir
	Path workspace;

	@Test
	void aDatabaseHeldByAnotherProcessIsReportedAsInUse() throws Exception {
		Path database = workspace.resolve("db");
		Process holder = holdDatabaseInAnotherJvm(database);
		try (JpaStore store = new JpaStore(new EmbeddedDerbyConnection(database))) {
			StoreUnavailableException refused = assertThrows(StoreUnavailableException.class, store::open);

			assertEquals(database.toString(), refused.location());
			assertTrue(refused.getMessage().startsWith("SyncBench cannot open its database at " + database + ": "),
					refused.getMessage());
			assertTrue(refused.getMessage().contains("in use by another SyncBench process"), refused.getMessage());
		} finally {
			holder.destroyForcibly().waitFor();
		}
	}

	@Test
	void aDatabaseWhoseCreationAKillCutOffIsMovedAsideAndMadeAnew() throws IOException {
		Path database = workspace.resolve("db");
		Files.createDirectories(database.resolve("seg0"));
		Files.writeString(database.resolve("seg0").resolve("c10.dat"), "half written"); // no service.properties yet

		try (JpaStore store = new JpaStore(new EmbeddedDerbyConnection(database))) {
			assertEquals(List.of(), store.companies().list());
		}

		try (var left = Files.list(workspace)) {
			assertTrue(left.anyMatch(path -> path.getFileName().toString().startsWith("db.incomplete-")),
					"the cut-off folder is kept aside, not deleted");
		}
	}

	@Test
	void aFolderThatCannotBeCreatedIsReportedAsNotWritable() throws IOException {
		Path notADirectory = Files.writeString(workspace.resolve("plain-file"), "not a folder");
		Path database = notADirectory.resolve("db");

		try (JpaStore store = new JpaStore(new EmbeddedDerbyConnection(database))) {
			StoreUnavailableException refused = assertThrows(StoreUnavailableException.class,
					() -> store.companies().list());

			assertTrue(refused.getMessage().contains(database.toString()), refused.getMessage());
			assertTrue(refused.getMessage().contains("cannot be created or written"), refused.getMessage());
		}
	}

	@Test
	void aServerThatDoesNotAnswerIsReportedAsUnreachable() {
		String url = "jdbc:postgresql://127.0.0.1:9/syncbench?connectTimeout=5";
		try (JpaStore store = new JpaStore(new PostgresConnection(url, "syncbench", (char[]) null))) {
			StoreUnavailableException refused = assertThrows(StoreUnavailableException.class, store::open);

			assertEquals(url, refused.location());
			assertTrue(refused.getMessage().contains("the database server cannot be reached"), refused.getMessage());
		}
	}

	/**
	 * Boots the database with Derby's ij tool in a second JVM and keeps it open, as a second SyncBench
	 * process would.
	 */
	private static Process holdDatabaseInAnotherJvm(Path database) throws IOException, URISyntaxException {
		Path derbyJar = Path.of(EmbeddedDataSource.class.getProtectionDomain().getCodeSource().getLocation().toURI());
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process ij = new ProcessBuilder(java, "-cp", derbyJar.toString(),
				"-Dderby.stream.error.file=" + database.resolveSibling("holder-derby.log"), "-Dij.prompt=true",
				"org.apache.derby.tools.ij").redirectErrorStream(true).start();
		Writer commands = new OutputStreamWriter(ij.getOutputStream(), StandardCharsets.UTF_8);
		commands.write("connect 'jdbc:derby:" + database + ";create=true';\n");
		commands.write("values 'held';\n");
		commands.flush();
		BufferedReader output = new BufferedReader(new InputStreamReader(ij.getInputStream(), StandardCharsets.UTF_8));
		Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
		StringBuilder seen = new StringBuilder();
		for (String line; Instant.now().isBefore(deadline) && (line = output.readLine()) != null;) {
			seen.append(line).append('\n');
			if (line.strip().equals("held")) {
				return ij;
			}
		}
		ij.destroyForcibly();
		throw new IllegalStateException("ij did not open " + database + ":\n" + seen);
	}
}
