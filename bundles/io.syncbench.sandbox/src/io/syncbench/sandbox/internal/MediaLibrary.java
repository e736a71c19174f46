package io.syncbench.sandbox.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Deque;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * WordPress's media endpoint, {@code POST /wp-json/wp/v2/media}, as WooCommerce stores use it for
 * product images: the file comes as the raw body, named by {@code Content-Disposition}. The sandbox
 * reads it as a stream and keeps only its size and SHA-256, which the answer names, so that a test can
 * check what arrived without the sandbox holding it.
 */
final class MediaLibrary {

	private final ObjectMapper json;
	private final AtomicLong nextId = new AtomicLong(1);
	/** What was uploaded, without the content: what {@code GET} of the endpoint lists, newest first. */
	private final Deque<ObjectNode> uploads = new ConcurrentLinkedDeque<>();

	MediaLibrary(ObjectMapper json) {
		this.json = json;
	}

	ObjectNode store(ClassicHttpRequest request) throws ApiError {
		HttpEntity entity = request.getEntity();
		if (entity == null) {
			throw new ApiError(400, "rest_upload_no_data", "No data supplied."); //$NON-NLS-1$ //$NON-NLS-2$
		}
		Header disposition = request.getFirstHeader("Content-Disposition"); //$NON-NLS-1$
		String name = disposition == null ? null : fileName(disposition.getValue());
		if (name == null) {
			throw new ApiError(400, "rest_upload_no_content_disposition", "No Content-Disposition supplied."); //$NON-NLS-1$ //$NON-NLS-2$
		}
		long id = nextId.getAndIncrement();
		String stored = id + "-" + name.replaceAll("[^A-Za-z0-9._-]", "_"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		long size = 0;
		MessageDigest sha;
		try {
			sha = MessageDigest.getInstance("SHA-256"); //$NON-NLS-1$
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e);
		}
		try (InputStream in = entity.getContent(); OutputStream out = new DigestOutputStream(OutputStream.nullOutputStream(), sha)) {
			byte[] buffer = new byte[64 * 1024];
			for (int read; (read = in.read(buffer)) >= 0;) {
				out.write(buffer, 0, read);
				size += read;
			}
		} catch (IOException e) {
			throw new ApiError(500, "rest_upload_failed", "The upload was cut off: " + e.getMessage()); //$NON-NLS-1$ //$NON-NLS-2$
		}
		ObjectNode media = json.createObjectNode();
		media.put("id", id); //$NON-NLS-1$
		media.put("source_url", "/wp-content/uploads/" + stored); //$NON-NLS-1$ //$NON-NLS-2$
		media.put("mime_type", entity.getContentType() == null ? "application/octet-stream" : entity.getContentType()); //$NON-NLS-1$ //$NON-NLS-2$
		media.putObject("title").put("rendered", name); //$NON-NLS-1$ //$NON-NLS-2$
		media.putObject("media_details").put("filesize", size).put("sha256", HexFormat.of().formatHex(sha.digest())); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		uploads.addFirst(media);
		return media;
	}

	/** The media items, newest first, as WordPress lists them. */
	ArrayNode list() {
		ArrayNode list = json.createArrayNode();
		uploads.forEach(list::add);
		return list;
	}

	private static String fileName(String disposition) {
		int at = disposition.indexOf("filename="); //$NON-NLS-1$
		if (at < 0) {
			return null;
		}
		String name = disposition.substring(at + "filename=".length()).strip(); //$NON-NLS-1$
		return name.replace("\"", ""); //$NON-NLS-1$ //$NON-NLS-2$
	}
}
