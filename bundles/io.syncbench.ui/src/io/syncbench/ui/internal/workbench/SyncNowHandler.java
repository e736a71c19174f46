package io.syncbench.ui.internal.workbench;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;

import io.syncbench.engine.SyncMode;
import io.syncbench.service.SyncService;
import jakarta.inject.Named;

/** Sync > Sync Now, Send Only, Download Only (and F5): a manual run of every company in that mode. */
public class SyncNowHandler {

	public static final String MODE = "io.syncbench.ui.command.syncNow.mode"; //$NON-NLS-1$

	@CanExecute
	public boolean canExecute(@Optional @Service SyncService sync) {
		return sync != null;
	}

	@Execute
	public void execute(@Optional @Named(MODE) String mode, @Service SyncService sync) {
		sync.runNow(mode == null ? SyncMode.SYNCHRONIZE : SyncMode.valueOf(mode));
	}
}
