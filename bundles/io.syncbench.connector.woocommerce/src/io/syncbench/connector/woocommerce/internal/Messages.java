package io.syncbench.connector.woocommerce.internal;

import org.eclipse.osgi.util.NLS;

/** What the web store connector tells the operator. */
public final class Messages extends NLS {

	public static String Settings_unknown;
	public static String Settings_notAnAddress;
	public static String Key_url;
	public static String Key_trustedCertificate;
	public static String Key_pageSize;
	public static String Key_batchLimit;
	public static String Key_timeoutSeconds;
	public static String Key_attempts;
	public static String Http_unreachable;
	public static String Http_errorPage;
	public static String Http_credentialsRejected;
	public static String Http_busy;
	public static String Http_malformed;
	public static String Http_badUrl;
	public static String Http_cancelled;
	public static String Http_reachable;
	public static String Http_untrusted;
	public static String Http_tooLarge;
	public static String Http_declaredSize;
	public static String Http_streamedSize;
	public static String Http_deadline;
	public static String Http_malformedFinal;
	public static String Http_redirect;
	public static String Http_notList;
	public static String Http_pages;
	public static String Http_restarts;
	public static String Http_listedMissing;
	public static String Settings_missing;
	public static String Settings_number;
	public static String Settings_plainHttp;
	public static String Settings_certificate;
	public static String Settings_noCertificate;
	public static String Record_refused;
	public static String Record_kind;
	public static String Record_gone;
	public static String Record_noImage;
	public static String Record_mismatch;
	public static String Record_answerCount;
	public static String Record_notFoundUnclear;

	static {
		NLS.initializeMessages(Messages.class.getPackageName() + ".messages", Messages.class); //$NON-NLS-1$
	}

	private Messages() {
	}
}
