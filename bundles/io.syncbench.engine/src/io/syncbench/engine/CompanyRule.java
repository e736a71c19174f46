package io.syncbench.engine;

import org.eclipse.core.runtime.jobs.ISchedulingRule;

/**
 * The scheduling rule of the Jobs that work on one company's records in this process: its runs and
 * the operator's forced syncs. The Jobs framework starts a second one only once the first has ended;
 * other companies' Jobs run beside them. (Between processes, the store's leases keep the order.)
 *
 * @param companyId the company
 */
public record CompanyRule(long companyId) implements ISchedulingRule {

	@Override
	public boolean contains(ISchedulingRule rule) {
		return equals(rule);
	}

	@Override
	public boolean isConflicting(ISchedulingRule rule) {
		return equals(rule);
	}
}
