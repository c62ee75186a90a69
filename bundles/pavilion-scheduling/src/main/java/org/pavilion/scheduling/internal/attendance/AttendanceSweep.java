package org.pavilion.scheduling.internal.attendance;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.function.LongSupplier;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.PersistenceException;

import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.scheduling.internal.booking.AppointmentBook;
import org.pavilion.scheduling.internal.booking.AppointmentHistoryEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the late and no-show check, without Camel: BOOKED appointments whose start plus the check-in grace
 * has passed are marked late (a LATE history row, no event: nothing downstream reacts to lateness); those whose start
 * plus the no-show time has passed are handed to {@link AppointmentBook#markNoShow} (which frees, records and
 * publishes). Each step takes at most {@code batch} appointments, oldest first, so a backlog after downtime is worked
 * off over several runs instead of in one long transaction.
 */
public class AttendanceSweep {

    static final String ACTOR = "scheduling-attendance";

    private static final Logger LOG = LoggerFactory.getLogger(AttendanceSweep.class);

    /** What one run uses; read from the configuration for every run. */
    public record Settings(int checkInGraceMinutes, int noShowAfterMinutes, int batch) {
    }

    /** How many appointments one run marked. */
    public record Result(int late, int noShows) {
    }

    private final JpaTransactions jpa;
    private final AppointmentBook book;
    private final LongSupplier clock;

    public AttendanceSweep(EntityManagerFactory emf, AppointmentBook book, LongSupplier clock) {
        this.jpa = new JpaTransactions(emf);
        this.book = book;
        this.clock = clock;
    }

    public Result run(Settings settings) {
        long now = clock.getAsLong();
        return new Result(markLate(now, settings), markNoShows(now, settings));
    }

    /**
     * Late: past the grace, not yet due for no-show (those go straight to no-show). The conditional UPDATE decides
     * per row, so an appointment checked in or cancelled meanwhile is left alone, and bumping the version makes a
     * concurrent entity write of the same appointment fail rather than undo the mark.
     */
    int markLate(long now, Settings s) {
        long lateBefore = now - s.checkInGraceMinutes() * 60_000L;
        long noShowBefore = now - s.noShowAfterMinutes() * 60_000L;
        return jpa.call(em -> {
            List<String> ids = em.createQuery("SELECT a.id FROM AppointmentEntity a WHERE a.status = :booked"
                    + " AND a.late = :notLate AND a.startsMs <= :lateBefore AND a.startsMs > :noShowBefore"
                    + " ORDER BY a.startsMs, a.id", String.class)
                    .setParameter("booked", "BOOKED").setParameter("notLate", false)
                    .setParameter("lateBefore", lateBefore).setParameter("noShowBefore", noShowBefore)
                    .setMaxResults(s.batch()).getResultList();
            int marked = 0;
            for (String id : ids) {
                if (setLate(em, id, now)) {
                    em.persist(history(id, now, "not checked in " + s.checkInGraceMinutes()
                            + " minutes after the start"));
                    marked++;
                }
            }
            return marked;
        });
    }

    private static boolean setLate(EntityManager em, String id, long now) {
        try (Connection c = JpaTransactions.connection(em);
                PreparedStatement u = c.prepareStatement("UPDATE sched_appointment SET late = ?, updated_ms = ?,"
                        + " version = version + 1 WHERE id = ? AND status = 'BOOKED' AND late = ?")) {
            u.setBoolean(1, true);
            u.setLong(2, now);
            u.setString(3, id);
            u.setBoolean(4, false);
            return u.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new PersistenceException("could not mark appointment " + id + " late", e);
        }
    }

    /** No-show: each through the book, in its own transaction; one that fails does not stop the others. */
    int markNoShows(long now, Settings s) {
        long noShowBefore = now - s.noShowAfterMinutes() * 60_000L;
        List<String> ids = jpa.call(em -> em.createQuery("SELECT a.id FROM AppointmentEntity a"
                + " WHERE a.status = :booked AND a.startsMs <= :before ORDER BY a.startsMs, a.id", String.class)
                .setParameter("booked", "BOOKED").setParameter("before", noShowBefore)
                .setMaxResults(s.batch()).getResultList());
        int marked = 0;
        for (String id : ids) {
            try {
                book.markNoShow(id, AppointmentBook.Channel.SYSTEM);
                marked++;
            } catch (ProblemException e) {
                // checked in or cancelled between the query and now: nothing to mark
                LOG.debug("appointment {} not marked no-show: {}", id, e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("appointment {} could not be marked no-show; tried again next run", id, e);
            }
        }
        return marked;
    }

    private static AppointmentHistoryEntity history(String appointmentId, long now, String detail) {
        AppointmentHistoryEntity h = new AppointmentHistoryEntity();
        h.setId(UUID.randomUUID().toString());
        h.setAppointmentId(appointmentId);
        h.setAction("LATE");
        h.setDetail(detail);
        h.setActor(ACTOR);
        h.setAtMs(now);
        return h;
    }
}
