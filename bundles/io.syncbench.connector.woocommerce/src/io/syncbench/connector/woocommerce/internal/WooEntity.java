package io.syncbench.connector.woocommerce.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.syncbench.connector.EntitySchema;
import io.syncbench.connector.FieldSchema;
import io.syncbench.connector.FieldSchema.FieldType;
import io.syncbench.connector.FieldValues;
import io.syncbench.connector.KeyMatch;
import io.syncbench.connector.RecordData;

/**
 * The entities the store offers, in the names and shapes of the standard back-office layout, and
 * how each maps to WooCommerce's JSON. Addresses live inside customers (billing, shipping) and order
 * lines inside orders: they are records of their own here, with ids like {@code 12-billing} and
 * {@code 40-3}.
 */
enum WooEntity {

	PRODUCT("product", "products", new EntitySchema("product", List.of( //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			FieldSchema.text("sku", false, 100), FieldSchema.text("name", true, 0), //$NON-NLS-1$ //$NON-NLS-2$
			FieldSchema.text("description", false, 0), FieldSchema.text("category", false, 0), //$NON-NLS-1$ //$NON-NLS-2$
			FieldSchema.of("price", FieldType.DECIMAL, false), FieldSchema.of("stock", FieldType.INTEGER, false), //$NON-NLS-1$ //$NON-NLS-2$
			FieldSchema.of("active", FieldType.BOOLEAN, false), FieldSchema.of("image", FieldType.FILE, false)), "sku", List.of(), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			KeyMatch.NORMALIZED)) {
		@Override
		List<RecordData> records(JsonNode document) {
			Map<String, Object> values = new LinkedHashMap<>();
			values.put("sku", text(document, "sku")); //$NON-NLS-1$ //$NON-NLS-2$
			values.put("name", text(document, "name")); //$NON-NLS-1$ //$NON-NLS-2$
			values.put("description", text(document, "description")); //$NON-NLS-1$ //$NON-NLS-2$
			JsonNode categories = document.path("categories"); //$NON-NLS-1$
			values.put("category", categories.isArray() && !categories.isEmpty() ? categories.get(0).path("name").asText() : null); //$NON-NLS-1$ //$NON-NLS-2$
			values.put("price", decimal(document, "regular_price")); //$NON-NLS-1$ //$NON-NLS-2$
			values.put("stock", document.hasNonNull("stock_quantity") ? document.get("stock_quantity").asLong() : null); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			values.put("active", "publish".equals(document.path("status").asText())); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			return List.of(record(document.path("id").asText(), values)); //$NON-NLS-1$
		}

		@Override
		ObjectNode document(FieldValues fields) {
			ObjectNode document = JsonNodeFactory.instance.objectNode();
			put(document, "sku", fields, "sku"); //$NON-NLS-1$ //$NON-NLS-2$
			put(document, "name", fields, "name"); //$NON-NLS-1$ //$NON-NLS-2$
			put(document, "description", fields, "description"); //$NON-NLS-1$ //$NON-NLS-2$
			if (fields.values().containsKey("price")) { //$NON-NLS-1$
				Object price = fields.get("price"); //$NON-NLS-1$
				document.put("regular_price", price == null ? "" : new BigDecimal(price.toString()).toPlainString()); //$NON-NLS-1$ //$NON-NLS-2$
			}
			if (fields.values().containsKey("stock")) { //$NON-NLS-1$
				Object stock = fields.get("stock"); //$NON-NLS-1$
				if (stock == null) {
					document.putNull("stock_quantity"); //$NON-NLS-1$
				} else {
					document.put("stock_quantity", ((Number) stock).longValue()); //$NON-NLS-1$
				}
			}
			if (fields.get("category") != null) { //$NON-NLS-1$
				document.putArray("categories").addObject().put("name", fields.get("category").toString()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			}
			if (fields.values().containsKey("active")) { //$NON-NLS-1$
				document.put("status", Boolean.FALSE.equals(fields.get("active")) ? "draft" : "publish"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
			}
			return document;
		}
	},

	CUSTOMER("customer", "customers", new EntitySchema("customer", List.of( //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			FieldSchema.text("email", true, 100), FieldSchema.text("first_name", false, 0), //$NON-NLS-1$ //$NON-NLS-2$
			FieldSchema.text("last_name", false, 0), FieldSchema.text("phone", false, 0), //$NON-NLS-1$ //$NON-NLS-2$
			FieldSchema.text("company", false, 0)), "email", List.of(), KeyMatch.CASE_INSENSITIVE)) { //$NON-NLS-1$ //$NON-NLS-2$
		@Override
		List<RecordData> records(JsonNode document) {
			Map<String, Object> values = new LinkedHashMap<>();
			values.put("email", text(document, "email")); //$NON-NLS-1$ //$NON-NLS-2$
			values.put("first_name", text(document, "first_name")); //$NON-NLS-1$ //$NON-NLS-2$
			values.put("last_name", text(document, "last_name")); //$NON-NLS-1$ //$NON-NLS-2$
			values.put("phone", text(document.path("billing"), "phone")); //$NON-NLS-1$ //$NON-NLS-2$
			values.put("company", text(document.path("billing"), "company")); //$NON-NLS-1$ //$NON-NLS-2$
			return List.of(record(document.path("id").asText(), values)); //$NON-NLS-1$
		}

		@Override
		ObjectNode document(FieldValues fields) {
			ObjectNode document = JsonNodeFactory.instance.objectNode();
			put(document, "email", fields, "email"); //$NON-NLS-1$ //$NON-NLS-2$
			put(document, "first_name", fields, "first_name"); //$NON-NLS-1$ //$NON-NLS-2$
			put(document, "last_name", fields, "last_name"); //$NON-NLS-1$ //$NON-NLS-2$
			if (fields.values().containsKey("phone") || fields.values().containsKey("company")) { //$NON-NLS-1$ //$NON-NLS-2$
				ObjectNode billing = document.putObject("billing"); //$NON-NLS-1$
				put(billing, "phone", fields, "phone"); //$NON-NLS-1$ //$NON-NLS-2$
				put(billing, "company", fields, "company"); //$NON-NLS-1$ //$NON-NLS-2$
			}
			return document;
		}
	},

	ADDRESS("address", "customers", new EntitySchema("address", List.of( //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			FieldSchema.of("customer_id", FieldType.INTEGER, true).referencing("customer"), //$NON-NLS-1$ //$NON-NLS-2$
			FieldSchema.text("kind", true, 10), FieldSchema.text("street", true, 0), FieldSchema.text("city", true, 0), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			FieldSchema.text("postcode", false, 0), FieldSchema.text("country", false, 2)), null, List.of("customer"))) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		@Override
		List<RecordData> records(JsonNode customer) {
			List<RecordData> addresses = new ArrayList<>();
			for (String kind : List.of("billing", "shipping")) { //$NON-NLS-1$ //$NON-NLS-2$
				JsonNode address = customer.path(kind);
				if (address.path("address_1").asText("").isEmpty()) { //$NON-NLS-1$ //$NON-NLS-2$
					continue;
				}
				Map<String, Object> values = new LinkedHashMap<>();
				values.put("customer_id", customer.path("id").asLong()); //$NON-NLS-1$ //$NON-NLS-2$
				values.put("kind", kind); //$NON-NLS-1$
				values.put("street", text(address, "address_1")); //$NON-NLS-1$ //$NON-NLS-2$
				values.put("city", text(address, "city")); //$NON-NLS-1$ //$NON-NLS-2$
				values.put("postcode", text(address, "postcode")); //$NON-NLS-1$ //$NON-NLS-2$
				values.put("country", text(address, "country")); //$NON-NLS-1$ //$NON-NLS-2$
				addresses.add(record(customer.path("id").asText() + "-" + kind, values)); //$NON-NLS-1$ //$NON-NLS-2$
			}
			return addresses;
		}

		/** The customer's billing or shipping object that holds the address. */
		@Override
		ObjectNode document(FieldValues fields) {
			ObjectNode address = JsonNodeFactory.instance.objectNode();
			put(address, "address_1", fields, "street"); //$NON-NLS-1$ //$NON-NLS-2$
			put(address, "city", fields, "city"); //$NON-NLS-1$ //$NON-NLS-2$
			put(address, "postcode", fields, "postcode"); //$NON-NLS-1$ //$NON-NLS-2$
			put(address, "country", fields, "country"); //$NON-NLS-1$ //$NON-NLS-2$
			return address;
		}
	},

	SALES_ORDER("salesorder", "orders", new EntitySchema("salesorder", List.of( //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			FieldSchema.text("order_ref", true, 30), //$NON-NLS-1$
			FieldSchema.of("customer_id", FieldType.INTEGER, true).referencing("customer"), //$NON-NLS-1$ //$NON-NLS-2$
			FieldSchema.of("ordered_at", FieldType.TIMESTAMP, true), FieldSchema.text("status", true, 20), //$NON-NLS-1$ //$NON-NLS-2$
			FieldSchema.of("total", FieldType.DECIMAL, true)), "order_ref", List.of("customer"))) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		@Override
		List<RecordData> records(JsonNode order) {
			Map<String, Object> values = new LinkedHashMap<>();
			values.put("order_ref", text(order, "number")); //$NON-NLS-1$ //$NON-NLS-2$
			values.put("customer_id", order.path("customer_id").asLong()); //$NON-NLS-1$ //$NON-NLS-2$
			values.put("ordered_at", Instant.parse(order.path("date_created_gmt").asText("1970-01-01T00:00:00") + "Z")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
			values.put("status", text(order, "status")); //$NON-NLS-1$ //$NON-NLS-2$
			values.put("total", decimal(order, "total")); //$NON-NLS-1$ //$NON-NLS-2$
			return List.of(record(order.path("id").asText(), values)); //$NON-NLS-1$
		}

		@Override
		ObjectNode document(FieldValues fields) {
			ObjectNode document = JsonNodeFactory.instance.objectNode();
			put(document, "number", fields, "order_ref"); //$NON-NLS-1$ //$NON-NLS-2$
			put(document, "status", fields, "status"); //$NON-NLS-1$ //$NON-NLS-2$
			if (fields.get("customer_id") != null) { //$NON-NLS-1$
				document.put("customer_id", ((Number) fields.get("customer_id")).longValue()); //$NON-NLS-1$ //$NON-NLS-2$
			}
			return document;
		}
	},

	SALES_ORDER_LINE("salesorderline", "orders", new EntitySchema("salesorderline", List.of( //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			FieldSchema.of("order_id", FieldType.INTEGER, true).referencing("salesorder"), //$NON-NLS-1$ //$NON-NLS-2$
			FieldSchema.of("item_id", FieldType.INTEGER, true).referencing("product"), //$NON-NLS-1$ //$NON-NLS-2$
			FieldSchema.of("quantity", FieldType.INTEGER, true), FieldSchema.of("unit_price", FieldType.DECIMAL, true)), //$NON-NLS-1$ //$NON-NLS-2$
			null, List.of("salesorder", "product"))) { //$NON-NLS-1$ //$NON-NLS-2$
		@Override
		List<RecordData> records(JsonNode order) {
			List<RecordData> lines = new ArrayList<>();
			for (JsonNode line : order.path("line_items")) { //$NON-NLS-1$
				Map<String, Object> values = new LinkedHashMap<>();
				values.put("order_id", order.path("id").asLong()); //$NON-NLS-1$ //$NON-NLS-2$
				values.put("item_id", line.path("product_id").asLong()); //$NON-NLS-1$ //$NON-NLS-2$
				values.put("quantity", line.path("quantity").asLong()); //$NON-NLS-1$ //$NON-NLS-2$
				values.put("unit_price", decimal(line, "price")); //$NON-NLS-1$ //$NON-NLS-2$
				lines.add(record(order.path("id").asText() + "-" + line.path("id").asText(), values)); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			}
			return lines;
		}

		@Override
		ObjectNode document(FieldValues fields) {
			ObjectNode line = JsonNodeFactory.instance.objectNode();
			if (fields.get("item_id") != null) { //$NON-NLS-1$
				line.put("product_id", ((Number) fields.get("item_id")).longValue()); //$NON-NLS-1$ //$NON-NLS-2$
			}
			if (fields.get("quantity") != null) { //$NON-NLS-1$
				line.put("quantity", ((Number) fields.get("quantity")).longValue()); //$NON-NLS-1$ //$NON-NLS-2$
			}
			if (fields.get("unit_price") != null) { //$NON-NLS-1$
				line.put("price", new BigDecimal(fields.get("unit_price").toString()).toPlainString()); //$NON-NLS-1$ //$NON-NLS-2$
			}
			return line;
		}
	};

	final String name;
	final String resource;
	final EntitySchema schema;

	WooEntity(String name, String resource, EntitySchema schema) {
		this.name = name;
		this.resource = resource;
		this.schema = schema;
	}

	static WooEntity of(String name) {
		for (WooEntity entity : values()) {
			if (entity.name.equals(name)) {
				return entity;
			}
		}
		return null;
	}

	/** The records one document holds: one for most, none to two addresses for a customer, a line each for an order. */
	abstract List<RecordData> records(JsonNode document);

	/** The JSON to write for these values (for an address: its billing or shipping object; for a line: its line item). */
	abstract ObjectNode document(FieldValues fields);

	/** The JSON field that holds the unique key: the entity's names, except an order's number. */
	String jsonKeyField() {
		return this == SALES_ORDER ? "number" : schema.uniqueKey(); //$NON-NLS-1$
	}

	/** Whether records of this entity are parts of another resource's documents. */
	boolean nested() {
		return this == ADDRESS || this == SALES_ORDER_LINE;
	}

	RecordData record(String id, Map<String, Object> values) {
		// A hash of the mapped values is the stamp: a change to a field SyncBench does not map is no change.
		FieldValues fields = FieldValues.of(values);
		return RecordData.of(name, id, fields.hash(), fields);
	}

	static String text(JsonNode document, String field) {
		JsonNode value = document.path(field);
		return value.isMissingNode() || value.isNull() || value.asText().isEmpty() ? null : value.asText();
	}

	static BigDecimal decimal(JsonNode document, String field) {
		String text = text(document, field);
		try {
			return text == null ? null : new BigDecimal(text);
		} catch (NumberFormatException e) {
			return null;
		}
	}

	static void put(ObjectNode document, String jsonField, FieldValues fields, String field) {
		if (fields.values().containsKey(field)) {
			Object value = fields.get(field);
			document.put(jsonField, value == null ? "" : value.toString()); //$NON-NLS-1$
		}
	}
}
