package io.syncbench.demo.internal;

import org.eclipse.osgi.util.NLS;

/** What the demo setup and the generator say. */
public final class Messages extends NLS {

	public static String Demo_noJdbcConnector;
	public static String Demo_databaseCreated;
	public static String Demo_branchCreated;
	public static String Demo_companyCreated;
	public static String Demo_setupResumed;
	public static String Demo_webstoreServed;
	public static String Demo_webstorePortTaken;
	public static String Demo_webstoreElsewhere;
	public static String Generate_usage;
	public static String Generate_progress;
	public static String Generate_done;

	static {
		NLS.initializeMessages(Messages.class.getPackageName() + ".messages", Messages.class); //$NON-NLS-1$
	}

	private Messages() {
	}
}
