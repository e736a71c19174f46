package io.syncbench.ui.internal.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.MUIElement;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.model.application.ui.basic.MPartStack;
import org.eclipse.e4.ui.workbench.IPresentationEngine;
import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import io.syncbench.ui.testsupport.ScreenshotOnFailure;
import io.syncbench.ui.testsupport.UiDriver;

/**
 * Window > Show View brings a minimized view back in place, and Window > Reset Perspective puts every
 * view back where it was at the first start, after the operator minimized, maximized and moved them.
 */
@ExtendWith(ScreenshotOnFailure.class)
class WindowMenuTest {

	private static final String COMPANIES_STACK = "io.syncbench.ui.stack.companies";
	private static final String STATUS_STACK = "io.syncbench.ui.stack.status";
	private static final String PROGRESS_STACK = "io.syncbench.ui.stack.progress";
	private static final String JOBS = "org.eclipse.e4.ui.progress.ProgressView";

	private final UiDriver ui = UiDriver.forWorkbench();

	@Test
	void showViewRestoresAMinimizedViewAndResetPerspectivePutsEveryViewBack() throws Exception {
		Shell window = ui.shell("SyncBench");
		MApplication application = application();
		EModelService models = application.getContext().get(EModelService.class);

		ui.onUi(() -> stack(models, application, COMPANIES_STACK).getTags().add(IPresentationEngine.MINIMIZED));
		ui.waitUntil("the Companies view to be minimized", () -> !visible(models, application, "io.syncbench.ui.part.companies"));
		ui.menu(window, "Window", "Show View", "Companies");
		ui.waitUntil("the Companies view shown in place and active", () -> visible(models, application, "io.syncbench.ui.part.companies")
				&& !ui.onUi(() -> stack(models, application, COMPANIES_STACK).getTags().contains(IPresentationEngine.MINIMIZED))
				&& "io.syncbench.ui.part.companies".equals(ui.onUi(() -> partService(application).getActivePart().getElementId())));
		ui.screenshot(window, "window-show-view-companies");

		// The operator changes the layout: Background Jobs dragged beside Companies, Sync Status maximized.
		ui.onUi(() -> {
			MPart jobs = (MPart) models.find(JOBS, application.getChildren().get(0));
			stack(models, application, COMPANIES_STACK).getChildren().add(jobs);
			stack(models, application, STATUS_STACK).getTags().add(IPresentationEngine.MAXIMIZED);
		});
		ui.waitUntil("the layout changed", () -> !visible(models, application, "io.syncbench.ui.part.progress"));
		ui.screenshot(window, "window-layout-changed");

		ui.menu(window, "Window", "Reset Perspective");
		ui.waitUntil("every view back in place", () -> ui.onUi(() -> {
			MPartStack progress = stack(models, application, PROGRESS_STACK);
			return progress != null && progress.getChildren().stream().map(MUIElement::getElementId).toList()
					.equals(List.of("io.syncbench.ui.part.progress", JOBS));
		}) && visible(models, application, "io.syncbench.ui.part.companies") && visible(models, application, "io.syncbench.ui.part.status")
				&& visible(models, application, "io.syncbench.ui.part.progress"));
		ui.onUi(() -> {
			for (String id : List.of(COMPANIES_STACK, STATUS_STACK, PROGRESS_STACK)) {
				MPartStack stack = stack(models, application, id);
				assertFalse(stack.getTags().contains(IPresentationEngine.MINIMIZED), id + " minimized");
				assertFalse(stack.getTags().contains(IPresentationEngine.MAXIMIZED), id + " maximized");
			}
			assertEquals(List.of("io.syncbench.ui.part.companies"),
					stack(models, application, COMPANIES_STACK).getChildren().stream().map(MUIElement::getElementId).toList());
		});
		// The views made anew work: the Companies view lists the store's companies, with its buttons.
		assertTrue(ui.isEnabled(ui.button(window, "New Company...")));
		ui.screenshot(window, "window-perspective-reset");
	}

	private boolean visible(EModelService models, MApplication application, String partId) {
		return ui.onUi(() -> {
			MUIElement part = models.find(partId, application.getChildren().get(0));
			return part != null && part.getWidget() instanceof Control control && !control.isDisposed() && control.isVisible();
		});
	}

	/** The stack with this id in the main window's current perspective (not the snippet's). */
	private static MPartStack stack(EModelService models, MApplication application, String id) {
		return models.findElements(application.getChildren().get(0), id, MPartStack.class).stream().findFirst().orElse(null);
	}

	private static EPartService partService(MApplication application) {
		return application.getChildren().get(0).getContext().get(EPartService.class);
	}

	private static MApplication application() throws InterruptedException {
		ServiceTracker<IWorkbench, IWorkbench> workbench = new ServiceTracker<>(
				FrameworkUtil.getBundle(WindowMenuTest.class).getBundleContext(), IWorkbench.class, null);
		workbench.open();
		try {
			return workbench.waitForService(20_000).getApplication();
		} finally {
			workbench.close();
		}
	}
}
