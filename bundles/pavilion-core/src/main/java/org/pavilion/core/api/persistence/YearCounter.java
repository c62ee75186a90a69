package org.pavilion.core.api.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.regex.Pattern;

import javax.persistence.EntityManager;
import javax.persistence.PersistenceException;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Gapless document numbers from a department's own counter table, one row per year ({@code <year column> int}
 * primary key, {@code last_number bigint}). {@link #next} takes the year's row with an UPDATE that row-locks it until
 * the caller's transaction ends: concurrent writers wait for each other, no number is given twice, and a rolled-back
 * document gives its number back, on H2 and PostgreSQL alike. A year's row is created by {@link #ensureYear} in a
 * transaction of its own, never in the caller's, where a failed INSERT would abort a PostgreSQL transaction. The
 * department formats the number (prefix, padding) itself.
 *
 * <pre>
 * while (true) {
 *     try {
 *         return jpa.call(em -&gt; ... counter.next(em, year) ...);
 *     } catch (YearCounter.YearMissing missing) {
 *         counter.ensureYear(jpa, missing.year);
 *     }
 * }
 * </pre>
 *
 * @since 2.1
 */
@ProviderType
public final class YearCounter {

    private static final Pattern SQL_NAME = Pattern.compile("[a-z][a-z0-9_]*");

    /** The year has no counter row yet: {@link #ensureYear} it and run the transaction again. */
    @ProviderType
    public static final class YearMissing extends RuntimeException {
        private static final long serialVersionUID = 1L;
        public final int year;

        YearMissing(String table, int year) {
            super("no row for " + year + " in " + table, null, false, false);
            this.year = year;
        }
    }

    private final String table;
    private final String increment;
    private final String read;
    private final String insert;

    /** The counter in {@code table}, whose rows are keyed by {@code yearColumn} (plain lower-case SQL names). */
    public YearCounter(String table, String yearColumn) {
        if (!SQL_NAME.matcher(table).matches() || !SQL_NAME.matcher(yearColumn).matches()) {
            throw new IllegalArgumentException("not a plain SQL name: " + table + "." + yearColumn);
        }
        this.table = table;
        this.increment = "UPDATE " + table + " SET last_number = last_number + 1 WHERE " + yearColumn + " = ?";
        this.read = "SELECT last_number FROM " + table + " WHERE " + yearColumn + " = ?";
        this.insert = "INSERT INTO " + table + " (" + yearColumn + ", last_number) SELECT ?, 0 WHERE NOT EXISTS"
                + " (SELECT 1 FROM " + table + " WHERE " + yearColumn + " = ?)";
    }

    /**
     * The next number of {@code year} (1, 2, ...), in {@code em}'s transaction, whose end releases the row.
     *
     * @throws YearMissing when the year has no row yet
     */
    public long next(EntityManager em, int year) {
        try (Connection c = JpaTransactions.connection(em)) {
            try (PreparedStatement up = c.prepareStatement(increment)) {
                up.setInt(1, year);
                if (up.executeUpdate() == 0) {
                    throw new YearMissing(table, year);
                }
            }
            try (PreparedStatement q = c.prepareStatement(read)) {
                q.setInt(1, year);
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        } catch (SQLException e) {
            throw new PersistenceException(e);
        }
    }

    /** Creates {@code year}'s row at 0 unless it exists, in its own transaction; a lost race is harmless. */
    public void ensureYear(JpaTransactions jpa, int year) {
        try {
            jpa.run(em -> {
                try (Connection c = JpaTransactions.connection(em); PreparedStatement ins = c.prepareStatement(insert)) {
                    ins.setInt(1, year);
                    ins.setInt(2, year);
                    ins.executeUpdate();
                } catch (SQLException e) {
                    throw new PersistenceException(e);
                }
            });
        } catch (PersistenceException e) {
            // another first document of the year inserted the row between our check and our insert: it will do
            if (!jpa.call(em -> exists(em, year))) {
                throw e;
            }
        }
    }

    private boolean exists(EntityManager em, int year) {
        try (Connection c = JpaTransactions.connection(em); PreparedStatement q = c.prepareStatement(read)) {
            q.setInt(1, year);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new PersistenceException(e);
        }
    }
}
