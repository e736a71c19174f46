package io.syncbench.connector;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * A file that a system's {@link FileFolder} checked and offers for a record's {@link FieldSchema.FieldType#FILE}
 * field: inside the operator's folder, a regular file, an image by its first bytes, within the size
 * limit. A receiving system reads it through {@link #open()}, which checks again that it is the same
 * file, so a link swapped in after the check is not followed.
 */
public final class MediaFile {

	private final String name;
	private final Path file;
	private final Object fileKey;
	private final long size;
	private final String contentType;

	MediaFile(String name, Path file, Object fileKey, long size, String contentType) {
		this.name = name;
		this.file = file;
		this.fileKey = fileKey;
		this.size = size;
		this.contentType = contentType;
	}

	/** The file's name as the record gave it, relative to the folder. */
	public String name() {
		return name;
	}

	/** The last part of the name, for a media library's title. */
	public String fileName() {
		return file.getFileName().toString();
	}

	public long size() {
		return size;
	}

	/** The image type its first bytes show, for example {@code image/png}. */
	public String contentType() {
		return contentType;
	}

	/**
	 * Opens the file to read it from the start, each time anew (a request sent again reads it again).
	 *
	 * @throws IOException when it is no longer the file that was checked: replaced, grown or shrunk, or a
	 *                     link
	 */
	public InputStream open() throws IOException {
		SeekableByteChannel channel = Files.newByteChannel(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
		try {
			BasicFileAttributes now = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
			if (!now.isRegularFile() || now.size() != size || channel.size() != size
					|| !Objects.equals(now.fileKey(), fileKey)) {
				throw new IOException(name + " changed after it was checked"); //$NON-NLS-1$
			}
			return Channels.newInputStream(channel);
		} catch (IOException | RuntimeException e) {
			channel.close();
			throw e;
		}
	}

	/** The name as the record gave it: values compare and hash as that text. */
	@Override
	public String toString() {
		return name;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof MediaFile media && media.name.equals(name) && media.file.equals(file);
	}

	@Override
	public int hashCode() {
		return name.hashCode();
	}
}
