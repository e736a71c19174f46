package io.syncbench.ui.internal.workbench;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.jface.preference.PreferenceDialog;
import org.eclipse.jface.preference.PreferenceManager;
import org.eclipse.jface.preference.PreferenceNode;
import org.eclipse.swt.widgets.Shell;

import io.syncbench.health.HealthSettings;
import io.syncbench.secrets.SecretStore;
import io.syncbench.ui.internal.health.HealthPreferencePage;
import io.syncbench.ui.internal.health.Messages;
import jakarta.inject.Named;

/** Window > Preferences...: the workbench's preference pages in the JFace preference dialog. */
public class PreferencesHandler {

	@Execute
	public void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, SecretStore secrets) {
		PreferenceManager pages = new PreferenceManager();
		pages.addToRoot(new PreferenceNode("io.syncbench.ui.preferences.health", //$NON-NLS-1$
				new HealthPreferencePage(InstanceScope.INSTANCE.getNode(HealthSettings.NODE), secrets,
						"workbench@" + ProcessHandle.current().pid()))); //$NON-NLS-1$
		PreferenceDialog dialog = new PreferenceDialog(shell, pages) {
			@Override
			protected void configureShell(Shell newShell) {
				super.configureShell(newShell);
				newShell.setText(Messages.Preferences_title);
			}
		};
		dialog.open();
	}
}
