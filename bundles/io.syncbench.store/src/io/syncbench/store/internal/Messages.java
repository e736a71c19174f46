package io.syncbench.store.internal;

import org.eclipse.osgi.util.NLS;

/** Operator-facing texts of the store bundle. */
public final class Messages extends NLS {

	public static String CompanyRules_nameRequired;
	public static String CompanyRules_nameTooLong;
	public static String CompanyRules_nameControlCharacters;
	public static String CompanyRules_intervalOutOfRange;
	public static String CompanyRules_outOfRange;
	public static String CompanyRules_minimumGap;
	public static String CompanyRules_parallelEntities;
	public static String CompanyRules_maxAttempts;
	public static String CompanyNameTaken;
	public static String CompanyNotFound;
	public static String SyncStatus_alreadyMapped;
	public static String SyncStatus_notFound;
	public static String SyncStatus_workLeaseLost;
	public static String Run_notFound;
	public static String Run_actionsRefused;
	public static String Setup_systemNameRequired;
	public static String Setup_systemNameMalformed;
	public static String Setup_typeRequired;
	public static String Setup_noSuchSystem;
	public static String Setup_secondDatabase;
	public static String Setup_systemTwice;
	public static String Setup_entityTwice;
	public static String Setup_entityRequired;
	public static String Setup_roleRequired;
	public static String Setup_entityChoicesRequired;
	public static String Store_cannotOpen;
	public static String Store_inUse;
	public static String Store_schemaTooNew;
	public static String Store_notWritable;
	public static String Store_credentialsRejected;
	public static String Store_serverUnreachable;
	public static String Store_otherCause;
	public static String Store_writeFailed;

	static {
		NLS.initializeMessages("io.syncbench.store.internal.messages", Messages.class); //$NON-NLS-1$
	}

	private Messages() {
	}
}
