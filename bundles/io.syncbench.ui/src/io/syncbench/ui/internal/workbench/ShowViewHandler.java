package io.syncbench.ui.internal.workbench;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.model.application.ui.MUIElement;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.IPresentationEngine;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;

import jakarta.inject.Named;

/**
 * Window > Show View > (a view): brings the view to the front and gives it the focus. A view whose
 * stack was minimized is shown in place again, not as a popup over the others.
 */
public class ShowViewHandler {

	/** The command's parameter: the id of the part to show. */
	public static final String PART = "io.syncbench.ui.command.showView.part"; //$NON-NLS-1$

	@Execute
	public void execute(EPartService parts, @Named(PART) String partId) {
		MPart part = parts.findPart(partId);
		if (part == null) {
			return;
		}
		MUIElement container = part.getParent();
		if (container != null) {
			container.getTags().remove(IPresentationEngine.MINIMIZED);
			container.setVisible(true);
		}
		part.setToBeRendered(true);
		parts.showPart(part, PartState.ACTIVATE);
	}
}
