// Drives the sandbox web store with WooCommerce's official JavaScript client
// (@woocommerce/woocommerce-rest-api), as a new user would: over plain http the client signs each
// request with OAuth 1.0a (HMAC-SHA256, parameters in the query). Exits non-zero at the first answer
// that is not what WooCommerce gives. Usage: node check.mjs <base URL> <consumer key> <consumer secret>
import WooCommerceRestApiModule from "@woocommerce/woocommerce-rest-api";

const WooCommerceRestApi = WooCommerceRestApiModule.default ?? WooCommerceRestApiModule;
const [url, consumerKey, consumerSecret] = process.argv.slice(2);
const api = new WooCommerceRestApi({ url, consumerKey, consumerSecret, version: "wc/v3" });
const wrong = new WooCommerceRestApi({ url, consumerKey, consumerSecret: consumerSecret + "x", version: "wc/v3" });

let failures = 0;
function check(what, condition, detail) {
  console.log(`${condition ? "ok  " : "FAIL"} ${what}${condition ? "" : ": " + JSON.stringify(detail)}`);
  if (!condition) failures++;
}

const sku = "CLIENT-" + Date.now();
const created = await api.post("products", { name: "Oak chair, large", sku, regular_price: "12.50" });
check("create a product (201)", created.status === 201 && created.data.sku === sku, created.data);

const found = await api.get("products", { sku, per_page: 5 });
check("find it by SKU", found.status === 200 && found.data.length === 1 && found.data[0].id === created.data.id, found.data);
check("paging headers", found.headers["x-wp-total"] === "1" && found.headers["x-wp-totalpages"] === "1", found.headers);

const since = new Date(Date.now() - 60000).toISOString().replace(/\.\d+Z$/, "");
const changed = await api.get("products", { modified_after: since, dates_are_gmt: true, per_page: 100 });
check("modified_after with dates_are_gmt (a value with colons)", changed.data.some((p) => p.sku === sku), changed.data.length);

const searched = await api.get("products", { search: "oak chair", per_page: 10, page: 1 });
check("a query value with a space (sent as '+')", searched.status === 200, searched.status);

const updated = await api.put(`products/${created.data.id}`, { regular_price: "13.00" });
check("update it", updated.status === 200 && updated.data.regular_price === "13.00", updated.data);

const batch = await api.post("products/batch", {
  create: [{ name: "Pine table", sku: sku + "-B", regular_price: "40.00" }],
  update: [{ id: created.data.id, name: "Oak chair" }],
});
check("batch create and update", batch.status === 200 && batch.data.create.length === 1 && batch.data.update[0].name === "Oak chair",
  batch.data);

const customers = await api.get("customers", { email: "nobody@example.com" });
check("list customers by email", customers.status === 200 && Array.isArray(customers.data), customers.data);

const deleted = await api.delete(`products/${created.data.id}`, { force: true });
check("delete it", deleted.status === 200 && deleted.data.id === created.data.id, deleted.data);

try {
  await wrong.get("products");
  check("a wrong secret is refused", false, "answered 200");
} catch (error) {
  const body = error.response?.data;
  check("a wrong secret is refused with WooCommerce's body", error.response?.status === 401
    && body?.code === "woocommerce_rest_authentication_error"
    && body?.message === "Invalid signature - provided signature does not match.", body);
}

console.log(failures === 0 ? "All checks passed." : `${failures} checks failed.`);
process.exit(failures === 0 ? 0 : 1);
