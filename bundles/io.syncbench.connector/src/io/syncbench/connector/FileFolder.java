package io.syncbench.connector;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.eclipse.osgi.util.NLS;

import io.syncbench.connector.internal.Messages;

/**
 * The one folder from which a system's records may name files to send (a product's image), as its
 * operator set it. Anyone who can write a record can write a path, so a name is taken only when it
 * stays inside the folder once links are followed, lies in no protected folder (SyncBench's workspace
 * and secrets, {@code /proc}, {@code /sys}, {@code /dev}), is a regular file within the size limit, and
 * is an image by its first bytes. Anything else is refused, naming the field and the reason, and
 * nothing is read.
 */
public final class FileFolder {

	/** 20 MiB: far above a product photo, far below what would strain a web store's upload limit. */
	public static final long DEFAULT_MAX_BYTES = 20L * 1024 * 1024;

	private static final List<Path> SYSTEM_FOLDERS = List.of(Path.of("/proc"), Path.of("/sys"), Path.of("/dev")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$

	private final Path folder;
	private final List<Path> protectedFolders;
	private final long maxBytes;

	/**
	 * @param folder           the folder the operator set; null or empty: no file is ever sent
	 * @param protectedFolders folders no file may come from, even inside {@code folder}
	 * @param maxBytes         the largest file sent
	 */
	public FileFolder(Path folder, List<Path> protectedFolders, long maxBytes) {
		this.folder = folder;
		this.protectedFolders = List.copyOf(protectedFolders);
		this.maxBytes = maxBytes;
	}

	/** A folder from a setting's text, protecting this process's workspace and secrets. */
	public static FileFolder of(String setting, long maxBytes) {
		Path folder = setting == null || setting.isBlank() ? null : Path.of(setting.strip());
		return new FileFolder(folder, thisProcessFolders(), maxBytes);
	}

	/**
	 * SyncBench's own folders in this process: the workspace (Eclipse's instance area), the
	 * configuration area and the secure storage (the {@code syncbench.secrets} property, else
	 * {@code ~/.syncbench}).
	 */
	public static List<Path> thisProcessFolders() {
		List<Path> folders = new ArrayList<>();
		for (String property : List.of("osgi.instance.area", "osgi.configuration.area")) { //$NON-NLS-1$ //$NON-NLS-2$
			String area = System.getProperty(property);
			if (area != null && area.startsWith("file:")) { //$NON-NLS-1$
				try {
					folders.add(Path.of(URI.create(area.replace(" ", "%20")))); //$NON-NLS-1$ //$NON-NLS-2$
				} catch (IllegalArgumentException e) {
					folders.add(Path.of(area.substring("file:".length()))); //$NON-NLS-1$
				}
			}
		}
		String secrets = System.getProperty("syncbench.secrets"); //$NON-NLS-1$
		if (secrets != null && !secrets.isBlank()) {
			folders.add(Path.of(secrets));
		}
		folders.add(Path.of(System.getProperty("user.home"), ".syncbench")); //$NON-NLS-1$ //$NON-NLS-2$
		return folders;
	}

	/**
	 * The file {@code name} names, checked.
	 *
	 * @param field    the record's field, for the refusal
	 * @param recordId the record, for the refusal
	 * @throws ConnectorException a {@link ConnectorException.Kind#RECORD_REJECTED} naming {@code field}
	 *                            and why, when the file may not be sent
	 */
	public MediaFile image(String field, String recordId, String name) throws ConnectorException {
		if (folder == null) {
			throw refused(field, recordId, name, Messages.File_noFolder);
		}
		if (name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
			throw refused(field, recordId, name, Messages.File_controlCharacters);
		}
		Path relative;
		try {
			relative = Path.of(name.strip());
		} catch (InvalidPathException e) {
			throw refused(field, recordId, name, e.getReason());
		}
		if (relative.isAbsolute() || relative.getRoot() != null) {
			throw refused(field, recordId, name, Messages.File_absolute);
		}
		for (Path part : relative) {
			if (part.toString().equals("..")) { //$NON-NLS-1$
				throw refused(field, recordId, name, Messages.File_climbs);
			}
		}
		Path root;
		Path real;
		try {
			root = folder.toRealPath();
		} catch (IOException e) {
			throw refused(field, recordId, name, NLS.bind(Messages.File_noSuchFolder, folder));
		}
		try {
			real = root.resolve(relative).toRealPath();
		} catch (IOException e) {
			throw refused(field, recordId, name, Messages.File_missing);
		}
		if (!real.startsWith(root)) {
			throw refused(field, recordId, name, NLS.bind(Messages.File_outside, folder));
		}
		if (isProtected(real)) {
			throw refused(field, recordId, name, Messages.File_protected);
		}
		BasicFileAttributes attributes;
		try {
			attributes = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
		} catch (IOException e) {
			throw refused(field, recordId, name, Messages.File_missing);
		}
		if (!attributes.isRegularFile()) {
			throw refused(field, recordId, name, Messages.File_notRegular);
		}
		if (attributes.size() > maxBytes) {
			throw refused(field, recordId, name, NLS.bind(Messages.File_tooLarge, attributes.size(), maxBytes));
		}
		MediaFile checked = new MediaFile(name.strip(), real, attributes.fileKey(), attributes.size(), null);
		String type;
		try (InputStream content = checked.open()) {
			type = imageType(content.readNBytes(12));
		} catch (IOException e) {
			throw refused(field, recordId, name, e.getMessage());
		}
		if (type == null) {
			throw refused(field, recordId, name, Messages.File_notImage);
		}
		return new MediaFile(name.strip(), real, attributes.fileKey(), attributes.size(), type);
	}

	private boolean isProtected(Path real) {
		List<Path> all = new ArrayList<>(SYSTEM_FOLDERS);
		all.addAll(protectedFolders);
		for (Path guarded : all) {
			Path guardedReal;
			try {
				guardedReal = guarded.toRealPath();
			} catch (IOException e) {
				guardedReal = guarded.toAbsolutePath().normalize();
			}
			if (real.startsWith(guardedReal)) {
				return true;
			}
		}
		return false;
	}

	/** The image type of a file's first bytes: PNG, JPEG, GIF or WebP; null for anything else. */
	static String imageType(byte[] head) {
		if (startsWith(head, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
			return "image/png"; //$NON-NLS-1$
		}
		if (startsWith(head, 0xFF, 0xD8, 0xFF)) {
			return "image/jpeg"; //$NON-NLS-1$
		}
		if (startsWith(head, 'G', 'I', 'F', '8', '7', 'a') || startsWith(head, 'G', 'I', 'F', '8', '9', 'a')) {
			return "image/gif"; //$NON-NLS-1$
		}
		if (startsWith(head, 'R', 'I', 'F', 'F') && head.length >= 12
				&& Arrays.equals(Arrays.copyOfRange(head, 8, 12), new byte[] { 'W', 'E', 'B', 'P' })) {
			return "image/webp"; //$NON-NLS-1$
		}
		return null;
	}

	private static boolean startsWith(byte[] head, int... magic) {
		if (head.length < magic.length) {
			return false;
		}
		for (int i = 0; i < magic.length; i++) {
			if ((head[i] & 0xFF) != magic[i]) {
				return false;
			}
		}
		return true;
	}

	private static ConnectorException refused(String field, String recordId, String name, String reason) {
		return ConnectorException.recordRejected(field, NLS.bind(Messages.File_refused,
				new Object[] { recordId, field, abbreviate(name), reason }));
	}

	private static String abbreviate(String name) {
		String printable = name.replaceAll("\\p{Cntrl}", "?"); //$NON-NLS-1$ //$NON-NLS-2$
		return printable.length() > 120 ? printable.substring(0, 117) + "..." : printable; //$NON-NLS-1$
	}
}
