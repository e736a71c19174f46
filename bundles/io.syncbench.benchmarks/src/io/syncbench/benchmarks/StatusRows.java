package io.syncbench.benchmarks;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.syncbench.connector.FieldValues;
import io.syncbench.engine.testsupport.CompanyDatabase;
import io.syncbench.store.StatusScope;
import io.syncbench.store.SyncOutcome;
import io.syncbench.store.SyncState;
import io.syncbench.store.SyncStatus;
import io.syncbench.store.SyncStatusService;
import io.syncbench.store.SyncStatusService.PageEnd;
import io.syncbench.store.SyncStatusService.PageIntent;
import io.syncbench.store.SyncStatusService.RecordEnd;
import io.syncbench.store.SyncStatusService.Side;

/**
 * The status rows of a complete update, alone: for each page of items that {@link RawCopy} reads, the
 * store calls a first complete update makes for them (look the page's statuses up, announce the page,
 * end it with each record's row made with its ids, stamps and synced values), with no web store,
 * mapping or history. What this costs is the part of SyncBench's figure that the raw copy does not pay
 * for at all, and that no pipelining removes on a machine whose cores are already busy.
 */
final class StatusRows {

	private static final String OWNER = "benchmark@localhost:1/status-rows";
	private static final Duration HOLD = Duration.ofMinutes(5);

	private StatusRows() {
	}

	/** Writes the rows of every item of {@code erp} in {@code scope}, as a first complete update does. */
	static void write(SyncStatusService statuses, StatusScope scope, CompanyDatabase erp)
			throws SQLException, IOException {
		statuses.holdWork(scope, OWNER, HOLD);
		RawCopy.read(erp, products -> {
			Map<String, SyncStatus> known = statuses.findAll(scope, Side.LOCAL, products.keySet());
			PageIntent intent = statuses.beginPage(scope, OWNER, HOLD, Map.of(), products.size() - known.size());
			List<RecordEnd> ends = new ArrayList<>();
			products.forEach((id, product) -> {
				SyncStatus status = known.get(id);
				FieldValues synced = values(product);
				// The web store's id and both stamps as long as the real ones: the stamps are hashes of values.
				ends.add(RecordEnd.succeeded(status == null ? 0 : status.id(), Side.LOCAL, id, new SyncOutcome(
						SyncState.SYNCHRONIZED, id, "7" + id, synced.hash(), synced.hash(), synced.text(), Map.of())));
			});
			statuses.finishPage(scope, OWNER, HOLD, new PageEnd(ends, List.of(intent), List.of(), null));
		});
		statuses.releaseWork(scope, OWNER);
	}

	/** The product's fields as the values a synchronization stores: its category by name. */
	private static FieldValues values(ObjectNode product) {
		Map<String, Object> values = new LinkedHashMap<>();
		product.properties().forEach(field -> values.put(field.getKey(), field.getValue().isArray()
				? field.getValue().path(0).path("name").asText()
				: field.getValue().asText()));
		return FieldValues.of(values);
	}
}
