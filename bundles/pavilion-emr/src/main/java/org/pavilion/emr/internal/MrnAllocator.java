package org.pavilion.emr.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.persistence.EntityManager;
import javax.persistence.PersistenceException;

import org.pavilion.core.api.persistence.Databases;
import org.pavilion.core.api.persistence.JpaTransactions;

/**
 * Allocates MRN sequence numbers from the one-row table {@code emr_mrn_counter}. The UPDATE takes the row's
 * write lock until the registering transaction ends, on H2 and PostgreSQL alike: concurrent registrations
 * wait for each other and never get the same number, and a rolled-back registration gives its number back,
 * so MRNs have no gaps. A sequence would not serialise the duplicate check (see PatientService.register).
 */
final class MrnAllocator {

    private MrnAllocator() {
    }

    /** The next MRN; {@code em} must be in a transaction, which keeps the counter locked until it ends. */
    static String next(EntityManager em) {
        return Mrn.of(nextBlock(em, 1));
    }

    /**
     * The sequence number of the first of {@code count} consecutive MRNs, allocated with one locked update (bulk
     * import); the counter stays locked until {@code em}'s transaction ends, and a rollback gives the block back.
     */
    static long nextBlock(EntityManager em, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("block of " + count + " MRNs");
        }
        // Plain JDBC on the transaction's connection: the native queries cost a feed's group more than its inserts.
        try (Connection c = JpaTransactions.connection(em)) {
            if (Databases.isPostgreSql(c)) {
                // One round trip instead of two (H2 has no RETURNING): the directory's groups wait on each one.
                try (PreparedStatement update = c.prepareStatement("UPDATE emr_mrn_counter SET next_value = "
                        + "next_value + ? WHERE id = 1 RETURNING next_value")) {
                    update.setLong(1, count);
                    try (ResultSet rs = update.executeQuery()) {
                        if (!rs.next()) {
                            throw new IllegalStateException("emr_mrn_counter has no row 1: the EMR schema is incomplete");
                        }
                        return rs.getLong(1) - count;
                    }
                }
            }
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE emr_mrn_counter SET next_value = next_value + ? WHERE id = 1")) {
                update.setLong(1, count);
                if (update.executeUpdate() != 1) {
                    throw new IllegalStateException("emr_mrn_counter has no row 1: the EMR schema is incomplete");
                }
            }
            try (PreparedStatement read = c.prepareStatement("SELECT next_value FROM emr_mrn_counter WHERE id = 1");
                 ResultSet rs = read.executeQuery()) {
                rs.next();
                return rs.getLong(1) - count;
            }
        } catch (SQLException e) {
            throw new PersistenceException("allocating " + count + " MRNs failed: " + e.getMessage(), e);
        }
    }
}
