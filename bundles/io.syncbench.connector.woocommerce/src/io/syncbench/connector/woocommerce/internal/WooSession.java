package io.syncbench.connector.woocommerce.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
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
import io.syncbench.connector.SystemSession;
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
	private final Clock clock;

	WooSession(WooClient client, int pageSize, Clock clock) {
		this.client = client;
		this.pageSize = pageSize;
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
