package io.syncbench.ui.internal;

import org.eclipse.jface.resource.ImageDescriptor;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.resource.LocalResourceManager;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.widgets.Control;

/**
 * The workbench's own icons (SVG, in {@code icons/}), each loaded once per control that shows it and
 * disposed with that control. The application model names the same files by {@code platform:} URI.
 */
public final class Icons {

	public static final String HEALTH_OK = "health-ok.svg"; //$NON-NLS-1$
	public static final String HEALTH_PROBLEM = "health-problem.svg"; //$NON-NLS-1$
	public static final String HELD_BACK = "held-back.svg"; //$NON-NLS-1$
	public static final String SYNC = "sync.svg"; //$NON-NLS-1$

	private final LocalResourceManager resources;

	/** Icons whose images live as long as {@code owner}. */
	public Icons(Control owner) {
		resources = new LocalResourceManager(JFaceResources.getResources(), owner);
	}

	public Image get(String name) {
		return resources.create(descriptor(name));
	}

	public static ImageDescriptor descriptor(String name) {
		return ImageDescriptor.createFromURL(Icons.class.getResource("/icons/" + name)); //$NON-NLS-1$
	}
}
