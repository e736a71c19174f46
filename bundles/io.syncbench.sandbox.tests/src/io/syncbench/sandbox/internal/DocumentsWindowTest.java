package io.syncbench.sandbox.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The store's listing by modification time, which a client polling for changes asks for again and again. */
class DocumentsWindowTest {

	private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

	private final ObjectMapper json = new ObjectMapper();
	private Documents documents;

	@BeforeEach
	void fill() throws Exception {
		documents = new Documents("jdbc:derby:memory:window-" + UUID.randomUUID());
		// ids and times in opposite orders, so that an order by one is not the order by the other
		for (int n = 1; n <= 50; n++) {
			ObjectNode body = json.createObjectNode().put("id", n).put("name", "Product " + n);
			documents.insert("products", n, "sku-" + n, START.plusSeconds(100 - n), body);
		}
		documents.insert("orders", 7, null, START.plusSeconds(60), json.createObjectNode().put("id", 7));
	}

	@AfterEach
	void close() throws Exception {
		documents.close();
	}

	@Test
	void aWindowOfModificationTimesCountsAndPagesItsDocumentsOnly() throws Exception {
		Documents.Page page = documents.list("products", START.plusSeconds(59), START.plusSeconds(71), "modified", true, 2, 4);

		assertEquals(11, page.total(), "modified at 60 to 70 s: products 40 to 30, and no order");
		assertEquals(List.of(36L, 35L, 34L, 33L), ids(page), "the second page of four, oldest first");
	}

	@Test
	void aWindowOpenAtOneEndIsOrderedById() throws Exception {
		Documents.Page page = documents.list("products", START.plusSeconds(89), null, "id", false, 1, 3);

		assertEquals(10, page.total(), "modified after 89 s: products 10 to 1");
		assertEquals(List.of(10L, 9L, 8L), ids(page));
		assertEquals(50, documents.list("products", null, null, "id", true, 1, 1).total(), "no window: all of them");
	}

	private static List<Long> ids(Documents.Page page) {
		return page.documents().stream().map(document -> document.get("id").asLong()).toList();
	}
}
