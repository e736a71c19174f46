package io.syncbench.ui.internal.workbench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The window layout the workbench keeps between starts ({@code workbench.xmi}) is a copy of the
 * application model it was made from. Views, menus and commands that a newer SyncBench adds never show
 * in a layout kept by an older one, and Reset Perspective cannot bring them back. So the layout is
 * stamped with the model it was made from, and a layout made from another model is set aside once (kept
 * beside it, not deleted) so that the workbench starts with the model as shipped.
 */
public final class KeptLayout {

	/** Where the e4 workbench keeps its layout, under the instance location. */
	static final Path LAYOUT = Path.of(".metadata", ".plugins", "org.eclipse.e4.workbench", "workbench.xmi"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
	/** The fingerprint of the model the kept layout was made from, beside it. */
	static final String STAMP = "workbench.model-sha256"; //$NON-NLS-1$
	/** What a layout set aside is renamed to. */
	static final String SET_ASIDE = "workbench.xmi.from-an-earlier-model"; //$NON-NLS-1$

	private KeptLayout() {
	}

	/**
	 * Sets the kept layout aside when it was made from another model than {@code shipped} (or by a
	 * SyncBench that did not stamp it), and stamps the layout to come with {@code shipped}.
	 *
	 * @param instance the workbench's instance location (its workspace folder)
	 * @param shipped  the fingerprint of the application model this SyncBench ships
	 * @return where the layout was set aside, or empty when it was kept (or there was none)
	 */
	public static Optional<Path> setAsideIfMadeFromAnotherModel(Path instance, String shipped) throws IOException {
		Path layout = instance.resolve(LAYOUT);
		Path stamp = layout.resolveSibling(STAMP);
		String madeFrom = Files.exists(stamp) ? Files.readString(stamp).trim() : null;
		Optional<Path> setAside = Optional.empty();
		if (Files.exists(layout) && !shipped.equals(madeFrom)) {
			Path aside = layout.resolveSibling(SET_ASIDE);
			Files.move(layout, aside, StandardCopyOption.REPLACE_EXISTING);
			setAside = Optional.of(aside);
		}
		if (!shipped.equals(madeFrom)) { // after the move: a crash in between leaves no layout, which is fine
			Files.createDirectories(stamp.getParent());
			Files.writeString(stamp, shipped);
		}
		return setAside;
	}

	/** The fingerprint of a model file: its SHA-256, in hex. */
	public static String fingerprint(URL model) throws IOException {
		try (InputStream in = model.openStream()) {
			MessageDigest digest = MessageDigest.getInstance("SHA-256"); //$NON-NLS-1$
			digest.update(in.readAllBytes());
			return HexFormat.of().formatHex(digest.digest());
		} catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException(e); // every Java runtime has SHA-256
		}
	}
}
