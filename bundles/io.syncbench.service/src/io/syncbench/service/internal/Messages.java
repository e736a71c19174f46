package io.syncbench.service.internal;

import org.eclipse.osgi.util.NLS;

/** What the service writes to its log and its heartbeat. */
public final class Messages extends NLS {

	public static String Service_started;
	public static String Service_leasesTakenOver;
	public static String Service_stopped;
	public static String Service_company;
	public static String Service_noCompany;
	public static String Service_runEnded;
	public static String Service_heldBack;
	public static String Service_lastRunFailed;
	public static String Service_missing;
	public static String Service_cannotOpenStore;
	public static String Service_share;
	public static String Service_handedOver;
	public static String Service_shareCompanies;
	public static String Service_badName;
	public static String Service_badLease;
	public static String Service_monitoring;
	public static String Service_monitoringFailed;
	public static String Service_demoFailed;
	public static String Records_companyGone;
	public static String Records_noLink;
	public static String Secret_storePrompt;
	public static String Secret_storeSaved;
	public static String Secret_systemPrompt;
	public static String Secret_systemSaved;
	public static String Secret_usage;
	public static String SetupFile_usage;
	public static String SetupFile_exported;
	public static String SetupFile_created;
	public static String SetupFile_updated;
	public static String SetupFile_secretsMissing;
	public static String SetupFile_secretCommand;
	public static String SetupFile_refused;
	public static String SetupFile_refusedFile;
	public static String Secret_noCompany;
	public static String Secret_noSystem;

	public static String Capture_usage;
	public static String Capture_noConnector;
	public static String Capture_failed;
	public static String Capture_nothingNamed;
	public static String Capture_none;
	public static String Capture_already;
	public static String Capture_plan;
	public static String Capture_installed;

	static {
		NLS.initializeMessages("io.syncbench.service.internal.messages", Messages.class); //$NON-NLS-1$
	}

	private Messages() {
	}
}
