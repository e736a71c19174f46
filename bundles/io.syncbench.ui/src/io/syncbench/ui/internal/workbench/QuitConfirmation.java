package io.syncbench.ui.internal.workbench;

import java.util.List;
import java.util.TreeSet;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.UIEvents;
import org.eclipse.e4.ui.workbench.modeling.IWindowCloseHandler;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.widgets.Shell;
import org.osgi.service.event.Event;

import io.syncbench.engine.SyncJobs;
import io.syncbench.engine.SyncRunJob;
import io.syncbench.ui.internal.Messages;
import jakarta.inject.Inject;

/**
 * Quitting while a run goes on asks first, whether by File > Exit or by the window's close button: the
 * run would stop between two pages, and the operator may rather let it finish. An add-on, so that it
 * covers every window the workbench opens.
 */
public class QuitConfirmation {

	@Inject
	@Optional
	void started(@UIEventTopic(UIEvents.UILifeCycle.APP_STARTUP_COMPLETE) Event event, MApplication application) {
		for (MWindow window : application.getChildren()) {
			window.getContext().set(IWindowCloseHandler.class, closed -> mayQuit(closedShell(closed)));
		}
	}

	private static Shell closedShell(MWindow window) {
		return window.getWidget() instanceof Shell shell ? shell : null;
	}

	/** Whether to quit: at once when no run goes on, else when the operator says so. */
	static boolean mayQuit(Shell shell) {
		List<String> companies = runningCompanies();
		if (companies.isEmpty()) {
			return true;
		}
		MessageDialog question = new MessageDialog(shell, Messages.Quit_title, null,
				NLS.bind(Messages.Quit_question, String.join(", ", companies)), MessageDialog.QUESTION, 1, //$NON-NLS-1$
				Messages.Quit_quit, Messages.Quit_keepRunning);
		return question.open() == 0;
	}

	/** The companies whose run is going on now. */
	static List<String> runningCompanies() {
		TreeSet<String> companies = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
		for (Job job : Job.getJobManager().find(SyncJobs.RUNS)) {
			if (job instanceof SyncRunJob run && run.getState() == Job.RUNNING) {
				companies.add(run.companyName());
			}
		}
		return List.copyOf(companies);
	}
}
