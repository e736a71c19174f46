package io.syncbench.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.syncbench.store.RunHistoryService;
import io.syncbench.store.RunHistoryService.Action;
import io.syncbench.store.RunHistoryService.Outcome;
import io.syncbench.store.RunHistoryService.Run;

/** The run history on a real database. */
abstract class RunHistoryServiceContract extends StoreContract {

	private RunHistoryService history() {
		return store.runHistory();
	}

	@Test
	void aRunIsKeptWithItsOutcomeCountsAndActions() {
		long id = history().started(7, "SYNCHRONIZE", "automatic");
		history().recorded(id, List.of(new Action("product", "A-1", "sent", null),
				new Action("product", "A-2", "failed", "product A-2: price must be decimal")));
		history().recorded(id, List.of(new Action("order", "9001", "received", null)));
		clock.advance(Duration.ofSeconds(3));
		history().finished(id, Outcome.SUCCEEDED, "Synchronized: product: 1 sent, 1 failed; order: 1 received",
				Map.of("sent", 1, "failed", 1, "received", 1));

		Run run = history().recent(7, 10).get(0);
		assertEquals(Outcome.SUCCEEDED, run.outcome());
		assertEquals(Duration.ofSeconds(3), Duration.between(run.startedAt(), run.endedAt()));
		assertEquals(Map.of("sent", 1, "failed", 1, "received", 1), run.counts());
		// What needs the operator first, then the rest in the order it happened.
		assertEquals(List.of("A-2", "A-1", "9001"), history().actions(id, 0, 10).stream().map(Action::recordId).toList());
		assertEquals("product A-2: price must be decimal", history().actions(id, 0, 1).get(0).message());
		assertEquals("A-1", history().actions(id, 1, 1).get(0).recordId());
	}

	@Test
	void recentRunsComeNewestFirstPerCompany() {
		long first = history().started(7, "SEND", "manual");
		clock.advance(Duration.ofMinutes(1));
		long second = history().started(7, "DOWNLOAD", "automatic");
		history().started(8, "SEND", "manual");

		List<Run> recent = history().recent(7, 10);

		assertEquals(List.of(second, first), recent.stream().map(Run::id).toList());
		assertEquals(Outcome.RUNNING, recent.get(0).outcome(), "a run without an end is still running, or died");
		assertNull(recent.get(0).endedAt());
	}
}
