package io.syncbench.ui.testsupport;

import org.eclipse.swt.widgets.Display;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * Saves a screenshot of the whole screen when a test fails, named after the test, so a failed UI test
 * shows what was on screen. Use with {@code @ExtendWith(ScreenshotOnFailure.class)}.
 */
public final class ScreenshotOnFailure implements TestWatcher {

	@Override
	public void testFailed(ExtensionContext context, Throwable cause) {
		UiDriver.runningDisplay().ifPresent(display -> save(display, context));
	}

	private static void save(Display display, ExtensionContext context) {
		String name = "FAILED-" + context.getRequiredTestClass().getSimpleName() + "-" //$NON-NLS-1$ //$NON-NLS-2$
				+ context.getRequiredTestMethod().getName();
		display.syncExec(() -> System.err.println("Screenshot of the failure: " + Screenshots.ofDisplay(display, name))); //$NON-NLS-1$
	}
}
