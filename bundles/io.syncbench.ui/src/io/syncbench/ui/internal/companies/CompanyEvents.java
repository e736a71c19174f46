package io.syncbench.ui.internal.companies;

/** Event topics the workbench posts when companies change; the data is the changed company. */
public final class CompanyEvents {

	public static final String TOPIC_BASE = "io/syncbench/ui/companies"; //$NON-NLS-1$
	public static final String CREATED = TOPIC_BASE + "/created"; //$NON-NLS-1$
	public static final String CHANGED = TOPIC_BASE + "/changed"; //$NON-NLS-1$
	public static final String DELETED = TOPIC_BASE + "/deleted"; //$NON-NLS-1$
	/** The operator chose a company in the Companies view; the other views follow. */
	public static final String SELECTED = TOPIC_BASE + "/selected"; //$NON-NLS-1$

	private CompanyEvents() {
	}
}
