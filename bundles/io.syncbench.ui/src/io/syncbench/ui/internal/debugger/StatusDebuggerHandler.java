package io.syncbench.ui.internal.debugger;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.swt.widgets.Shell;

import io.syncbench.service.SyncService;
import io.syncbench.store.Store;
import jakarta.inject.Named;

/**
 * File > Synchronization Status...: the Status Debugger on the first company and system with records that
 * need the operator.
 */
public class StatusDebuggerHandler {

	@CanExecute
	public boolean canExecute(@Optional @Service SyncService sync) {
		return sync != null;
	}

	@Execute
	public void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, Store store, @Service SyncService sync,
			UISynchronize ui) {
		new StatusDebuggerDialog(shell, store, sync, ui, null, null).open();
	}
}
