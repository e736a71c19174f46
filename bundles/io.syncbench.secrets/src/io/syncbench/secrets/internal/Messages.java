package io.syncbench.secrets.internal;

import org.eclipse.osgi.util.NLS;

/** What the secret storage says when it cannot do its job. */
public final class Messages extends NLS {

	public static String Secrets_cannotOpen;
	public static String Secrets_cannotRead;
	public static String Secrets_cannotWrite;
	public static String Secrets_noStorage;
	public static String Secrets_wrongKey;

	static {
		NLS.initializeMessages(Messages.class.getPackageName() + ".messages", Messages.class); //$NON-NLS-1$
	}

	private Messages() {
	}
}
