package org.pavilion.pharmacy.internal.forecast;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.persistence.EntityManager;
import javax.persistence.PersistenceException;

import org.pavilion.core.api.persistence.JpaTransactions;

/**
 * Daily consumption of a store's items read from the ledger in ONE query per store (see {@link #sql}), streamed
 * over plain JDBC and summed by item and day into an array per item: a forecast of every item of a store costs one
 * pass over its movements, not one query per item. Consumption is what left the store to patients and wards (DISPENSE and ISSUE
 * outflows); transfers to other stores, returns and write-offs are not consumption.
 */
public final class ConsumptionHistory {

    /** The kinds of movement counted as consumption. */
    public static final List<String> CONSUMPTION = List.of("DISPENSE", "ISSUE");

    /** Up to this many named items are filtered in SQL; more, and the whole store is read. */
    private static final int MAX_IN_LIST = 500;

    /** Daily consumption from {@code firstDay} to the window's last day, zeros included. */
    public record Series(LocalDate firstDay, double[] quantities) {

        public int days() {
            return quantities.length;
        }
    }

    /** One item's sums while reading: by day of the window, and its first day with a movement. */
    private static final class Days {
        final double[] quantities;
        int first;

        Days(int days) {
            quantities = new double[days];
            first = days;
        }
    }

    private ConsumptionHistory() {
    }

    /**
     * The series of the store's items over {@code from..to} (inclusive). An item's series starts on its first
     * movement of any kind in the window (a medicine stocked last week has a week of history, not a year of zeros
     * before it); items without any movement in the window are absent. {@code items} null: every item of the store.
     * {@code em} must be in a transaction.
     */
    public static Map<String, Series> ofStore(EntityManager em, String storeCode, Collection<String> items,
            LocalDate from, LocalDate to) {
        int days = (int) ChronoUnit.DAYS.between(from, to) + 1;
        if (days <= 0) {
            return Map.of();
        }
        boolean inSql = items != null && items.size() <= MAX_IN_LIST;
        if (inSql && items.isEmpty()) {
            return Map.of();
        }
        Set<String> wanted = items == null ? null : Set.copyOf(items);
        Map<String, Days> perItem = new HashMap<>();
        try (Connection c = JpaTransactions.connection(em)) {
            boolean h2 = "H2".equalsIgnoreCase(c.getMetaData().getDatabaseProductName());
            if (h2) {
                // H2 otherwise copies a big result into a temporary file before the first row: stream it instead
                lazyQueries(c, true);
            }
            try {
                read(c, sql(inSql ? items.size() : 0), storeCode, from, to, inSql ? items : List.of(), wanted,
                        days, perItem);
            } finally {
                if (h2) {
                    lazyQueries(c, false);
                }
            }
        } catch (SQLException e) {
            throw new PersistenceException("reading the consumption of store " + storeCode, e);
        }
        Map<String, Series> series = new HashMap<>(perItem.size() * 2);
        perItem.forEach((item, d) -> {
            if (d.first < days) {
                series.put(item, new Series(from.plusDays(d.first), Arrays.copyOfRange(d.quantities, d.first, days)));
            }
        });
        return series;
    }

    /** The epoch day of an ISO date as the ledger stores it (yyyy-MM-dd), without a parser: a million rows a year. */
    static long epochDay(String isoDate) {
        int year = (isoDate.charAt(0) - '0') * 1000 + (isoDate.charAt(1) - '0') * 100 + (isoDate.charAt(2) - '0') * 10
                + (isoDate.charAt(3) - '0');
        int month = (isoDate.charAt(5) - '0') * 10 + (isoDate.charAt(6) - '0');
        int day = (isoDate.charAt(8) - '0') * 10 + (isoDate.charAt(9) - '0');
        return LocalDate.of(year, month, day).toEpochDay();
    }

    private static void lazyQueries(Connection c, boolean on) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET LAZY_QUERY_EXECUTION " + (on ? "TRUE" : "FALSE"));
        }
    }

    private static void read(Connection c, String sql, String storeCode, LocalDate from, LocalDate to,
            Collection<String> named, Set<String> wanted, int days, Map<String, Days> perItem) throws SQLException {
        long fromDay = from.toEpochDay();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int p = 1;
            ps.setString(p++, storeCode);
            ps.setString(p++, from.toString());
            ps.setString(p++, to.toString());
            for (String item : named) {
                ps.setString(p++, item);
            }
            ps.setFetchSize(10_000); // PostgreSQL streams instead of holding every row (we are in a transaction)
            try (ResultSet rs = ps.executeQuery()) {
                String lastItem = null;
                Days last = null;
                while (rs.next()) {
                    String item = rs.getString(1);
                    if (!item.equals(lastItem)) { // rows of one item often come together: one map look-up for them
                        lastItem = item;
                        last = wanted != null && !wanted.contains(item) ? null
                                : perItem.computeIfAbsent(item, k -> new Days(days));
                    }
                    int day = last == null ? -1 : (int) (epochDay(rs.getString(2)) - fromDay);
                    if (day >= 0 && day < days) {
                        last.quantities[day] += rs.getDouble(3);
                        last.first = Math.min(last.first, day);
                    }
                }
            }
        }
    }

    /**
     * The one query of a store's history. For a few named items it groups by item and day in the database (an index
     * range per item, few rows back). For a whole store it reads the movements ungrouped and {@link #read} sums
     * them by (item, day): measured on a year of 10,000 items (3.65 million movements, ForecastBenchmark), GROUP BY
     * took 8 to 9 s on PostgreSQL (its hash spills to disk) against 1.9 s for the plain scan, and 11 s against 5 s
     * of CPU on H2.
     */
    static String sql(int namedItems) {
        boolean grouped = namedItems > 0;
        String consumption = "CASE WHEN kind IN ('" + String.join("', '", CONSUMPTION) + "') THEN -quantity ELSE 0 END";
        StringBuilder sql = new StringBuilder("SELECT item_code, business_day, ")
                .append(grouped ? "SUM(" + consumption + ")" : consumption)
                .append(" FROM ph_movement WHERE store_code = ? AND business_day >= ? AND business_day <= ?");
        if (grouped) {
            sql.append(" AND item_code IN (").append("?, ".repeat(namedItems - 1)).append("?)")
                    .append(" GROUP BY item_code, business_day");
        }
        return sql.toString();
    }

    /**
     * Usable stock per item of the store: the sum over its batches not expired on {@code day} (an expired batch
     * cannot be dispensed, so it covers no consumption). Items without usable stock are absent.
     */
    public static Map<String, BigDecimal> usableStock(EntityManager em, String storeCode, LocalDate day) {
        Map<String, BigDecimal> stock = new HashMap<>();
        for (Object row : em.createNativeQuery("SELECT s.item_code, SUM(s.quantity) FROM ph_stock s"
                        + " JOIN ph_batch b ON b.id = s.batch_id WHERE s.store_code = ?1 AND s.quantity > 0"
                        + " AND (b.expiry_date IS NULL OR b.expiry_date >= ?2) GROUP BY s.item_code")
                .setParameter(1, storeCode).setParameter(2, day.toString()).getResultList()) {
            Object[] r = (Object[]) row;
            stock.put((String) r[0], r[1] instanceof BigDecimal b ? b : new BigDecimal(r[1].toString()));
        }
        return stock;
    }
}
