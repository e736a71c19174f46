package io.syncbench.ui.internal.workbench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;

import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.syncbench.ui.testsupport.ScreenshotOnFailure;
import io.syncbench.ui.testsupport.UiDriver;

/** Help > About SyncBench tells the version, the build and where the data is. */
@ExtendWith(ScreenshotOnFailure.class)
class AboutTest {

	private final UiDriver ui = UiDriver.forWorkbench();

	@Test
	void aboutShowsVersionBuildAndDataLocation() {
		ui.menu(ui.shell("SyncBench"), "Help", "About SyncBench");
		Shell about = ui.shell("About SyncBench");

		Label text = ui.find(about, Label.class, l -> l.getText().startsWith("SyncBench "), "the about text");
		String shown = ui.text(text);
		ui.screenshot(about, "about");
		ui.click(ui.button(about, "OK"));
		ui.waitUntilClosed(about);

		assertTrue(Pattern.compile("^SyncBench 0\\.1\\.0\\nBuild \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC\\n").matcher(shown)
				.find(), shown);
		assertTrue(shown.contains("Data: ") && shown.contains("syncbench-db"), shown);
	}
}
