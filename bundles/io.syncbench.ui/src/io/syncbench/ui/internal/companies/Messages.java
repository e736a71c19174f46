package io.syncbench.ui.internal.companies;

import org.eclipse.osgi.util.NLS;

/** The texts of the company Properties dialog and its system and entity editors. */
public final class Messages extends NLS {

	public static String Properties_shellTitle;
	public static String Properties_title;
	public static String Properties_message;
	public static String Properties_tabGeneral;
	public static String Properties_tabSystems;
	public static String Properties_tabEntities;
	public static String Properties_name;
	public static String Properties_automatic;
	public static String Properties_interval;
	public static String Properties_onStart;
	public static String Properties_onChange;
	public static String Properties_minimumGap;
	public static String Properties_parallel;
	public static String Properties_maxAttempts;
	public static String Properties_holdRunsOnConflict;
	public static String Properties_holdRunsOnConflictTip;
	public static String Properties_range;
	public static String Properties_completeUpdate;
	public static String Properties_completeUpdateNote;
	public static String Properties_systemName;
	public static String Properties_systemType;
	public static String Properties_systemRole;
	public static String Properties_systemEnabled;
	public static String Properties_entitySystem;
	public static String Properties_entityEntity;
	public static String Properties_entityDirection;
	public static String Properties_entityPrimary;
	public static String Properties_entityMappings;
	public static String Properties_add;
	public static String Properties_edit;
	public static String Properties_remove;
	public static String Properties_capture;
	public static String Capture_title;
	public static String Capture_reading;
	public static String Capture_installing;
	public static String Capture_question;
	public static String Capture_install;
	public static String Capture_none;
	public static String Capture_already;
	public static String Capture_installed;
	public static String Capture_failed;
	public static String Properties_roleDatabase;
	public static String Properties_roleOutside;
	public static String Properties_yes;
	public static String Properties_no;
	public static String Properties_noOutsideSystem;
	public static String Properties_saveFailed;
	public static String System_shellTitle;
	public static String System_titleNew;
	public static String System_titleEdit;
	public static String System_message;
	public static String System_name;
	public static String System_nameTaken;
	public static String System_noKind;
	public static String System_type;
	public static String System_role;
	public static String System_roleOutside;
	public static String System_roleDatabase;
	public static String System_settings;
	public static String System_settingsLine;
	public static String System_settingsTwice;
	public static String System_keys;
	public static String System_keyRequired;
	public static String System_secret;
	public static String System_secretHintNew;
	public static String System_secretHintKeep;
	public static String System_enabled;
	public static String System_test;
	public static String System_testTooltip;
	public static String System_testing;
	public static String System_details;
	public static String System_detailsTitle;
	public static String System_testJob;
	public static String System_reachable;
	public static String System_rejected;
	public static String System_unreachable;
	public static String Entity_shellTitle;
	public static String Entity_title;
	public static String Entity_message;
	public static String Entity_system;
	public static String Entity_entity;
	public static String Entity_badName;
	public static String Entity_noSystem;
	public static String Entity_direction;
	public static String Entity_both;
	public static String Entity_sendOnly;
	public static String Entity_downloadOnly;
	public static String Entity_primary;
	public static String Entity_primaryLocal;
	public static String Entity_primaryExternal;
	public static String Entity_mappings;
	public static String Entity_filter;
	public static String Entity_reading;
	public static String Entity_readJob;
	public static String Entity_checked;
	public static String Entity_notChecked;
	public static String Entity_noLocalField;
	public static String Entity_noSystemField;
	public static String Entity_noFilterField;
	public static String Entity_itsFields;
	public static String Entity_notOffered;
	public static String Entity_unreadable;
	public static String Properties_noConnector;
	public static String Properties_saving;
	public static String Delete_title;
	public static String Delete_question;
	public static String Delete_button;
	public static String Delete_failed;

	public static String Export_title;
	public static String Export_fileTitle;
	public static String Export_chooseCompany;
	public static String Export_replace;
	public static String Export_done;
	public static String Export_failed;
	public static String Import_title;
	public static String Import_fileTitle;
	public static String Import_refused;
	public static String Import_created;
	public static String Import_updated;
	public static String Import_secretsMissing;

	static {
		NLS.initializeMessages("io.syncbench.ui.internal.companies.messages", Messages.class); //$NON-NLS-1$
	}

	private Messages() {
	}
}
