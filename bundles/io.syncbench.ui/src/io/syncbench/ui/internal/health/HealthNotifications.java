package io.syncbench.ui.internal.health;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Preference;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.notifications.NotificationPopup;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.osgi.service.event.Event;

import io.syncbench.health.HealthMonitor;
import io.syncbench.health.HealthSettings;
import io.syncbench.health.ServiceHealth.Condition;
import io.syncbench.ui.internal.WidgetIds;
import jakarta.inject.Inject;

/**
 * An application add-on: when a sync service's health changes, a notification in the corner of the
 * screen says what happened and what to do (the status line keeps saying it after the popup is gone),
 * unless the operator turned popups off on the preference page.
 */
public class HealthNotifications {

	/** Long enough to read the message; bad news stays twice as long. */
	private static final long GOOD_NEWS_MILLIS = 8_000;
	private static final long BAD_NEWS_MILLIS = 16_000;
	private static final int MESSAGE_WIDTH = 360;

	@Inject
	@Preference(nodePath = HealthSettings.NODE)
	private IEclipsePreferences preferences;

	@Inject
	@Optional
	void changed(@UIEventTopic(HealthMonitor.CHANGED) Event event) {
		if (!preferences.getBoolean(HealthSettings.POPUPS, true)) {
			return;
		}
		boolean healthy = Condition.valueOf(String.valueOf(event.getProperty(HealthMonitor.CONDITION))).healthy();
		show(healthy ? Messages.Notification_well : Messages.Notification_unwell,
				String.valueOf(event.getProperty(HealthMonitor.MESSAGE)), healthy ? GOOD_NEWS_MILLIS : BAD_NEWS_MILLIS);
	}

	/** A popup in the corner of the screen with {@code title} and {@code text}, for {@code millis}. */
	static void show(String title, String text, long millis) {
		NotificationPopup.forDisplay(Display.getCurrent()).title(title, true).content(parent -> message(parent, text))
				.delay(millis).open();
	}

	/** A notification's text, wrapped to the popup's width. */
	private static Control message(Composite parent, String text) {
		Label message = WidgetIds.tag(new Label(parent, SWT.WRAP), "notification.message"); //$NON-NLS-1$
		message.setText(text);
		GridDataFactory.fillDefaults().grab(true, true).hint(MESSAGE_WIDTH, SWT.DEFAULT).applyTo(message);
		return message;
	}
}
