package org.pavilion.pharmacy.internal.forecast;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;

import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;

import org.pavilion.pharmacy.internal.alerts.ReorderSuggestions;
import org.pavilion.pharmacy.internal.alerts.StoreReorderSuggestions;

/**
 * Reorder suggestions and forecasts for a big store: 10,000 items in one store with a year of daily DISPENSE
 * movements each (3.65 million ledger rows), on an H2 file database or a fresh PostgreSQL schema. The seeding writes
 * ph_item, ph_store, ph_item_store, ph_batch, ph_stock and ph_movement with JDBC batches (it is not what is measured);
 * then it times (a) the store's reorder suggestions and (b) the forecasts of all its items, twice each (a cold and a
 * warm run), and prints items, movements, seconds and items per second. Not a JUnit test: run it with
 * {@code integration-tests/bench/pharmacy-forecast.sh h2|postgresql}.
 *
 * <p>Each item uses {@code base + trend + weekday} a day (base 5..54, busier Mondays, quiet weekends); one item in
 * four ends the year below its reorder level (14 days of use), the others well above it.
 */
public final class ForecastBenchmark {

    static final String STORE = "BENCH";
    static final LocalDate TODAY = LocalDate.of(2026, 12, 4);
    static final int HISTORY_DAYS = 365;
    static final double[] WEEKDAY = {1.3, 1.1, 1.0, 1.0, 1.1, 0.6, 0.5};
    static final int BATCH = 20_000;

    public static void main(String[] args) throws Exception {
        String db = args.length > 0 ? args[0] : "h2";
        int items = Integer.getInteger("pavilion.bench.items", 10_000);
        String url;
        Runnable cleanup;
        boolean reuse = Boolean.getBoolean("pavilion.bench.reuse");
        if (db.equals("h2")) {
            Path dir = Path.of("target", "pharmacy-forecast-bench");
            if (Files.exists(dir) && !reuse) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
            Files.createDirectories(dir);
            // the distribution's own settings (features/src/main/cfg/org.ops4j.datasource-pavilion.cfg)
            url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("pharmacy")
                    + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000;WRITE_DELAY=0";
            cleanup = () -> { };
        } else if (db.equals("postgresql")) {
            String server = System.getProperty("pavilion.bench.pg.url",
                    "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
            String schema = "ph_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
            try (Connection c = DriverManager.getConnection(server); Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA " + schema);
            }
            url = server + (server.contains("?") ? "&" : "?") + "currentSchema=" + schema + "&reWriteBatchedInserts=true";
            cleanup = () -> {
                try (Connection c = DriverManager.getConnection(server); Statement s = c.createStatement()) {
                    s.execute("DROP SCHEMA " + schema + " CASCADE");
                } catch (Exception e) {
                    System.err.println("could not drop schema " + schema + ": " + e);
                }
            };
        } else {
            throw new IllegalArgumentException("h2 or postgresql, not " + db);
        }
        try {
            run(db, url, items, reuse && db.equals("h2"));
        } finally {
            cleanup.run();
        }
    }

    /** {@code reuse}: measure the H2 file of the last run again without seeding it anew. */
    static void run(String db, String url, int items, boolean reuse) throws Exception {
        try (Connection c = DriverManager.getConnection(url)) {
            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
            new Liquibase("db/pharmacy-changelog.xml", new ClassLoaderResourceAccessor(), database)
                    .update(new Contexts(), new LabelExpression());
        }
        long t0 = System.nanoTime();
        long movements = reuse ? count(url) : seed(url, items);
        System.out.printf(Locale.ROOT, "%s: %s %d items, %d movements in %.1f s%n", db, reuse ? "reused" : "seeded",
                items, movements, seconds(t0));

        EntityManagerFactory emf = Persistence.createEntityManagerFactory("pharmacy-test", Map.of(
                "openjpa.ConnectionURL", url,
                "openjpa.ConnectionDriverName", db.equals("h2") ? "org.h2.Driver" : "org.postgresql.Driver"));
        try {
            Clock clock = Clock.fixed(TODAY.atTime(8, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
            Forecasts forecasts = Forecasts.of(emf, clock, new ForecastSettings(HISTORY_DAYS, 14, 30));
            StoreReorderSuggestions suggestions = new StoreReorderSuggestions(emf, forecasts);
            for (String pass : List.of("cold", "warm")) {
                long s = System.nanoTime();
                long cpu = processCpuNanos();
                List<ReorderSuggestions.Suggestion> order = suggestions.forStore(STORE);
                report(db, "(a) reorder suggestions, " + pass, items, movements, order.size(), seconds(s),
                        (processCpuNanos() - cpu) / 1e9);
                s = System.nanoTime();
                cpu = processCpuNanos();
                List<Forecast> all = forecasts.forStore(STORE, 28);
                report(db, "(b) forecasts of all items, " + pass, items, movements, all.size(), seconds(s),
                        (processCpuNanos() - cpu) / 1e9);
            }
            System.out.printf(Locale.ROOT, "%s: load average %.1f on %d cores (the machine is shared)%n", db,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    Runtime.getRuntime().availableProcessors());
        } finally {
            emf.close();
        }
    }

    private static void report(String db, String what, int items, long movements, int answered, double seconds,
            double cpuSeconds) {
        System.out.printf(Locale.ROOT, "%s: %-36s items=%d movements=%d answered=%d seconds=%.2f items/s=%.0f"
                + " (this JVM's CPU: %.2f s)%n", db, what, items, movements, answered, seconds, items / seconds,
                cpuSeconds);
    }

    /** CPU time of this JVM (all threads; with H2 the database's work too, with PostgreSQL not the server's). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Daily use of item {@code i} on day {@code t} of the year (whole units). */
    static long use(int i, int t, LocalDate day) {
        double base = 5 + i % 50 + 0.01 * t;
        return Math.round(base * WEEKDAY[day.getDayOfWeek().getValue() - 1]);
    }

    private static long seed(String url, int items) throws Exception {
        LocalDate first = TODAY.minusDays(HISTORY_DAYS);
        long movements = 0;
        try (Connection c = DriverManager.getConnection(url)) {
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement("INSERT INTO ph_store (code, name, kind, dispensing, active,"
                    + " version) VALUES (?, ?, 'PHARMACY', ?, ?, 1)")) {
                s.setString(1, STORE);
                s.setString(2, "Benchmark pharmacy");
                s.setBoolean(3, true);
                s.setBoolean(4, true);
                s.executeUpdate();
            }
            try (PreparedStatement item = c.prepareStatement("INSERT INTO ph_item (code, name, kind, unit_of_issue,"
                    + " expiry_required, active, version) VALUES (?, ?, 'MEDICINE', 'tablet', ?, ?, 1)");
                 PreparedStatement rule = c.prepareStatement("INSERT INTO ph_item_store (item_code, store_code,"
                         + " reorder_level, reorder_quantity) VALUES (?, ?, ?, ?)");
                 PreparedStatement batch = c.prepareStatement("INSERT INTO ph_batch (id, item_code, batch_number,"
                         + " expiry_date, created_ms) VALUES (?, ?, ?, '2099-12-31', 0)");
                 PreparedStatement stock = c.prepareStatement("INSERT INTO ph_stock (store_code, batch_id, item_code,"
                         + " quantity) VALUES (?, ?, ?, ?)");
                 PreparedStatement move = c.prepareStatement("INSERT INTO ph_movement (id, kind, store_code, item_code,"
                         + " batch_id, quantity, business_day, at_ms, actor, reference_type, reference_id)"
                         + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'bench', ?, ?)")) {
                int pending = 0;
                for (int i = 0; i < items; i++) {
                    String code = String.format(Locale.ROOT, "BENCH%05d", i);
                    // Sequential ids (as long as UUIDs) keep the seeding's index inserts in order: seeding is not measured.
                    String batchId = String.format(Locale.ROOT, "b%035d", i);
                    long used = 0;
                    for (int t = 0; t < HISTORY_DAYS; t++) {
                        LocalDate day = first.plusDays(t);
                        long q = use(i, t, day);
                        used += q;
                        addMovement(move, "DISPENSE", code, batchId, -q, day);
                    }
                    long dailyNow = 5 + i % 50 + 4;
                    long level = 14 * dailyNow;
                    long left = i % 4 == 0 ? 7 * dailyNow : 60 * dailyNow;
                    addMovement(move, "RECEIPT", code, batchId, used + left, first);
                    movements += HISTORY_DAYS + 1;

                    item.setString(1, code);
                    item.setString(2, "Benchmark medicine " + i);
                    item.setBoolean(3, true);
                    item.setBoolean(4, true);
                    item.addBatch();
                    rule.setString(1, code);
                    rule.setString(2, STORE);
                    rule.setLong(3, level);
                    rule.setLong(4, 20 * dailyNow);
                    rule.addBatch();
                    batch.setString(1, batchId);
                    batch.setString(2, code);
                    batch.setString(3, "B-" + i);
                    batch.addBatch();
                    stock.setString(1, STORE);
                    stock.setString(2, batchId);
                    stock.setString(3, code);
                    stock.setLong(4, left);
                    stock.addBatch();
                    pending += HISTORY_DAYS + 1;
                    if (pending >= BATCH) {
                        for (PreparedStatement p : List.of(item, rule, batch, stock, move)) {
                            p.executeBatch();
                        }
                        c.commit();
                        pending = 0;
                    }
                }
                for (PreparedStatement p : List.of(item, rule, batch, stock, move)) {
                    p.executeBatch();
                }
                c.commit();
            }
            try (Statement s = c.createStatement()) {
                s.execute(url.startsWith("jdbc:h2") ? "ANALYZE" : "ANALYZE ph_movement");
            }
            c.commit();
        }
        return movements;
    }

    private static long count(String url) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT COUNT(*) FROM ph_movement")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long nextId;

    private static void addMovement(PreparedStatement move, String kind, String item, String batchId, long quantity,
            LocalDate day) throws Exception {
        String id = String.format(Locale.ROOT, "m%035d", nextId++);
        move.setString(1, id);
        move.setString(2, kind);
        move.setString(3, STORE);
        move.setString(4, item);
        move.setString(5, batchId);
        move.setLong(6, quantity);
        move.setString(7, day.toString());
        move.setLong(8, day.atTime(10, 0).toInstant(ZoneOffset.UTC).toEpochMilli());
        move.setString(9, kind.equals("RECEIPT") ? "GOODS_RECEIPT" : "DISPENSE");
        move.setString(10, id);
        move.addBatch();
    }
}
