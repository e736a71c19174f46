package io.syncbench.ui.internal.workbench;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.annotations.Execute;

import io.syncbench.engine.SyncJobs;

/** Sync > Cancel Runs: every run going on stops between records; the rest stays queued. */
public class CancelRunsHandler {

	@Execute
	public void execute() {
		Job.getJobManager().cancel(SyncJobs.RUNS);
	}
}
