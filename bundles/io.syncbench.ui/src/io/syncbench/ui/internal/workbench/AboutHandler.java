package io.syncbench.ui.internal.workbench;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.widgets.Shell;
import org.osgi.framework.FrameworkUtil;

import io.syncbench.store.Store;
import io.syncbench.ui.internal.Messages;
import jakarta.inject.Named;

/** Help > About SyncBench: version, build, where the data is and which Java runs it. */
public class AboutHandler {

	@Execute
	public void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, Store store) {
		BuildInfo build = BuildInfo.of(FrameworkUtil.getBundle(getClass()).getVersion());
		String text = NLS.bind(Messages.About_text, new Object[] { build.version(), build.build(), store.location(),
				System.getProperty("java.version"), System.getProperty("java.vendor") }); //$NON-NLS-1$ //$NON-NLS-2$
		MessageDialog.openInformation(shell, Messages.About_title, text);
	}

}
