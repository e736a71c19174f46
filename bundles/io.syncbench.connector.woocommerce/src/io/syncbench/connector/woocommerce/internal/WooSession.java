package io.syncbench.connector.woocommerce.internal;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.eclipse.osgi.util.NLS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.syncbench.connector.ChangePage;
import io.syncbench.connector.ConnectorException;
import io.syncbench.connector.ConnectorException.Kind;
import io.syncbench.connector.EntitySchema;
import io.syncbench.connector.FieldValues;
import io.syncbench.connector.Health;
import io.syncbench.connector.KeyMatch;
import io.syncbench.connector.MediaFile;
import io.syncbench.connector.RecordData;
import io.syncbench.connector.RecordWrite;
import io.syncbench.connector.SystemSession;
import io.syncbench.connector.WriteResult;
import io.syncbench.connector.woocommerce.internal.WooClient.Reply;
import io.syncbench.connector.woocommerce.internal.WooClient.UncertainException;

/**
 * A session with one WooCommerce store. Changes are read in closed time windows by
 * {@code modified_after} and {@code modified_before}, oldest first, page by page; a window overlaps the
 * previous one by a second and ends a little before now, so a record changed at a window's edge is
 * read (perhaps twice, which the engine recognizes by its stamp) and never missed. If the window's
 * total changes while it is paged through, it is read again from its first page. Writes go through the
 * batch endpoints, whose items fail on their own; a create whose answer was lost is looked up by its
 * unique key before it is sent again, so a retry never makes a duplicate. The store's list does not
 * show deletions: records deleted in the store are not reported.
 */
final class WooSession implements SystemSession {

	private static final DateTimeFormatter GMT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC); //$NON-NLS-1$
	private static final long OVERLAP_SECONDS = 1;
	private static final long SETTLE_SECONDS = 2;
	/** A window whose total changes on every read is read this many times, then the run stops. */
	private static final int MAX_WINDOW_RESTARTS = 5;

	private final WooClient client;
	private final int pageSize;
	private final int batchLimit;
	private final Clock clock;

	WooSession(WooClient client, int pageSize, int batchLimit, Clock clock) {
		this.client = client;
		this.pageSize = pageSize;
		this.batchLimit = batchLimit;
		this.clock = clock;
	}

	@Override
	public long retries() {
		return client.retries();
	}

	WooClient client() {
		return client;
	}

	@Override
	public Health check() {
		try {
			Reply reply = client.send("GET", "products", Map.of("per_page", "1"), null, true); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
			if (!reply.ok()) {
				return new Health(Health.State.UNREACHABLE, "HTTP " + reply.status() + ": " + WooClient.errorMessage(reply)); //$NON-NLS-1$ //$NON-NLS-2$
			}
			return Health.reachable(NLS.bind(Messages.Http_reachable, client.base()));
		} catch (ConnectorException e) {
			return new Health(e.kind() == Kind.CREDENTIALS_REJECTED ? Health.State.CREDENTIALS_REJECTED
					: Health.State.UNREACHABLE, e.getMessage());
		}
	}

	@Override
	public List<EntitySchema> schema() {
		List<EntitySchema> schemas = new ArrayList<>();
		for (WooEntity entity : WooEntity.values()) {
			schemas.add(entity.schema);
		}
		return schemas;
	}

	private static WooEntity entity(String name) throws ConnectorException {
		WooEntity entity = WooEntity.of(name);
		if (entity == null) {
			throw new ConnectorException(Kind.UNREACHABLE, null, "The web store has no entity " + name + ".", null); //$NON-NLS-1$ //$NON-NLS-2$
		}
		return entity;
	}

	/** Cursor: the next window's start in epoch seconds, or {@code start|end|page|total} inside a window. */
	@Override
	public ChangePage readChanges(String entityName, String cursor, int max) throws ConnectorException {
		WooEntity entity = entity(entityName);
		long start;
		long end;
		int page;
		long total;
		int restarts = 0;
		if (cursor == null || !cursor.contains("|")) { //$NON-NLS-1$
			start = cursor == null ? 0 : Long.parseLong(cursor);
			end = clock.instant().getEpochSecond() - SETTLE_SECONDS;
			if (end <= start) {
				return new ChangePage(List.of(), Long.toString(start), false);
			}
			page = 1;
			total = -1;
		} else {
			String[] parts = cursor.split("\\|"); //$NON-NLS-1$
			start = Long.parseLong(parts[0]);
			end = Long.parseLong(parts[1]);
			page = Integer.parseInt(parts[2]);
			total = Long.parseLong(parts[3]);
			restarts = parts.length > 4 ? Integer.parseInt(parts[4]) : 0;
		}
		Map<String, String> query = window(start, end);
		query.put("orderby", "modified"); //$NON-NLS-1$ //$NON-NLS-2$
		query.put("order", "asc"); //$NON-NLS-1$ //$NON-NLS-2$
		query.put("page", Integer.toString(page)); //$NON-NLS-1$
		query.put("per_page", Integer.toString(Math.min(max, pageSize))); //$NON-NLS-1$
		Reply reply = expectOk(client.send("GET", entity.resource, query, null, true), entity, null); //$NON-NLS-1$
		List<RecordData> records = flatten(entity, reply, "GET " + entity.resource); //$NON-NLS-1$
		long replyTotal = headerLong(reply, "X-WP-Total", records.size()); //$NON-NLS-1$
		long totalPages = headerLong(reply, "X-WP-TotalPages", 1); //$NON-NLS-1$
		String request = "GET " + entity.resource; //$NON-NLS-1$
		if (total >= 0 && replyTotal != total) { // records left the window while it was read: read it again
			if (restarts + 1 >= MAX_WINDOW_RESTARTS) {
				throw ConnectorException.unreachable(NLS.bind(Messages.Http_restarts,
						new Object[] { client.base(), entity.resource, MAX_WINDOW_RESTARTS }), null);
			}
			return new ChangePage(List.of(), start + "|" + end + "|1|-1|" + (restarts + 1), true); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		}
		int perPage = Math.min(max, pageSize);
		long declaredTotal = headerLong(reply, "X-WP-Total", -1); //$NON-NLS-1$
		// Counted in documents: a page of customers may hold no address at all.
		boolean emptyPage = reply.body().isEmpty();
		if (page < totalPages && (emptyPage || declaredTotal >= 0 && totalPages > (declaredTotal + perPage - 1) / perPage)) {
			// Pages that claim more than the total holds, or come empty before the last: paging that never ends.
			throw ConnectorException.unreachable(NLS.bind(Messages.Http_pages,
					new Object[] { client.base(), request, page, totalPages, replyTotal }), null);
		}
		confirmListed(entity, records);
		if (page < totalPages) {
			return new ChangePage(records, start + "|" + end + "|" + (page + 1) + "|" + replyTotal + "|" + restarts, true); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
		}
		return new ChangePage(records, Long.toString(end), false);
	}

	/** The query of the records changed from {@code start} (0: ever) until {@code end}, in epoch seconds. */
	private static Map<String, String> window(long start, long end) {
		Map<String, String> query = new LinkedHashMap<>();
		if (start > 0) {
			query.put("modified_after", GMT.format(Instant.ofEpochSecond(start - OVERLAP_SECONDS))); //$NON-NLS-1$
		}
		query.put("modified_before", GMT.format(Instant.ofEpochSecond(end))); //$NON-NLS-1$
		query.put("dates_are_gmt", "true"); //$NON-NLS-1$ //$NON-NLS-2$
		return query;
	}

	/**
	 * The store's count of the records changed in the window a read from {@code cursor} starts, from one
	 * request of a single record. Empty inside a window (after a run stopped in one) and for the addresses
	 * inside customers, which the store does not count.
	 */
	@Override
	public OptionalLong countChanges(String entityName, String cursor) throws ConnectorException {
		WooEntity entity = entity(entityName);
		if (entity.nested() || cursor != null && cursor.contains("|")) { //$NON-NLS-1$
			return OptionalLong.empty();
		}
		long start = cursor == null ? 0 : Long.parseLong(cursor);
		long end = clock.instant().getEpochSecond() - SETTLE_SECONDS;
		if (end <= start) {
			return OptionalLong.of(0);
		}
		Map<String, String> query = window(start, end);
		query.put("per_page", "1"); //$NON-NLS-1$ //$NON-NLS-2$
		Reply reply = expectOk(client.send("GET", entity.resource, query, null, true), entity, null); //$NON-NLS-1$
		long total = headerLong(reply, "X-WP-Total", -1); //$NON-NLS-1$
		return total < 0 ? OptionalLong.empty() : OptionalLong.of(total);
	}

	/**
	 * The records a change page lists must be there when asked for by id, in one request for the page: a
	 * store whose list names ids it then does not know (a list rewritten on its way) would have the engine
	 * chase records that do not exist and never read the real ones. The run stops before the page counts.
	 */
	private void confirmListed(WooEntity entity, List<RecordData> records) throws ConnectorException {
		if (entity.nested() || records.isEmpty()) {
			return;
		}
		List<String> ids = records.stream().map(RecordData::id).distinct().toList();
		Map<String, RecordData> found = readEach(entity.name, ids);
		List<String> missing = ids.stream().filter(id -> !found.containsKey(id)).toList();
		if (!missing.isEmpty()) {
			throw ConnectorException.unreachable(NLS.bind(Messages.Http_listedMissing,
					new Object[] { client.base(), ids.size(), entity.resource, missing.size() }), null);
		}
	}

	/** Every record by id, a page at a time; the cursor is the next page's number. */
	@Override
	public ChangePage readAll(String entityName, String cursor, int max) throws ConnectorException {
		WooEntity entity = entity(entityName);
		int page = cursor == null ? 1 : Integer.parseInt(cursor);
		Reply reply = expectOk(client.send("GET", entity.resource, Map.of("orderby", "id", "order", "asc", "page", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$
				Integer.toString(page), "per_page", Integer.toString(Math.min(max, pageSize))), null, true), entity, null); //$NON-NLS-1$
		long totalPages = headerLong(reply, "X-WP-TotalPages", 1); //$NON-NLS-1$
		List<RecordData> records = flatten(entity, reply, "GET " + entity.resource); //$NON-NLS-1$
		if (reply.body().isEmpty() && page < totalPages) { // counted in documents, as a page of customers may hold no address
			throw ConnectorException.unreachable(NLS.bind(Messages.Http_pages, new Object[] { client.base(),
					"GET " + entity.resource, page, totalPages, headerLong(reply, "X-WP-Total", -1) }), null); //$NON-NLS-1$ //$NON-NLS-2$
		}
		return new ChangePage(records, Integer.toString(page + 1), page < totalPages);
	}

	@Override
	public Optional<RecordData> read(String entityName, String id) throws ConnectorException {
		WooEntity entity = entity(entityName);
		String documentId = entity.nested() ? id.substring(0, Math.max(0, id.indexOf('-'))) : id;
		if (!documentId.matches("\\d{1,18}")) { //$NON-NLS-1$
			return Optional.empty();
		}
		Reply reply = client.send("GET", entity.resource + "/" + documentId, Map.of(), null, true); //$NON-NLS-1$ //$NON-NLS-2$
		if (reply.status() == 404) {
			if (saysInvalidId(reply.body())) {
				return Optional.empty();
			}
			throw ConnectorException.recordRejected(null, NLS.bind(Messages.Record_notFoundUnclear,
					new Object[] { entity.name, id, WooClient.errorMessage(reply) }));
		}
		expectOk(reply, entity, id);
		JsonNode document = reply.body();
		if (document == null || !document.isObject() || !document.path("id").asText().equals(documentId)) { //$NON-NLS-1$
			throw ConnectorException.unreachable(NLS.bind(Messages.Http_notList, new Object[] { client.base(),
					"GET " + entity.resource + "/" + documentId, "something other than that record" }), null); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		}
		if ("trash".equals(document.path("status").asText())) { //$NON-NLS-1$ //$NON-NLS-2$
			return Optional.empty(); // in the store's trash: deleted, as far as its list and its shoppers go
		}
		return entity.records(document).stream().filter(r -> r.id().equals(id)).findFirst();
	}

	/** WooCommerce's own word that an id does not exist: {@code woocommerce_rest_<thing>_invalid_id}. */
	private static boolean saysInvalidId(JsonNode error) {
		String code = error == null ? "" : error.path("code").asText(); //$NON-NLS-1$ //$NON-NLS-2$
		return code.startsWith("woocommerce_rest_") && code.endsWith("invalid_id"); //$NON-NLS-1$ //$NON-NLS-2$
	}

	@Override
	public List<RecordData> findByKey(String entityName, String value) throws ConnectorException {
		return findByKey(entityName, value, KeyMatch.EXACT);
	}

	/** The store's own lookup, which compares as its keys do; its answer kept where the looser rule matches. */
	@Override
	public List<RecordData> findByKey(String entityName, String value, KeyMatch match) throws ConnectorException {
		WooEntity entity = entity(entityName);
		String parameter = switch (entity) {
			case PRODUCT -> "sku"; //$NON-NLS-1$
			case CUSTOMER -> "email"; //$NON-NLS-1$
			case SALES_ORDER -> "search"; //$NON-NLS-1$
			default -> null;
		};
		if (parameter == null) {
			return List.of();
		}
		Reply reply = expectOk(client.send("GET", entity.resource, Map.of(parameter, value), null, true), entity, null); //$NON-NLS-1$
		String keyField = entity.schema.uniqueKey();
		KeyMatch rule = match.looser(entity.schema.keyMatch());
		return flatten(entity, reply, "GET " + entity.resource).stream() //$NON-NLS-1$
				.filter(r -> rule.fold(value).equals(rule.fold(String.valueOf(r.fields().get(keyField))))).toList();
	}

	/** A page is one batch request. */
	@Override
	public int pageSize() {
		return batchLimit;
	}

	/** Products, customers and orders by id, a page at a time through the list's {@code include}. */
	@Override
	public Map<String, RecordData> readEach(String entityName, Collection<String> ids) throws ConnectorException {
		WooEntity entity = entity(entityName);
		List<String> numeric = ids.stream().filter(id -> id.matches("\\d{1,18}")).distinct().toList(); //$NON-NLS-1$
		if (entity.nested() || ids.size() <= 1) {
			return SystemSession.super.readEach(entityName, ids);
		}
		Map<String, RecordData> found = new LinkedHashMap<>();
		for (int from = 0; from < numeric.size(); from += pageSize) {
			List<String> slice = numeric.subList(from, Math.min(numeric.size(), from + pageSize));
			Reply reply = expectOk(client.send("GET", entity.resource, Map.of("include", String.join(",", slice), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
					"per_page", Integer.toString(slice.size())), null, true), entity, null); //$NON-NLS-1$
			for (RecordData record : flatten(entity, reply, "GET " + entity.resource)) { //$NON-NLS-1$
				found.put(record.id(), record);
			}
		}
		return found;
	}

	/** As the store compares its keys at least as loosely as most systems, the page's lookup serves. */
	@Override
	public Map<String, List<RecordData>> findByKeys(String entityName, Collection<String> values, KeyMatch match)
			throws ConnectorException {
		WooEntity entity = entity(entityName);
		if (match.looser(entity.schema.keyMatch()) == entity.schema.keyMatch()) {
			return findByKeys(entityName, values);
		}
		return SystemSession.super.findByKeys(entityName, values, match);
	}

	/**
	 * Products by a page of SKUs in one request (the list's {@code sku} takes several, separated by
	 * commas); a SKU with a comma in it, and the other entities, are looked up one at a time.
	 */
	@Override
	public Map<String, List<RecordData>> findByKeys(String entityName, Collection<String> values) throws ConnectorException {
		WooEntity entity = entity(entityName);
		if (entity != WooEntity.PRODUCT || values.size() <= 1) {
			return SystemSession.super.findByKeys(entityName, values);
		}
		List<String> listable = values.stream().filter(v -> !v.contains(",") && !v.isBlank()).distinct().toList(); //$NON-NLS-1$
		Map<String, List<RecordData>> found = new LinkedHashMap<>();
		for (int from = 0; from < listable.size(); from += pageSize) {
			List<String> slice = listable.subList(from, Math.min(listable.size(), from + pageSize));
			Reply reply = expectOk(client.send("GET", entity.resource, Map.of("sku", String.join(",", slice), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
					"per_page", Integer.toString(pageSize)), null, true), entity, null); //$NON-NLS-1$
			List<RecordData> records = flatten(entity, reply, "GET " + entity.resource); //$NON-NLS-1$
			if (records.size() >= pageSize) { // a SKU found on several products may have pushed others off the page
				found.putAll(SystemSession.super.findByKeys(entityName, slice));
				continue;
			}
			for (String value : slice) {
				KeyMatch rule = entity.schema.keyMatch();
				found.put(value, records.stream().filter(r -> rule.fold(value)
						.equals(rule.fold(String.valueOf(r.fields().get(entity.schema.uniqueKey()))))).toList());
			}
		}
		for (String value : values) {
			if (!found.containsKey(value)) {
				found.put(value, findByKey(entityName, value));
			}
		}
		return found;
	}

	/**
	 * Products, customers and orders go to the batch endpoint up to the batch limit at a time; each item
	 * succeeds or fails on its own. A batch with creates is never sent again blindly: when its answer is
	 * lost, its creates are looked up by their unique keys, and only those not there are sent again.
	 */
	@Override
	public List<WriteResult> writeAll(String entityName, List<RecordWrite> writes) throws ConnectorException {
		WooEntity entity = entity(entityName);
		if (entity.nested() || writes.size() <= 1) {
			return SystemSession.super.writeAll(entityName, writes);
		}
		List<WriteResult> results = new ArrayList<>(writes.size());
		for (int from = 0; from < writes.size(); from += batchLimit) {
			results.addAll(writeBatch(entity, writes.subList(from, Math.min(writes.size(), from + batchLimit))));
		}
		return results;
	}

	private List<WriteResult> writeBatch(WooEntity entity, List<RecordWrite> writes) throws ConnectorException {
		WriteResult[] results = new WriteResult[writes.size()];
		Map<Integer, ObjectNode> documents = new LinkedHashMap<>();
		for (int i = 0; i < writes.size(); i++) {
			RecordWrite write = writes.get(i);
			try {
				ObjectNode document = entity.document(write.fields());
				attachImage(entity, document, write.fields(), write.id());
				if (!write.creates()) {
					document.put("id", Long.parseLong(write.id())); //$NON-NLS-1$
				}
				documents.put(i, document);
			} catch (ConnectorException e) {
				if (e.kind() != Kind.RECORD_REJECTED) {
					throw e;
				}
				results[i] = WriteResult.refused(e);
			} catch (NumberFormatException e) {
				results[i] = WriteResult.refused(ConnectorException.recordRejected(null,
						NLS.bind(Messages.Record_refused, new Object[] { entity.name, write.id(), e.getMessage() })));
			}
		}
		for (int attempt = 1; !documents.isEmpty(); attempt++) {
			ObjectNode batch = JsonNodeFactory.instance.objectNode();
			List<Integer> creates = new ArrayList<>();
			List<Integer> updates = new ArrayList<>();
			documents.forEach((i, document) -> {
				boolean create = writes.get(i).creates();
				batch.withArray(create ? "create" : "update").add(document); //$NON-NLS-1$ //$NON-NLS-2$
				(create ? creates : updates).add(i);
			});
			Reply reply;
			try {
				reply = client.send("POST", entity.resource + "/batch", Map.of(), batch, creates.isEmpty()); //$NON-NLS-1$ //$NON-NLS-2$
			} catch (UncertainException e) {
				if (attempt >= client.attempts()) {
					throw ConnectorException.unreachable(e.getMessage(), e.getCause());
				}
				client.backOff(attempt);
				foundAlready(entity, writes, creates, results, documents);
				continue;
			}
			if (!reply.ok()) { // the store refused the request as a whole: each record gets its own answer
				return oneByOne(entity, writes, results);
			}
			JsonNode body = reply.body() == null ? JsonNodeFactory.instance.objectNode() : reply.body();
			answers(entity, body.path("create"), creates, writes, documents, results); //$NON-NLS-1$
			answers(entity, body.path("update"), updates, writes, documents, results); //$NON-NLS-1$
			break;
		}
		return List.of(results);
	}

	/**
	 * After a batch whose answer was lost, the creates the store made anyway are found by their unique
	 * keys, in one lookup, and taken out of the batch sent again.
	 */
	private void foundAlready(WooEntity entity, List<RecordWrite> writes, List<Integer> creates, WriteResult[] results,
			Map<Integer, ObjectNode> documents) throws ConnectorException {
		String keyField = entity.schema.uniqueKey();
		Map<Integer, String> keys = new LinkedHashMap<>();
		for (int i : creates) {
			Object key = keyField == null ? null : writes.get(i).fields().get(keyField);
			if (key != null && !key.toString().isBlank()) {
				keys.put(i, key.toString());
			}
		}
		if (keys.isEmpty()) {
			return;
		}
		Map<String, List<RecordData>> found = findByKeys(entity.name, keys.values());
		keys.forEach((i, key) -> {
			List<RecordData> made = found.getOrDefault(key, List.of());
			if (made.size() == 1) {
				results[i] = WriteResult.written(made.get(0));
				documents.remove(i);
			}
		});
	}

	/**
	 * Each write's answer, checked against what was sent: a list of another length, or an item for
	 * another record, fails those writes, so no record is linked to the wrong partner.
	 */
	private static void answers(WooEntity entity, JsonNode items, List<Integer> positions, List<RecordWrite> writes,
			Map<Integer, ObjectNode> documents, WriteResult[] results) {
		boolean counted = items.isArray() && items.size() == positions.size();
		for (int k = 0; k < positions.size(); k++) {
			int i = positions.get(k);
			String id = writes.get(i).id();
			if (!counted) {
				results[i] = WriteResult.refused(ConnectorException.recordRejected(null, NLS.bind(Messages.Record_answerCount,
						new Object[] { entity.name, id == null ? "(new)" : id, items.isArray() ? items.size() : 0, //$NON-NLS-1$
								positions.size() })));
				continue;
			}
			JsonNode item = items.get(k);
			if (item.has("error")) { //$NON-NLS-1$
				results[i] = WriteResult.refused(refused(entity, id, item.get("error"))); //$NON-NLS-1$
				continue;
			}
			try {
				results[i] = WriteResult.written(matching(entity, id, documents.get(i), item));
			} catch (ConnectorException e) {
				results[i] = WriteResult.refused(e);
			}
		}
	}

	/** The writes not answered yet, each alone, after the store refused their batch as a whole. */
	private List<WriteResult> oneByOne(WooEntity entity, List<RecordWrite> writes, WriteResult[] results)
			throws ConnectorException {
		for (int i = 0; i < writes.size(); i++) {
			if (results[i] != null) {
				continue;
			}
			RecordWrite write = writes.get(i);
			try {
				results[i] = WriteResult.written(write.creates() ? create(entity.name, write.fields())
						: update(entity.name, write.id(), write.fields()));
			} catch (ConnectorException e) {
				if (e.kind() != Kind.RECORD_REJECTED) {
					throw e;
				}
				results[i] = WriteResult.refused(e);
			}
		}
		return List.of(results);
	}

	@Override
	public RecordData create(String entityName, FieldValues fields) throws ConnectorException {
		WooEntity entity = entity(entityName);
		return switch (entity) {
			case ADDRESS -> writeAddress(entity, fields, null);
			case SALES_ORDER_LINE -> writeLine(entity, fields, null);
			default -> createDocument(entity, fields);
		};
	}

	@Override
	public RecordData update(String entityName, String id, FieldValues fields) throws ConnectorException {
		WooEntity entity = entity(entityName);
		return switch (entity) {
			case ADDRESS -> writeAddress(entity, fields, id);
			case SALES_ORDER_LINE -> writeLine(entity, fields, id);
			default -> {
				ObjectNode document = entity.document(fields);
				attachImage(entity, document, fields, id);
				document.put("id", Long.parseLong(id)); //$NON-NLS-1$
				yield batchItem(entity, "update", document, id); //$NON-NLS-1$
			}
		};
	}

	@Override
	public void delete(String entityName, String id) throws ConnectorException {
		WooEntity entity = entity(entityName);
		switch (entity) {
			case ADDRESS -> {
				int dash = id.indexOf('-');
				ObjectNode customer = JsonNodeFactory.instance.objectNode();
				ObjectNode empty = customer.putObject(id.substring(dash + 1));
				for (String field : List.of("address_1", "city", "postcode", "country")) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
					empty.put(field, ""); //$NON-NLS-1$
				}
				Reply reply = client.send("PUT", "customers/" + id.substring(0, dash), Map.of(), customer, true); //$NON-NLS-1$ //$NON-NLS-2$
				if (reply.status() != 404) {
					expectOk(reply, entity, id);
				}
			}
			case SALES_ORDER_LINE -> {
				int dash = id.indexOf('-');
				ObjectNode order = JsonNodeFactory.instance.objectNode();
				order.putArray("line_items").addObject().put("id", Long.parseLong(id.substring(dash + 1))).put("quantity", 0); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				Reply reply = client.send("PUT", "orders/" + id.substring(0, dash), Map.of(), order, true); //$NON-NLS-1$ //$NON-NLS-2$
				if (reply.status() != 404) {
					expectOk(reply, entity, id);
				}
			}
			default -> {
				ObjectNode batch = JsonNodeFactory.instance.objectNode();
				batch.putArray("delete").add(Long.parseLong(id)); //$NON-NLS-1$
				Reply reply = expectOk(client.send("POST", entity.resource + "/batch", Map.of(), batch, true), entity, id); //$NON-NLS-1$ //$NON-NLS-2$
				JsonNode item = reply.body().path("delete").path(0); //$NON-NLS-1$
				if (item.has("error") && item.path("error").path("data").path("status").asInt() != 404) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
					throw refused(entity, id, item.get("error")); //$NON-NLS-1$
				}
			}
		}
	}

	/**
	 * Creates through the batch endpoint. When the answer is lost, the store may have created the record:
	 * it is looked up by its unique key first, and only sent again when it is not there.
	 */
	private RecordData createDocument(WooEntity entity, FieldValues fields) throws ConnectorException {
		ObjectNode document = entity.document(fields);
		attachImage(entity, document, fields, null);
		String keyField = entity.schema.uniqueKey();
		Object key = keyField == null ? null : fields.get(keyField);
		for (int attempt = 1;; attempt++) {
			try {
				return batchItem(entity, "create", document, null); //$NON-NLS-1$
			} catch (UncertainException e) {
				if (key != null) {
					List<RecordData> found = findByKey(entity.name, key.toString());
					if (found.size() == 1) {
						return found.get(0);
					}
				}
				if (attempt >= client.attempts()) {
					throw ConnectorException.unreachable(e.getMessage(), e.getCause());
				}
				client.backOff(attempt);
			}
		}
	}

	/**
	 * A product's {@code image} is a file on the company's side: it is uploaded to the store's media
	 * library as a stream and the product points to it. The store does not give the file back, so the
	 * field is never read from the store.
	 */
	private void attachImage(WooEntity entity, ObjectNode document, FieldValues fields, String id) throws ConnectorException {
		Object image = fields.get("image"); //$NON-NLS-1$
		if (entity != WooEntity.PRODUCT || image == null || image.toString().isBlank()) {
			return;
		}
		if (!(image instanceof MediaFile file)) { // a bare path: never opened here, whoever wrote it
			throw ConnectorException.recordRejected("image", NLS.bind(Messages.Record_noImage, //$NON-NLS-1$
					new Object[] { entity.name, id == null ? "(new)" : id, image })); //$NON-NLS-1$
		}
		Reply media = client.upload(file);
		if (!media.ok()) {
			throw refused(entity, id, media.body());
		}
		long mediaId = media.body() == null ? 0 : media.body().path("id").asLong(); //$NON-NLS-1$
		if (mediaId <= 0) {
			throw ConnectorException.recordRejected("image", NLS.bind(Messages.Record_mismatch, //$NON-NLS-1$
					new Object[] { entity.name, id == null ? "(new)" : id, "a media item without an id" })); //$NON-NLS-1$
		}
		document.putArray("images").addObject().put("id", mediaId); //$NON-NLS-1$ //$NON-NLS-2$
	}

	/** One item through {@code <resource>/batch}; its own error, inside a 200 answer, fails the record. */
	private RecordData batchItem(WooEntity entity, String action, ObjectNode document, String id) throws ConnectorException {
		ObjectNode batch = JsonNodeFactory.instance.objectNode();
		batch.putArray(action).add(document);
		Reply reply = expectOk(client.send("POST", entity.resource + "/batch", Map.of(), batch, !action.equals("create")), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				entity, id);
		JsonNode items = reply.body() == null ? null : reply.body().path(action);
		if (items == null || !items.isArray() || items.size() != 1) {
			throw ConnectorException.recordRejected(null, NLS.bind(Messages.Record_answerCount, new Object[] { entity.name,
					id == null ? "(new)" : id, items == null || !items.isArray() ? 0 : items.size(), 1 })); //$NON-NLS-1$
		}
		JsonNode item = items.get(0);
		if (item.has("error")) { //$NON-NLS-1$
			throw refused(entity, id, item.get("error")); //$NON-NLS-1$
		}
		return matching(entity, id, document, item);
	}

	/**
	 * The record a batch answer gives for a write, once it is sure to be that write's: an update's
	 * answer has the id sent, a create's a new id and the unique key sent (as the store compares keys).
	 * Anything else would link a record to another's partner.
	 */
	private static RecordData matching(WooEntity entity, String id, ObjectNode sent, JsonNode item) throws ConnectorException {
		List<RecordData> records = item.isObject() ? entity.records(item) : List.of();
		String describe = id == null ? "(new)" : id; //$NON-NLS-1$
		if (records.isEmpty()) {
			throw ConnectorException.recordRejected(null, NLS.bind(Messages.Record_mismatch,
					new Object[] { entity.name, describe, "no record" })); //$NON-NLS-1$
		}
		RecordData written = records.get(0);
		if (!written.id().matches("[1-9]\\d{0,18}")) { //$NON-NLS-1$
			throw ConnectorException.recordRejected(null, NLS.bind(Messages.Record_mismatch,
					new Object[] { entity.name, describe, "id \"" + written.id() + "\"" })); //$NON-NLS-1$ //$NON-NLS-2$
		}
		if (id != null && !written.id().equals(id)) {
			throw ConnectorException.recordRejected(null, NLS.bind(Messages.Record_mismatch,
					new Object[] { entity.name, describe, "id " + written.id() })); //$NON-NLS-1$
		}
		String keyField = entity.schema.uniqueKey();
		JsonNode sentKey = keyField == null ? null : sent.get(entity.jsonKeyField());
		if (sentKey != null && !sentKey.asText().isEmpty()) {
			Object answered = written.fields().get(keyField);
			KeyMatch match = entity.schema.keyMatch();
			if (answered == null || !match.fold(answered.toString()).equals(match.fold(sentKey.asText()))) {
				throw ConnectorException.recordRejected(keyField, NLS.bind(Messages.Record_mismatch,
						new Object[] { entity.name, describe, keyField + " \"" + answered + "\"" })); //$NON-NLS-1$ //$NON-NLS-2$
			}
		}
		return written;
	}

	private RecordData writeAddress(WooEntity entity, FieldValues fields, String id) throws ConnectorException {
		Object customerId = fields.get("customer_id"); //$NON-NLS-1$
		String kind = String.valueOf(fields.get("kind")); //$NON-NLS-1$
		if (id != null) {
			customerId = customerId != null ? customerId : id.substring(0, id.indexOf('-'));
		}
		if (!kind.equals("billing") && !kind.equals("shipping")) { //$NON-NLS-1$ //$NON-NLS-2$
			throw ConnectorException.recordRejected("kind", NLS.bind(Messages.Record_kind, //$NON-NLS-1$
					new Object[] { entity.name, id == null ? "(new)" : id, kind })); //$NON-NLS-1$
		}
		ObjectNode customer = JsonNodeFactory.instance.objectNode();
		customer.set(kind, entity.document(fields));
		Reply reply = expectOk(client.send("PUT", "customers/" + customerId, Map.of(), customer, true), entity, id); //$NON-NLS-1$ //$NON-NLS-2$
		String written = customerId + "-" + kind; //$NON-NLS-1$
		return entity.records(reply.body()).stream().filter(r -> r.id().equals(written)).findFirst()
				.orElseThrow(() -> ConnectorException.recordRejected(null, NLS.bind(Messages.Record_gone, entity.name, written)));
	}

	private RecordData writeLine(WooEntity entity, FieldValues fields, String id) throws ConnectorException {
		Object orderId = fields.get("order_id"); //$NON-NLS-1$
		ObjectNode line = entity.document(fields);
		if (id != null) {
			orderId = orderId != null ? orderId : id.substring(0, id.indexOf('-'));
			line.put("id", Long.parseLong(id.substring(id.indexOf('-') + 1))); //$NON-NLS-1$
		}
		ObjectNode order = JsonNodeFactory.instance.objectNode();
		order.putArray("line_items").add(line); //$NON-NLS-1$
		Reply reply = expectOk(client.send("PUT", "orders/" + orderId, Map.of(), order, true), entity, id); //$NON-NLS-1$ //$NON-NLS-2$
		List<RecordData> lines = entity.records(reply.body());
		if (id != null) {
			return lines.stream().filter(r -> r.id().equals(id)).findFirst()
					.orElseThrow(() -> ConnectorException.recordRejected(null, NLS.bind(Messages.Record_gone, entity.name, id)));
		}
		return lines.get(lines.size() - 1); // the store adds a new line last
	}

	private static Reply expectOk(Reply reply, WooEntity entity, String id) throws ConnectorException {
		if (reply.ok()) {
			return reply;
		}
		throw refused(entity, id, reply.body());
	}

	private static ConnectorException refused(WooEntity entity, String id, JsonNode error) {
		String message = error != null && error.hasNonNull("message") ? error.get("message").asText() : "no reason given"; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		JsonNode params = error == null ? null : error.path("data").path("params"); //$NON-NLS-1$ //$NON-NLS-2$
		if (params != null && params.isObject() && params.size() > 0) {
			message = message + " (" + params.elements().next().asText() + ")"; //$NON-NLS-1$ //$NON-NLS-2$
		}
		String field = WooClient.errorField(error);
		if (field == null && error != null && error.path("code").asText().contains("sku")) { //$NON-NLS-1$ //$NON-NLS-2$
			field = "sku"; //$NON-NLS-1$
		}
		if (field == null && error != null && error.path("code").asText().contains("email")) { //$NON-NLS-1$ //$NON-NLS-2$
			field = "email"; //$NON-NLS-1$
		}
		return ConnectorException.recordRejected(storeField(field),
				NLS.bind(Messages.Record_refused, new Object[] { entity.name, id == null ? "(new)" : id, message })); //$NON-NLS-1$
	}

	/** The store's field names, in the entity's: regular_price is the price, stock_quantity the stock. */
	private static String storeField(String field) {
		if (field == null) {
			return null;
		}
		return switch (field) {
			case "regular_price" -> "price"; //$NON-NLS-1$ //$NON-NLS-2$
			case "stock_quantity" -> "stock"; //$NON-NLS-1$ //$NON-NLS-2$
			case "address_1" -> "street"; //$NON-NLS-1$ //$NON-NLS-2$
			case "number" -> "order_ref"; //$NON-NLS-1$ //$NON-NLS-2$
			default -> field;
		};
	}

	/**
	 * The records of a list answer. Anything but a list of objects (an object, null, a string) fails the
	 * run: taken as an empty list it would move a cursor past changes, or make records look deleted.
	 */
	private List<RecordData> flatten(WooEntity entity, Reply reply, String request) throws ConnectorException {
		JsonNode documents = reply.body();
		boolean list = documents != null && documents.isArray();
		if (list) {
			for (JsonNode document : documents) {
				list &= document.isObject() && document.path("id").canConvertToLong() && document.path("id").asLong() > 0; //$NON-NLS-1$ //$NON-NLS-2$
			}
		}
		if (!list) {
			throw ConnectorException.unreachable(NLS.bind(Messages.Http_notList, new Object[] { client.base(), request,
					documents == null ? "an empty body" : documents.isArray() ? "a list of things that are not records" //$NON-NLS-1$ //$NON-NLS-2$
							: "a JSON " + documents.getNodeType().name().toLowerCase(java.util.Locale.ROOT) }), null); //$NON-NLS-1$
		}
		List<RecordData> records = new ArrayList<>();
		for (JsonNode document : documents) {
			records.addAll(entity.records(document));
		}
		return records;
	}

	private static long headerLong(Reply reply, String name, long fallback) {
		String value = reply.header(name);
		try {
			return value == null ? fallback : Long.parseLong(value.strip());
		} catch (NumberFormatException e) {
			return fallback;
		}
	}

	@Override
	public void cancel() {
		client.cancel();
	}

	@Override
	public void close() {
		// the connector's pooled client serves the other sessions on
	}
}
