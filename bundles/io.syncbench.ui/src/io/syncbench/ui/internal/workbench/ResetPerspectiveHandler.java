package io.syncbench.ui.internal.workbench;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.advanced.MPerspective;
import org.eclipse.e4.ui.model.application.ui.advanced.MPerspectiveStack;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;

/**
 * Window > Reset Perspective: every view back where it was at the first start, none minimized,
 * maximized or moved. The changed perspective is replaced by a new copy of the one as shipped; the
 * views are made anew in it and read their state from the store, as at a start.
 */
public class ResetPerspectiveHandler {

	@Execute
	public void execute(MApplication application, MWindow window, EModelService models, EPartService parts) {
		MPerspectiveStack stack = Perspectives.stack(models, window);
		if (stack == null) {
			return;
		}
		MPerspective fresh = Perspectives.asShipped(application, models, window);
		MPerspective changed = stack.getSelectedElement();
		stack.getChildren().add(fresh);
		parts.switchPerspective(fresh);
		if (changed != null) {
			models.removePerspectiveModel(changed, window);
		}
	}
}
