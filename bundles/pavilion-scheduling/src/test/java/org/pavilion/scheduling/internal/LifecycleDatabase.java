package org.pavilion.scheduling.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;

import org.pavilion.core.testing.ChangeLogDatabase;
import org.pavilion.scheduling.internal.booking.SlotHolds;

/**
 * A fresh database with the department's real change log (core's {@link ChangeLogDatabase}: in-memory H2, or with
 * {@code -Dpavilion.test.postgres=...} a schema of its own there), an OpenJPA unit over it, and plain JDBC helpers that
 * set up a clinic's day (doctors, services, appointments, holds) without going through the parts under test.
 */
public final class LifecycleDatabase implements AutoCloseable {

    public final EntityManagerFactory emf;
    private final ChangeLogDatabase database;
    private final AtomicInteger codes = new AtomicInteger(1000);

    public LifecycleDatabase() throws Exception {
        database = new ChangeLogDatabase("sched_lifecycle", "db/scheduling-changelog.xml");
        emf = Persistence.createEntityManagerFactory("scheduling-test",
                Map.of("openjpa.ConnectionURL", database.url(), "openjpa.ConnectionDriverName", database.driverClass()));
    }

    public void service(String code, String name, String specialty) {
        update("INSERT INTO sched_service (code, name, specialty, slot_minutes, visit_types, active)"
                + " VALUES (?, ?, ?, 20, 'IN_PERSON', ?)", code, name, specialty, true);
    }

    public void doctor(String id, String displayName) {
        update("INSERT INTO sched_doctor (id, display_name, active, rating_count, rating_sum, created_ms, updated_ms,"
                + " version) VALUES (?, ?, ?, 0, 0, 0, 0, 1)", id, displayName, true);
    }

    /** An appointment of 20 minutes; BOOKED and CHECKED_IN ones hold their time, as the booking part does. */
    public void appointment(String id, String doctorId, String serviceCode, String patientId, long startsMs,
            String status) {
        long endsMs = startsMs + 20 * 60_000L;
        update("INSERT INTO sched_appointment (id, doctor_id, service_code, visit_type, location, patient_id, starts_ms,"
                + " ends_ms, status, late, booking_code, reason, channel, booked_by, booked_ms, updated_ms, version)"
                + " VALUES (?, ?, ?, 'IN_PERSON', 'Room 4', ?, ?, ?, ?, ?, ?, 'check-up', 'DESK', 'reception', ?, ?, 1)",
                id, doctorId, serviceCode, patientId, startsMs, endsMs, status, false,
                "BC" + codes.incrementAndGet(),
                startsMs - 86_400_000L, startsMs - 86_400_000L);
        if (status.equals("BOOKED") || status.equals("CHECKED_IN")) {
            hold(doctorId, startsMs, endsMs, id);
        }
    }

    public void hold(String doctorId, long startsMs, long endsMs, String holder) {
        try (Connection c = database.getConnection()) {
            SlotHolds.hold(c, doctorId, startsMs, endsMs, holder);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public int update(String sql, Object... args) {
        try (Connection c = database.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The first column of every row, as strings (null stays null). */
    public List<String> column(String sql, Object... args) {
        try (Connection c = database.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            List<String> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(r.getString(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public String value(String sql, Object... args) {
        List<String> rows = column(sql, args);
        return rows.isEmpty() ? null : rows.get(0);
    }

    public long count(String sql, Object... args) {
        return Long.parseLong(value(sql, args));
    }

    @Override
    public void close() throws Exception {
        emf.close();
        database.close();
    }
}
