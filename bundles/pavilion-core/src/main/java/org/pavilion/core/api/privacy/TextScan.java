package org.pavilion.core.api.privacy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;
import org.osgi.annotation.versioning.ConsumerType;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The search and the erasure transaction that participants without a patient column share (the hub's stored
 * messages, the event store's payloads): for each value that names the patient (an MRN, an external identifier) one
 * query with a {@code LIKE} pre-filter finds the rows whose text contains it, then a check in Java reads the row,
 * because the value may also occur where it does not name the patient (a note quoting another patient's number).
 * Each row is checked once, and the rows found keep the order the queries returned them in.
 *
 * @since 1.1
 */
@ProviderType
public final class TextScan {

    /** Sets a query's parameters for one value's {@code LIKE} pattern (made by {@link #containing}). */
    @FunctionalInterface
    @ConsumerType
    public interface Binder {
        void bind(PreparedStatement query, String pattern) throws SQLException;
    }

    /** Reads a candidate row (the cursor's current one): what the participant keeps of it, or null when not the patient's. */
    @FunctionalInterface
    @ConsumerType
    public interface Check<R> {
        R match(ResultSet row) throws SQLException;
    }

    /** A change made on one connection inside one transaction. */
    @FunctionalInterface
    @ConsumerType
    public interface Work<T> {
        T run(Connection transaction) throws SQLException;
    }

    private TextScan() {
    }

    /** A pattern for {@code LIKE ? ESCAPE '\'} that matches text containing {@code value} literally. */
    public static String containing(String value) {
        return "%" + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    /**
     * The rows the check accepts, over one query per distinct value.
     *
     * @param sql    the query, with {@code LIKE ? ESCAPE '\'} pre-filters; its first column is the row's key
     * @param values the values that name the patient
     * @param bind   sets the query's parameters for one value's pattern
     * @param check  what is kept of a row that is the patient's, else null
     */
    public static <R> List<R> find(Connection c, String sql, Collection<String> values, Binder bind, Check<R> check)
            throws SQLException {
        List<R> found = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        try (PreparedStatement query = c.prepareStatement(sql)) {
            for (String value : new LinkedHashSet<>(values)) {
                bind.bind(query, containing(value));
                try (ResultSet rs = query.executeQuery()) {
                    while (rs.next()) {
                        if (seen.add(rs.getString(1))) {
                            R row = check.match(rs);
                            if (row != null) {
                                found.add(row);
                            }
                        }
                    }
                }
            }
        }
        return found;
    }

    /**
     * Runs an erasure's changes in one transaction on a connection of its own: committed when the work returns,
     * rolled back when it throws, so a participant is never left half-erased.
     */
    public static <T> T inOneTransaction(DataSource dataSource, Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }
}
