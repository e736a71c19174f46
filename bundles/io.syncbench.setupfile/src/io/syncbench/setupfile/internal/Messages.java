package io.syncbench.setupfile.internal;

import org.eclipse.osgi.util.NLS;

public final class Messages extends NLS {

	public static String File_tooLarge;
	public static String File_notJson;
	public static String File_notObject;
	public static String File_unknownKey;
	public static String File_missing;
	public static String File_wrongType;
	public static String File_notSetupFile;
	public static String File_newerVersion;
	public static String File_badVersion;
	public static String File_unknownValue;
	public static String File_unknownSystemType;
	public static String File_secretInFile;
	public static String File_secretInSetting;
	public static String File_noCompany;
	public static String File_refused;

	static {
		NLS.initializeMessages("io.syncbench.setupfile.internal.messages", Messages.class); //$NON-NLS-1$
	}

	private Messages() {
	}
}
