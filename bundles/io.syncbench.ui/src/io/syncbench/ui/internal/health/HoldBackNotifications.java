package io.syncbench.ui.internal.health;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Preference;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.osgi.util.NLS;
import org.osgi.service.event.Event;

import io.syncbench.engine.HoldBack;
import io.syncbench.engine.SyncEvents;
import io.syncbench.health.HealthSettings;
import jakarta.inject.Inject;

/**
 * An application add-on: when a company's runs begin to be held back for a reason the operator must
 * act on (a system unreachable, a key refused, conflicts waiting, no systems yet), a notification says
 * so once, not at every scheduled run; its next run that starts ends the hold-back. A pause the
 * operator chose and a minimum gap between runs are not news. The progress view and the status line
 * keep saying it after the popup is gone.
 */
public class HoldBackNotifications {

	private static final long SHOWN_MILLIS = 16_000;
	private static final Set<String> NOT_NEWS = Set.of(HoldBack.Reason.PAUSED.name(), HoldBack.Reason.TOO_SOON.name());

	/** The reason each company's runs are held back for, as last told. */
	private final Map<String, String> told = new HashMap<>();

	@Inject
	@Preference(nodePath = HealthSettings.NODE)
	private IEclipsePreferences preferences;

	@Inject
	@Optional
	void heldBack(@UIEventTopic(SyncEvents.RUN_HELD_BACK) Event event) {
		String company = String.valueOf(event.getProperty(SyncEvents.COMPANY));
		String reason = String.valueOf(event.getProperty(SyncEvents.REASON));
		if (NOT_NEWS.contains(reason) || reason.equals(told.put(company, reason))
				|| !preferences.getBoolean(HealthSettings.POPUPS, true)) {
			return;
		}
		HealthNotifications.show(NLS.bind(Messages.Notification_heldBack, company),
				String.valueOf(event.getProperty(SyncEvents.MESSAGE)), SHOWN_MILLIS);
	}

	@Inject
	@Optional
	void started(@UIEventTopic(SyncEvents.RUN_STARTED) Event event) {
		told.remove(String.valueOf(event.getProperty(SyncEvents.COMPANY)));
	}
}
