package io.syncbench.connector.internal;

import org.eclipse.osgi.util.NLS;

/** What the connector API tells the operator about files a record names. */
public final class Messages extends NLS {

	public static String File_refused;
	public static String File_noFolder;
	public static String File_noSuchFolder;
	public static String File_controlCharacters;
	public static String File_absolute;
	public static String File_climbs;
	public static String File_missing;
	public static String File_outside;
	public static String File_protected;
	public static String File_notRegular;
	public static String File_tooLarge;
	public static String File_notImage;

	static {
		NLS.initializeMessages(Messages.class.getPackageName() + ".messages", Messages.class); //$NON-NLS-1$
	}

	private Messages() {
	}
}
