package io.syncbench.connector.jdbc;

/**
 * The settings of a connected system of the kind {@value #TYPE}: a database reached over JDBC, the
 * company's own (Apache Derby, PostgreSQL) or another one. The password is not a setting: it lives
 * in secure storage.
 */
public final class JdbcSystem {

	/** The connector's kind, as connected systems name it. */
	public static final String TYPE = "jdbc"; //$NON-NLS-1$

	/** The JDBC URL, for example {@code jdbc:derby:/data/erp} or {@code jdbc:postgresql://db/erp}; picks the driver. */
	public static final String URL = "url"; //$NON-NLS-1$

	/** The database user; empty for embedded Derby without authentication. */
	public static final String USER = "user"; //$NON-NLS-1$

	/**
	 * The entities to offer, comma-separated (default: those of the standard layout whose tables exist:
	 * product, customer, address, salesorder, salesorderline, stocklevel).
	 */
	public static final String ENTITIES = "entities"; //$NON-NLS-1$

	/**
	 * How changes are captured: {@value #CAPTURE_TRIGGERS} (the default: triggers SyncBench installs
	 * write the change log in the same transaction as the change) or {@value #CAPTURE_APPLICATION} (the
	 * application writes the change log itself, where triggers may not be installed).
	 */
	public static final String CAPTURE = "capture"; //$NON-NLS-1$
	public static final String CAPTURE_TRIGGERS = "triggers"; //$NON-NLS-1$
	public static final String CAPTURE_APPLICATION = "application"; //$NON-NLS-1$

	/** The change log table (default {@code SB_CHANGE_LOG}). */
	public static final String CHANGE_LOG = "changeLog"; //$NON-NLS-1$

	/**
	 * The folder from which records may name files to send, such as an item's {@code IMAGE}: a path is
	 * taken relative to it and must stay inside it. Empty (the default): no file is sent.
	 */
	public static final String IMAGE_FOLDER = "imageFolder"; //$NON-NLS-1$

	/** The largest file sent from the image folder, in MiB (default 20). */
	public static final String IMAGE_MAX_MEGABYTES = "imageMaxMegabytes"; //$NON-NLS-1$

	private JdbcSystem() {
	}

	/** The table of an entity: {@code entity.<name>.table}. */
	public static String table(String entity) {
		return "entity." + entity + ".table"; //$NON-NLS-1$ //$NON-NLS-2$
	}

	/** The primary key column of an entity's table (default {@code ID}): {@code entity.<name>.key}. */
	public static String key(String entity) {
		return "entity." + entity + ".key"; //$NON-NLS-1$ //$NON-NLS-2$
	}

	/**
	 * How the unique key's values compare: {@code exact}, {@code case-insensitive} or {@code normalized}
	 * (case and Unicode form); {@code entity.<name>.keyMatch}. Default: case-insensitive for the
	 * customer's email, exact otherwise.
	 */
	public static String keyMatch(String entity) {
		return "entity." + entity + ".keyMatch"; //$NON-NLS-1$ //$NON-NLS-2$
	}

	/** The column that identifies a record across systems (SKU, email): {@code entity.<name>.uniqueKey}. */
	public static String uniqueKey(String entity) {
		return "entity." + entity + ".uniqueKey"; //$NON-NLS-1$ //$NON-NLS-2$
	}
}
