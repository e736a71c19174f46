package io.syncbench.ui.internal.workbench;

import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.advanced.MPerspective;
import org.eclipse.e4.ui.model.application.ui.advanced.MPerspectiveStack;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.modeling.EModelService;

/**
 * The workbench's one perspective: its layout as shipped is a snippet of the application model,
 * cloned into the main window's perspective stack at the first start and again on a reset.
 */
final class Perspectives {

	static final String MAIN = "io.syncbench.ui.perspective.main"; //$NON-NLS-1$
	static final String STACK = "io.syncbench.ui.perspectivestack"; //$NON-NLS-1$

	private Perspectives() {
	}

	/** The main window's perspective stack, or null in a model without it. */
	static MPerspectiveStack stack(EModelService models, MWindow window) {
		return models.findElements(window, STACK, MPerspectiveStack.class).stream().findFirst().orElse(null);
	}

	/** A new copy of the perspective as shipped, for {@code window}. */
	static MPerspective asShipped(MApplication application, EModelService models, MWindow window) {
		return (MPerspective) models.cloneSnippet(application, MAIN, window);
	}
}
