package io.syncbench.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.syncbench.health.ServiceHealth.Condition;
import io.syncbench.store.ServiceStateService.ServiceState;
import io.syncbench.store.ServiceStateService.State;

/** How heartbeats become a service's health, and which changes are announced. */
class HealthWatchTest {

	private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
	private static final HealthSettings SETTINGS = new HealthSettings(null, Duration.ofSeconds(60),
			Duration.ofSeconds(300), true);

	private final HealthWatch watch = new HealthWatch();

	private static ServiceState state(String instance, State state, String message, Instant beat) {
		return new ServiceState(instance, state, message, T0.minusSeconds(3600), beat);
	}

	@Test
	void theFirstCheckIsTheBaselineAndAnnouncesNothing() {
		HealthWatch.Check check = watch.check(List.of(state("service@shop:10", State.STOPPED, null, T0)),
				T0.plusSeconds(5), SETTINGS);

		assertEquals(Condition.STOPPED, check.services().get(0).condition());
		assertTrue(check.services().get(0).headline().startsWith("service@shop: stopped at "), check.services().get(0).headline());
		assertEquals("service@shop", check.services().get(0).service());
		assertTrue(check.changes().isEmpty(), "a service stopped before the workbench started is shown, not announced");
		assertFalse(check.healthy());
	}

	@Test
	void servicesThatShareTheStoreAreEachShownWithTheCompaniesTheyRun() {
		HealthWatch.Check check = watch.check(List.of(
				state("service@worker-a:10", State.RUNNING, "2 of 3 companies: Acme Ltd, Beta GmbH", T0),
				state("service@worker-b:11", State.RUNNING, "1 of 3 companies: Gamma SA", T0)), T0.plusSeconds(5), SETTINGS);

		assertEquals("service@worker-a: running 2 of 3 companies; service@worker-b: running 1 of 3 companies",
				HealthMonitor.headline(check));
		assertTrue(HealthMonitor.summary(check).contains("it runs 2 of 3 companies: Acme Ltd, Beta GmbH."),
				HealthMonitor.summary(check));
		assertTrue(check.healthy());
	}

	@Test
	void aServiceThatStopsBeatingIsSilentOnceTheSilenceIsLongerThanTheSetting() {
		watch.check(List.of(state("service@shop:10", State.RUNNING, null, T0)), T0.plusSeconds(5), SETTINGS);

		HealthWatch.Check soon = watch.check(List.of(state("service@shop:10", State.RUNNING, null, T0)),
				T0.plusSeconds(59), SETTINGS);
		HealthWatch.Check late = watch.check(List.of(state("service@shop:10", State.RUNNING, null, T0)),
				T0.plusSeconds(61), SETTINGS);

		assertTrue(soon.changes().isEmpty());
		assertEquals(Condition.SILENT, late.changes().get(0).condition());
		assertTrue(late.changes().get(0).message().contains("has not reported since"), late.changes().get(0).message());
	}

	@Test
	void failuresAreAnnouncedOnlyWhenTheyLastLongerThanTheSetting() {
		watch.check(List.of(state("service@shop:10", State.RUNNING, null, T0)), T0, SETTINGS);
		String reason = "Acme Ltd: the web store rejected the key.";

		HealthWatch.Check first = watch.check(List.of(state("service@shop:10", State.FAILING, reason, T0.plusSeconds(10))),
				T0.plusSeconds(10), SETTINGS);
		HealthWatch.Check still = watch.check(List.of(state("service@shop:10", State.FAILING, reason, T0.plusSeconds(300))),
				T0.plusSeconds(300), SETTINGS);
		HealthWatch.Check long_ = watch.check(List.of(state("service@shop:10", State.FAILING, reason, T0.plusSeconds(310))),
				T0.plusSeconds(310), SETTINGS);
		HealthWatch.Check healed = watch.check(List.of(state("service@shop:10", State.RUNNING, null, T0.plusSeconds(320))),
				T0.plusSeconds(320), SETTINGS);

		assertTrue(first.changes().isEmpty());
		assertTrue(first.services().get(0).message().contains("its last run failed: " + reason));
		assertTrue(still.changes().isEmpty());
		assertEquals(Condition.FAILING, long_.changes().get(0).condition());
		assertTrue(long_.changes().get(0).message().contains(reason), long_.changes().get(0).message());
		assertEquals(Condition.RUNNING, healed.changes().get(0).condition());
	}

	@Test
	void aRestartedProcessOfTheSameHostReplacesTheStoppedOne() {
		ServiceState stopped = new ServiceState("service@shop:10", State.STOPPED, null, T0.minusSeconds(600), T0);
		watch.check(List.of(stopped), T0.plusSeconds(1), SETTINGS);

		ServiceState restarted = new ServiceState("service@shop:11", State.RUNNING, null, T0.plusSeconds(30),
				T0.plusSeconds(30));
		HealthWatch.Check check = watch.check(List.of(restarted, stopped), T0.plusSeconds(31), SETTINGS);

		assertEquals(1, check.services().size());
		assertEquals("service@shop:11", check.services().get(0).instance());
		assertEquals(Condition.RUNNING, check.changes().get(0).condition());
		assertTrue(check.healthy());
	}

	@Test
	void workbenchesAreNotWatched() {
		HealthWatch.Check check = watch.check(List.of(state("workbench@4711", State.STOPPED, null, T0)), T0, SETTINGS);

		assertTrue(check.services().isEmpty());
		assertEquals(
				"No sync service has reported to this store: companies are synchronized while the workbench is open.",
				HealthMonitor.summary(check));
		assertEquals("No sync service on this store", HealthMonitor.headline(check));
	}
}
