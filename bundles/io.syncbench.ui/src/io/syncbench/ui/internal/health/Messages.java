package io.syncbench.ui.internal.health;

import org.eclipse.osgi.util.NLS;

/** What the status line, the health notifications and the health preference page say. */
public final class Messages extends NLS {

	public static String Status_checking;
	public static String Status_noRunYet;
	public static String Status_running;
	public static String Status_runningTask;
	public static String Status_heldBack;
	public static String Status_lastRun;
	public static String Status_synchronized;
	public static String Status_needsYou;
	public static String Status_failed;
	public static String Status_canceled;
	public static String Status_supportTold;
	public static String Status_supportNotTold;
	public static String Notification_unwell;
	public static String Notification_well;
	public static String Notification_heldBack;
	public static String Status_readingLastRun;
	public static String Page_title;
	public static String Page_description;
	public static String Page_webhook;
	public static String Page_webhookShow;
	public static String Page_webhookHint;
	public static String Page_silence;
	public static String Page_silenceHint;
	public static String Page_failing;
	public static String Page_failingHint;
	public static String Page_popups;
	public static String Page_test;
	public static String Page_testTooltip;
	public static String Page_testNoWebhook;
	public static String Page_testSending;
	public static String Page_testJob;
	public static String Page_testMessage;
	public static String Page_notANumber;
	public static String Page_saveFailed;
	public static String Preferences_title;

	static {
		NLS.initializeMessages("io.syncbench.ui.internal.health.messages", Messages.class); //$NON-NLS-1$
	}

	private Messages() {
	}
}
