package io.syncbench.ui.internal.progress;

import java.util.List;

import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import io.syncbench.store.RunHistoryService.Action;
import io.syncbench.store.Store;
import io.syncbench.store.StoreException;
import io.syncbench.ui.internal.Messages;
import io.syncbench.ui.internal.TextColumns;
import io.syncbench.ui.internal.WidgetIds;

/**
 * A line of the Synchronization Progress view in full: its whole details, which the table cuts, and
 * for a run's lines what the run did record by record, read from the run history in a job.
 */
final class RunDetailsDialog extends Dialog {

	/** The most record actions shown; the history keeps them all. */
	static final int MAX_ACTIONS = 500;

	private final ProgressLine line;
	private final Store store;
	private TableViewer actions;
	private Label count;

	RunDetailsDialog(Shell parent, ProgressLine line, Store store) {
		super(parent);
		this.line = line;
		this.store = store;
	}

	@Override
	protected void configureShell(Shell shell) {
		super.configureShell(shell);
		shell.setText(NLS.bind(Messages.Details_title, line.company()));
	}

	@Override
	protected boolean isResizable() {
		return true;
	}

	@Override
	protected Control createDialogArea(Composite parent) {
		Composite area = (Composite) super.createDialogArea(parent);
		GridLayoutFactory.swtDefaults().applyTo(area);
		Label what = new Label(area, SWT.NONE);
		what.setText(NLS.bind(Messages.Details_what, new Object[] { SyncProgressPart.TIME.format(line.time()),
				line.company(), line.what() }));
		Text details = WidgetIds.tag(new Text(area, SWT.BORDER | SWT.READ_ONLY | SWT.WRAP | SWT.MULTI | SWT.V_SCROLL),
				"details.text"); //$NON-NLS-1$
		details.setText(line.details() == null ? "" : line.details()); //$NON-NLS-1$
		GridDataFactory.fillDefaults().grab(true, false).hint(640, 90).applyTo(details);
		if (line.runId() != null) {
			count = WidgetIds.tag(new Label(area, SWT.WRAP), "details.count"); //$NON-NLS-1$
			count.setText(Messages.Details_reading);
			GridDataFactory.fillDefaults().grab(true, false).applyTo(count);
			actions = new TableViewer(area, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL);
			WidgetIds.tag(actions.getTable(), "details.actions"); //$NON-NLS-1$
			actions.getTable().setHeaderVisible(true);
			actions.setContentProvider(ArrayContentProvider.getInstance());
			TextColumns.of(actions, Action.class).add(Messages.Details_entity, 110, Action::entity)
					.add(Messages.Details_record, 90, Action::recordId).add(Messages.Details_action, 90, Action::action)
					.add(Messages.Details_message, 360, Action::message);
			GridDataFactory.fillDefaults().grab(true, true).hint(640, 240).applyTo(actions.getControl());
			readActions(line.runId());
		}
		return area;
	}

	private void readActions(long runId) {
		Job job = Job.create(Messages.Details_readJob, monitor -> {
			String said;
			List<Action> read = List.of();
			try {
				read = store.runHistory().actions(runId, 0, MAX_ACTIONS + 1);
				said = read.isEmpty() ? Messages.Details_noActions
						: read.size() > MAX_ACTIONS ? NLS.bind(Messages.Details_firstActions, MAX_ACTIONS)
								: NLS.bind(Messages.Details_actions, read.size());
			} catch (StoreException e) {
				said = NLS.bind(Messages.Details_unreadable, e.getMessage());
			}
			List<Action> shown = read.size() > MAX_ACTIONS ? read.subList(0, MAX_ACTIONS) : read;
			String words = said;
			count.getDisplay().asyncExec(() -> {
				if (!count.isDisposed()) {
					count.setText(words);
					count.requestLayout(); // a longer line wraps rather than being cut
					actions.setInput(shown);
				}
			});
			return Status.OK_STATUS;
		});
		job.setSystem(true);
		job.schedule();
	}

	@Override
	protected void createButtonsForButtonBar(Composite parent) {
		createButton(parent, IDialogConstants.OK_ID, IDialogConstants.CLOSE_LABEL, true);
	}
}
