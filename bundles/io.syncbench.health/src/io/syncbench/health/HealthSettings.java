package io.syncbench.health;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Optional;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.osgi.util.NLS;

import io.syncbench.health.internal.Messages;
import io.syncbench.secrets.SecretKeys;
import io.syncbench.secrets.SecretStore;

/**
 * When a sync service counts as unwell, and whom to tell. The limits are preferences in the node
 * {@value #NODE}; the webhook lives in secure storage ({@link SecretKeys#HEALTH_WEBHOOK}), since such
 * URLs often carry a token. The preference page edits both; the monitor reads them at each check.
 *
 * @param webhook     where support is told of a change (an http or https URL), or null for nobody
 * @param silence     a service that has not reported for this long has died (crashed, killed, cut off)
 * @param failingFor  a service that reports failures for this long keeps failing
 * @param popups      whether the workbench shows a notification besides the status line
 */
public record HealthSettings(URI webhook, Duration silence, Duration failingFor, boolean popups) {

	public static final String NODE = "io.syncbench.health"; //$NON-NLS-1$
	public static final String SILENCE_SECONDS = "silenceSeconds"; //$NON-NLS-1$
	public static final String FAILING_SECONDS = "failingSeconds"; //$NON-NLS-1$
	public static final String POPUPS = "popups"; //$NON-NLS-1$

	public static final int DEFAULT_SILENCE_SECONDS = 60;
	public static final int DEFAULT_FAILING_SECONDS = 300;
	/** Shorter than two heartbeats of the service would report a live service as dead. */
	public static final int MIN_SILENCE_SECONDS = 20;
	public static final int MAX_SECONDS = 86_400;

	public static final HealthSettings DEFAULTS = new HealthSettings(null,
			Duration.ofSeconds(DEFAULT_SILENCE_SECONDS), Duration.ofSeconds(DEFAULT_FAILING_SECONDS), true);

	/** The settings in {@code preferences} and {@code secrets}; a value not valid there counts as its default. */
	public static HealthSettings read(IEclipsePreferences preferences, SecretStore secrets) {
		String url = secrets.read(SecretKeys.HEALTH_WEBHOOK).map(String::new).orElse(""); //$NON-NLS-1$
		URI webhook = webhookProblem(url).isEmpty() && !url.isBlank() ? URI.create(url.strip()) : null;
		int silence = preferences.getInt(SILENCE_SECONDS, DEFAULT_SILENCE_SECONDS);
		int failing = preferences.getInt(FAILING_SECONDS, DEFAULT_FAILING_SECONDS);
		return new HealthSettings(webhook,
				Duration.ofSeconds(secondsProblem(silence, MIN_SILENCE_SECONDS).isEmpty() ? silence : DEFAULT_SILENCE_SECONDS),
				Duration.ofSeconds(secondsProblem(failing, 1).isEmpty() ? failing : DEFAULT_FAILING_SECONDS),
				preferences.getBoolean(POPUPS, true));
	}

	/** Writes these settings to {@code preferences} (the caller flushes) and {@code secrets}. */
	public void write(IEclipsePreferences preferences, SecretStore secrets) {
		if (webhook == null) {
			secrets.remove(SecretKeys.HEALTH_WEBHOOK);
		} else {
			secrets.write(SecretKeys.HEALTH_WEBHOOK, webhook.toString().toCharArray());
		}
		preferences.putInt(SILENCE_SECONDS, (int) silence.toSeconds());
		preferences.putInt(FAILING_SECONDS, (int) failingFor.toSeconds());
		preferences.putBoolean(POPUPS, popups);
	}

	/** What is wrong with a webhook URL as typed, in the operator's words; empty means none is set. */
	public static Optional<String> webhookProblem(String typed) {
		String url = typed.strip();
		if (url.isEmpty()) {
			return Optional.empty();
		}
		try {
			URI uri = new URI(url);
			if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())) { //$NON-NLS-1$ //$NON-NLS-2$
				return Optional.of(NLS.bind(Messages.Settings_webhookScheme, url));
			}
			if (uri.getHost() == null || uri.getHost().isEmpty()) {
				return Optional.of(NLS.bind(Messages.Settings_webhookHost, url));
			}
			return Optional.empty();
		} catch (URISyntaxException e) {
			return Optional.of(NLS.bind(Messages.Settings_webhookSyntax, url, e.getReason()));
		}
	}

	/** What is wrong with a number of seconds, in the operator's words. */
	public static Optional<String> secondsProblem(int seconds, int minimum) {
		if (seconds < minimum || seconds > MAX_SECONDS) {
			return Optional.of(NLS.bind(Messages.Settings_secondsRange, minimum, MAX_SECONDS));
		}
		return Optional.empty();
	}
}
