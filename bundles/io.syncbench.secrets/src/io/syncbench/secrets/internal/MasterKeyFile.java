package io.syncbench.secrets.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The random master key of SyncBench's secure storage, in a file only its owner can read or write.
 * Two processes starting at once agree on one key: the file appears complete or not at all.
 */
public final class MasterKeyFile {

	private static final int KEY_BYTES = 32;

	private MasterKeyFile() {
	}

	public static char[] readOrCreate(Path file) throws IOException {
		if (!Files.exists(file)) {
			create(file);
		}
		return Files.readString(file, StandardCharsets.US_ASCII).trim().toCharArray();
	}

	private static void create(Path file) throws IOException {
		Path folder = file.toAbsolutePath().getParent();
		if (!Files.isDirectory(folder)) {
			Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))); //$NON-NLS-1$
		}
		byte[] key = new byte[KEY_BYTES];
		new SecureRandom().nextBytes(key);
		Path draft = Files.createTempFile(folder, file.getFileName().toString(), ".new", //$NON-NLS-1$
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))); //$NON-NLS-1$
		try {
			Files.writeString(draft, Base64.getEncoder().encodeToString(key), StandardCharsets.US_ASCII);
			// A hard link is created only if the name is free: of two racing processes, one key wins.
			Files.createLink(file, draft);
		} catch (FileAlreadyExistsException e) {
			// Another process was first; its key is the one.
		} finally {
			Files.deleteIfExists(draft);
		}
	}
}
