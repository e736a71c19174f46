package io.syncbench.sandbox.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.NameValuePair;
import org.apache.hc.core5.http.io.HttpRequestHandler;
import org.apache.hc.core5.http.io.entity.AbstractHttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.net.URIBuilder;
import org.apache.hc.core5.net.WWWFormCodec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.syncbench.sandbox.Faults;

/**
 * Answers the WooCommerce REST API v3 subset under {@value #API}: list (paged, with
 * {@code modified_after}/{@code modified_before}, {@code sku}, {@code email}, {@code search}), read,
 * create, update, delete and batch of products, customers and orders, with the real store's status
 * codes, paging headers and error bodies; and {@code /sandbox/faults}, the fault switches.
 */
final class ApiHandler implements HttpRequestHandler {

	static final String API = "/wp-json/wc/v3/"; //$NON-NLS-1$
	private static final String FAULTS = "/sandbox/faults"; //$NON-NLS-1$
	static final String MEDIA = "/wp-json/wp/v2/media"; //$NON-NLS-1$
	private static final int DEFAULT_PER_PAGE = 10;
	private static final int MAX_PER_PAGE = 100;

	private final ObjectMapper json = new ObjectMapper();
	private final Documents documents;
	private final Faults faults;
	private final String consumerKey;
	private final String consumerSecret;
	private final int batchLimit;
	private final Clock clock;
	private final MediaLibrary media;
	private final OAuthCheck oauth;
	private final String scheme;

	/** @param scheme {@code http}, or {@code https} when the server speaks TLS: signed requests name it */
	ApiHandler(Documents documents, Faults faults, String consumerKey, String consumerSecret, int batchLimit,
			Clock clock, String scheme) {
		this.documents = documents;
		this.faults = faults;
		this.consumerKey = consumerKey;
		this.consumerSecret = consumerSecret;
		this.batchLimit = batchLimit;
		this.clock = clock;
		this.media = new MediaLibrary(json);
		this.oauth = new OAuthCheck(consumerKey, consumerSecret, clock);
		this.scheme = scheme;
	}

	@Override
	public void handle(ClassicHttpRequest request, ClassicHttpResponse response, HttpContext context) throws IOException {
		URI uri;
		Map<String, String> query = new LinkedHashMap<>();
		try {
			uri = request.getUri();
			for (NameValuePair parameter : new URIBuilder(uri).getQueryParams()) {
				query.put(parameter.getName(), parameter.getValue());
			}
		} catch (URISyntaxException e) {
			respond(response, 400, error(new ApiError(400, "rest_invalid_uri", "The address is not valid."))); //$NON-NLS-1$ //$NON-NLS-2$
			return;
		}
		String path = uri.getPath();
		if (path.equals(FAULTS)) {
			switches(request, response);
			return;
		}
		if (path.equals(MEDIA) && (request.getMethod().equals("POST") || request.getMethod().equals("GET"))) { //$NON-NLS-1$ //$NON-NLS-2$
			try {
				authenticate(request, query);
				if (request.getMethod().equals("GET")) { //$NON-NLS-1$
					respond(response, 200, media.list());
				} else {
					respond(response, 201, media.store(request));
				}
			} catch (ApiError e) {
				respond(response, e.status, error(e));
			}
			return;
		}
		pause(faults.latencyMillis());
		int retryAfter = faults.nextTooManyRequests();
		if (retryAfter >= 0) {
			response.setHeader(HttpHeaders.RETRY_AFTER, Integer.toString(retryAfter));
			respond(response, 429, error(new ApiError(429, "woocommerce_rest_too_many_requests", "Too many requests."))); //$NON-NLS-1$ //$NON-NLS-2$
			return;
		}
		if (faults.nextServerError()) {
			respond(response, 503, error(new ApiError(503, "internal_server_error", "The store is busy; try again."))); //$NON-NLS-1$ //$NON-NLS-2$
			return;
		}
		try {
			authenticate(request, query);
			if (!path.startsWith(API)) {
				throw new ApiError(404, "rest_no_route", "No route was found matching the URL and request method."); //$NON-NLS-1$ //$NON-NLS-2$
			}
			List<String> parts = List.of(path.substring(API.length()).split("/")); //$NON-NLS-1$
			Resource resource = Resource.of(parts.get(0));
			if (resource == null || parts.size() > 2) {
				throw new ApiError(404, "rest_no_route", "No route was found matching the URL and request method."); //$NON-NLS-1$ //$NON-NLS-2$
			}
			String method = request.getMethod();
			JsonNode answer;
			if (parts.size() == 1 && method.equals("GET")) { //$NON-NLS-1$
				answer = list(resource, query, response, uri);
			} else if (parts.size() == 1 && method.equals("POST")) { //$NON-NLS-1$
				answer = create(resource, body(request));
				response.setCode(201);
			} else if (parts.get(1).equals("batch") && method.equals("POST")) { //$NON-NLS-1$ //$NON-NLS-2$
				answer = batch(resource, body(request));
			} else {
				long id = id(resource, parts.get(1));
				answer = switch (method) {
					case "GET" -> documents.find(resource.path, id).orElseThrow(resource::notFound); //$NON-NLS-1$
					case "PUT", "PATCH", "POST" -> update(resource, id, body(request)); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
					case "DELETE" -> delete(resource, id, query); //$NON-NLS-1$
					default -> throw new ApiError(404, "rest_no_route", "No route was found matching the URL and request method."); //$NON-NLS-1$ //$NON-NLS-2$
				};
			}
			respond(response, response.getCode() == 201 ? 201 : 200, answer);
		} catch (ApiError e) {
			respond(response, e.status, error(e));
		} catch (SQLException e) {
			respond(response, 500, error(new ApiError(500, "internal_server_error", e.getMessage()))); //$NON-NLS-1$
		}
	}

	/**
	 * As WooCommerce: a request signed with OAuth 1.0a (how its clients authenticate over plain http), or
	 * the key and secret as Basic authentication or as query parameters. Unlike WooCommerce, the sandbox
	 * takes the last two over plain http too (WooCommerce only over https).
	 */
	private void authenticate(ClassicHttpRequest request, Map<String, String> query) throws ApiError {
		var header = request.getFirstHeader(HttpHeaders.AUTHORIZATION);
		Map<String, String> signed = OAuthCheck.parameters(formQuery(request), header == null ? null : header.getValue());
		if (!signed.isEmpty()) {
			if (faults.keyRevoked()) {
				throw new ApiError(401, "woocommerce_rest_authentication_error", "Consumer key is invalid."); //$NON-NLS-1$ //$NON-NLS-2$
			}
			oauth.verify(request.getMethod(), signedUri(request), signed);
			return;
		}
		String key = query.get("consumer_key"); //$NON-NLS-1$
		String secret = query.get("consumer_secret"); //$NON-NLS-1$
		var authorization = request.getFirstHeader(HttpHeaders.AUTHORIZATION);
		if (authorization != null && authorization.getValue().startsWith("Basic ")) { //$NON-NLS-1$
			String decoded = new String(Base64.getDecoder().decode(authorization.getValue().substring(6).strip()),
					StandardCharsets.UTF_8);
			int colon = decoded.indexOf(':');
			key = colon < 0 ? decoded : decoded.substring(0, colon);
			secret = colon < 0 ? "" : decoded.substring(colon + 1); //$NON-NLS-1$
		}
		if (key == null) {
			throw new ApiError(401, "woocommerce_rest_cannot_view", "Sorry, you cannot list resources."); //$NON-NLS-1$ //$NON-NLS-2$
		}
		if (faults.keyRevoked() || !key.equals(consumerKey)) {
			throw new ApiError(401, "woocommerce_rest_authentication_error", "Consumer key is invalid."); //$NON-NLS-1$ //$NON-NLS-2$
		}
		if (!consumerSecret.equals(secret)) {
			throw new ApiError(401, "woocommerce_rest_authentication_error", "Consumer secret is invalid."); //$NON-NLS-1$ //$NON-NLS-2$
		}
	}

	/** The query as PHP reads it for WooCommerce: a '+' is a space. */
	private static Map<String, String> formQuery(ClassicHttpRequest request) {
		String path = request.getPath();
		int question = path.indexOf('?');
		Map<String, String> query = new LinkedHashMap<>();
		if (question >= 0) {
			for (NameValuePair parameter : WWWFormCodec.parse(path.substring(question + 1), StandardCharsets.UTF_8)) {
				query.put(parameter.getName(), parameter.getValue() == null ? "" : parameter.getValue()); //$NON-NLS-1$
			}
		}
		return query;
	}

	/** The address a client signed: scheme and host in lower case, the path as sent, no query (RFC 5849, 3.4.1.2). */
	private String signedUri(ClassicHttpRequest request) {
		String path = request.getPath();
		int question = path.indexOf('?');
		var host = request.getFirstHeader(HttpHeaders.HOST);
		String authority = host != null ? host.getValue() : request.getAuthority() != null ? request.getAuthority().toString() : ""; //$NON-NLS-1$
		authority = authority.toLowerCase(java.util.Locale.ROOT);
		if ((scheme.equals("http") && authority.endsWith(":80")) || (scheme.equals("https") && authority.endsWith(":443"))) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
			authority = authority.substring(0, authority.lastIndexOf(':'));
		}
		return scheme + "://" + authority + (question >= 0 ? path.substring(0, question) : path); //$NON-NLS-1$
	}

	private JsonNode list(Resource resource, Map<String, String> query, ClassicHttpResponse response, URI uri)
			throws ApiError, SQLException {
		int page = positive(query, "page", 1, Integer.MAX_VALUE); //$NON-NLS-1$
		int perPage = positive(query, "per_page", DEFAULT_PER_PAGE, MAX_PER_PAGE); //$NON-NLS-1$
		String unique = switch (resource) {
			case PRODUCTS -> query.get("sku"); //$NON-NLS-1$
			case CUSTOMERS -> query.get("email"); //$NON-NLS-1$
			case ORDERS -> query.get("search"); //$NON-NLS-1$
		};
		Documents.Page found;
		String include = query.get("include"); //$NON-NLS-1$
		if (include != null) { // as WordPress: ids separated by commas
			List<Long> ids = new ArrayList<>();
			for (String id : include.split(",")) { //$NON-NLS-1$
				if (!id.strip().matches("\\d{1,18}")) { //$NON-NLS-1$
					throw ApiError.invalidParam("include", "include[0] is not of type integer."); //$NON-NLS-1$ //$NON-NLS-2$
				}
				ids.add(Long.parseLong(id.strip()));
			}
			List<ObjectNode> matches = documents.findAll(resource.path, ids);
			found = new Documents.Page(matches.stream().limit(perPage).toList(), matches.size());
		} else if (unique != null && resource == Resource.PRODUCTS && unique.contains(",")) { // as WooCommerce: several SKUs
			List<ObjectNode> matches = documents.findByUniques(resource.path,
					Arrays.stream(unique.split(",")).map(String::strip).map(resource::fold).distinct().toList()); //$NON-NLS-1$
			found = new Documents.Page(matches.stream().limit(perPage).toList(), matches.size());
		} else if (unique != null) {
			List<ObjectNode> matches = documents.findByUnique(resource.path, resource.fold(unique));
			found = new Documents.Page(matches, matches.size());
		} else {
			Instant after = query.containsKey("modified_after") ? Resource.parseDate("modified_after", query.get("modified_after")) : null; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			Instant before = query.containsKey("modified_before") ? Resource.parseDate("modified_before", query.get("modified_before")) : null; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			String orderBy = query.getOrDefault("orderby", "date"); //$NON-NLS-1$ //$NON-NLS-2$
			if (!List.of("date", "id", "modified").contains(orderBy)) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
				throw ApiError.invalidParam("orderby", "orderby is not one of date, id, modified."); //$NON-NLS-1$ //$NON-NLS-2$
			}
			boolean ascending = query.getOrDefault("order", "desc").equals("asc"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
			found = documents.list(resource.path, after, before, orderBy, ascending, page, perPage);
		}
		long totalPages = (found.total() + perPage - 1) / perPage;
		response.setHeader("X-WP-Total", Long.toString(found.total())); //$NON-NLS-1$
		response.setHeader("X-WP-TotalPages", Long.toString(totalPages)); //$NON-NLS-1$
		StringBuilder links = new StringBuilder();
		if (page > 1) {
			links.append('<').append(pageUri(uri, page - 1)).append(">; rel=\"prev\""); //$NON-NLS-1$
		}
		if (page < totalPages) {
			links.append(links.isEmpty() ? "" : ", ").append('<').append(pageUri(uri, page + 1)).append(">; rel=\"next\""); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		}
		if (!links.isEmpty()) {
			response.setHeader("Link", links.toString()); //$NON-NLS-1$
		}
		ArrayNode array = json.createArrayNode();
		found.documents().forEach(array::add);
		return array;
	}

	private static String pageUri(URI uri, int page) {
		try {
			return new URIBuilder(uri).setParameter("page", Integer.toString(page)).build().toString(); //$NON-NLS-1$
		} catch (URISyntaxException e) {
			return uri.toString();
		}
	}

	private synchronized ObjectNode create(Resource resource, JsonNode body) throws ApiError, SQLException {
		if (!body.isObject()) {
			throw new ApiError(400, "rest_invalid_json", "Invalid JSON body passed."); //$NON-NLS-1$ //$NON-NLS-2$
		}
		ObjectNode document = ((ObjectNode) body).deepCopy();
		document.remove("id"); //$NON-NLS-1$
		resource.shape(document, true);
		long id = documents.nextId(resource.path);
		document.put("id", id); //$NON-NLS-1$
		if (resource == Resource.ORDERS && !document.hasNonNull("number")) { //$NON-NLS-1$
			document.put("number", Long.toString(id)); //$NON-NLS-1$
		}
		checkUnique(resource, document, id);
		Instant now = clock.instant();
		Resource.stamp(document, now, true);
		ObjectNode stored = reorder(document);
		documents.insert(resource.path, id, resource.uniqueValue(document), now, stored);
		return stored;
	}

	private synchronized ObjectNode update(Resource resource, long id, JsonNode body) throws ApiError, SQLException {
		if (!body.isObject()) {
			throw new ApiError(400, "rest_invalid_json", "Invalid JSON body passed."); //$NON-NLS-1$ //$NON-NLS-2$
		}
		ObjectNode document = documents.find(resource.path, id).orElseThrow(resource::notFound);
		ObjectNode changes = ((ObjectNode) body).deepCopy();
		changes.remove("id"); //$NON-NLS-1$
		if (resource == Resource.ORDERS && changes.has("line_items")) { //$NON-NLS-1$
			changes.set("line_items", mergeLines(document.path("line_items"), changes.get("line_items"))); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		}
		// As in WooCommerce, an address object changes the fields it names and keeps the others.
		for (String address : List.of("billing", "shipping")) { //$NON-NLS-1$ //$NON-NLS-2$
			if (changes.path(address).isObject() && document.path(address).isObject()) {
				ObjectNode merged = ((ObjectNode) document.get(address)).deepCopy();
				merged.setAll((ObjectNode) changes.get(address));
				changes.set(address, merged);
			}
		}
		document.setAll(changes);
		resource.shape(document, false);
		checkUnique(resource, document, id);
		Instant now = clock.instant();
		Resource.stamp(document, now, false);
		documents.save(resource.path, id, resource.uniqueValue(document), now, document);
		return document;
	}

	private synchronized ObjectNode delete(Resource resource, long id, Map<String, String> query)
			throws ApiError, SQLException {
		if (!"true".equals(query.get("force"))) { //$NON-NLS-1$ //$NON-NLS-2$
			throw new ApiError(501, "woocommerce_rest_trash_not_supported", //$NON-NLS-1$
					"Resources do not support trashing; set force to true to delete."); //$NON-NLS-1$
		}
		ObjectNode document = documents.find(resource.path, id).orElseThrow(resource::notFound);
		documents.delete(resource.path, id);
		return document;
	}

	/**
	 * Each item succeeds or fails on its own; failures come back in the item's place with an error. The
	 * items that succeed are stored in one commit.
	 */
	private synchronized JsonNode batch(Resource resource, JsonNode body) throws ApiError, SQLException {
		int items = body.path("create").size() + body.path("update").size() + body.path("delete").size(); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
		if (items > batchLimit) {
			throw new ApiError(413, "woocommerce_rest_request_entity_too_large", //$NON-NLS-1$
					"Unable to accept more than " + batchLimit + " items for this request."); //$NON-NLS-1$ //$NON-NLS-2$
		}
		return documents.inOneCommit(() -> batchItems(resource, body));
	}

	private JsonNode batchItems(Resource resource, JsonNode body) throws SQLException {
		ObjectNode answer = json.createObjectNode();
		if (body.has("create")) { //$NON-NLS-1$
			ArrayNode created = answer.putArray("create"); //$NON-NLS-1$
			for (JsonNode item : body.get("create")) { //$NON-NLS-1$
				created.add(itemResult(() -> create(resource, item), 0));
			}
		}
		if (body.has("update")) { //$NON-NLS-1$
			ArrayNode updated = answer.putArray("update"); //$NON-NLS-1$
			for (JsonNode item : body.get("update")) { //$NON-NLS-1$
				long id = item.path("id").asLong(); //$NON-NLS-1$
				updated.add(itemResult(() -> update(resource, id, item), id));
			}
		}
		if (body.has("delete")) { //$NON-NLS-1$
			ArrayNode deleted = answer.putArray("delete"); //$NON-NLS-1$
			for (JsonNode item : body.get("delete")) { //$NON-NLS-1$
				long id = item.asLong();
				deleted.add(itemResult(() -> delete(resource, id, Map.of("force", "true")), id)); //$NON-NLS-1$ //$NON-NLS-2$
			}
		}
		return answer;
	}

	@FunctionalInterface
	private interface Item {
		ObjectNode apply() throws ApiError, SQLException;
	}

	private ObjectNode itemResult(Item item, long id) throws SQLException {
		try {
			return item.apply();
		} catch (ApiError e) {
			ObjectNode failed = json.createObjectNode();
			failed.put("id", id); //$NON-NLS-1$
			failed.set("error", error(e)); //$NON-NLS-1$
			return failed;
		}
	}

	/**
	 * As WooCommerce updates an order's lines: a line with an id changes that line (quantity 0 removes
	 * it), a line without one is added, the others stay.
	 */
	private ArrayNode mergeLines(JsonNode existing, JsonNode changes) {
		Map<Long, ObjectNode> lines = new LinkedHashMap<>();
		long next = 1;
		for (JsonNode line : existing) {
			lines.put(line.path("id").asLong(), ((ObjectNode) line).deepCopy()); //$NON-NLS-1$
			next = Math.max(next, line.path("id").asLong() + 1); //$NON-NLS-1$
		}
		for (JsonNode change : changes) {
			if (change.has("id") && lines.containsKey(change.get("id").asLong())) { //$NON-NLS-1$ //$NON-NLS-2$
				long id = change.get("id").asLong(); //$NON-NLS-1$
				if (change.path("quantity").asInt(1) == 0) { //$NON-NLS-1$
					lines.remove(id);
				} else {
					lines.get(id).setAll((ObjectNode) change);
				}
			} else {
				ObjectNode added = ((ObjectNode) change).deepCopy();
				added.put("id", next); //$NON-NLS-1$
				lines.put(next++, added);
			}
		}
		ArrayNode merged = json.createArrayNode();
		lines.values().forEach(merged::add);
		return merged;
	}

	private void checkUnique(Resource resource, ObjectNode document, long id) throws ApiError, SQLException {
		String value = resource.uniqueValue(document);
		if (value != null && documents.findByUnique(resource.path, value).stream().anyMatch(d -> d.get("id").asLong() != id)) { //$NON-NLS-1$
			throw resource.duplicate(value);
		}
	}

	/** Documents read back in the order WooCommerce gives their fields: the id first. */
	private ObjectNode reorder(ObjectNode document) {
		ObjectNode ordered = json.createObjectNode();
		ordered.set("id", document.get("id")); //$NON-NLS-1$ //$NON-NLS-2$
		ordered.setAll(document);
		return ordered;
	}

	private static long id(Resource resource, String text) throws ApiError {
		try {
			return Long.parseLong(text);
		} catch (NumberFormatException e) {
			throw resource.notFound();
		}
	}

	private static int positive(Map<String, String> query, String name, int fallback, int max) throws ApiError {
		String text = query.get(name);
		if (text == null) {
			return fallback;
		}
		try {
			int value = Integer.parseInt(text);
			if (value < 1 || value > max) {
				throw ApiError.invalidParam(name, name + " must be between 1 (inclusive) and " + max + " (inclusive)"); //$NON-NLS-1$ //$NON-NLS-2$
			}
			return value;
		} catch (NumberFormatException e) {
			throw ApiError.invalidParam(name, name + " is not of type integer."); //$NON-NLS-1$
		}
	}

	private JsonNode body(ClassicHttpRequest request) throws IOException, ApiError {
		HttpEntity entity = request.getEntity();
		String text;
		try {
			text = entity == null ? "" : EntityUtils.toString(entity, StandardCharsets.UTF_8); //$NON-NLS-1$
		} catch (org.apache.hc.core5.http.ParseException e) {
			throw new ApiError(400, "rest_invalid_json", "Invalid JSON body passed."); //$NON-NLS-1$ //$NON-NLS-2$
		}
		try {
			JsonNode parsed = json.readTree(text);
			if (parsed == null || parsed.isMissingNode()) {
				throw new ApiError(400, "rest_invalid_json", "Invalid JSON body passed."); //$NON-NLS-1$ //$NON-NLS-2$
			}
			return parsed;
		} catch (JsonProcessingException e) {
			throw new ApiError(400, "rest_invalid_json", "Invalid JSON body passed."); //$NON-NLS-1$ //$NON-NLS-2$
		}
	}

	private ObjectNode error(ApiError e) {
		ObjectNode error = json.createObjectNode();
		error.put("code", e.code); //$NON-NLS-1$
		error.put("message", e.getMessage()); //$NON-NLS-1$
		ObjectNode data = error.putObject("data"); //$NON-NLS-1$
		data.put("status", e.status); //$NON-NLS-1$
		if (!e.params.isEmpty()) {
			ObjectNode params = data.putObject("params"); //$NON-NLS-1$
			e.params.forEach(params::put);
		}
		return error;
	}

	/** Sends the body, or half of it and then drops the connection, or a body cut short, as the switches say. */
	private void respond(ClassicHttpResponse response, int status, JsonNode body) throws IOException {
		response.setCode(status);
		byte[] bytes = json.writeValueAsBytes(body);
		if (faults.nextDrop()) {
			response.setEntity(new DroppingEntity(bytes));
			return;
		}
		if (status < 300 && faults.nextMalformed()) {
			bytes = java.util.Arrays.copyOf(bytes, Math.max(1, bytes.length / 2));
		}
		response.setEntity(new ByteArrayEntity(bytes, ContentType.APPLICATION_JSON));
	}

	private void switches(ClassicHttpRequest request, ClassicHttpResponse response) throws IOException {
		try {
			if (request.getMethod().equals("POST")) { //$NON-NLS-1$
				JsonNode settings = body(request);
				faults.clear();
				faults.latency(settings.path("latencyMillis").asLong(0)) //$NON-NLS-1$
						.serverErrors(settings.path("serverErrorRate").asDouble(0)) //$NON-NLS-1$
						.droppedConnections(settings.path("dropRate").asDouble(0)) //$NON-NLS-1$
						.malformedJson(settings.path("malformedRate").asDouble(0)) //$NON-NLS-1$
						.revokeKey(settings.path("keyRevoked").asBoolean(false)) //$NON-NLS-1$
						.tooManyRequests(settings.path("tooManyRequests").asInt(0), settings.path("retryAfterSeconds").asInt(1)); //$NON-NLS-1$ //$NON-NLS-2$
			}
			ObjectNode state = json.createObjectNode();
			state.put("latencyMillis", faults.latencyMillis()); //$NON-NLS-1$
			state.put("serverErrorRate", faults.serverErrorRate()); //$NON-NLS-1$
			state.put("dropRate", faults.dropRate()); //$NON-NLS-1$
			state.put("malformedRate", faults.malformedRate()); //$NON-NLS-1$
			state.put("keyRevoked", faults.keyRevoked()); //$NON-NLS-1$
			long[] counts = faults.counts();
			state.put("requests", counts[0]); //$NON-NLS-1$
			state.put("faulted", counts[1]); //$NON-NLS-1$
			response.setCode(200);
			response.setEntity(new ByteArrayEntity(json.writeValueAsBytes(state), ContentType.APPLICATION_JSON));
		} catch (ApiError e) {
			response.setCode(400);
			response.setEntity(new ByteArrayEntity(json.writeValueAsBytes(error(e)), ContentType.APPLICATION_JSON));
		}
	}

	private static void pause(long millis) {
		if (millis > 0) {
			try {
				Thread.sleep(millis);
			} catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/** Declares the whole length, writes half, then fails: the server drops the connection mid-body. */
	private static final class DroppingEntity extends AbstractHttpEntity {

		private final byte[] bytes;

		DroppingEntity(byte[] bytes) {
			super(ContentType.APPLICATION_JSON, null);
			this.bytes = bytes;
		}

		@Override
		public long getContentLength() {
			return bytes.length;
		}

		@Override
		public java.io.InputStream getContent() {
			return new java.io.ByteArrayInputStream(bytes);
		}

		@Override
		public void writeTo(OutputStream out) throws IOException {
			out.write(bytes, 0, bytes.length / 2);
			out.flush();
			throw new IOException("sandbox fault: connection dropped mid-response"); //$NON-NLS-1$
		}

		@Override
		public boolean isStreaming() {
			return false;
		}

		@Override
		public void close() {
			// nothing held
		}
	}
}
