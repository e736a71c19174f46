package io.syncbench.ui.internal.debugger;

import org.eclipse.osgi.util.NLS;

/** The texts of the Status Debugger and its Resolve Error wizard. */
public final class Messages extends NLS {

	public static String Debugger_shellTitle;
	public static String Debugger_title;
	public static String Debugger_message;
	public static String Debugger_company;
	public static String Debugger_system;
	public static String Debugger_columnEntity;
	public static String Debugger_columnLocalId;
	public static String Debugger_columnExternalId;
	public static String Debugger_columnState;
	public static String Debugger_columnAttempts;
	public static String Debugger_columnError;
	public static String Debugger_conflictNote;
	public static String Debugger_resolve;
	public static String Debugger_noCompany;
	public static String Debugger_noSystem;
	public static String Debugger_reading;
	public static String Debugger_nothing;
	public static String Debugger_shownAll;
	public static String Debugger_shownSome;
	public static String Debugger_readingRecord;
	public static String Debugger_readFailed;
	public static String Debugger_resolved;
	public static String Debugger_loadJob;
	public static String Wizard_title;
	public static String Wizard_writing;
	public static String Wizard_failed;
	public static String Wizard_locked;
	public static String Wizard_refused;
	public static String Field_title;
	public static String Field_required;
	public static String Field_optional;
	public static String Field_maxLength;
	public static String Field_error;
	public static String Field_local;
	public static String Field_external;
	public static String Field_lastSynced;
	public static String Field_overwritten;
	public static String Field_noValue;
	public static String Field_keepLocal;
	public static String Field_takeExternal;
	public static String Field_type;
	public static String Summary_title;
	public static String Summary_description;
	public static String Summary_nothingDiffers;
	public static String Summary_field;
	public static String Summary_decision;
	public static String Summary_value;
	public static String Summary_keptLocal;
	public static String Summary_tookExternal;
	public static String Summary_typed;

	static {
		NLS.initializeMessages("io.syncbench.ui.internal.debugger.messages", Messages.class); //$NON-NLS-1$
	}

	private Messages() {
	}
}
