package io.syncbench.ui.internal.companies;

import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.dialogs.ProgressMonitorDialog;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import io.syncbench.connector.ChangeCapture;
import io.syncbench.connector.Connector;
import io.syncbench.connector.ConnectorException;
import io.syncbench.connector.SystemSession;
import io.syncbench.ui.internal.WidgetIds;

/**
 * Change Capture... of a company database in the Properties dialog: says whether the database records
 * its changes and, when it does not, shows each statement the install would run and runs them once the
 * operator agrees, all or nothing. (The command line's {@code -installCapture} does the same.) A
 * company database without it holds its company's runs back. The database is reached with the settings
 * as the dialog holds them, off the UI thread, under a progress dialog.
 */
final class ChangeCaptureDialog extends MessageDialog {

	private final List<String> plan;

	private ChangeCaptureDialog(Shell parent, String system, List<String> plan) {
		super(parent, Messages.Capture_title, null, NLS.bind(Messages.Capture_question, system, plan.size()),
				MessageDialog.QUESTION, 0, Messages.Capture_install, IDialogConstants.CANCEL_LABEL);
		this.plan = plan;
	}

	@Override
	protected boolean isResizable() {
		return true;
	}

	@Override
	protected Control createCustomArea(Composite parent) {
		// Wrapped, so that each statement reads whole, in the font the workbench shows code in.
		Text statements = WidgetIds.tag(new Text(parent, SWT.BORDER | SWT.MULTI | SWT.READ_ONLY | SWT.WRAP
				| SWT.V_SCROLL), "capture.plan"); //$NON-NLS-1$
		statements.setFont(JFaceResources.getTextFont());
		statements.setText(String.join(";\n\n", plan) + ";"); //$NON-NLS-1$ //$NON-NLS-2$
		GridDataFactory.fillDefaults().grab(true, true).hint(720, 320).applyTo(statements);
		return statements;
	}

	/** What the database has: no capture to offer, capture installed, or the statements that would install it. */
	private record Found(boolean offered, boolean installed, List<String> plan) {
	}

	/**
	 * Looks at the system's change capture and, when it is missing, offers to install it.
	 *
	 * @param secret the credentials to open the system with; cleared once used
	 */
	static void open(Shell parent, Connector connector, SystemDraft system, char[] secret) {
		try {
			Found found = inBackground(parent, NLS.bind(Messages.Capture_reading, system.name()), () -> {
				try (SystemSession session = connector.open(system.settings(), secret.clone())) {
					Optional<ChangeCapture> capture = session.changeCapture();
					if (capture.isEmpty()) {
						return new Found(false, false, List.of());
					}
					boolean installed = capture.get().installed();
					return new Found(true, installed, installed ? List.of() : capture.get().plan());
				}
			});
			if (!found.offered()) {
				MessageDialog.openInformation(parent, Messages.Capture_title, NLS.bind(Messages.Capture_none, system.name()));
				return;
			}
			if (found.installed()) {
				MessageDialog.openInformation(parent, Messages.Capture_title, NLS.bind(Messages.Capture_already, system.name()));
				return;
			}
			if (new ChangeCaptureDialog(parent, system.name(), found.plan()).open() != 0) {
				return;
			}
			inBackground(parent, NLS.bind(Messages.Capture_installing, system.name()), () -> {
				try (SystemSession session = connector.open(system.settings(), secret.clone())) {
					session.changeCapture().orElseThrow().install();
					return Boolean.TRUE;
				}
			});
			MessageDialog.openInformation(parent, Messages.Capture_title, NLS.bind(Messages.Capture_installed, system.name()));
		} catch (InvocationTargetException e) {
			MessageDialog.openError(parent, Messages.Capture_title,
					NLS.bind(Messages.Capture_failed, system.name(), e.getCause().getMessage()));
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		} finally {
			Arrays.fill(secret, '\0');
		}
	}

	/** A call to the system, made off the UI thread. */
	@FunctionalInterface
	private interface SystemCall<T> {
		T run() throws ConnectorException;
	}

	private static <T> T inBackground(Shell parent, String task, SystemCall<T> call)
			throws InvocationTargetException, InterruptedException {
		Object[] result = new Object[1];
		new ProgressMonitorDialog(parent).run(true, false, monitor -> {
			monitor.beginTask(task, IProgressMonitor.UNKNOWN);
			try {
				result[0] = call.run();
			} catch (ConnectorException | RuntimeException e) {
				throw new InvocationTargetException(e);
			} finally {
				monitor.done();
			}
		});
		@SuppressWarnings("unchecked")
		T found = (T) result[0];
		return found;
	}
}
