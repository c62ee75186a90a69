package org.pavilion.scheduling.internal.schedule;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.testing.TestConstraints;
import org.pavilion.scheduling.internal.SchedulingDatabase;
import org.pavilion.scheduling.internal.booking.AppointmentEntity;

/**
 * The Berlin clinic on Friday 4 December 2026, 09:00: a database with the real change log, the schedule components
 * on a fixed clock, and an audit trail to look at. Monday 7 December is the next working day.
 */
final class Clinic implements AutoCloseable {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final Instant NOW = Instant.parse("2026-12-04T08:00:00Z");
    static final LocalDate MONDAY = LocalDate.of(2026, 12, 7);

    final SchedulingDatabase db;
    final List<AuditEvent> trail = new ArrayList<>();
    final AuditService audit = trail::add;
    final ScheduleSnapshots snapshots;
    final SlotEngine slots;
    final ScheduleService schedules;

    Clinic() throws Exception {
        db = new SchedulingDatabase();
        snapshots = new ScheduleSnapshots(db.emf);
        slots = new SlotEngine(snapshots, db.emf, BERLIN, 366, Clock.fixed(NOW, BERLIN));
        schedules = new ScheduleService(db.emf, audit, snapshots, slots, TestConstraints.platform());
    }

    /** Epoch ms of a Berlin wall-clock time. */
    static long at(LocalDate day, String time) {
        return LocalDateTime.of(day, java.time.LocalTime.parse(time)).atZone(BERLIN).toInstant().toEpochMilli();
    }

    static Caller receptionist() {
        return Caller.inContainer("reception.desk", Set.of("scheduling.schedule.edit", "scheduling.schedule.view"),
                "10.0.0.5");
    }

    /** A booked appointment row, as the booking part writes it (no holds: the schedule part only reads rows). */
    String appointment(String doctorId, String serviceCode, long startsMs, int minutes, String status) {
        String id = UUID.randomUUID().toString();
        new JpaTransactions(db.emf).run(em -> {
            AppointmentEntity a = new AppointmentEntity();
            a.setId(id);
            a.setDoctorId(doctorId);
            a.setServiceCode(serviceCode);
            a.setVisitType("IN_PERSON");
            a.setLocation("MAIN");
            a.setPatientId("0000004269");
            a.setStartsMs(startsMs);
            a.setEndsMs(startsMs + minutes * 60_000L);
            a.setStatus(status);
            a.setBookingCode(id.substring(0, 8).toUpperCase());
            a.setChannel("DESK");
            a.setBookedBy("reception.desk");
            a.setBookedMs(NOW.toEpochMilli());
            a.setUpdatedMs(NOW.toEpochMilli());
            em.persist(a);
        });
        return id;
    }

    @Override
    public void close() throws Exception {
        db.close();
    }
}
