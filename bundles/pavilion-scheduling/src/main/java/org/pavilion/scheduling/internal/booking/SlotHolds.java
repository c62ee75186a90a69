package org.pavilion.scheduling.internal.booking;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import org.pavilion.core.api.rest.ProblemException;

/**
 * The database's guarantee against double booking: a booked time holds each {@link #UNIT_MS 5-minute} unit of the
 * doctor's time it touches, one row per unit in {@code sched_slot_hold}, whose primary key (doctor, unit) admits one
 * holder. Two overlapping bookings, of any lengths, collide on at least one unit; the second insert fails with a
 * unique violation (SQL state 23505 on H2 and PostgreSQL) and its transaction rolls back whole.
 *
 * <p>Plain JDBC on the caller's transaction ({@code JpaTransactions.connection(em)}), so the holds commit or roll back
 * with the appointment row. Holders: an appointment's id, or {@code offer:<id>} while a waiting-list offer keeps a
 * slot for one patient.
 */
public final class SlotHolds {

    /** The grain of holds: times are held in 5-minute units (a slot from 09:02 to 09:07 holds 09:00 and 09:05). */
    public static final long UNIT_MS = 5 * 60_000L;

    private static final String UNIQUE_VIOLATION = "23505";

    private SlotHolds() {
    }

    /**
     * Holds [{@code startsMs}, {@code endsMs}) of {@code doctorId} for {@code holder}.
     *
     * @throws ProblemException 409 when any unit is held already; the caller's transaction must then roll back (on
     *                          PostgreSQL it is aborted anyway)
     */
    public static void hold(Connection c, String doctorId, long startsMs, long endsMs, String holder)
            throws SQLException {
        if (endsMs <= startsMs) {
            throw new IllegalArgumentException("an empty time cannot be held");
        }
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO sched_slot_hold (doctor_id, unit_ms, holder) VALUES (?, ?, ?)")) {
            for (long unit = firstUnit(startsMs); unit < endsMs; unit += UNIT_MS) {
                insert.setString(1, doctorId);
                insert.setLong(2, unit);
                insert.setString(3, holder);
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException e) {
            if (isUniqueViolation(e)) {
                throw ProblemException.conflict("The doctor is already booked at that time");
            }
            throw e;
        }
    }

    /** Frees every unit {@code holder} holds; returns how many. */
    public static int release(Connection c, String holder) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM sched_slot_hold WHERE holder = ?")) {
            delete.setString(1, holder);
            return delete.executeUpdate();
        }
    }

    /** The unit a time falls in. */
    public static long firstUnit(long ms) {
        return Math.floorDiv(ms, UNIT_MS) * UNIT_MS;
    }

    /** SQL state 23505 anywhere in the chain, batch's next exceptions included. */
    public static boolean isUniqueViolation(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof SQLException sql) {
                for (SQLException s = sql; s != null; s = s.getNextException()) {
                    if (UNIQUE_VIOLATION.equals(s.getSQLState())) {
                        return true;
                    }
                }
                if (c instanceof BatchUpdateException && sql.getNextException() == null
                        && sql.getMessage() != null && sql.getMessage().contains("23505")) {
                    return true;
                }
            }
        }
        return false;
    }
}
