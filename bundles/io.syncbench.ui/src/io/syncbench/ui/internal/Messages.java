package io.syncbench.ui.internal;

import org.eclipse.osgi.util.NLS;

/** Every text the workbench shows. */
public final class Messages extends NLS {

	public static String Progress_tableTooltip;
	public static String Details_title;
	public static String Details_what;
	public static String Details_reading;
	public static String Details_readJob;
	public static String Details_noActions;
	public static String Details_actions;
	public static String Details_firstActions;
	public static String Details_unreadable;
	public static String Details_entity;
	public static String Details_record;
	public static String Details_action;
	public static String Details_message;
	public static String Startup_problemTitle;
	public static String Companies_properties;
	public static String Companies_propertiesTooltip;
	public static String Companies_delete;
	public static String Companies_deleteTooltip;
	public static String Startup_storeServiceMissing;
	public static String Progress_syncNow;
	public static String Progress_showThem;
	public static String Progress_needsYou;
	public static String Progress_goingOn;
	public static String Progress_goingOnDetails;
	public static String Progress_showThemTooltip;
	public static String Progress_countJob;
	public static String Progress_lastNeedsYou;
	public static String Progress_attention;
	public static String Progress_attentionBoth;
	public static String Progress_attentionRecords;
	public static String Progress_attentionHeldBack;
	public static String Progress_chartSeconds;
	public static String Progress_chartRateSeries;
	public static String Progress_chartBacklogSeries;
	public static String Progress_modeSynchronize;
	public static String Progress_modeSend;
	public static String Progress_modeDownload;
	public static String Progress_modeTooltip;
	public static String Progress_syncNowTooltip;
	public static String Progress_cancel;
	public static String Progress_cancelTooltip;
	public static String Progress_pause;
	public static String Progress_pauseTooltip;
	public static String Progress_noRunYet;
	public static String Progress_dismiss;
	public static String Progress_columnTime;
	public static String Progress_columnCompany;
	public static String Progress_columnWhat;
	public static String Progress_columnDetails;
	public static String Progress_started;
	public static String Progress_startedDetails;
	public static String Progress_running;
	public static String Progress_runningTask;
	public static String Progress_failed;
	public static String Progress_canceled;
	public static String Progress_synchronized;
	public static String Progress_lastFailed;
	public static String Progress_lastSucceeded;
	public static String Progress_allGreen;
	public static String Progress_heldBack;
	public static String Progress_recordFailed;
	public static String Progress_recordFailedDetails;
	public static String Progress_nothingToRun;
	public static String Progress_dismissed;
	public static String Startup_demoFailed;
	public static String Startup_layoutSetAside;
	public static String Startup_layoutUnchecked;
	public static String Startup_demoFailedDialog;
	public static String Startup_servicesMissing;
	public static String Startup_problemAfterStartTitle;

	public static String Companies_columnName;
	public static String Companies_columnRuns;
	public static String Companies_new;
	public static String Companies_newTooltip;
	public static String Companies_empty;
	public static String Companies_loading;
	public static String Companies_loadFailed;
	public static String Companies_loadJob;
	public static String Companies_intervalSeconds;
	public static String Companies_manualOnly;
	public static String Companies_onStart;
	public static String Companies_pendingCompleteUpdate;
	public static String Companies_intervalExplained;
	public static String Companies_manualOnlyExplained;
	public static String Companies_onStartExplained;
	public static String Companies_pendingCompleteUpdateExplained;

	public static String NewCompany_shellTitle;
	public static String NewCompany_title;
	public static String NewCompany_message;
	public static String NewCompany_name;
	public static String NewCompany_automatic;
	public static String NewCompany_interval;
	public static String NewCompany_intervalHint;
	public static String NewCompany_onStart;
	public static String NewCompany_completeUpdate;
	public static String NewCompany_create;
	public static String NewCompany_saveFailed;

	public static String About_title;
	public static String About_text;
	public static String About_developmentBuild;
	public static String Quit_title;
	public static String Quit_question;
	public static String Quit_quit;
	public static String Quit_keepRunning;

	static {
		NLS.initializeMessages("io.syncbench.ui.internal.messages", Messages.class); //$NON-NLS-1$
	}

	private Messages() {
	}
}
