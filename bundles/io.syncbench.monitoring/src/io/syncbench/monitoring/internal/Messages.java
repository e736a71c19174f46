package io.syncbench.monitoring.internal;

import org.eclipse.osgi.util.NLS;

/** What the monitoring endpoint says in its answers and to the service's log. */
public final class Messages extends NLS {

	public static String Settings_port;
	public static String Settings_address;
	public static String Store_noAnswer;
	public static String Store_unreachable;
	public static String Http_notFound;
	public static String Http_methodNotAllowed;

	static {
		NLS.initializeMessages("io.syncbench.monitoring.internal.messages", Messages.class); //$NON-NLS-1$
	}

	private Messages() {
	}
}
