package org.pavilion.pharmacy.internal.purchasing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.persistence.EntityManager;
import javax.persistence.PersistenceException;

import org.pavilion.core.api.persistence.JpaTransactions;

/**
 * Purchase order numbers {@code PO-<year>-<nnnnn>}: a counter row per year in {@code ph_po_number}, taken by an UPDATE
 * that row-locks it until the creating transaction ends. A rolled-back order gives its number back with the rollback,
 * so numbers have no gaps and are never given twice, on H2 and PostgreSQL alike. A year's row is created in a
 * transaction of its own ({@link #ensureYear}), never in the creating one, where a failed INSERT would abort a
 * PostgreSQL transaction.
 */
final class PoNumbers {

    /** The year has no counter row yet: {@link #ensureYear} and create again. */
    static final class YearMissing extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int year;

        YearMissing(int year) {
            super("no purchase order number row for " + year, null, false, false);
            this.year = year;
        }
    }

    private PoNumbers() {
    }

    /** The next number of {@code year}, in {@code em}'s transaction. */
    static String next(EntityManager em, int year) {
        try (Connection c = JpaTransactions.connection(em)) {
            try (PreparedStatement up = c.prepareStatement(
                    "UPDATE ph_po_number SET last_number = last_number + 1 WHERE po_year = ?")) {
                up.setInt(1, year);
                if (up.executeUpdate() == 0) {
                    throw new YearMissing(year);
                }
            }
            try (PreparedStatement q = c.prepareStatement("SELECT last_number FROM ph_po_number WHERE po_year = ?")) {
                q.setInt(1, year);
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    return String.format("PO-%d-%05d", year, rs.getLong(1));
                }
            }
        } catch (SQLException e) {
            throw new PersistenceException(e);
        }
    }

    /** Creates {@code year}'s counter at 0 unless it exists, in its own transaction; a lost race is harmless. */
    static void ensureYear(JpaTransactions jpa, int year) {
        try {
            jpa.run(em -> {
                try (Connection c = JpaTransactions.connection(em); PreparedStatement ins = c.prepareStatement(
                        "INSERT INTO ph_po_number (po_year, last_number) SELECT ?, 0 WHERE NOT EXISTS"
                                + " (SELECT 1 FROM ph_po_number WHERE po_year = ?)")) {
                    ins.setInt(1, year);
                    ins.setInt(2, year);
                    ins.executeUpdate();
                } catch (SQLException e) {
                    throw new PersistenceException(e);
                }
            });
        } catch (PersistenceException e) {
            // another first order of the year inserted the row between our check and our insert: it will do
            if (!jpa.call(em -> exists(em, year))) {
                throw e;
            }
        }
    }

    private static boolean exists(EntityManager em, int year) {
        try (Connection c = JpaTransactions.connection(em);
                PreparedStatement q = c.prepareStatement("SELECT 1 FROM ph_po_number WHERE po_year = ?")) {
            q.setInt(1, year);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new PersistenceException(e);
        }
    }
}
