package io.syncbench.connector.jdbc.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.syncbench.connector.ConnectorException;
import io.syncbench.connector.FileFolder;
import io.syncbench.connector.MediaFile;
import io.syncbench.connector.SystemSession;
import io.syncbench.connector.jdbc.JdbcSystem;
import io.syncbench.engine.testsupport.CompanyDatabase;

/**
 * The files an item's IMAGE may name: only inside the company database's image folder, never in
 * SyncBench's workspace or secrets, never a device, FIFO or /proc, never over the size limit, and only
 * images by their content. Every refusal names the field and reads nothing.
 */
class ImageFolderTest {

	/** The first bytes of a PNG file. */
	static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R' };

	@TempDir
	Path root;

	private Path images;
	private Path workspace;
	private Path secrets;

	@BeforeEach
	void createFolders() throws IOException {
		images = Files.createDirectories(root.resolve("images"));
		workspace = Files.createDirectories(root.resolve("workspace"));
		secrets = Files.createDirectories(root.resolve("secrets"));
		Files.write(images.resolve("chair.png"), PNG);
		Files.write(Files.createDirectories(images.resolve("tables")).resolve("oak.png"), PNG);
		Files.write(secrets.resolve("secure_storage.key"), PNG); // even a key that looks like an image stays home
		Files.writeString(secrets.resolve("secure_storage"), "encrypted secrets");
		Files.write(workspace.resolve("store.png"), PNG);
	}

	private FileFolder folder() {
		return new FileFolder(images, List.of(workspace, secrets), 1024 * 1024);
	}

	@Test
	void anImageInTheFolderOrBelowItIsOfferedWithItsTypeAndSize() throws Exception {
		MediaFile chair = folder().image("image", "7", "chair.png");
		MediaFile oak = folder().image("image", "8", "tables/oak.png");

		assertEquals("image/png", chair.contentType());
		assertEquals(PNG.length, oak.size());
		assertEquals("tables/oak.png", oak.toString(), "the value stays the name the record gave");
		try (InputStream content = oak.open()) {
			assertEquals(PNG.length, content.readAllBytes().length);
		}
	}

	@Test
	void everyHostilePathIsRefusedNamingTheFieldAndTheReason() throws Exception {
		Files.createSymbolicLink(images.resolve("key.png"), secrets.resolve("secure_storage.key"));
		Files.createSymbolicLink(images.resolve("passwd.png"), Path.of("/etc/passwd"));
		Files.createSymbolicLink(images.resolve("environ.png"), Path.of("/proc/self/environ"));
		Files.createSymbolicLink(images.resolve("workspace"), workspace);
		Files.createSymbolicLink(images.resolve("null.png"), Path.of("/dev/null"));
		Process mkfifo = new ProcessBuilder("mkfifo", images.resolve("fifo.png").toString()).start();
		assertTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo made a FIFO");
		try (RandomAccessFile sparse = new RandomAccessFile(images.resolve("huge.png").toFile(), "rw")) {
			sparse.write(PNG);
			sparse.setLength(2L * 1024 * 1024 * 1024); // 2 GiB, sparse on disk
		}
		Files.writeString(images.resolve("notes.png"), "not an image, whatever its name says", StandardCharsets.UTF_8);
		Files.createDirectories(images.resolve("folder.png"));
		Files.write(root.resolve("outside.png"), PNG);

		Map<String, String> corpus = new LinkedHashMap<>();
		corpus.put("/etc/passwd", "absolute path");
		corpus.put(secrets.resolve("secure_storage.key").toString(), "absolute path");
		corpus.put(secrets.resolve("secure_storage").toString(), "absolute path");
		corpus.put("key.png", "outside the image folder");
		corpus.put("passwd.png", "outside the image folder");
		corpus.put("environ.png", "outside the image folder");
		corpus.put("/proc/self/environ", "absolute path");
		corpus.put("workspace/store.png", "outside the image folder");
		corpus.put("../outside.png", "\"..\"");
		corpus.put("tables/../../outside.png", "\"..\"");
		corpus.put("null.png", "outside the image folder");
		corpus.put("fifo.png", "not a regular file");
		corpus.put("huge.png", "more than the limit");
		corpus.put("notes.png", "not a PNG, JPEG, GIF or WebP");
		corpus.put("folder.png", "not a regular file");
		corpus.put("missing.png", "no such file");
		corpus.put("chair.png\u0000.txt", "control characters");
		List<String> wrong = new ArrayList<>();
		for (Map.Entry<String, String> hostile : corpus.entrySet()) {
			try {
				MediaFile offered = folder().image("image", "42", hostile.getKey());
				wrong.add(hostile.getKey() + ": offered as " + offered.contentType());
			} catch (ConnectorException e) {
				if (e.kind() != ConnectorException.Kind.RECORD_REJECTED || !"image".equals(e.field())
						|| !e.getMessage().contains("42") || !e.getMessage().contains(hostile.getValue())) {
					wrong.add(hostile.getKey() + ": " + e.kind() + " " + e.field() + " " + e.getMessage());
				}
			}
		}
		assertEquals(List.of(), wrong);
	}

	@Test
	void anImageFolderAboveSyncBenchsOwnFoldersStillKeepsThemAndTheSystemsFoldersOut() throws Exception {
		FileFolder above = new FileFolder(root, List.of(workspace, secrets), 1024 * 1024);
		FileFolder everything = new FileFolder(Path.of("/"), List.of(workspace, secrets), 1024 * 1024);

		for (String name : List.of("secrets/secure_storage.key", "secrets/secure_storage", "workspace/store.png")) {
			ConnectorException refused = assertThrows(ConnectorException.class, () -> above.image("image", "5", name));
			assertTrue(refused.getMessage().contains("workspace or secrets"), refused.getMessage());
		}
		for (String name : List.of("proc/self/environ", "dev/zero", "sys/kernel/notes")) {
			ConnectorException refused = assertThrows(ConnectorException.class, () -> everything.image("image", "6", name));
			assertTrue(refused.getMessage().contains("/proc, /sys, /dev") || refused.getMessage().contains("no such file"),
					refused.getMessage());
		}
		ConnectorException passwd = assertThrows(ConnectorException.class, () -> everything.image("image", "6", "etc/passwd"));
		assertTrue(passwd.getMessage().contains("not a PNG"), passwd.getMessage());
	}

	@Test
	void aFileSwappedForALinkAfterItWasCheckedIsNotRead() throws Exception {
		Path swapped = images.resolve("swapped.png");
		Files.write(swapped, PNG);
		MediaFile checked = folder().image("image", "9", "swapped.png");
		Files.delete(swapped);
		Files.createSymbolicLink(swapped, secrets.resolve("secure_storage.key"));

		assertThrows(IOException.class, checked::open);
	}

	@Test
	void withoutAnImageFolderNoFileIsSentAndTheMessageSaysWhatToSet() throws Exception {
		try (CompanyDatabase database = CompanyDatabase.derby(root)) {
			database.execute("CREATE TABLE ITEM (ID BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, SKU VARCHAR(40),"
					+ " IMAGE VARCHAR(200))");
			Map<String, String> settings = new HashMap<>(database.settings());
			try (SystemSession session = new JdbcConnector().open(settings, new char[0])) {
				ConnectorException refused = assertThrows(ConnectorException.class,
						() -> session.file("product", "image", "3", "chair.png"));
				assertEquals("image", refused.field());
				assertTrue(refused.getMessage().contains(JdbcSystem.IMAGE_FOLDER), refused.getMessage());
			}
			settings.put(JdbcSystem.IMAGE_FOLDER, images.toString());
			try (SystemSession session = new JdbcConnector().open(settings, new char[0])) {
				assertEquals("image/png", session.file("product", "image", "3", "chair.png").contentType());
				assertEquals("image", assertThrows(ConnectorException.class,
						() -> session.file("product", "image", "3", "/etc/passwd")).field());
			}
		}
	}
}
