package io.syncbench.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.syncbench.store.Company;
import io.syncbench.store.CompanySettings;
import io.syncbench.store.ServiceStateService.CompanyLease;
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

	private static final Duration LEASE = Duration.ofSeconds(30);

	private Set<Long> share(String instance) {
		store.serviceState().beat(instance, State.RUNNING, null);
		return store.serviceState().shareCompanies(instance, LEASE, SILENCE);
	}

	@Test
	void servicesShareTheCompaniesFairlyHandOverWhatIsAskedAndTakeOverWhatIsLeft() {
		for (int i = 1; i <= 5; i++) {
			store.companies().create(CompanySettings.withDefaults("Company " + i));
		}
		assertEquals(5, share("service@a:1").size(), "alone, a service runs every company");

		assertEquals(0, share("service@b:2").size(), "a newcomer asks first");
		assertEquals(2, store.serviceState().companyLeases().stream().filter(l -> "service@b:2".equals(l.requestedBy())).count(),
				"for its share: 5 companies by 2 services, rounded down");
		assertEquals(3, share("service@a:1").size(), "the holder hands over what was asked for");
		assertEquals(2, share("service@b:2").size());

		assertEquals(0, share("service@c:3").size());
		share("service@a:1");
		share("service@b:2");
		Set<Long> c = share("service@c:3");
		assertEquals(1, c.size(), "5 by 3: the newcomer asked the fullest service for one");
		Map<String, Long> held = held();
		assertEquals(Map.of("service@a:1", 2L, "service@b:2", 2L, "service@c:3", 1L), held);

		// a stops: it says so and gives its companies back; the others take them at their next heartbeat.
		store.serviceState().beat("service@a:1", State.STOPPED, "stopped");
		store.serviceState().giveBackCompanies("service@a:1");
		share("service@b:2");
		share("service@c:3");
		share("service@b:2");
		share("service@c:3");
		assertEquals(Map.of("service@b:2", 3L, "service@c:3", 2L), held());

		// b dies: it beats no more, and once its leases run out c takes every company.
		clock.advance(LEASE.plusSeconds(1));
		assertEquals(5, share("service@c:3").size());
		assertEquals(Map.of("service@c:3", 5L), held());
		assertTrue(store.serviceState().companyLeases().stream().allMatch(l -> l.requestedBy() == null));
	}

	@Test
	void servicesThatStartTogetherEachTakeTheirShareNotTheFirstEverything() {
		for (int i = 1; i <= 4; i++) {
			store.companies().create(CompanySettings.withDefaults("Company " + i));
		}
		store.serviceState().beat("service@a:1", State.RUNNING, null);
		store.serviceState().beat("service@b:2", State.RUNNING, null);

		assertEquals(2, store.serviceState().shareCompanies("service@a:1", LEASE, SILENCE).size());
		assertEquals(2, store.serviceState().shareCompanies("service@b:2", LEASE, SILENCE).size());
	}

	@Test
	void aWorkbenchOrAServiceThatNeverAsksIsGivenNothingAndADeletedCompanysLeaseGoes() {
		Company kept = store.companies().create(CompanySettings.withDefaults("Kept"));
		Company deleted = store.companies().create(CompanySettings.withDefaults("Deleted"));
		store.serviceState().beat("workbench@7", State.RUNNING, null);
		store.serviceState().beat("service@silent:9", State.RUNNING, null); // beats, never shares
		assertEquals(1, share("service@a:1").size(), "its share: 2 companies by 2 live services");
		clock.advance(LEASE.plusSeconds(1));
		store.serviceState().beat("service@silent:9", State.RUNNING, null);
		assertEquals(Set.of(kept.id(), deleted.id()), share("service@a:1"), "a company left free for a lease is taken");
		assertEquals(Set.of(kept.id(), deleted.id()), share("service@a:1"), "nobody asked: a keeps both");

		store.companies().delete(deleted.id());
		assertEquals(Set.of(kept.id()), share("service@a:1"));
		assertEquals(1, store.serviceState().companyLeases().size());
	}

	private Map<String, Long> held() {
		return store.serviceState().companyLeases().stream().filter(l -> l.heldAt(clock.instant()))
				.collect(Collectors.groupingBy(CompanyLease::owner, Collectors.counting()));
	}
}
