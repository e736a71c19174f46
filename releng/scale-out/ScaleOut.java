import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.syncbench.demo.DemoDatabase;

/**
 * Several headless services on one PostgreSQL store, against the real product: {@code companies}
 * companies, each with {@code items} items in a PostgreSQL company database of its own and a sandbox
 * web store of its own (all served by one process, every request delayed by {@code latency} ms, as a
 * store far away is). Each row of the table is a fresh start: new company databases, new web stores, a new store
 * with the companies imported, then the services launched together and timed until every item is
 * synchronized. That first round includes each service's start, a third of whose CPU goes to the JIT
 * compiler when held to a fraction of a core; so each row then renames every item in every company
 * database at once and times the warm services until every rename is in its web store, the rate that a
 * service running for days gives. Then, for every row, each web store must hold each item once, renamed,
 * every status row must be synchronized, and once the services stopped no company and no link may be
 * leased.
 *
 * <p>The failover row starts two services, kills one with SIGKILL once a tenth of the items are
 * synchronized, and measures how long until the survivor holds the killed service's companies and
 * until it has synchronized the rest. The goal: under the lease time plus 5 s.
 *
 * <p>Run by {@code releng/scripts/scale-out.sh}; prints a table, writes a CSV, and exits 1 when a check
 * fails.
 */
public final class ScaleOut {

	private static final String KEY = "ck_bench";
	private static final String SECRET = "cs_bench";
	private static final Duration PATIENCE = Duration.ofMinutes(20);
	/** A line of the printed table, its header's too. */
	private static final String ROW = "%-48s %8s %9s %15s %11s %17s %13s %18s %11s %11s%n";
	/** What the second round appends to every item's name. */
	private static final String RENAMED = " (renamed)";

	private final Path product;
	private final Path work;
	private final String server;
	private final int companies;
	private final int items;
	private final int latency;
	private final int leaseSeconds;
	/** Each service's share of the cores (0.3 is 30% of one core), as on a small machine of its own; 0 for no cap. */
	private final double serviceCores;
	private final HttpClient http = HttpClient.newHttpClient();
	private final List<String> problems = new ArrayList<>();
	private final List<String[]> rows = new ArrayList<>();
	private final String run = "so" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
	private String currentStoreUrl;

	private ScaleOut(Path product, Path work, String server, int companies, int items, int latency, int leaseSeconds,
			double serviceCores) {
		this.product = product;
		this.work = work;
		this.server = server;
		this.companies = companies;
		this.items = items;
		this.latency = latency;
		this.leaseSeconds = leaseSeconds;
		this.serviceCores = serviceCores;
	}

	public static void main(String[] arguments) throws Exception {
		ScaleOut test = new ScaleOut(Path.of(arguments[0]), Path.of(arguments[1]), arguments[2],
				Integer.parseInt(arguments[3]), Integer.parseInt(arguments[4]), Integer.parseInt(arguments[5]),
				Integer.parseInt(arguments[6]), arguments.length > 8 && !arguments[8].isBlank() ? Double.parseDouble(arguments[8]) : 0);
		List<Integer> services = new ArrayList<>();
		for (String count : arguments[7].split(",")) {
			services.add(Integer.parseInt(count));
		}
		System.exit(test.measure(services) ? 0 : 1);
	}

	private boolean measure(List<Integer> serviceCounts) throws Exception {
		say("%d companies x %d items, web stores %d ms away, leases of %d s%s; logs in %s", companies, items, latency,
				leaseSeconds, capped(), work);
		double single = 0;
		double singleRenamed = 0;
		for (int services : serviceCounts) {
			Throughput measured = throughput(services);
			double rate = measured.steadyItemsPerSecond();
			if (services == 1) {
				single = rate;
				singleRenamed = measured.renamedItemsPerSecond();
			}
			rows.add(new String[] { services + " service" + (services == 1 ? "" : "s") + capped(),
					String.valueOf(companies * items), String.format(Locale.ROOT, "%.0f", measured.itemsPerSecond()),
					String.format(Locale.ROOT, "%.0f", rate),
					single > 0 ? String.format(Locale.ROOT, "%.2f", rate / single) : "",
					String.format(Locale.ROOT, "%.0f", measured.renamedItemsPerSecond()),
					singleRenamed > 0 ? String.format(Locale.ROOT, "%.2f", measured.renamedItemsPerSecond() / singleRenamed) : "",
					String.format(Locale.ROOT, "%.0f", measured.renamedCpu().busyShare() * 100), "", "" });
		}
		failover();
		print();
		if (!problems.isEmpty()) {
			say("FAILED:");
			problems.forEach(problem -> System.out.println("  " + problem));
			return false;
		}
		say("PASSED: every item once in its web store, every status row synchronized, nothing leased");
		return true;
	}

	/**
	 * Items per second from the launch until everything was synchronized; between a tenth and nine tenths
	 * of the items, once every service started and before the last companies finish alone (the rate that
	 * more services raise); and, once every item was renamed, the warm services' rate between a tenth and
	 * nine tenths of the renames, with the CPU used in that window.
	 */
	private record Throughput(double itemsPerSecond, double steadyItemsPerSecond, double renamedItemsPerSecond,
			CpuUse renamedCpu) {
	}

	/** One fresh start with {@code services} services, timed until everything is synchronized. */
	private Throughput throughput(int services) throws Exception {
		Phase phase = prepare("services-" + services);
		try {
			long started = System.nanoTime();
			CpuUse before = CpuUse.of(phase);
			for (int i = 1; i <= services; i++) {
				phase.services.add(service(phase, "svc-" + i));
			}
			int all = companies * items;
			waitFor("a tenth of the items", () -> synchronizedCount(phase) >= all / 10);
			long atTenth = synchronizedCount(phase);
			long tenth = System.nanoTime();
			CpuUse atFirstTenth = CpuUse.of(phase);
			waitFor("nine tenths of the items", () -> synchronizedCount(phase) >= all * 9L / 10);
			long atNineTenths = synchronizedCount(phase);
			double steady = (atNineTenths - atTenth) / ((System.nanoTime() - tenth) / 1e9);
			CpuUse window = CpuUse.of(phase).since(atFirstTenth);
			waitFor(services + " services synchronizing every item", () -> synchronizedCount(phase) == all);
			double seconds = (System.nanoTime() - started) / 1e9;
			CpuUse used = CpuUse.of(phase).since(before);
			double rate = all / seconds;
			say("%d service(s)%s: %d items in %.1f s from the launch, %.0f items/s; %.0f items/s from a tenth to nine tenths;"
					+ " companies per service %s", services, capped(), all, seconds, rate, steady, holders(phase));
			say("%d service(s): the machine's %d cores were busy %s; from a tenth to nine tenths %s", services,
					Runtime.getRuntime().availableProcessors(), used.described(), window.described());
			// The second round, on warm services: every item renamed at once, each a change to send.
			Timestamp lastWrite = lastStatusWrite(phase);
			long renaming = System.nanoTime();
			rename(phase);
			waitFor("a tenth of the renames", () -> writtenSince(phase, lastWrite) >= all / 10);
			long renamedAtTenth = writtenSince(phase, lastWrite);
			long renamedTenth = System.nanoTime();
			CpuUse atRenamedTenth = CpuUse.of(phase);
			waitFor("nine tenths of the renames", () -> writtenSince(phase, lastWrite) >= all * 9L / 10);
			double renamedRate = (writtenSince(phase, lastWrite) - renamedAtTenth) / ((System.nanoTime() - renamedTenth) / 1e9);
			CpuUse renamedWindow = CpuUse.of(phase).since(atRenamedTenth);
			waitFor(services + " services sending every rename", () -> writtenSince(phase, lastWrite) == all);
			say("%d service(s)%s, warm: %d items renamed, all sent in %.1f s, %.0f items/s from a tenth to nine tenths;"
					+ " the cores were busy %s", services, capped(), all, (System.nanoTime() - renaming) / 1e9, renamedRate,
					renamedWindow.described());
			finish(phase, true);
			return new Throughput(rate, steady, renamedRate, renamedWindow);
		} finally {
			phase.close();
		}
	}

	private void failover() throws Exception {
		if (companies < 2) {
			say("failover: skipped, since two services share companies and there is only one");
			return;
		}
		Phase phase = prepare("failover");
		try {
			Process first = service(phase, "svc-1");
			Process second = service(phase, "svc-2");
			phase.services.add(first);
			phase.services.add(second);
			waitFor("both services holding companies", () -> holders(phase).size() == 2);
			waitFor("a tenth of the items", () -> synchronizedCount(phase) >= companies * items / 10);
			Map<String, Integer> before = holders(phase);
			String victim = before.keySet().stream().filter(owner -> owner.startsWith("service@svc-1:")).findFirst()
					.orElseThrow();
			long done = synchronizedCount(phase);
			first.destroyForcibly(); // SIGKILL
			first.waitFor();
			long killed = System.nanoTime();
			say("failover: killed %s holding %d of %d companies at %d of %d items", victim, before.get(victim), companies,
					done, companies * items);
			waitFor("the survivor holding every company", () -> {
				Map<String, Integer> now = holders(phase);
				return now.size() == 1 && now.values().iterator().next() == companies && !now.containsKey(victim);
			});
			double takeover = (System.nanoTime() - killed) / 1e9;
			long atTakeover = synchronizedCount(phase);
			waitFor("the survivor synchronizing every item", () -> synchronizedCount(phase) == companies * items);
			double rest = (System.nanoTime() - killed) / 1e9;
			say("failover: the survivor held every company %.1f s after the kill (lease %d s, goal < %d s); all items %.1f s after it",
					takeover, leaseSeconds, leaseSeconds + 5, rest);
			if (takeover >= leaseSeconds + 5) {
				problems.add(String.format(Locale.ROOT, "failover: the takeover took %.1f s, not under the lease time plus 5 s", takeover));
			}
			rows.add(new String[] { "failover, 2 services, one killed" + capped(), String.valueOf(companies * items), "", "", "", "", "", "",
					String.format(Locale.ROOT, "%.1f", takeover), String.format(Locale.ROOT, "%.1f", rest) });
			phase.services.remove(first);
			finish(phase, false);
			if (atTakeover < done) {
				problems.add("failover: fewer items synchronized after the takeover than before the kill");
			}
		} finally {
			phase.close();
		}
	}

	// ---- one fresh start ------------------------------------------------------------------------------

	private final class Phase implements AutoCloseable {
		final String name;
		final Path folder;
		final String storeSchema;
		final List<String> schemas = new ArrayList<>();
		final List<Process> sandboxes = new ArrayList<>();
		final List<Integer> ports = new ArrayList<>();
		final List<Process> services = new ArrayList<>();
		final List<Path> caps = new ArrayList<>();
		Connection watch;

		Phase(String name) throws IOException {
			this.name = name;
			this.folder = work.resolve(name);
			this.storeSchema = run + "_" + name.replace('-', '_') + "_store";
			Files.createDirectories(folder);
		}

		String storeUrl() {
			return url(storeSchema);
		}

		@Override
		public void close() {
			services.forEach(Process::destroyForcibly);
			sandboxes.forEach(Process::destroyForcibly);
			for (Process process : services) {
				waitQuietly(process);
			}
			for (Process process : sandboxes) {
				waitQuietly(process);
			}
			caps.forEach(CpuCap::remove);
			closeQuietly(this);
			try (Connection admin = connect(server); Statement sql = admin.createStatement()) {
				sql.execute("DROP SCHEMA IF EXISTS " + storeSchema + " CASCADE");
				for (String schema : schemas) {
					sql.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
				}
			} catch (SQLException e) {
				say("could not drop the schemas of %s: %s", name, e.getMessage());
			}
		}
	}

	/** New company databases, web stores and store, with the companies imported: nothing runs yet. */
	private Phase prepare(String name) throws Exception {
		Phase phase = new Phase(name);
		currentStoreUrl = phase.storeUrl();
		try (Connection admin = connect(server); Statement sql = admin.createStatement()) {
			sql.execute("CREATE SCHEMA " + phase.storeSchema);
			for (int i = 1; i <= companies; i++) {
				String schema = phase.storeSchema.replace("_store", "_co" + i);
				sql.execute("CREATE SCHEMA " + schema);
				phase.schemas.add(schema);
				try (Connection company = connect(url(schema))) {
					DemoDatabase.createTables(company);
				}
			}
		}
		// Every company's web store in one process of its own, as the far side is one system: a JVM for each
		// would spend the machine's cores on a dozen JIT compilers and heaps instead of on the load. Each
		// binds a free port itself and names it (a port chosen here could be taken before it binds).
		Path sandboxLog = phase.folder.resolve("sandbox.log");
		phase.sandboxes.add(launch(sandboxLog, "-Xmx768m", "-application", "io.syncbench.sandbox.server", "-data",
				"@none", "-consoleLog", "-port", String.join(",", java.util.Collections.nCopies(companies, "0")),
				"-database", phase.folder.resolve("sandbox").toString(), "-key", KEY, "-secret", SECRET, "-latency",
				String.valueOf(latency)));
		Process sandbox = phase.sandboxes.get(phase.sandboxes.size() - 1);
		waitFor("the web stores to start", () -> {
			if (!sandbox.isAlive()) {
				throw new WillNotCome("the sandbox process ended with " + sandbox.exitValue() + "; see " + sandboxLog);
			}
			return announcedPorts(sandboxLog).size() == companies;
		});
		phase.ports.addAll(announcedPorts(sandboxLog));
		List<String> files = new ArrayList<>();
		for (int i = 1; i <= companies; i++) {
			Path file = phase.folder.resolve("company-" + i + ".json");
			Files.writeString(file, setup(i, url(phase.schemas.get(i - 1)), phase.ports.get(i - 1)));
			files.add(file.toString());
		}
		for (int port : phase.ports) {
			waitFor("the sandbox on port " + port, () -> get(port, "/wp-json/wc/v3/products?per_page=1").statusCode() == 200);
		}
		// Imported in one process, in order: the companies get the ids 1, 2, ... in each fresh store, which
		// the secrets (set once, by id) name.
		List<String> importing = new ArrayList<>(List.of("-application", "io.syncbench.service.headless", "-data",
				phase.folder.resolve("import").toString(), "-consoleLog", "-importCompany"));
		importing.addAll(files);
		expectExit(launch(phase.folder.resolve("import.log"), "-Xmx512m " + storeArguments(),
				importing.toArray(String[]::new)), "the import");
		// Change capture first, then the items: each reaches the web store as a change, as new items do.
		expectExit(launch(phase.folder.resolve("capture.log"), "-Xmx512m " + storeArguments(), "-application",
				"io.syncbench.service.headless", "-data", phase.folder.resolve("import").toString(), "-consoleLog",
				"-installCapture"), "installing the change capture");
		for (String schema : phase.schemas) {
			try (Connection company = connect(url(schema))) {
				DemoDatabase.generateItems(company, items, written -> {
				});
			}
		}
		// For each fresh store: its companies' secrets are kept under the store's identity. One at a time, as
		// each process rewrites the secure storage file.
		for (int i = 1; i <= companies; i++) {
			Process secret = launch(phase.folder.resolve("secret-" + i + ".log"), "-Xmx256m " + storeArguments(),
					"-application", "io.syncbench.service.headless", "-data", phase.folder.resolve("import").toString(),
					"-setSystemSecret", "Company " + i, "webstore");
			try (OutputStream in = secret.getOutputStream()) {
				in.write((KEY + ":" + SECRET + "\n").getBytes(StandardCharsets.UTF_8));
			}
			expectExit(secret, "the secret of Company " + i);
		}
		return phase;
	}

	private String setup(int company, String database, int port) {
		return """
				{
				  "format" : "syncbench-company-setup",
				  "version" : 1,
				  "company" : { "name" : "Company %d", "syncIntervalSeconds" : 3600, "automaticSync" : true, "syncOnStart" : true },
				  "runSettings" : { "syncOnChange" : true, "minimumGapMinutes" : 0, "parallelEntities" : 2, "maxAttempts" : 5,
				    "holdRunsOnConflict" : false },
				  "systems" : [
				    { "name" : "erp", "type" : "jdbc", "role" : "COMPANY_DATABASE", "enabled" : true,
				      "settings" : { "url" : "%s", "user" : "%s", "entities" : "product" } },
				    { "name" : "webstore", "type" : "woocommerce", "role" : "OUTSIDE_SYSTEM", "enabled" : true,
				      "settings" : { "url" : "http://127.0.0.1:%d" } } ],
				  "entities" : [ { "system" : "webstore", "entity" : "product", "direction" : "SEND_ONLY", "primary" : "LOCAL",
				    "mappings" : { }, "filter" : { } } ]
				}
				""".formatted(company, database, user(), port);
	}

	private Process service(Phase phase, String name) throws IOException {
		Path cap = serviceCores > 0 ? CpuCap.create(phase.name + "-" + name, serviceCores) : null;
		if (cap != null) {
			phase.caps.add(cap);
		}
		return launch(phase.folder.resolve(name + ".log"), cap, "-Xmx512m " + storeArguments() + " -Dsyncbench.service.name="
				+ name + " -Dsyncbench.service.leaseSeconds=" + leaseSeconds, "-application", "io.syncbench.service.headless",
				"-data", phase.folder.resolve(name).toString(), "-consoleLog");
	}

	/** What the table's rows say of the services' cap, if any. */
	private String capped() {
		return serviceCores > 0 ? String.format(Locale.ROOT, ", %.2f core each", serviceCores) : "";
	}

	/**
	 * A CPU cap per service (a control group with a CFS quota), standing for a small machine of its own:
	 * on this machine the services, the web stores and PostgreSQL share two cores, and one uncapped service
	 * keeps them busy, so a second cannot add speed; capped, each service is the bottleneck of its own
	 * share, as on separate machines, and the split of the work is what the rows measure.
	 */
	private static final class CpuCap {
		private static final Path V1 = Path.of("/sys/fs/cgroup/cpu");
		private static final Path V2 = Path.of("/sys/fs/cgroup");
		private static final long PERIOD = 100_000; // microseconds

		static Path create(String name, double cores) throws IOException {
			long quota = Math.round(cores * PERIOD);
			try {
				if (Files.exists(V1.resolve("cpu.cfs_quota_us"))) {
					Path group = Files.createDirectories(V1.resolve("syncbench-scale-out").resolve(name));
					Files.writeString(group.resolve("cpu.cfs_period_us"), String.valueOf(PERIOD));
					Files.writeString(group.resolve("cpu.cfs_quota_us"), String.valueOf(quota));
					return group;
				}
				if (Files.readString(V2.resolve("cgroup.controllers")).contains("cpu")) {
					Path parent = Files.createDirectories(V2.resolve("syncbench-scale-out"));
					Files.writeString(parent.resolve("cgroup.subtree_control"), "+cpu");
					Path group = Files.createDirectories(parent.resolve(name));
					Files.writeString(group.resolve("cpu.max"), quota + " " + PERIOD);
					return group;
				}
			} catch (IOException e) {
				throw new IOException("cannot cap a service's CPU (a control group needs root and a writable /sys/fs/cgroup): " + e, e);
			}
			throw new IOException("cannot cap a service's CPU: no cpu control group under /sys/fs/cgroup");
		}

		/** Removes the group once its processes ended (the kernel refuses while one is in it). */
		static void remove(Path group) {
			for (int attempt = 0; attempt < 50; attempt++) {
				try {
					Files.deleteIfExists(group);
					return;
				} catch (IOException e) {
					try {
						Thread.sleep(100);
					} catch (InterruptedException stop) {
						Thread.currentThread().interrupt();
						return;
					}
				}
			}
			say("could not remove the control group %s", group);
		}
	}

	/** The store of the phase being prepared or measured, and the secrets every phase shares. */
	private String storeArguments() {
		return "-Dsyncbench.store.url=" + currentStoreUrl + " -Dsyncbench.store.user=" + user() + " -Dsyncbench.secrets="
				+ work.resolve("secrets");
	}

	/** Renames every item of every company database, one commit each; the change capture logs each row. */
	private void rename(Phase phase) throws SQLException {
		for (String schema : phase.schemas) {
			try (Connection company = connect(url(schema)); Statement sql = company.createStatement()) {
				sql.executeUpdate("UPDATE ITEM SET NAME = NAME || '" + RENAMED + "'");
			}
		}
	}

	/** When a service last wrote a status row: a row written after it was written in the second round. */
	private Timestamp lastStatusWrite(Phase phase) throws SQLException {
		try (Statement sql = watch(phase).createStatement();
				ResultSet max = sql.executeQuery("SELECT MAX(UPDATED_AT) FROM SB_SYNC_STATUS")) {
			max.next();
			return max.getTimestamp(1);
		}
	}

	private long writtenSince(Phase phase, Timestamp since) throws SQLException {
		try (PreparedStatement sql = watch(phase).prepareStatement("SELECT COUNT(*) FROM SB_SYNC_STATUS WHERE UPDATED_AT > ?")) {
			sql.setTimestamp(1, since);
			try (ResultSet count = sql.executeQuery()) {
				count.next();
				return count.getLong(1);
			}
		}
	}

	/**
	 * Stops the services (SIGTERM, as an operator does), then checks the end state.
	 *
	 * @param renamed whether every item was renamed, so every product in a web store must be
	 */
	private void finish(Phase phase, boolean renamed) throws Exception {
		for (Process service : phase.services) {
			service.destroy();
		}
		for (Process service : phase.services) {
			if (!service.waitFor(60, TimeUnit.SECONDS)) {
				problems.add(phase.name + ": a service did not stop within 60 s of SIGTERM");
			}
		}
		phase.services.clear();
		for (int i = 1; i <= companies; i++) {
			HttpResponse<String> page = get(phase.ports.get(i - 1), "/wp-json/wc/v3/products?per_page=1");
			int total = Integer.parseInt(page.headers().firstValue("X-WP-Total").orElse("-1"));
			if (total != items) {
				problems.add(String.format("%s: the web store of Company %d holds %d products, not %d", phase.name, i, total,
						items));
			}
			if (renamed) { // the first page of the web store: each of its products under its new name
				String products = get(phase.ports.get(i - 1), "/wp-json/wc/v3/products?per_page=100").body();
				Matcher name = Pattern.compile("\"name\"\\s*:\\s*\"[^\"]*" + Pattern.quote(RENAMED) + "\"").matcher(products);
				long renamedNames = name.results().count();
				if (renamedNames < Math.min(items, 100)) {
					problems.add(String.format("%s: of Company %d's first %d products, %d have their new name", phase.name, i,
							Math.min(items, 100), renamedNames));
				}
			}
		}
		try (Connection store = connect(phase.storeUrl()); Statement sql = store.createStatement()) {
			long rows = count(sql, "SELECT COUNT(*) FROM SB_SYNC_STATUS");
			long synced = count(sql, "SELECT COUNT(*) FROM SB_SYNC_STATUS WHERE STATE = 'SYNCHRONIZED'");
			if (rows != (long) companies * items || synced != rows) {
				problems.add(String.format("%s: %d status rows, %d synchronized; %d expected", phase.name, rows, synced,
						companies * items));
			}
			// A lease that ran out holds nothing: a killed service's last one may stay so until someone needs it.
			long links = count(sql, "SELECT COUNT(*) FROM SB_WORK_LEASE WHERE OWNER IS NOT NULL AND EXPIRY > CURRENT_TIMESTAMP");
			long held = count(sql, "SELECT COUNT(*) FROM SB_COMPANY_LEASE WHERE OWNER IS NOT NULL AND EXPIRY > CURRENT_TIMESTAMP");
			long ranOut = count(sql, "SELECT COUNT(*) FROM SB_WORK_LEASE WHERE OWNER IS NOT NULL AND EXPIRY <= CURRENT_TIMESTAMP");
			if (links + held > 0) {
				problems.add(String.format("%s: after the services stopped, %d links and %d companies are still leased",
						phase.name, links, held));
			}
			if (ranOut > 0) {
				say("%s: %d link lease(s) of a killed service ran out and were not needed again", phase.name, ranOut);
			}
		}
	}

	// ---- the store ------------------------------------------------------------------------------------

	/**
	 * The phase's store on one connection kept for its polls: a new one for each poll (ten a second) is a
	 * new PostgreSQL server process each time, whose CPU the measured services would pay for.
	 */
	private Connection watch(Phase phase) throws SQLException {
		if (phase.watch == null || phase.watch.isClosed()) {
			phase.watch = connect(phase.storeUrl());
			phase.watch.setAutoCommit(true);
		}
		return phase.watch;
	}

	private long synchronizedCount(Phase phase) throws SQLException {
		try (Statement sql = watch(phase).createStatement()) {
			return count(sql, "SELECT COUNT(*) FROM SB_SYNC_STATUS WHERE STATE = 'SYNCHRONIZED'");
		} catch (SQLException e) {
			closeQuietly(phase);
			return 0; // the tables are not made yet
		}
	}

	private static void closeQuietly(Phase phase) {
		try {
			if (phase.watch != null) {
				phase.watch.close();
			}
		} catch (SQLException e) {
			// it goes with the phase
		}
		phase.watch = null;
	}

	/** Who holds how many companies now. */
	private Map<String, Integer> holders(Phase phase) throws SQLException {
		Map<String, Integer> holders = new HashMap<>();
		try (Statement sql = watch(phase).createStatement();
				ResultSet rows = sql.executeQuery(
						"SELECT OWNER, COUNT(*) FROM SB_COMPANY_LEASE WHERE OWNER IS NOT NULL AND EXPIRY > CURRENT_TIMESTAMP GROUP BY OWNER")) {
			while (rows.next()) {
				holders.put(rows.getString(1), rows.getInt(2));
			}
		} catch (SQLException e) {
			closeQuietly(phase); // not made yet
		}
		return holders;
	}

	private static long count(Statement sql, String query) throws SQLException {
		try (ResultSet result = sql.executeQuery(query)) {
			result.next();
			return result.getLong(1);
		}
	}

	private String url(String schema) {
		return server + (server.contains("?") ? "&" : "?") + "currentSchema=" + schema;
	}

	private static String user() {
		return System.getProperty("syncbench.test.postgres.user", "syncbench");
	}

	private static Connection connect(String url) throws SQLException {
		Properties login = new Properties();
		login.setProperty("user", user());
		return new org.postgresql.Driver().connect(url, login);
	}

	// ---- plumbing ------------------------------------------------------------------------------------

	private Process launch(Path log, String vm, String... arguments) throws IOException {
		return launch(log, null, vm, arguments);
	}

	/** @param cap the control group the process runs in (it joins before the JVM starts), or null */
	private Process launch(Path log, Path cap, String vm, String... arguments) throws IOException {
		List<String> command = new ArrayList<>();
		if (cap != null) {
			command.addAll(List.of("sh", "-c", "echo $$ > \"$0/cgroup.procs\" && exec \"$@\"", cap.toString()));
		}
		command.add(product.resolve("syncbench").toString());
		command.addAll(List.of(arguments));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		builder.environment().put("SYNCBENCH_VM_ARGS", vm);
		return builder.start();
	}

	private static void expectExit(Process process, String what) throws InterruptedException {
		if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
			process.destroyForcibly();
			throw new IllegalStateException(what + " failed; see its log");
		}
	}

	private static void waitQuietly(Process process) {
		try {
			process.waitFor(30, TimeUnit.SECONDS);
		} catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
		return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30))
				.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((KEY + ":" + SECRET)
						.getBytes(StandardCharsets.UTF_8)))
				.GET().build(), HttpResponse.BodyHandlers.ofString());
	}

	/** The ports of the web stores that the sandbox process announced so far, in order. */
	private static List<Integer> announcedPorts(Path log) throws IOException {
		List<Integer> ports = new ArrayList<>();
		Matcher announced = Pattern.compile("Sandbox web store at http://[^:]+:(\\d+)/").matcher(Files.readString(log));
		while (announced.find()) {
			ports.add(Integer.valueOf(announced.group(1)));
		}
		return ports;
	}

	private interface Condition {
		boolean holds() throws Exception;
	}

	/** What a wait gives up at once: what it waits for can no longer come. */
	private static final class WillNotCome extends IllegalStateException {
		private static final long serialVersionUID = 1L;

		WillNotCome(String why) {
			super(why);
		}
	}

	private static void waitFor(String what, Condition condition) throws InterruptedException {
		long deadline = System.nanoTime() + PATIENCE.toNanos();
		while (System.nanoTime() < deadline) {
			try {
				if (condition.holds()) {
					return;
				}
			} catch (WillNotCome e) {
				throw e;
			} catch (Exception e) {
				// not there yet
			}
			Thread.sleep(100);
		}
		throw new IllegalStateException("gave up waiting for " + what + " after " + PATIENCE.toMinutes() + " min");
	}

	private void print() throws IOException {
		String[] header = { "measure", "items", "items/s", "items/s 10-90%", "ratio", "renamed items/s", "renamed ratio",
				"CPU busy % renamed", "takeover s", "all done s" };
		StringBuilder table = new StringBuilder();
		table.append(String.format(Locale.ROOT, "Scale-out on one PostgreSQL store: %d companies, web stores %d ms away, lease %d s%s%n",
				companies, latency, leaseSeconds, capped()));
		table.append(String.format(Locale.ROOT, ROW, (Object[]) header));
		StringBuilder csv = new StringBuilder(String.join(",", header)).append('\n');
		for (String[] row : rows) {
			table.append(String.format(Locale.ROOT, ROW, (Object[]) row));
			csv.append(String.join(",", row)).append('\n');
		}
		System.out.print(table);
		Files.writeString(work.resolve("scale-out.csv"), csv);
		say("CSV: %s (%s)", work.resolve("scale-out.csv"), LocalDateTime.now());
	}

	/**
	 * CPU time, in the kernel's clock ticks: the machine's busy and total time, and what the services and
	 * the web stores of a phase used. On a machine where the services, the web stores and PostgreSQL share
	 * the cores, a second service cannot add speed once the cores are busy; this says how busy they were.
	 */
	private record CpuUse(long busy, long total, long services, long sandboxes) {

		static CpuUse of(Phase phase) throws IOException {
			String[] machine = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
			long total = 0;
			for (int i = 1; i < machine.length; i++) {
				total += Long.parseLong(machine[i]);
			}
			long idle = Long.parseLong(machine[4]) + Long.parseLong(machine[5]); // idle and waiting for the disk
			return new CpuUse(total - idle, total, ticks(phase.services), ticks(phase.sandboxes));
		}

		CpuUse since(CpuUse start) {
			return new CpuUse(busy - start.busy, total - start.total, services - start.services,
					sandboxes - start.sandboxes);
		}

		double busyShare() {
			return share(busy);
		}

		String described() {
			return String.format(Locale.ROOT, "%.0f%% of the time (services %.0f%%, web stores %.0f%%, the rest: PostgreSQL, the system %.0f%%)",
					busyShare() * 100, share(services) * 100, share(sandboxes) * 100, share(busy - services - sandboxes) * 100);
		}

		double share(long ticks) {
			return total == 0 ? 0 : (double) ticks / total;
		}

		/** User and system time of the processes and their threads, from /proc/PID/stat. */
		private static long ticks(List<Process> processes) throws IOException {
			long ticks = 0;
			for (Process process : processes) {
				Path stat = Path.of("/proc", String.valueOf(process.pid()), "stat");
				if (process.isAlive() && Files.exists(stat)) {
					String line = Files.readString(stat);
					String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
					ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime and stime
				}
			}
			return ticks;
		}
	}

	private static void say(String format, Object... values) {
		System.out.println("scale-out: " + String.format(Locale.ROOT, format, values));
	}
}
