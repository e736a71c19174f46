package io.syncbench.ui.internal.workbench;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.swt.widgets.Shell;

import jakarta.inject.Named;

/**
 * File > Exit: closes the workbench, which saves the window layout for the next start; asks first
 * while a run goes on.
 */
public class ExitHandler {

	@Execute
	public void execute(IWorkbench workbench, @Named(IServiceConstants.ACTIVE_SHELL) Shell shell) {
		if (QuitConfirmation.mayQuit(shell)) {
			workbench.close();
		}
	}
}
