package io.syncbench.ui.internal.status;

import org.eclipse.osgi.util.NLS;

/** The texts of the Sync Status view. */
public final class Messages extends NLS {

	public static String State_pending;
	public static String State_synchronized;
	public static String State_failed;
	public static String State_skipped;
	public static String State_deleted;
	public static String State_conflict;
	public static String Status_company;
	public static String Status_system;
	public static String Status_entity;
	public static String Status_find;
	public static String Status_state;
	public static String Status_all;
	public static String Status_needsCare;
	public static String Status_stateTooltip;
	public static String Status_searchHint;
	public static String Status_searchTooltip;
	public static String Status_counting;
	public static String Status_rows;
	public static String Status_rowsWindow;
	public static String Status_previous;
	public static String Status_previousTooltip;
	public static String Status_next;
	public static String Status_nextTooltip;
	public static String Status_noRows;
	public static String Status_noCompany;
	public static String Status_reading;
	public static String Status_loadJob;
	public static String Status_loadFailed;
	public static String Status_columnEntity;
	public static String Status_columnKey;
	public static String Status_columnSystem;
	public static String Status_columnLocalId;
	public static String Status_columnExternalId;
	public static String Status_columnState;
	public static String Status_columnAttempts;
	public static String Status_columnError;
	public static String Status_columnUpdated;
	public static String Status_sync;
	public static String Status_syncTooltip;
	public static String Status_retry;
	public static String Status_retryTooltip;
	public static String Status_skip;
	public static String Status_skipTooltip;
	public static String Status_debug;
	public static String Status_debugTooltip;
	public static String Status_syncJob;
	public static String Status_retryJob;
	public static String Status_skipJob;
	public static String Status_actionFailed;

	static {
		NLS.initializeMessages("io.syncbench.ui.internal.status.messages", Messages.class); //$NON-NLS-1$
	}

	private Messages() {
	}
}
