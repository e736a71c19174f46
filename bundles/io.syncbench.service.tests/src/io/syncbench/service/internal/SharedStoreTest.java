package io.syncbench.service.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.syncbench.engine.testsupport.ConnectorServices;
import io.syncbench.engine.testsupport.Eventually;
import io.syncbench.engine.testsupport.MemoryConnector;
import io.syncbench.engine.testsupport.MemorySystem;
import io.syncbench.engine.testsupport.PostgresSchema;
import io.syncbench.engine.testsupport.ProductSetup;
import io.syncbench.service.SyncService;
import io.syncbench.store.Company;
import io.syncbench.store.CompanySettings;
import io.syncbench.store.CompanySetup;
import io.syncbench.store.ConnectedSystem;
import io.syncbench.store.ConnectedSystem.Role;
import io.syncbench.store.EntitySettings;
import io.syncbench.store.EntitySettings.Direction;
import io.syncbench.store.RunSettings;
import io.syncbench.store.Stores;
import io.syncbench.store.Stores.OwnedStore;
import io.syncbench.store.SyncStatusService.Side;

/**
 * Headless services on one PostgreSQL store, each with a store of its own (its own connections, as a
 * process of its own has): they share the companies, a newcomer gets its share, one that stops gives
 * its companies to the others, and every record reaches its web store once.
 */
class SharedStoreTest {

	private static final int COMPANIES = 4;
	private static final int ITEMS = 40;
	private static final Duration LEASE = Duration.ofSeconds(3);
	private static final Duration HEARTBEAT = Duration.ofMillis(300);

	private final List<AutoCloseable> toClose = new ArrayList<>();
	private final List<String> log = new CopyOnWriteArrayList<>();
	private final List<MemorySystem> erps = new ArrayList<>();
	private final List<MemorySystem> webs = new ArrayList<>();

	@AfterEach
	void closeAll() throws Exception {
		for (AutoCloseable closeable : toClose.reversed()) {
			closeable.close();
		}
	}

	/**
	 * The outside systems, the same for every service: one connector service, since the OSGi registry is
	 * one for the whole test (a second registration of the kind could answer for the first meanwhile).
	 */
	private ConnectorServices services;

	private SyncService service(PostgresSchema schema, String name) throws InterruptedException {
		OwnedStore store = Stores.postgres(schema.url(), schema.user(), null);
		toClose.add(store);
		if (services == null) {
			services = new ConnectorServices();
			toClose.add(services);
			for (int i = 0; i < COMPANIES; i++) {
				services.connector().put("erp-" + i, erps.get(i));
				services.connector().put("web-" + i, webs.get(i));
			}
		}
		SyncService service = new SyncService(store, services.registry(), (companyId, system) -> new char[0], null,
				"service@" + name + ":1", HEARTBEAT, line -> log.add(name + ": " + line)).shareCompanies(LEASE);
		toClose.add(service::stop);
		return service;
	}

	private static Company company(OwnedStore store, int i) {
		return store.syncSetup().saveSetup(new CompanySetup(new CompanySettings("Company " + i, 3600, true, true, false),
				RunSettings.defaults(),
				List.of(new ConnectedSystem(0, 0, "erp", MemoryConnector.TYPE, Role.COMPANY_DATABASE, Map.of("name", "erp-" + i), true),
						new ConnectedSystem(0, 0, "webstore", MemoryConnector.TYPE, Role.OUTSIDE_SYSTEM, Map.of("name", "web-" + i),
								true)),
				List.of(new EntitySettings("webstore", "product", Direction.BOTH, Side.LOCAL, Map.of(), Map.of()))));
	}

	@Test
	void twoServicesShareTheCompaniesAndTheOneLeftTakesOverWhenTheOtherStops() throws Exception {
		PostgresSchema schema = PostgresSchema.create("shared");
		toClose.add(schema);
		for (int i = 0; i < COMPANIES; i++) {
			MemorySystem erp = new MemorySystem("A-", ProductSetup.PRODUCT);
			for (int item = 1; item <= ITEMS; item++) {
				erp.put("A-" + item, Map.of("sku", "SKU-" + i + "-" + item, "name", "Item " + item));
			}
			erps.add(erp);
			webs.add(new MemorySystem("", ProductSetup.PRODUCT));
		}
		try (OwnedStore setup = Stores.postgres(schema.url(), schema.user(), null)) {
			for (int i = 0; i < COMPANIES; i++) {
				company(setup, i);
			}
		}
		SyncService first = service(schema, "first");
		first.start();
		assertEquals(0, first.share().size(), "a heartbeat to be seen before it takes its share");
		Eventually.waitUntil("alone, it runs every company", () -> first.share().size() == COMPANIES, log::toString);
		SyncService second = service(schema, "second");
		second.start();

		Eventually.waitUntil("two companies each", () -> first.share().size() == 2 && second.share().size() == 2,
				log::toString);
		Set<Long> both = new HashSet<>(first.share());
		both.addAll(second.share());
		assertEquals(COMPANIES, both.size(), "each company has one service");
		Eventually.waitUntil("every company synchronized", () -> webs.stream().allMatch(web -> web.liveRecords() == ITEMS),
				log::toString);
		assertTrue(log.contains("second: service@second:1 runs 2 of 4 companies: Company 2, Company 3."), log::toString);

		second.stop();
		Eventually.waitUntil("the first takes the second's companies", () -> first.share().size() == COMPANIES,
				log::toString);
		for (int i = 0; i < COMPANIES; i++) {
			erps.get(i).put("A-" + (ITEMS + 1), Map.of("sku", "SKU-" + i + "-new", "name", "New item"));
		}
		first.runNow(io.syncbench.engine.SyncMode.SYNCHRONIZE);
		Eventually.waitUntil("new items everywhere, by the one left", () -> webs.stream().allMatch(web -> web.liveRecords() == ITEMS + 1),
				log::toString);
		for (MemorySystem web : webs) {
			assertEquals(ITEMS + 1, web.liveRecords(), "each record created once");
		}
	}

	@Test
	void aServiceRestartedOnTheHostOfAKilledOneTakesItsCompaniesAtOnceNotWhenTheirLeaseRunsOut() throws Exception {
		PostgresSchema schema = PostgresSchema.create("shared");
		toClose.add(schema);
		erps.add(new MemorySystem("A-", ProductSetup.PRODUCT));
		webs.add(new MemorySystem("", ProductSetup.PRODUCT));
		erps.get(0).put("A-1", Map.of("sku", "SKU-1", "name", "Chair"));
		Process ended = new ProcessBuilder("true").start();
		ended.waitFor();
		String killed = "service@restarted:" + ended.pid(); // a process of this host that is gone
		try (OwnedStore setup = Stores.postgres(schema.url(), schema.user(), null)) {
			company(setup, 0);
			setup.serviceState().beat(killed, io.syncbench.store.ServiceStateService.State.RUNNING, null);
			assertEquals(1, setup.serviceState().shareCompanies(killed, Duration.ofMinutes(10), Duration.ofSeconds(30)).size());
		}
		OwnedStore store = Stores.postgres(schema.url(), schema.user(), null);
		toClose.add(store);
		services = new ConnectorServices();
		toClose.add(services);
		services.connector().put("erp-0", erps.get(0));
		services.connector().put("web-0", webs.get(0));
		SyncService restarted = new SyncService(store, services.registry(), (companyId, system) -> new char[0], null,
				"service@restarted:" + ProcessHandle.current().pid(), HEARTBEAT, log::add).shareCompanies(Duration.ofMinutes(10));
		toClose.add(restarted::stop);
		restarted.start();

		Eventually.waitUntil("the company synchronized long before the killed one's lease of 10 minutes ran out",
				() -> webs.get(0).liveRecords() == 1, log::toString);
		assertTrue(log.stream().anyMatch(line -> line.contains("that " + killed + " was synchronizing")), log::toString);
	}
}
