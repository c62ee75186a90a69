package org.pavilion.lab.internal.order;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.persistence.EntityManager;
import javax.persistence.PersistenceException;

import org.pavilion.core.api.persistence.JpaTransactions;

/**
 * Order numbers {@code LAB-<year>-<n>}: one counter row per year in {@code lab_order_number}, taken by an UPDATE that
 * row-locks it until the placing transaction commits, so numbers are gapless and never given twice, on H2 and on
 * PostgreSQL alike. A year's row is created by {@link #ensureYear} in a transaction of its own (a lost race with
 * another first order of the year is harmless), never inside the placing one, where a failed INSERT would abort the
 * PostgreSQL transaction.
 */
final class OrderNumbers {

    /** The year has no counter row yet: create it with {@link #ensureYear} and place again. */
    static final class YearMissing extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int year;

        YearMissing(int year) {
            super("no order number row for " + year, null, false, false);
            this.year = year;
        }
    }

    private OrderNumbers() {
    }

    /** The next number of {@code year}, in {@code em}'s transaction (the row stays locked until it ends). */
    static String next(EntityManager em, int year) {
        try (Connection c = JpaTransactions.connection(em)) {
            try (PreparedStatement up = c.prepareStatement(
                    "UPDATE lab_order_number SET last_number = last_number + 1 WHERE order_year = ?")) {
                up.setInt(1, year);
                if (up.executeUpdate() == 0) {
                    throw new YearMissing(year);
                }
            }
            try (PreparedStatement q = c.prepareStatement(
                    "SELECT last_number FROM lab_order_number WHERE order_year = ?")) {
                q.setInt(1, year);
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    return "LAB-" + year + "-" + rs.getLong(1);
                }
            }
        } catch (SQLException e) {
            throw new PersistenceException(e);
        }
    }

    /** Creates {@code year}'s counter row at 0 unless it exists; in its own transaction. */
    static void ensureYear(JpaTransactions jpa, int year) {
        try {
            jpa.run(em -> {
                try (Connection c = JpaTransactions.connection(em);
                        PreparedStatement ins = c.prepareStatement(
                                "INSERT INTO lab_order_number (order_year, last_number) SELECT ?, 0 WHERE NOT EXISTS "
                                        + "(SELECT 1 FROM lab_order_number WHERE order_year = ?)")) {
                    ins.setInt(1, year);
                    ins.setInt(2, year);
                    ins.executeUpdate();
                } catch (SQLException e) {
                    throw new PersistenceException(e);
                }
            });
        } catch (PersistenceException e) {
            // another first order of the year inserted it between our check and our insert: that row will do
            boolean exists = jpa.call(em -> {
                try (Connection c = JpaTransactions.connection(em);
                        PreparedStatement q = c.prepareStatement(
                                "SELECT 1 FROM lab_order_number WHERE order_year = ?")) {
                    q.setInt(1, year);
                    try (ResultSet rs = q.executeQuery()) {
                        return rs.next();
                    }
                } catch (SQLException s) {
                    throw new PersistenceException(s);
                }
            });
            if (!exists) {
                throw e;
            }
        }
    }
}
