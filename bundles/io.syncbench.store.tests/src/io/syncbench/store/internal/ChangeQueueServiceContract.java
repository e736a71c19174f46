package io.syncbench.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.syncbench.store.ChangeQueueService;
import io.syncbench.store.QueuedChange;
import io.syncbench.store.StatusScope;
import io.syncbench.store.SyncStatusService.Side;

/** The change queue and its cursors on a real database. */
abstract class ChangeQueueServiceContract extends StoreContract {

	private static final StatusScope PRODUCTS = new StatusScope(1, "webstore", "product");
	private static final StatusScope ORDERS = new StatusScope(1, "webstore", "order");

	private ChangeQueueService queue() {
		return store.changeQueue();
	}

	private List<String> queued(ChangeQueueService queue, StatusScope scope, Side side) {
		return queue.next(scope, side, 0, 100).stream().map(QueuedChange::recordId).toList();
	}

	@Test
	void aRecordIsQueuedOnceHoweverOftenItChanges() {
		queue().enqueue(PRODUCTS, Side.LOCAL, List.of("A-1", "A-2", "A-1"), "c1");
		queue().enqueue(PRODUCTS, Side.LOCAL, List.of("A-1", "A-3"), "c2");
		queue().enqueue(PRODUCTS, Side.LOCAL, "A-2");

		assertEquals(List.of("A-1", "A-2", "A-3"), queued(queue(), PRODUCTS, Side.LOCAL));
		assertEquals(3, queue().size(PRODUCTS, Side.LOCAL));
		assertEquals(0, queue().size(PRODUCTS, Side.EXTERNAL));
	}

	@Test
	void theCursorMovesWithTheQueueAndPerScope() {
		assertEquals(Optional.empty(), queue().cursor(PRODUCTS, Side.LOCAL));

		queue().enqueue(PRODUCTS, Side.LOCAL, List.of("A-1"), "2026-11-22T10:00:00Z#17");
		queue().enqueue(ORDERS, Side.EXTERNAL, List.of("9001"), "page-3");
		queue().enqueue(PRODUCTS, Side.LOCAL, "A-9"); // a forced sync moves no cursor

		assertEquals(Optional.of("2026-11-22T10:00:00Z#17"), queue().cursor(PRODUCTS, Side.LOCAL));
		assertEquals(Optional.of("page-3"), queue().cursor(ORDERS, Side.EXTERNAL));
		assertEquals(Optional.empty(), queue().cursor(ORDERS, Side.LOCAL));
	}

	@Test
	void anEntryLeavesOnlyWhenRemovedSoARestartReplaysIt() {
		queue().enqueue(PRODUCTS, Side.EXTERNAL, List.of("311", "312"), "c1");
		QueuedChange first = queue().next(PRODUCTS, Side.EXTERNAL, 0, 1).get(0);

		store.close(); // a crash before the change was committed on the other side
		store = newStore();
		assertEquals(List.of("311", "312"), queued(queue(), PRODUCTS, Side.EXTERNAL));

		assertEquals("312", queue().next(PRODUCTS, Side.EXTERNAL, first.id(), 10).get(0).recordId(), "paging on");
		queue().remove(List.of(first.id()));
		assertEquals(List.of("312"), queued(queue(), PRODUCTS, Side.EXTERNAL));
		assertEquals(Optional.of("c1"), queue().cursor(PRODUCTS, Side.EXTERNAL));
	}

	@Test
	void twoProcessesQueueingTheSameRecordsLeaveOneEntryEach() {
		try (JpaStore otherProcess = newStore()) {
			queue().enqueue(PRODUCTS, Side.LOCAL, List.of("A-1", "A-2"), "c1");
			otherProcess.changeQueue().enqueue(PRODUCTS, Side.LOCAL, List.of("A-2", "A-1", "A-3"), "c2");

			assertEquals(List.of("A-1", "A-2", "A-3"), queued(otherProcess.changeQueue(), PRODUCTS, Side.LOCAL));
			assertTrue(queue().cursor(PRODUCTS, Side.LOCAL).orElseThrow().equals("c2"));
		}
	}

	@Test
	void aCompleteUpdatesProgressIsKeptPerScopeUntilItFinishes() {
		ChangeQueueService queue = queue();
		StatusScope other = new StatusScope(1, "branch", "product");
		assertTrue(queue.resendPosition(PRODUCTS).isEmpty());

		queue.resendProgress(PRODUCTS, "100");
		queue.resendProgress(PRODUCTS, "200");
		queue.resendProgress(other, "7");

		assertEquals("200", queue.resendPosition(PRODUCTS).orElseThrow());
		assertEquals("7", queue.resendPosition(other).orElseThrow());
		assertFalse(queue.resendFinished(PRODUCTS));
		queue.resendProgress(PRODUCTS, null);
		assertTrue(queue.resendPosition(PRODUCTS).isEmpty(), "finished");
		assertTrue(queue.resendFinished(PRODUCTS));
		assertEquals("7", queue.resendPosition(other).orElseThrow());
		queue.clearResends(PRODUCTS.companyId());
		assertFalse(queue.resendFinished(PRODUCTS));
		assertTrue(queue.resendPosition(other).isEmpty(), "the whole company's complete update is done");
	}
}
