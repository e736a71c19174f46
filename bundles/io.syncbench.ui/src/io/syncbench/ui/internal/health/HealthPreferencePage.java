package io.syncbench.ui.internal.health;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.preference.PreferencePage;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.osgi.service.prefs.BackingStoreException;

import io.syncbench.health.HealthSettings;
import io.syncbench.health.ServiceHealth;
import io.syncbench.health.ServiceHealth.Condition;
import io.syncbench.health.WebhookNotifier;
import io.syncbench.secrets.SecretStore;
import io.syncbench.secrets.SecretStoreException;
import io.syncbench.ui.internal.WidgetIds;
import io.syncbench.ui.internal.forms.FieldProblem;
import io.syncbench.ui.internal.forms.Forms;

/**
 * Preferences > Service Health: the webhook that tells support (in secure storage), how long a silent
 * service may stay silent and a failing one keep failing, and whether popups show. Every field is
 * checked as it is typed, with the message at the field; OK stays disabled while one is wrong. Send
 * Test Notification posts to the URL as typed, in a job, and says what the receiver answered.
 */
public class HealthPreferencePage extends PreferencePage {

	private final IEclipsePreferences preferences;
	private final SecretStore secrets;
	private final String reporter;

	private Text webhook;
	private Text silence;
	private Text failing;
	private Button popups;
	private FieldProblem webhookProblem;
	private FieldProblem silenceProblem;
	private FieldProblem failingProblem;
	private Label testOutcome;
	private Button test;

	/** @param reporter who sends the test, for example {@code workbench@4711} */
	public HealthPreferencePage(IEclipsePreferences preferences, SecretStore secrets, String reporter) {
		super(Messages.Page_title);
		this.preferences = preferences;
		this.secrets = secrets;
		this.reporter = reporter;
		setDescription(Messages.Page_description);
	}

	@Override
	protected Control createContents(Composite parent) {
		HealthSettings current = HealthSettings.read(preferences, secrets);
		Composite form = Forms.form(parent);

		Forms.label(form, Messages.Page_webhook);
		// Masked like a password, since such URLs carry a token; Show reveals it to be checked or edited.
		webhook = WidgetIds.tag(new Text(form, SWT.BORDER | SWT.PASSWORD), "health.webhook"); //$NON-NLS-1$
		GridDataFactory.fillDefaults().grab(true, false).span(Forms.COLUMNS - 2, 1).indent(8, 0).applyTo(webhook);
		webhook.setText(current.webhook() == null ? "" : current.webhook().toString()); //$NON-NLS-1$
		char mask = webhook.getEchoChar();
		Button show = WidgetIds.tag(new Button(form, SWT.CHECK), "health.webhook.show"); //$NON-NLS-1$
		show.setText(Messages.Page_webhookShow);
		show.addListener(SWT.Selection, event -> webhook.setEchoChar(show.getSelection() ? '\0' : mask));
		webhookProblem = new FieldProblem(webhook, form, Forms.COLUMNS, "health.webhook.problem"); //$NON-NLS-1$
		hint(form, "health.webhook.hint", Messages.Page_webhookHint); //$NON-NLS-1$

		Forms.label(form, Messages.Page_silence);
		silence = seconds(form, "health.silence", current.silence()); //$NON-NLS-1$
		silenceProblem = new FieldProblem(silence, form, Forms.COLUMNS, "health.silence.problem"); //$NON-NLS-1$
		hint(form, "health.silence.hint", //$NON-NLS-1$
				NLS.bind(Messages.Page_silenceHint, HealthSettings.MIN_SILENCE_SECONDS, HealthSettings.MAX_SECONDS));

		Forms.label(form, Messages.Page_failing);
		failing = seconds(form, "health.failing", current.failingFor()); //$NON-NLS-1$
		failingProblem = new FieldProblem(failing, form, Forms.COLUMNS, "health.failing.problem"); //$NON-NLS-1$
		hint(form, "health.failing.hint", NLS.bind(Messages.Page_failingHint, 1, HealthSettings.MAX_SECONDS)); //$NON-NLS-1$

		popups = Forms.checkBox(form, Messages.Page_popups, "health.popups", current.popups()); //$NON-NLS-1$

		test = WidgetIds.tag(new Button(form, SWT.PUSH), "health.test"); //$NON-NLS-1$
		test.setText(Messages.Page_test);
		test.setToolTipText(Messages.Page_testTooltip);
		test.addListener(SWT.Selection, event -> sendTest());
		testOutcome = WidgetIds.tag(new Label(form, SWT.WRAP), "health.test.outcome"); //$NON-NLS-1$
		GridDataFactory.fillDefaults().grab(true, false).span(Forms.COLUMNS - 1, 1).hint(360, SWT.DEFAULT)
				.applyTo(testOutcome);

		webhook.addModifyListener(event -> check());
		silence.addModifyListener(event -> check());
		failing.addModifyListener(event -> check());
		check();
		return form;
	}

	private static Text seconds(Composite form, String id, Duration value) {
		Text field = WidgetIds.tag(new Text(form, SWT.BORDER), id);
		GridDataFactory.swtDefaults().span(Forms.COLUMNS - 1, 1).indent(8, 0).hint(90, SWT.DEFAULT).applyTo(field);
		field.setText(String.valueOf(value.toSeconds()));
		return field;
	}

	private static void hint(Composite form, String id, String text) {
		Forms.hint(form, id, 420).setText(text);
	}

	/** Shows each field's problem at the field; the page (and OK) is valid only without any. */
	private void check() {
		Optional<String> url = HealthSettings.webhookProblem(webhook.getText());
		Optional<String> silent = secondsProblem(silence.getText(), HealthSettings.MIN_SILENCE_SECONDS);
		Optional<String> fail = secondsProblem(failing.getText(), 1);
		webhookProblem.show(url.orElse(null));
		silenceProblem.show(silent.orElse(null));
		failingProblem.show(fail.orElse(null));
		Optional<String> first = url.or(() -> silent).or(() -> fail);
		setErrorMessage(first.orElse(null));
		setValid(first.isEmpty());
		test.setEnabled(url.isEmpty());
	}

	private static Optional<String> secondsProblem(String typed, int minimum) {
		try {
			return HealthSettings.secondsProblem(Integer.parseInt(typed.strip()), minimum);
		} catch (NumberFormatException e) {
			return Optional.of(Messages.Page_notANumber);
		}
	}

	private HealthSettings typed() {
		String url = webhook.getText().strip();
		return new HealthSettings(url.isEmpty() ? null : URI.create(url),
				Duration.ofSeconds(Integer.parseInt(silence.getText().strip())),
				Duration.ofSeconds(Integer.parseInt(failing.getText().strip())), popups.getSelection());
	}

	private void sendTest() {
		HealthSettings settings = typed();
		if (settings.webhook() == null) {
			testOutcome.setText(Messages.Page_testNoWebhook);
			return;
		}
		testOutcome.setText(Messages.Page_testSending);
		test.setEnabled(false);
		String words = NLS.bind(Messages.Page_testMessage, reporter);
		ServiceHealth sample = new ServiceHealth("service@test", reporter, Condition.RUNNING, words, words, Instant.now()); //$NON-NLS-1$
		Job job = Job.create(Messages.Page_testJob, monitor -> {
			WebhookNotifier.Delivery delivery = new WebhookNotifier().send(settings.webhook(), sample, reporter,
					monitor::isCanceled);
			testOutcome.getDisplay().asyncExec(() -> {
				if (!testOutcome.isDisposed()) {
					testOutcome.setText(delivery.message());
					testOutcome.getParent().layout(true);
					test.setEnabled(true);
				}
			});
			return Status.OK_STATUS;
		});
		job.setUser(false);
		job.schedule();
	}

	/** Fills the fields with the defaults (no webhook); nothing is saved until Apply or OK. */
	@Override
	protected void performDefaults() {
		HealthSettings defaults = HealthSettings.DEFAULTS;
		webhook.setText(""); //$NON-NLS-1$
		silence.setText(String.valueOf(defaults.silence().toSeconds()));
		failing.setText(String.valueOf(defaults.failingFor().toSeconds()));
		popups.setSelection(defaults.popups());
		testOutcome.setText(""); //$NON-NLS-1$
		super.performDefaults();
	}

	@Override
	public boolean performOk() {
		try {
			typed().write(preferences, secrets);
			preferences.flush();
			return true;
		} catch (BackingStoreException | SecretStoreException e) {
			setErrorMessage(NLS.bind(Messages.Page_saveFailed, e.getMessage()));
			return false;
		}
	}
}
