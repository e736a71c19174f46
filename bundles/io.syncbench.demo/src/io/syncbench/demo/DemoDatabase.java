package io.syncbench.demo;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.LongConsumer;

/**
 * The demo company's database: the standard layout filled with a believable small business (a few
 * hundred items with prices and stock in two warehouses, customers with billing and shipping
 * addresses, a few orders), always the same, and a generator of large item tables for benchmarks.
 */
public final class DemoDatabase {

	public static final int ITEMS = 300;
	public static final int CUSTOMERS = 80;
	public static final int ORDERS = 25;
	public static final List<String> WAREHOUSES = List.of("WH1", "WH2"); //$NON-NLS-1$ //$NON-NLS-2$

	private static final String[] MATERIALS = { "Oak", "Walnut", "Steel", "Birch", "Bamboo", "Linen", "Wool", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$ //$NON-NLS-7$
			"Ceramic", "Glass", "Leather" }; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
	private static final String[][] PRODUCTS = { { "Furniture", "Desk" }, { "Furniture", "Chair" }, //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
			{ "Furniture", "Shelf" }, { "Furniture", "Side table" }, { "Lighting", "Floor lamp" }, //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$
			{ "Lighting", "Pendant light" }, { "Textiles", "Cushion" }, { "Textiles", "Throw" }, //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$
			{ "Kitchen", "Serving bowl" }, { "Kitchen", "Carafe" }, { "Office", "Pen tray" }, { "Office", "Monitor stand" } }; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$ //$NON-NLS-7$ //$NON-NLS-8$
	private static final String[] FIRST_NAMES = { "Anna", "Ben", "Chloé", "David", "Elif", "Finn", "Greta", "Hugo", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$ //$NON-NLS-7$ //$NON-NLS-8$
			"Ines", "Jonas", "Kasia", "Luca", "Maya", "Noah", "Olga", "Pavel", "Rosa", "Sami", "Tess", "Yusuf" }; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$ //$NON-NLS-7$ //$NON-NLS-8$ //$NON-NLS-9$ //$NON-NLS-10$ //$NON-NLS-11$ //$NON-NLS-12$
	private static final String[] LAST_NAMES = { "Berger", "Costa", "Dubois", "Eriksen", "Fischer", "García", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$
			"Horvat", "Jansen", "Kowalski", "Lindqvist", "Moreau", "Novak", "O'Brien", "Rossi", "Schmidt", "Weber" }; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$ //$NON-NLS-7$ //$NON-NLS-8$ //$NON-NLS-9$ //$NON-NLS-10$
	private static final String[][] CITIES = { { "Lyon", "69002", "FR" }, { "Graz", "8010", "AT" }, //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$
			{ "Leipzig", "04109", "DE" }, { "Utrecht", "3511", "NL" }, { "Porto", "4050", "PT" }, //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$ //$NON-NLS-7$ //$NON-NLS-8$ //$NON-NLS-9$
			{ "Gdańsk", "80-001", "PL" }, { "Bologna", "40121", "IT" }, { "Aarhus", "8000", "DK" } }; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$ //$NON-NLS-7$ //$NON-NLS-8$ //$NON-NLS-9$
	private static final String[] STREETS = { "Market Street", "Station Road", "Mill Lane", "Church Square", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
			"Harbour Way", "Linden Avenue" }; //$NON-NLS-1$ //$NON-NLS-2$

	private DemoDatabase() {
	}

	/** Creates the standard layout's tables in an empty database. */
	public static void createTables(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			for (String table : StandardLayout.tables()) {
				statement.execute(table);
			}
		}
		commitIfNeeded(connection);
	}

	/** Creates the tables and fills them with the demo company's data, the same every time. */
	public static void createWithSampleData(Connection connection) throws SQLException {
		createTables(connection);
		Random random = new Random(20261122L);
		List<BigDecimal> prices = insertItems(connection, 1, ITEMS, random, null);
		insertStock(connection, random);
		insertCustomers(connection, random);
		insertOrders(connection, random, prices);
		commitIfNeeded(connection);
	}

	/**
	 * Adds {@code count} generated items (SKU {@code GEN-<n>}) after those already there, in batches,
	 * reporting the number written so far.
	 */
	public static void generateItems(Connection connection, long count, LongConsumer written) throws SQLException {
		long first;
		try (Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM ITEM")) { //$NON-NLS-1$
			result.next();
			first = result.getLong(1) + 1;
		}
		boolean autoCommit = connection.getAutoCommit();
		connection.setAutoCommit(false);
		try {
			insertItems(connection, first, count, new Random(first), written);
		} finally {
			connection.setAutoCommit(autoCommit);
		}
	}

	private static List<BigDecimal> insertItems(Connection connection, long first, long count, Random random,
			LongConsumer written) throws SQLException {
		List<BigDecimal> prices = new ArrayList<>();
		boolean generated = written != null;
		try (PreparedStatement insert = connection.prepareStatement(
				"INSERT INTO ITEM (SKU, NAME, DESCRIPTION, CATEGORY, PRICE, STOCK, ACTIVE) VALUES (?, ?, ?, ?, ?, ?, ?)")) { //$NON-NLS-1$
			for (long n = first; n < first + count; n++) {
				String material = MATERIALS[random.nextInt(MATERIALS.length)];
				String[] product = PRODUCTS[random.nextInt(PRODUCTS.length)];
				BigDecimal price = BigDecimal.valueOf(990 + random.nextInt(40000), 2).setScale(2, RoundingMode.HALF_UP);
				insert.setString(1, String.format(Locale.ROOT, generated ? "GEN-%07d" : "SB-%05d", n)); //$NON-NLS-1$ //$NON-NLS-2$
				insert.setString(2, material + " " + product[1].toLowerCase(Locale.ROOT)); //$NON-NLS-1$
				insert.setString(3, "A " + product[1].toLowerCase(Locale.ROOT) + " in " //$NON-NLS-1$ //$NON-NLS-2$
						+ material.toLowerCase(Locale.ROOT) + ", made to last."); //$NON-NLS-1$
				insert.setString(4, product[0]);
				insert.setBigDecimal(5, price);
				insert.setInt(6, random.nextInt(120));
				insert.setBoolean(7, random.nextInt(20) != 0);
				insert.addBatch();
				if (!generated) {
					prices.add(price);
				}
				if ((n - first + 1) % 1000 == 0) {
					insert.executeBatch();
					commitIfNeeded(connection);
					if (written != null) {
						written.accept(n - first + 1);
					}
				}
			}
			insert.executeBatch();
			commitIfNeeded(connection);
			if (written != null && count % 1000 != 0) {
				written.accept(count);
			}
		}
		return prices;
	}

	private static void insertStock(Connection connection, Random random) throws SQLException {
		try (PreparedStatement insert = connection.prepareStatement(
				"INSERT INTO STOCK_LEVEL (ITEM_ID, WAREHOUSE, QUANTITY) VALUES (?, ?, ?)")) { //$NON-NLS-1$
			for (long item = 1; item <= ITEMS; item++) {
				for (String warehouse : WAREHOUSES) {
					insert.setLong(1, item);
					insert.setString(2, warehouse);
					insert.setInt(3, random.nextInt(60));
					insert.addBatch();
				}
			}
			insert.executeBatch();
		}
	}

	private static void insertCustomers(Connection connection, Random random) throws SQLException {
		try (PreparedStatement customer = connection.prepareStatement(
				"INSERT INTO CUSTOMER (EMAIL, FIRST_NAME, LAST_NAME, PHONE, COMPANY) VALUES (?, ?, ?, ?, ?)"); //$NON-NLS-1$
				PreparedStatement address = connection.prepareStatement(
						"INSERT INTO ADDRESS (CUSTOMER_ID, KIND, STREET, CITY, POSTCODE, COUNTRY) VALUES (?, ?, ?, ?, ?, ?)")) { //$NON-NLS-1$
			for (int n = 1; n <= CUSTOMERS; n++) {
				String first = FIRST_NAMES[random.nextInt(FIRST_NAMES.length)];
				String last = LAST_NAMES[random.nextInt(LAST_NAMES.length)];
				String email = (first + "." + last.replace("'", "")).toLowerCase(Locale.ROOT) + n + "@example.com"; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
				customer.setString(1, email);
				customer.setString(2, first);
				customer.setString(3, last);
				customer.setString(4, String.format(Locale.ROOT, "+49 30 %07d", random.nextInt(10_000_000))); //$NON-NLS-1$
				customer.setString(5, random.nextInt(4) == 0 ? last + " & Partners" : null); //$NON-NLS-1$
				customer.addBatch();
				String[] city = CITIES[random.nextInt(CITIES.length)];
				addAddress(address, n, "billing", random, city); //$NON-NLS-1$
				if (random.nextInt(3) == 0) {
					addAddress(address, n, "shipping", random, CITIES[random.nextInt(CITIES.length)]); //$NON-NLS-1$
				}
			}
			customer.executeBatch();
			address.executeBatch();
		}
	}

	private static void addAddress(PreparedStatement address, long customer, String kind, Random random, String[] city)
			throws SQLException {
		address.setLong(1, customer);
		address.setString(2, kind);
		address.setString(3, (1 + random.nextInt(180)) + " " + STREETS[random.nextInt(STREETS.length)]); //$NON-NLS-1$
		address.setString(4, city[0]);
		address.setString(5, city[1]);
		address.setString(6, city[2]);
		address.addBatch();
	}

	private static void insertOrders(Connection connection, Random random, List<BigDecimal> prices) throws SQLException {
		Instant start = Instant.parse("2026-10-01T08:00:00Z"); //$NON-NLS-1$
		try (PreparedStatement order = connection.prepareStatement(
				"INSERT INTO SALES_ORDER (ORDER_REF, CUSTOMER_ID, ORDERED_AT, STATUS, TOTAL) VALUES (?, ?, ?, ?, ?)"); //$NON-NLS-1$
				PreparedStatement line = connection.prepareStatement(
						"INSERT INTO SALES_ORDER_LINE (ORDER_ID, ITEM_ID, QUANTITY, UNIT_PRICE) VALUES (?, ?, ?, ?)")) { //$NON-NLS-1$
			for (int n = 1; n <= ORDERS; n++) {
				BigDecimal total = BigDecimal.ZERO;
				int lines = 1 + random.nextInt(4);
				for (int l = 0; l < lines; l++) {
					int item = 1 + random.nextInt(ITEMS);
					int quantity = 1 + random.nextInt(3);
					BigDecimal price = prices.get(item - 1);
					line.setLong(1, n);
					line.setLong(2, item);
					line.setInt(3, quantity);
					line.setBigDecimal(4, price);
					line.addBatch();
					total = total.add(price.multiply(BigDecimal.valueOf(quantity)));
				}
				order.setString(1, String.format(Locale.ROOT, "SO-2026-%04d", n)); //$NON-NLS-1$
				order.setLong(2, 1 + random.nextInt(CUSTOMERS));
				order.setTimestamp(3, Timestamp.from(start.plus(n * 26L, ChronoUnit.HOURS)));
				order.setString(4, n < ORDERS - 5 ? "shipped" : "open"); //$NON-NLS-1$ //$NON-NLS-2$
				order.setBigDecimal(5, total);
				order.addBatch();
			}
			order.executeBatch(); // orders before their lines: the lines point to them
			line.executeBatch();
		}
	}

	private static void commitIfNeeded(Connection connection) throws SQLException {
		if (!connection.getAutoCommit()) {
			connection.commit();
		}
	}
}
