package io.syncbench.ui.internal.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Stream;

import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.swt.custom.CLabel;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import io.syncbench.engine.testsupport.WebhookReceiver;
import io.syncbench.engine.testsupport.WebhookReceiver.Call;
import io.syncbench.health.HealthSettings;
import io.syncbench.secrets.SecretKeys;
import io.syncbench.secrets.SecretStore;
import io.syncbench.store.ServiceStateService.State;
import io.syncbench.store.Store;
import io.syncbench.ui.testsupport.ScreenshotOnFailure;
import io.syncbench.ui.testsupport.UiDriver;

/**
 * Service health in the real workbench: the operator sets support's webhook on the preference page
 * (a wrong URL refused at the field, a test notification sent to a real receiver on loopback), then a
 * headless service on the store stops, and the status line, a notification and the webhook say so.
 */
@ExtendWith(ScreenshotOnFailure.class)
class ServiceHealthTest {

	/** The monitor checks every 5 s; a change shows within two checks. */
	private static final Duration CHECKS = Duration.ofSeconds(30);

	private final UiDriver ui = UiDriver.forWorkbench();
	private ServiceTracker<Store, Store> storeTracker;
	private ServiceTracker<SecretStore, SecretStore> secretTracker;
	private Store store;
	private SecretStore secrets;
	private Shell window;
	private WebhookReceiver receiver;

	@BeforeEach
	void setUp() throws Exception {
		BundleContext context = FrameworkUtil.getBundle(getClass()).getBundleContext();
		storeTracker = new ServiceTracker<>(context, Store.class, null);
		secretTracker = new ServiceTracker<>(context, SecretStore.class, null);
		storeTracker.open();
		secretTracker.open();
		store = storeTracker.waitForService(30_000);
		secrets = secretTracker.waitForService(30_000);
		window = ui.shell("SyncBench");
		receiver = new WebhookReceiver();
	}

	@AfterEach
	void tearDown() {
		secrets.remove(SecretKeys.HEALTH_WEBHOOK);
		ui.onUi(() -> {
			for (Shell shell : ui.display().getShells()) {
				if (shell != window && !shell.isDisposed()) {
					shell.close();
				}
			}
		});
		receiver.close();
		storeTracker.close();
		secretTracker.close();
	}

	@Test
	void theOperatorSetsTheWebhookThenAStoppedServiceIsShownNotifiedAndReported() throws Exception {
		String webhook = receiver.url("/hooks/support-T0K3N").toString();
		ui.menu(window, "Window", "Preferences...");
		Shell preferences = ui.shell("Preferences");
		Text url = ui.byId(preferences, Text.class, "health.webhook");
		Button ok = ui.onUi(preferences::getDefaultButton);

		ui.type(url, "ftp://support.example.com/hook");
		Label problem = ui.byId(preferences, Label.class, "health.webhook.problem");
		assertEquals("The webhook \"ftp://support.example.com/hook\" must start with http:// or https://.", ui.text(problem));
		assertFalse(ui.isEnabled(ok), "OK stays disabled while a field is wrong");
		ui.screenshot(preferences, "preferences-health-rejected-webhook");

		ui.type(ui.byId(preferences, Text.class, "health.silence"), "5");
		assertTrue(ui.text(ui.byId(preferences, Label.class, "health.silence.problem")).startsWith("Enter a number of seconds from 20"));
		ui.type(ui.byId(preferences, Text.class, "health.silence"), "30");
		ui.type(url, webhook);
		assertEquals("", ui.text(problem));
		assertTrue(ui.isEnabled(ok));
		assertTrue(ui.onUi(() -> url.getEchoChar() != '\0'), "the webhook's token is masked as it is typed");
		ui.screenshot(preferences, "preferences-health-webhook-masked");
		Button show = ui.byId(preferences, Button.class, "health.webhook.show");
		ui.click(show);
		assertEquals('\0', (char) ui.onUi(url::getEchoChar), "Show reveals the webhook to be checked");
		ui.click(show);

		ui.click(ui.byId(preferences, Button.class, "health.test"));
		Call test = receiver.next(Duration.ofSeconds(20));
		assertTrue(test.body().contains("This is a test notification from workbench@"), test.body());
		Label outcome = ui.byId(preferences, Label.class, "health.test.outcome");
		ui.waitUntil("the test's outcome", () -> ui.text(outcome).contains("took the notification (HTTP 200)"));
		ui.screenshot(preferences, "preferences-health-test-sent");
		ui.click(ok);
		ui.waitUntilClosed(preferences);

		assertEquals(webhook, secrets.read(SecretKeys.HEALTH_WEBHOOK).map(String::new).orElse(null),
				"the webhook is kept in secure storage");
		assertEquals(30, InstanceScope.INSTANCE.getNode(HealthSettings.NODE).getInt(HealthSettings.SILENCE_SECONDS, 0));
		assertNoFileHolds("T0K3N", Path.of(Platform.getInstanceLocation().getURL().toURI()));

		// Restore Defaults fills the page with the defaults, and Cancel keeps what was saved.
		ui.menu(window, "Window", "Preferences...");
		Shell again = ui.shell("Preferences");
		assertEquals(webhook, ui.text(ui.byId(again, Text.class, "health.webhook")));
		ui.click(ui.button(again, "Restore Defaults"));
		assertEquals("", ui.text(ui.byId(again, Text.class, "health.webhook")));
		assertEquals(String.valueOf(HealthSettings.DEFAULT_SILENCE_SECONDS), ui.text(ui.byId(again, Text.class, "health.silence")));
		ui.screenshot(again, "preferences-health-defaults-restored");
		ui.click(ui.button(again, "Cancel"));
		ui.waitUntilClosed(again);
		assertEquals(webhook, secrets.read(SecretKeys.HEALTH_WEBHOOK).map(String::new).orElse(null),
				"Cancel after Restore Defaults keeps the saved webhook");

		// A headless service on this store reports, then stops.
		CLabel health = ui.byId(window, CLabel.class, "status.health");
		store.serviceState().beat("service@uitest:4711", State.RUNNING, null);
		ui.waitUntil("the status line to show the running service",
				() -> ui.text(health).contains("service@uitest: running"), CHECKS);
		ui.screenshot(window, "status-line-service-running");

		store.serviceState().beat("service@uitest:4711", State.STOPPED, "stopped");
		ui.waitUntil("the status line to show the stop", () -> ui.text(health).contains("service@uitest: stopped at"),
				CHECKS);
		assertTrue(ui.onUi(health::getToolTipText).contains("start the service again with ./start.sh --service"),
				"the tooltip says what to do");
		Label popupText = ui.waitFor("the notification", () -> label("Sync service service@uitest stopped at"), CHECKS);
		ui.screenshot(window, "notification-service-stopped");
		assertTrue(ui.text(popupText).contains("start the service again with ./start.sh --service"), ui.text(popupText));

		Call stopped = receiver.next(CHECKS);
		assertEquals("/hooks/support-T0K3N", stopped.path());
		assertTrue(stopped.body().contains("\"condition\":\"STOPPED\""), stopped.body());
		assertTrue(stopped.body().contains("\"service\":\"service@uitest\""), stopped.body());
		ui.waitUntil("the status line's tooltip to say support was told",
				() -> ui.onUi(() -> String.valueOf(health.getToolTipText())).contains("Support was told at"), CHECKS);

		// Started again beside a second service: each reports its share of the store's companies, in the
		// words a sharing service beats with.
		store.serviceState().beat("service@uitest:4711", State.RUNNING, "2 of 4 companies: Acme Ltd, Byron Books");
		store.serviceState().beat("service@second:4712", State.RUNNING, "2 of 4 companies: Corner Shop, Demo Company");
		ui.waitUntil("the status line to show each service's share",
				() -> ui.text(health).contains("service@uitest: running 2 of 4 companies")
						&& ui.text(health).contains("service@second: running 2 of 4 companies"), CHECKS);
		String tooltip = ui.onUi(health::getToolTipText);
		assertTrue(tooltip.contains("it runs 2 of 4 companies: Acme Ltd, Byron Books"), tooltip);
		assertTrue(tooltip.contains("it runs 2 of 4 companies: Corner Shop, Demo Company"), tooltip);
		ui.screenshot(window, "status-line-two-services-sharing");
	}

	/** A label with this text in any open window but the workbench's (a notification is a shell of its own). */
	private Optional<Label> label(String text) {
		return Arrays.stream(ui.display().getShells()).filter(shell -> shell != window && !shell.isDisposed())
				.flatMap(shell -> UiDriver.findNow(shell, Label.class, l -> l.getText().contains(text)).stream())
				.findFirst();
	}

	private static void assertNoFileHolds(String secret, Path folder) throws Exception {
		try (Stream<Path> files = Files.walk(folder)) {
			for (Path file : files.filter(Files::isRegularFile).filter(f -> f.toFile().length() < 50_000_000).toList()) {
				assertFalse(new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1).contains(secret),
						() -> file + " holds the webhook's token");
			}
		}
	}
}
