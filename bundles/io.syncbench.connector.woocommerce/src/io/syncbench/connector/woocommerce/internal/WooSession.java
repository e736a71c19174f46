package io.syncbench.connector.woocommerce.internal;

import java.nio.file.Files;
import java.nio.file.Path;
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

import org.apache.hc.core5.http.ContentType;
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
				return new Health(Health.State.UNREACHABLE, WooClient.errorMessage(reply));
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
		}
		Map<String, String> query = new LinkedHashMap<>();
		if (start > 0) {
			query.put("modified_after", GMT.format(Instant.ofEpochSecond(start - OVERLAP_SECONDS))); //$NON-NLS-1$
		}
		query.put("modified_before", GMT.format(Instant.ofEpochSecond(end))); //$NON-NLS-1$
		query.put("dates_are_gmt", "true"); //$NON-NLS-1$ //$NON-NLS-2$
		query.put("orderby", "modified"); //$NON-NLS-1$ //$NON-NLS-2$
		query.put("order", "asc"); //$NON-NLS-1$ //$NON-NLS-2$
		query.put("page", Integer.toString(page)); //$NON-NLS-1$
		query.put("per_page", Integer.toString(Math.min(max, pageSize))); //$NON-NLS-1$
		Reply reply = expectOk(client.send("GET", entity.resource, query, null, true), entity, null); //$NON-NLS-1$
		List<RecordData> records = flatten(entity, reply.body());
		long replyTotal = headerLong(reply, "X-WP-Total", records.size()); //$NON-NLS-1$
		long totalPages = headerLong(reply, "X-WP-TotalPages", 1); //$NON-NLS-1$
		if (total >= 0 && replyTotal != total) { // records left the window while it was read: read it again
			return new ChangePage(records, start + "|" + end + "|1|-1", true); //$NON-NLS-1$ //$NON-NLS-2$
		}
		if (page < totalPages) {
			return new ChangePage(records, start + "|" + end + "|" + (page + 1) + "|" + replyTotal, true); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
		}
		return new ChangePage(records, Long.toString(end), false);
	}

	/** Every record by id, a page at a time; the cursor is the next page's number. */
	@Override
	public ChangePage readAll(String entityName, String cursor, int max) throws ConnectorException {
		WooEntity entity = entity(entityName);
		int page = cursor == null ? 1 : Integer.parseInt(cursor);
		Reply reply = expectOk(client.send("GET", entity.resource, Map.of("orderby", "id", "order", "asc", "page", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$
				Integer.toString(page), "per_page", Integer.toString(Math.min(max, pageSize))), null, true), entity, null); //$NON-NLS-1$
		long totalPages = headerLong(reply, "X-WP-TotalPages", 1); //$NON-NLS-1$
		return new ChangePage(flatten(entity, reply.body()), Integer.toString(page + 1), page < totalPages);
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
			return Optional.empty();
		}
		expectOk(reply, entity, id);
		return entity.records(reply.body()).stream().filter(r -> r.id().equals(id)).findFirst();
	}

	@Override
	public List<RecordData> findByKey(String entityName, String value) throws ConnectorException {
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
		return flatten(entity, reply.body()).stream()
				.filter(r -> value.equalsIgnoreCase(String.valueOf(r.fields().get(keyField)))).toList();
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
			for (RecordData record : flatten(entity, reply.body())) {
				found.put(record.id(), record);
			}
		}
		return found;
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
			List<RecordData> records = flatten(entity, reply.body());
			if (records.size() >= pageSize) { // a SKU found on several products may have pushed others off the page
				found.putAll(SystemSession.super.findByKeys(entityName, slice));
				continue;
			}
			for (String value : slice) {
				found.put(value, records.stream()
						.filter(r -> value.equalsIgnoreCase(String.valueOf(r.fields().get(entity.schema.uniqueKey())))).toList());
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
			answers(entity, reply.body().path("create"), creates, writes, results); //$NON-NLS-1$
			answers(entity, reply.body().path("update"), updates, writes, results); //$NON-NLS-1$
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

	private void answers(WooEntity entity, JsonNode items, List<Integer> positions, List<RecordWrite> writes,
			WriteResult[] results) {
		for (int k = 0; k < positions.size(); k++) {
			int i = positions.get(k);
			JsonNode item = items.path(k);
			if (item.has("error")) { //$NON-NLS-1$
				results[i] = WriteResult.refused(refused(entity, writes.get(i).id(), item.get("error"))); //$NON-NLS-1$
			} else if (item.isObject() && !entity.records(item).isEmpty()) {
				results[i] = WriteResult.written(entity.records(item).get(0));
			} else {
				results[i] = WriteResult.refused(ConnectorException.recordRejected(null, NLS.bind(Messages.Record_refused,
						new Object[] { entity.name, writes.get(i).id() == null ? "(new)" : writes.get(i).id(), //$NON-NLS-1$
								"the batch answer has no item for this record" }))); //$NON-NLS-1$
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
		Path file = Path.of(image.toString().strip());
		if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
			throw ConnectorException.recordRejected("image", NLS.bind(Messages.Record_noImage, //$NON-NLS-1$
					new Object[] { entity.name, id == null ? "(new)" : id, file })); //$NON-NLS-1$
		}
		String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
		ContentType type = name.endsWith(".png") ? ContentType.IMAGE_PNG //$NON-NLS-1$
				: name.endsWith(".jpg") || name.endsWith(".jpeg") ? ContentType.IMAGE_JPEG //$NON-NLS-1$ //$NON-NLS-2$
						: ContentType.APPLICATION_OCTET_STREAM;
		Reply media = client.upload(file, type);
		if (!media.ok()) {
			throw refused(entity, id, media.body());
		}
		document.putArray("images").addObject().put("id", media.body().path("id").asLong()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
	}

	/** One item through {@code <resource>/batch}; its own error, inside a 200 answer, fails the record. */
	private RecordData batchItem(WooEntity entity, String action, ObjectNode document, String id) throws ConnectorException {
		ObjectNode batch = JsonNodeFactory.instance.objectNode();
		batch.putArray(action).add(document);
		Reply reply = expectOk(client.send("POST", entity.resource + "/batch", Map.of(), batch, !action.equals("create")), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				entity, id);
		JsonNode item = reply.body().path(action).path(0);
		if (item.has("error")) { //$NON-NLS-1$
			throw refused(entity, id, item.get("error")); //$NON-NLS-1$
		}
		return entity.records(item).get(0);
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

	private static List<RecordData> flatten(WooEntity entity, JsonNode documents) {
		List<RecordData> records = new ArrayList<>();
		if (documents != null && documents.isArray()) {
			for (JsonNode document : documents) {
				records.addAll(entity.records(document));
			}
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
