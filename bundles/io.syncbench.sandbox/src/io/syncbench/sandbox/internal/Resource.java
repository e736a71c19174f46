package io.syncbench.sandbox.internal;

import java.text.Normalizer;
import java.util.Locale;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The three resources the sandbox serves, with WooCommerce's rules for each: field types, the unique
 * value (SKU, email, order number) and the error codes the real store answers with.
 */
enum Resource {

	PRODUCTS("products", "sku", "product") { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		@Override
		void shape(ObjectNode document, boolean created) throws ApiError {
			types(document, Set.of("name", "sku", "regular_price", "sale_price", "description", "short_description", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$
					"status", "type"), Set.of("stock_quantity"), Set.of("manage_stock")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
			if (document.hasNonNull("regular_price") && !document.get("regular_price").asText().isEmpty()) { //$NON-NLS-1$ //$NON-NLS-2$
				try {
					new BigDecimal(document.get("regular_price").asText()); //$NON-NLS-1$
				} catch (NumberFormatException e) {
					throw ApiError.invalidParam("regular_price", "regular_price is not a valid price."); //$NON-NLS-1$ //$NON-NLS-2$
				}
			}
			if (created) {
				defaults(document, Map.of("name", "", "type", "simple", "status", "publish", "sku", "", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$ //$NON-NLS-7$ //$NON-NLS-8$
						"regular_price", "", "description", "")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
				if (!document.has("categories")) { //$NON-NLS-1$
					document.putArray("categories"); //$NON-NLS-1$
				}
				if (!document.has("images")) { //$NON-NLS-1$
					document.putArray("images"); //$NON-NLS-1$
				}
			}
			document.put("price", document.path("regular_price").asText("")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			boolean managed = document.hasNonNull("stock_quantity"); //$NON-NLS-1$
			document.put("manage_stock", managed); //$NON-NLS-1$
			document.put("stock_status", !managed || document.get("stock_quantity").asLong() > 0 ? "instock" : "outofstock"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
		}

		@Override
		ApiError duplicate(String value) {
			return new ApiError(400, "product_invalid_sku", "Invalid or duplicated SKU."); //$NON-NLS-1$ //$NON-NLS-2$
		}
	},

	CUSTOMERS("customers", "email", "customer") { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		@Override
		void shape(ObjectNode document, boolean created) throws ApiError {
			types(document, Set.of("email", "first_name", "last_name", "username"), Set.of(), Set.of()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
			String email = document.path("email").asText(""); //$NON-NLS-1$ //$NON-NLS-2$
			if (created && email.isEmpty()) {
				throw new ApiError(400, "rest_missing_callback_param", "Missing parameter(s): email", //$NON-NLS-1$ //$NON-NLS-2$
						Map.of("email", "email is required.")); //$NON-NLS-1$ //$NON-NLS-2$
			}
			if (document.has("email") && !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) { //$NON-NLS-1$ //$NON-NLS-2$
				throw ApiError.invalidParam("email", "Invalid email address."); //$NON-NLS-1$ //$NON-NLS-2$
			}
			for (String address : List.of("billing", "shipping")) { //$NON-NLS-1$ //$NON-NLS-2$
				if (document.has(address) && !document.get(address).isObject()) {
					throw ApiError.invalidParam(address, address + " is not of type object."); //$NON-NLS-1$
				}
				if (created && !document.has(address)) {
					document.putObject(address);
				}
			}
			if (created) {
				defaults(document, Map.of("first_name", "", "last_name", "", "role", "customer")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$
				if (!document.has("username")) { //$NON-NLS-1$
					document.put("username", email.substring(0, email.indexOf('@'))); //$NON-NLS-1$
				}
			}
		}

		@Override
		ApiError duplicate(String value) {
			return new ApiError(400, "registration-error-email-exists", //$NON-NLS-1$
					"An account is already registered with your email address."); //$NON-NLS-1$
		}
	},

	ORDERS("orders", "number", "order") { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		private static final Set<String> STATUSES = Set.of("pending", "processing", "on-hold", "completed", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
				"cancelled", "refunded", "failed"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$

		@Override
		void shape(ObjectNode document, boolean created) throws ApiError {
			types(document, Set.of("status", "currency", "number", "customer_note"), Set.of("customer_id"), Set.of()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
			if (created) {
				defaults(document, Map.of("status", "pending", "currency", "EUR", "customer_id", "0")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$
				document.put("customer_id", document.get("customer_id").asLong()); //$NON-NLS-1$ //$NON-NLS-2$
			}
			if (!STATUSES.contains(document.path("status").asText())) { //$NON-NLS-1$
				throw ApiError.invalidParam("status", "status is not one of " + String.join(", ", STATUSES) + "."); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
			}
			JsonNode lines = document.path("line_items"); //$NON-NLS-1$
			ArrayNode shaped = JsonNodeFactory.instance.arrayNode();
			BigDecimal total = BigDecimal.ZERO;
			long lineId = 1;
			for (JsonNode line : lines.isArray() ? lines : JsonNodeFactory.instance.arrayNode()) {
				// quantities are PHP integers in WooCommerce: 64 bits
				if (!line.path("product_id").canConvertToLong() || !line.path("quantity").canConvertToLong() //$NON-NLS-1$ //$NON-NLS-2$
						|| line.path("quantity").asLong() <= 0) { //$NON-NLS-1$
					throw ApiError.invalidParam("line_items", "line_items need a product_id and a positive quantity."); //$NON-NLS-1$ //$NON-NLS-2$
				}
				ObjectNode copy = ((ObjectNode) line).deepCopy();
				copy.put("id", line.has("id") ? line.get("id").asLong() : lineId); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				lineId = Math.max(lineId, copy.get("id").asLong()) + 1; //$NON-NLS-1$
				BigDecimal price = new BigDecimal(line.path("price").asText("0")); //$NON-NLS-1$ //$NON-NLS-2$
				copy.put("price", price); //$NON-NLS-1$
				BigDecimal lineTotal = price.multiply(BigDecimal.valueOf(line.get("quantity").asLong())); //$NON-NLS-1$
				copy.put("total", lineTotal.toPlainString()); //$NON-NLS-1$
				total = total.add(lineTotal);
				shaped.add(copy);
			}
			document.set("line_items", shaped); //$NON-NLS-1$
			document.put("total", total.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString()); //$NON-NLS-1$
		}

		@Override
		ApiError duplicate(String value) {
			return new ApiError(400, "woocommerce_rest_invalid_order_number", "Order number " + value + " is taken."); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		}
	};

	private static final DateTimeFormatter WP_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC); //$NON-NLS-1$

	final String path;
	final String uniqueField;
	final String singular;

	Resource(String path, String uniqueField, String singular) {
		this.path = path;
		this.uniqueField = uniqueField;
		this.singular = singular;
	}

	static Resource of(String path) {
		for (Resource resource : values()) {
			if (resource.path.equals(path)) {
				return resource;
			}
		}
		return null;
	}

	/** Checks the types and fills in what the store computes; {@code created}: a new document. */
	abstract void shape(ObjectNode document, boolean created) throws ApiError;

	abstract ApiError duplicate(String value);

	ApiError notFound() {
		return new ApiError(404, "woocommerce_rest_" + singular + "_invalid_id", "Invalid ID."); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
	}

	/** The dates WooCommerce gives: local and GMT, to the second; the sandbox's local time is GMT. */
	static void stamp(ObjectNode document, Instant modified, boolean created) {
		String date = WP_DATE.format(modified.truncatedTo(ChronoUnit.SECONDS));
		if (created) {
			document.put("date_created", date); //$NON-NLS-1$
			document.put("date_created_gmt", date); //$NON-NLS-1$
		}
		document.put("date_modified", date); //$NON-NLS-1$
		document.put("date_modified_gmt", date); //$NON-NLS-1$
	}

	static Instant parseDate(String field, String text) throws ApiError {
		try {
			String value = text.endsWith("Z") || text.matches(".*[+-]\\d\\d:\\d\\d$") ? text : text + "Z"; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			return java.time.OffsetDateTime.parse(value).toInstant();
		} catch (java.time.format.DateTimeParseException e) {
			throw ApiError.invalidParam(field, "Invalid date."); //$NON-NLS-1$
		}
	}

	private static void types(ObjectNode document, Set<String> strings, Set<String> integers, Set<String> booleans)
			throws ApiError {
		for (Iterator<Map.Entry<String, JsonNode>> fields = document.fields(); fields.hasNext();) {
			Map.Entry<String, JsonNode> field = fields.next();
			JsonNode value = field.getValue();
			if (value.isNull()) {
				continue;
			}
			if (strings.contains(field.getKey()) && !value.isTextual()) {
				throw ApiError.invalidParam(field.getKey(), field.getKey() + " is not of type string."); //$NON-NLS-1$
			}
			if (integers.contains(field.getKey()) && !(value.isIntegralNumber()
					|| value.isTextual() && value.asText().matches("-?\\d{1,18}"))) { //$NON-NLS-1$
				throw ApiError.invalidParam(field.getKey(), field.getKey() + " is not of type integer."); //$NON-NLS-1$
			}
			if (booleans.contains(field.getKey()) && !value.isBoolean()) {
				throw ApiError.invalidParam(field.getKey(), field.getKey() + " is not of type boolean."); //$NON-NLS-1$
			}
		}
	}

	private static void defaults(ObjectNode document, Map<String, String> values) {
		values.forEach((field, value) -> {
			if (!document.hasNonNull(field)) {
				document.put(field, value);
			}
		});
	}

	/** The unique value of a document, or null when it has none (an empty SKU). */
	String uniqueValue(ObjectNode document) {
		String value = document.path(uniqueField).asText(""); //$NON-NLS-1$
		return value.isEmpty() ? null : fold(value);
	}

	/**
	 * A unique value as the store compares it. WooCommerce keeps SKUs and emails in MySQL columns of a
	 * {@code utf8mb4_unicode_ci} collation, where case does not count, nor Unicode's NFC or NFD spelling,
	 * nor a Kelvin sign beside a K: SKUs fold by NFKC and lower case, emails by lower case. Order
	 * numbers are compared as they are.
	 */
	String fold(String value) {
		return switch (this) {
			case PRODUCTS -> Normalizer.normalize(Normalizer.normalize(value, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT),
					Normalizer.Form.NFKC);
			case CUSTOMERS -> value.toLowerCase(Locale.ROOT);
			case ORDERS -> value;
		};
	}

}
