package io.syncbench.connector.woocommerce.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.AbstractHttpEntity;

import io.syncbench.connector.MediaFile;

/** A checked file sent as a request body, streamed from a fresh {@link MediaFile#open()} each time. */
final class MediaEntity extends AbstractHttpEntity {

	private final MediaFile file;

	MediaEntity(MediaFile file) {
		super(ContentType.create(file.contentType()), null);
		this.file = file;
	}

	@Override
	public InputStream getContent() throws IOException {
		return file.open();
	}

	@Override
	public void writeTo(OutputStream out) throws IOException {
		try (InputStream content = file.open()) {
			content.transferTo(out);
		}
	}

	@Override
	public long getContentLength() {
		return file.size();
	}

	@Override
	public boolean isRepeatable() {
		return true;
	}

	@Override
	public boolean isStreaming() {
		return false;
	}

	@Override
	public void close() {
		// each write opens and closes the file itself
	}
}
