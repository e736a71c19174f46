package io.syncbench.ui.internal.workbench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.syncbench.ui.testsupport.ScreenshotOnFailure;
import io.syncbench.ui.testsupport.UiDriver;

/** The standard Background Jobs view lists a job while it runs. */
@ExtendWith(ScreenshotOnFailure.class)
class BackgroundJobsViewTest {

	private final UiDriver ui = UiDriver.forWorkbench();

	@Test
	void aRunningJobIsListed() throws InterruptedException {
		Shell window = ui.shell("SyncBench");
		CountDownLatch release = new CountDownLatch(1);
		Job job = Job.create("Reading 3 pages of sync status", monitor -> {
			SubMonitor progress = SubMonitor.convert(monitor, "Page 1 of 3", 3);
			try {
				release.await(60, TimeUnit.SECONDS);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			progress.split(3);
			return Status.OK_STATUS;
		});
		job.schedule();
		try {
			ui.showTab(window, "Background Jobs");
			Label listed = ui.find(window, Label.class, label -> label.getText().contains("Reading 3 pages of sync status"),
					"the job in Background Jobs");
			ui.screenshot(window, "background-jobs");
			assertEquals(true, ui.onUi(listed::isVisible));
		} finally {
			release.countDown();
			job.join();
			ui.showTab(window, "Synchronization Progress");
		}
		assertEquals(IStatus.OK, job.getResult().getSeverity());
	}
}
