package io.syncbench.ui.internal.status;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;

import io.syncbench.ui.internal.status.SyncStatusPart.RowAction;
import jakarta.inject.Named;

/**
 * Sync, Retry, Skip and Open in Status Debugger on the rows selected in the Sync Status view: the
 * handler of its context menu's command, which names the action as its parameter. A handler of the
 * view in the model, so it acts on its own view, whichever part is active.
 */
public class StatusRowsHandler {

	/** The command's parameter: a {@link RowAction}'s name. */
	public static final String ACTION = "io.syncbench.ui.command.statusRows.action"; //$NON-NLS-1$

	@CanExecute
	public boolean canExecute(@Optional MPart part, @Optional @Named(ACTION) String action) {
		SyncStatusPart view = statusView(part);
		return view != null && action != null && view.canPerform(RowAction.valueOf(action));
	}

	@Execute
	public void execute(MPart part, @Named(ACTION) String action) {
		SyncStatusPart view = statusView(part);
		if (view != null) {
			view.perform(RowAction.valueOf(action));
		}
	}

	private static SyncStatusPart statusView(MPart part) {
		return part != null && part.getObject() instanceof SyncStatusPart view ? view : null;
	}
}
