package io.syncbench.ui.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;

/**
 * PNG screenshots taken from the screen, so they show what an operator sees. They go to the folder in
 * the system property {@value #FOLDER_PROPERTY} (the build sets it to the module's
 * target/screenshots), else to target/screenshots under the working directory. Call on the UI thread.
 */
public final class Screenshots {

	public static final String FOLDER_PROPERTY = "syncbench.screenshots"; //$NON-NLS-1$

	private Screenshots() {
	}

	public static Path folder() {
		String configured = System.getProperty(FOLDER_PROPERTY);
		return configured != null ? Path.of(configured) : Path.of("target", "screenshots"); //$NON-NLS-1$ //$NON-NLS-2$
	}

	public static Path of(Shell shell, String name) {
		shell.getDisplay().update();
		return capture(shell.getDisplay(), shell.getBounds(), name);
	}

	public static Path ofDisplay(Display display, String name) {
		display.update();
		return capture(display, display.getBounds(), name);
	}

	private static Path capture(Display display, Rectangle area, String name) {
		Rectangle visible = area.intersection(display.getBounds());
		Image image = new Image(display, Math.max(1, visible.width), Math.max(1, visible.height));
		GC gc = new GC(display);
		try {
			gc.copyArea(image, visible.x, visible.y);
			ImageLoader loader = new ImageLoader();
			loader.data = new org.eclipse.swt.graphics.ImageData[] { image.getImageData() };
			Path file = folder().resolve(safe(name) + ".png"); //$NON-NLS-1$
			Files.createDirectories(file.getParent());
			loader.save(file.toString(), SWT.IMAGE_PNG);
			return file;
		} catch (IOException e) {
			throw new UncheckedIOException(e);
		} finally {
			gc.dispose();
			image.dispose();
		}
	}

	private static String safe(String name) {
		return name.replaceAll("[^A-Za-z0-9._-]", "_"); //$NON-NLS-1$ //$NON-NLS-2$
	}
}
