package io.syncbench.connector.jdbc.internal;

import org.eclipse.osgi.util.NLS;

/** What the JDBC connector tells the operator. */
public final class Messages extends NLS {

	public static String Settings_unknown;
	public static String Key_url;
	public static String Key_user;
	public static String Key_entities;
	public static String Key_capture;
	public static String Key_changeLog;
	public static String Key_imageFolder;
	public static String Key_imageMaxMegabytes;
	public static String Key_table;
	public static String Key_key;
	public static String Key_uniqueKey;
	public static String Key_keyMatch;
	public static String Settings_missing;
	public static String Settings_identifier;
	public static String Settings_capture;
	public static String Settings_url;
	public static String Settings_megabytes;
	public static String Settings_keyMatch;
	public static String Schema_noTable;
	public static String Schema_noKey;
	public static String Schema_noEntity;
	public static String Connection_ok;
	public static String Connection_lost;
	public static String Connection_rejected;
	public static String Connection_unreachable;
	public static String Connection_failed;
	public static String Write_wrongType;
	public static String Write_refused;
	public static String Write_noKey;
	public static String Write_nul;
	public static String Write_tooLong;
	public static String Write_required;
	public static String Write_outOfRange;
	public static String Write_inexact;
	public static String Write_gone;

	static {
		NLS.initializeMessages(Messages.class.getPackageName() + ".messages", Messages.class); //$NON-NLS-1$
	}

	private Messages() {
	}
}
