package org.pavilion.pharmacy.internal.forecast;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
 * Daily consumption of a store's items read from the ledger in ONE aggregate query per store (GROUP BY item, day),
 * streamed over plain JDBC into an array per item: a forecast of every item of a store costs one pass over its
 * movements, not one query per item. Consumption is what left the store to patients and wards (DISPENSE and ISSUE
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
        Map<String, Integer> dayIndex = new HashMap<>(days * 2);
        for (int i = 0; i < days; i++) {
            dayIndex.put(from.plusDays(i).toString(), i);
        }
        boolean inSql = items != null && items.size() <= MAX_IN_LIST;
        if (inSql && items.isEmpty()) {
            return Map.of();
        }
        Set<String> wanted = items == null ? null : Set.copyOf(items);
        StringBuilder sql = new StringBuilder("SELECT item_code, business_day, SUM(CASE WHEN kind IN ('")
                .append(String.join("', '", CONSUMPTION)).append("') THEN -quantity ELSE 0 END)")
                .append(" FROM ph_movement WHERE store_code = ? AND business_day >= ? AND business_day <= ?");
        if (inSql) {
            sql.append(" AND item_code IN (").append("?, ".repeat(items.size() - 1)).append("?)");
        }
        sql.append(" GROUP BY item_code, business_day");

        Map<String, double[]> quantities = new HashMap<>();
        Map<String, Integer> firstIndex = new HashMap<>();
        try (Connection c = JpaTransactions.connection(em); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int p = 1;
            ps.setString(p++, storeCode);
            ps.setString(p++, from.toString());
            ps.setString(p++, to.toString());
            if (inSql) {
                for (String item : items) {
                    ps.setString(p++, item);
                }
            }
            ps.setFetchSize(10_000); // PostgreSQL streams instead of holding every row (we are in a transaction)
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String item = rs.getString(1);
                    if (wanted != null && !wanted.contains(item)) {
                        continue;
                    }
                    Integer day = dayIndex.get(rs.getString(2));
                    if (day == null) {
                        continue;
                    }
                    quantities.computeIfAbsent(item, k -> new double[days])[day] += rs.getDouble(3);
                    firstIndex.merge(item, day, Math::min);
                }
            }
        } catch (SQLException e) {
            throw new PersistenceException("reading the consumption of store " + storeCode, e);
        }
        Map<String, Series> series = new HashMap<>(quantities.size() * 2);
        quantities.forEach((item, q) -> {
            int first = firstIndex.get(item);
            series.put(item, new Series(from.plusDays(first), Arrays.copyOfRange(q, first, days)));
        });
        return series;
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
