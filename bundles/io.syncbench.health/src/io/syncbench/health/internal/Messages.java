package io.syncbench.health.internal;

import org.eclipse.osgi.util.NLS;

/** What the health monitor says to operators and support. */
public final class Messages extends NLS {

	public static String Health_running;
	public static String Health_runningShare;
	public static String Health_runningLastFailed;
	public static String Health_stopped;
	public static String Health_silent;
	public static String Health_failing;
	public static String Health_noService;
	public static String Headline_running;
	public static String Headline_runningShare;
	public static String Headline_runningLastFailed;
	public static String Headline_stopped;
	public static String Headline_silent;
	public static String Headline_failing;
	public static String Headline_noService;
	public static String Monitor_jobName;
	public static String Monitor_storeUnreadable;
	public static String Monitor_notDelivered;
	public static String Settings_webhookScheme;
	public static String Settings_webhookHost;
	public static String Settings_webhookSyntax;
	public static String Settings_secondsRange;
	public static String Webhook_delivered;
	public static String Webhook_refused;
	public static String Webhook_unreachable;
	public static String Webhook_canceled;

	static {
		NLS.initializeMessages(Messages.class.getPackageName() + ".messages", Messages.class); //$NON-NLS-1$
	}

	private Messages() {
	}
}
