package io.syncbench.health;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.osgi.util.NLS;

import io.syncbench.health.ServiceHealth.Condition;
import io.syncbench.health.internal.Messages;
import io.syncbench.store.ServiceStateService.ServiceState;
import io.syncbench.store.ServiceStateService.State;

/**
 * Turns the heartbeats in the store into the health of each sync service, and tells what changed since
 * the last check. A service is named by its host ({@code service@host}): a restart gets a new process
 * id, and only the latest process of a host counts. What a service is at the first check is its
 * baseline, shown but not announced, so that a workbench started long after a service stopped does not
 * call support again. Workbenches beat too (they synchronize while open) but are not watched here.
 */
public final class HealthWatch {

	/** The prefix of headless services' instance names; workbenches use {@code workbench@}. */
	public static final String SERVICE_PREFIX = "service@"; //$NON-NLS-1$

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault()); //$NON-NLS-1$

	private final Map<String, Condition> announced = new HashMap<>();
	/** When each service was first seen failing in its current stretch of failures. */
	private final Map<String, Instant> failingSince = new HashMap<>();

	/**
	 * @param services every watched service as it is now, by name
	 * @param changes  the services whose condition changed since the last check
	 */
	public record Check(List<ServiceHealth> services, List<ServiceHealth> changes) {

		public boolean healthy() {
			return services.stream().allMatch(service -> service.condition().healthy());
		}
	}

	public synchronized Check check(List<ServiceState> states, Instant now, HealthSettings settings) {
		List<ServiceHealth> services = new ArrayList<>();
		List<ServiceHealth> changes = new ArrayList<>();
		for (Map.Entry<String, ServiceState> latest : latestByService(states).entrySet()) {
			ServiceHealth health = healthOf(latest.getKey(), latest.getValue(), now, settings);
			services.add(health);
			Condition before = announced.put(health.service(), health.condition());
			if (before != null && before != health.condition()) {
				changes.add(health);
			}
		}
		return new Check(List.copyOf(services), List.copyOf(changes));
	}

	private static Map<String, ServiceState> latestByService(List<ServiceState> states) {
		Map<String, ServiceState> latest = new LinkedHashMap<>();
		states.stream().filter(state -> state.instance().startsWith(SERVICE_PREFIX))
				.sorted(Comparator.comparing(ServiceState::instance))
				.forEach(state -> latest.merge(serviceName(state.instance()), state,
						(a, b) -> b.startedAt().isAfter(a.startedAt()) ? b : a));
		return latest;
	}

	/** {@code service@host:4711} is the service {@code service@host}. */
	static String serviceName(String instance) {
		int pid = instance.lastIndexOf(':');
		return pid > 0 ? instance.substring(0, pid) : instance;
	}

	private ServiceHealth healthOf(String service, ServiceState state, Instant now, HealthSettings settings) {
		String instance = state.instance();
		if (state.state() == State.STOPPED) {
			failingSince.remove(service);
			return new ServiceHealth(service, instance, Condition.STOPPED,
					NLS.bind(Messages.Headline_stopped, service, time(state.heartbeatAt())),
					NLS.bind(Messages.Health_stopped, service, time(state.heartbeatAt())), state.heartbeatAt());
		}
		if (!state.isAlive(now, settings.silence())) {
			failingSince.remove(service);
			return new ServiceHealth(service, instance, Condition.SILENT,
					NLS.bind(Messages.Headline_silent, service, time(state.heartbeatAt())), NLS.bind(Messages.Health_silent,
					new Object[] { service, time(state.heartbeatAt()), minutes(Duration.between(state.heartbeatAt(), now)) }),
					state.heartbeatAt());
		}
		if (state.state() == State.FAILING) {
			Instant since = failingSince.computeIfAbsent(service, s -> now);
			if (!since.plus(settings.failingFor()).isAfter(now)) {
				return new ServiceHealth(service, instance, Condition.FAILING,
						NLS.bind(Messages.Headline_failing, service, time(since)), NLS.bind(Messages.Health_failing, new Object[] { service, time(since), state.message() }), since);
			}
			return new ServiceHealth(service, instance, Condition.RUNNING,
					NLS.bind(Messages.Headline_runningLastFailed, service), NLS.bind(Messages.Health_runningLastFailed, service, state.message()), state.startedAt());
		}
		failingSince.remove(service);
		String share = state.message();
		if (share != null && !share.isBlank()) { // services that share the store's companies say which they run
			int names = share.indexOf(':');
			return new ServiceHealth(service, instance, Condition.RUNNING,
					NLS.bind(Messages.Headline_runningShare, service, names > 0 ? share.substring(0, names) : share),
					NLS.bind(Messages.Health_runningShare, new Object[] { service, time(state.heartbeatAt()), share }),
					state.startedAt());
		}
		return new ServiceHealth(service, instance, Condition.RUNNING, NLS.bind(Messages.Headline_running, service),
				NLS.bind(Messages.Health_running, service, time(state.heartbeatAt())), state.startedAt());
	}

	private static String time(Instant instant) {
		return TIME.format(instant);
	}

	private static long minutes(Duration duration) {
		return Math.max(1, duration.toMinutes());
	}
}
