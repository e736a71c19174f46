package io.syncbench.ui.internal.companies;

/** Event topics the workbench posts when companies change; the data is the changed company. */
public final class CompanyEvents {

	public static final String TOPIC_BASE = "io/syncbench/ui/companies"; //$NON-NLS-1$
	public static final String CREATED = TOPIC_BASE + "/created"; //$NON-NLS-1$

	private CompanyEvents() {
	}
}
