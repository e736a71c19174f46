package io.syncbench.ui.internal.debugger;

import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jface.wizard.Wizard;
import org.eclipse.osgi.util.NLS;

import io.syncbench.connector.ConnectorException;
import io.syncbench.engine.FieldReview;
import io.syncbench.engine.RecordResult.Action;
import io.syncbench.engine.RecordResult;
import io.syncbench.engine.RecordReview;
import io.syncbench.service.RecordActions;
import io.syncbench.store.StoreException;

/**
 * Resolve Error: a page per field needing a decision, the field that produced the error first, then a
 * summary. Finish writes the decisions to both sides and re-synchronizes the record; a refusal keeps
 * the wizard open with the reason. Cancel changes nothing: nothing is written before Finish.
 */
public final class ResolveErrorWizard extends Wizard {

	private final RecordReview review;
	private final RecordActions records;
	private final String systemName;
	private final List<FieldDecisionPage> fieldPages = new ArrayList<>();
	private SummaryPage summary;
	private RecordResult outcome;

	public ResolveErrorWizard(RecordReview review, RecordActions records) {
		this.review = review;
		this.records = records;
		this.systemName = review.status().scope().system();
		setWindowTitle(NLS.bind(Messages.Wizard_title, describe(review)));
		setNeedsProgressMonitor(true);
	}

	static String describe(RecordReview review) {
		String id = review.status().localId() != null ? review.status().localId() : review.status().externalId();
		return review.status().scope().entity() + " " + id; //$NON-NLS-1$
	}

	@Override
	public void addPages() {
		List<FieldReview> decisions = review.decisions();
		for (int i = 0; i < decisions.size(); i++) {
			FieldReview field = decisions.get(i);
			String error = field.field().equals(review.errorField()) ? review.status().errorMessage() : null;
			FieldDecisionPage page = new FieldDecisionPage(field, systemName, error, review.overwritten(), i + 1,
					decisions.size());
			fieldPages.add(page);
			addPage(page);
		}
		summary = new SummaryPage(fieldPages, systemName, describe(review));
		addPage(summary);
	}

	/** Finish is offered once every field page holds a sound value. */
	@Override
	public boolean canFinish() {
		return fieldPages.stream().allMatch(FieldDecisionPage::isPageComplete);
	}

	@Override
	public boolean performFinish() {
		Map<String, Object> decisions = new LinkedHashMap<>();
		fieldPages.forEach(page -> decisions.put(page.field().field(), page.value()));
		try {
			getContainer().run(true, false, monitor -> {
				monitor.beginTask(NLS.bind(Messages.Wizard_writing, describe(review)), 1);
				try {
					outcome = records.resolve(review.status(), decisions);
				} catch (ConnectorException | StoreException | IllegalStateException e) {
					throw new InvocationTargetException(e);
				} finally {
					monitor.done();
				}
			});
		} catch (InvocationTargetException e) {
			showOnSummary(NLS.bind(Messages.Wizard_failed, e.getCause().getMessage()));
			return false;
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return false;
		}
		if (outcome.action() == Action.RESOLVED) {
			return true;
		}
		showOnSummary(outcome.action() == Action.LOCKED ? NLS.bind(Messages.Wizard_locked, describe(review))
				: outcome.action() == Action.WAITING ? String.join(" ", outcome.warnings()) //$NON-NLS-1$
						: NLS.bind(Messages.Wizard_refused, outcome.status().errorMessage()));
		return false;
	}

	private void showOnSummary(String message) {
		getContainer().showPage(summary);
		summary.setErrorMessage(message);
	}

	/** What Finish did; null when the wizard was cancelled. */
	public RecordResult outcome() {
		return outcome;
	}
}
