package io.syncbench.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.syncbench.store.ServiceStateService.ServiceState;
import io.syncbench.store.ServiceStateService.State;

/** Service heartbeats on a real database. */
abstract class ServiceStateServiceContract extends StoreContract {

	private static final Duration SILENCE = Duration.ofSeconds(30);

	@Test
	void heartbeatsTellRunningStoppedAndDeadServicesApart() {
		store.serviceState().beat("service@a:1", State.RUNNING, null);
		store.serviceState().beat("service@b:2", State.RUNNING, null);
		clock.advance(Duration.ofSeconds(20));
		store.serviceState().beat("service@a:1", State.FAILING, "webstore does not answer");
		store.serviceState().beat("service@b:2", State.STOPPED, "stopped by the operator");

		List<ServiceState> states = store.serviceState().all();
		assertEquals(2, states.size());
		ServiceState a = states.stream().filter(s -> s.instance().equals("service@a:1")).findFirst().orElseThrow();
		assertEquals(State.FAILING, a.state());
		assertEquals("webstore does not answer", a.message());
		assertEquals(Duration.ofSeconds(20), Duration.between(a.startedAt(), a.heartbeatAt()));
		assertTrue(a.isAlive(clock.instant(), SILENCE));

		clock.advance(Duration.ofMinutes(1)); // a killed process beats no more
		assertFalse(a.isAlive(clock.instant(), SILENCE));
		assertFalse(states.stream().filter(s -> s.instance().equals("service@b:2")).findFirst().orElseThrow()
				.isAlive(clock.instant(), SILENCE));
	}
}
