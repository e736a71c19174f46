package io.syncbench.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.eclipse.osgi.util.NLS;

import io.syncbench.engine.internal.Messages;
import io.syncbench.store.StatusQuery;
import io.syncbench.store.SyncState;
import io.syncbench.store.SyncStatusService;

/**
 * What of a company's records needs its operator now: records that failed, records in conflict, which
 * wait for a decision, and records skipped after their last attempt. A company with none of them has
 * nothing for the operator to do; any one of them means a view must not show it as all well.
 */
public record CompanyAttention(long failed, long conflicts, long skipped) {

	public static final CompanyAttention NONE = new CompanyAttention(0, 0, 0);

	/** The states of the records that need the operator. */
	public static final Set<SyncState> STATES = Set.of(SyncState.FAILED, SyncState.SKIPPED, SyncState.CONFLICT);

	/** Counts the company's rows in the store, one count per state. */
	public static CompanyAttention of(SyncStatusService statuses, long companyId) {
		StatusQuery all = StatusQuery.all(companyId);
		return new CompanyAttention(statuses.count(all.withStates(Set.of(SyncState.FAILED))),
				statuses.count(all.withStates(Set.of(SyncState.CONFLICT))),
				statuses.count(all.withStates(Set.of(SyncState.SKIPPED))));
	}

	/** Whether anything needs the operator. */
	public boolean any() {
		return failed + conflicts + skipped > 0;
	}

	/** "2 failed, 1 conflict, 3 skipped", naming only what there is; empty when nothing needs the operator. */
	@Override
	public String toString() {
		List<String> parts = new ArrayList<>();
		if (failed > 0) {
			parts.add(NLS.bind(Messages.Attention_failed, failed));
		}
		if (conflicts > 0) {
			parts.add(NLS.bind(conflicts == 1 ? Messages.Attention_conflict : Messages.Attention_conflicts, conflicts));
		}
		if (skipped > 0) {
			parts.add(NLS.bind(Messages.Attention_skipped, skipped));
		}
		return String.join(", ", parts); //$NON-NLS-1$
	}
}
