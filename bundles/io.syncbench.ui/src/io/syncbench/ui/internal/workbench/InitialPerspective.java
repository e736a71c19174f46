package io.syncbench.ui.internal.workbench;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.advanced.MPerspective;
import org.eclipse.e4.ui.model.application.ui.advanced.MPerspectiveStack;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.modeling.EModelService;

/**
 * A model processor: at the first start (or with {@code -clearPersistedState}) the main window's
 * perspective stack is empty, and gets the perspective as shipped; a layout the operator changed
 * and the workbench kept is left as it is.
 */
public class InitialPerspective {

	@Execute
	public void fill(MApplication application, EModelService models) {
		for (MWindow window : application.getChildren()) {
			MPerspectiveStack stack = Perspectives.stack(models, window);
			if (stack != null && stack.getChildren().isEmpty()) {
				MPerspective perspective = Perspectives.asShipped(application, models, window);
				stack.getChildren().add(perspective);
				stack.setSelectedElement(perspective);
			}
		}
	}
}
