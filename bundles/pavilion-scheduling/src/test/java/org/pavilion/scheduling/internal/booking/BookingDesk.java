package org.pavilion.scheduling.internal.booking;

import static org.junit.Assert.assertTrue;

import java.lang.annotation.Annotation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;

import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.core.testing.ChangeLogDatabase;
import org.pavilion.core.testing.TestConstraints;
import org.pavilion.events.api.EventPublisher;
import org.pavilion.scheduling.internal.SchedulingConfig;
import org.pavilion.scheduling.internal.TestCallers;
import org.pavilion.scheduling.internal.directory.DoctorEntity;
import org.pavilion.scheduling.internal.directory.ServiceEntity;
import org.pavilion.scheduling.internal.schedule.SlotRules;

/**
 * A clinic's booking desk for tests, on the department's real change log (core's {@link ChangeLogDatabase}: in-memory
 * H2, or with {@code -Dpavilion.test.postgres=...} a schema of its own on PostgreSQL): two doctors, a 20-minute and a
 * 30-minute consultation, a test {@link SlotRules} (every day 09:00-17:00 on each service's grid, in Berlin), a clock
 * the test moves, a recording audit trail and an event publisher that insists on a transaction.
 */
final class BookingDesk implements AutoCloseable {

    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    /** Monday 7 December 2026, the clinic's day. */
    static final LocalDate MONDAY = LocalDate.of(2026, 12, 7);
    static final String GP20 = "GP-20";
    static final String GP30 = "GP-30";
    static final String MARIA = "0000004269";
    static final String PEDRO = "0000004463";

    final ChangeLogDatabase database;
    final EntityManagerFactory emf;
    final List<AuditEvent> trail = Collections.synchronizedList(new ArrayList<>());
    final RecordingEvents events = new RecordingEvents();
    final AtomicLong now = new AtomicLong(at(MONDAY, "07:30"));
    final String hartmann;
    final String okafor;
    final Appointments appointments;
    final AppointmentLists lists;

    BookingDesk() throws Exception {
        database = new ChangeLogDatabase("scheduling", "db/scheduling-changelog.xml");
        emf = Persistence.createEntityManagerFactory("scheduling-test",
                Map.of("openjpa.ConnectionURL", database.url(), "openjpa.ConnectionDriverName", database.driverClass()));
        service(GP20, "Consultation (20 min)", 20);
        service(GP30, "Long consultation (30 min)", 30);
        hartmann = doctor("Dr. Lena Hartmann");
        okafor = doctor("Dr. Chidi Okafor");
        SlotRules rules = new GridRules();
        appointments = new Appointments(emf, rules, trail::add, events, config(15, 30, 60), now::get,
                TestConstraints.platform());
        lists = new AppointmentLists(emf, rules, trail::add, null);
    }

    static long at(LocalDate day, String time) {
        return LocalDateTime.of(day, LocalTime.parse(time)).atZone(ZONE).toInstant().toEpochMilli();
    }

    void clock(String time) {
        now.set(at(MONDAY, time));
    }

    AppointmentBook.BookingRequest desk(String patientId, String doctorId, String service, String time) {
        return AppointmentBook.BookingRequest.of(patientId, doctorId, service, "IN_PERSON", at(MONDAY, time),
                "Knee pain", AppointmentBook.Channel.DESK);
    }

    /** The holders of the doctor's 5-minute units, in time order. */
    List<String> holders(String doctorId) throws Exception {
        List<String> holders = new ArrayList<>();
        try (Connection c = database.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT holder FROM sched_slot_hold WHERE doctor_id = ? ORDER BY unit_ms")) {
            s.setString(1, doctorId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    holders.add(r.getString(1));
                }
            }
        }
        return holders;
    }

    static <T> T as(Caller caller, Callable<T> work) throws Exception {
        return CallerContext.runAs(caller, work);
    }

    static Caller reception() {
        return TestCallers.caller("reception.anna", Set.of(Gates.VIEW, Gates.BOOK, Gates.CHECK_IN), null);
    }

    static Caller doctorHartmann() {
        return TestCallers.caller("lena.hartmann", Set.of(Gates.VIEW, Gates.COMPLETE), null);
    }

    static Caller maria() {
        return TestCallers.caller("maria.lopez", Set.of("scheduling.appointment.own"), MARIA);
    }

    static int status(Callable<?> work) throws Exception {
        try {
            work.call();
            return 200;
        } catch (ProblemException e) {
            return e.status();
        }
    }

    private void service(String code, String name, int minutes) {
        new JpaTransactions(emf).run(em -> {
            ServiceEntity s = new ServiceEntity();
            s.setCode(code);
            s.setName(name);
            s.setSpecialty("General practice");
            s.setSlotMinutes(minutes);
            s.setVisitTypes("IN_PERSON,VIDEO");
            s.setActive(true);
            em.persist(s);
        });
    }

    private String doctor(String name) {
        String id = UUID.randomUUID().toString();
        new JpaTransactions(emf).run(em -> {
            DoctorEntity d = new DoctorEntity();
            d.setId(id);
            d.setDisplayName(name);
            d.setActive(true);
            d.setCreatedMs(now.get());
            d.setUpdatedMs(now.get());
            em.persist(d);
        });
        return id;
    }

    @Override
    public void close() throws Exception {
        emf.close();
        database.close();
    }

    /** Every day 09:00-17:00 at room 1, slots on each service's grid from 09:00; no past times. */
    private final class GridRules implements SlotRules {
        private final Map<String, Integer> minutes = new HashMap<>(Map.of(GP20, 20, GP30, 30));

        @Override
        public Slot slotAt(String doctorId, String serviceCode, String visitType, long startsMs) {
            Integer length = minutes.get(serviceCode);
            if (length == null) {
                throw ProblemException.notFound("Service", serviceCode);
            }
            if (!doctorId.equals(hartmann) && !doctorId.equals(okafor)) {
                throw ProblemException.notFound("Doctor", doctorId);
            }
            if (startsMs < now.get()) {
                throw ProblemException.validation("the time is in the past");
            }
            LocalTime t = LocalDateTime.ofInstant(java.time.Instant.ofEpochMilli(startsMs), ZONE).toLocalTime();
            int minute = t.getHour() * 60 + t.getMinute();
            if (t.getSecond() != 0 || minute < 9 * 60 || minute + length > 17 * 60 || (minute - 9 * 60) % length != 0) {
                throw ProblemException.validation("not a slot start of " + serviceCode);
            }
            return externalSlot(doctorId, serviceCode, visitType, startsMs, startsMs + length * 60_000L);
        }

        @Override
        public Slot externalSlot(String doctorId, String serviceCode, String visitType, long startsMs, long endsMs) {
            return new Slot(doctorId, doctorId.equals(hartmann) ? "Dr. Lena Hartmann" : "Dr. Chidi Okafor",
                    "General practice", serviceCode, serviceCode, visitType == null ? "IN_PERSON" : visitType,
                    "Room 1", startsMs, endsMs);
        }

        @Override
        public ZoneId zone() {
            return ZONE;
        }
    }

    /** The configuration with these minutes, Berlin's zone. */
    static SchedulingConfig config(int graceMinutes, int noShowAfterMinutes, int kioskEarlyMinutes) {
        return new SchedulingConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return SchedulingConfig.class;
            }

            @Override
            public String zone() {
                return ZONE.getId();
            }

            @Override
            public int checkInGraceMinutes() {
                return graceMinutes;
            }

            @Override
            public int noShowAfterMinutes() {
                return noShowAfterMinutes;
            }

            @Override
            public int noShowCheckSeconds() {
                return 60;
            }

            @Override
            public int kioskEarlyMinutes() {
                return kioskEarlyMinutes;
            }

            @Override
            public int offerMinutes() {
                return 120;
            }

            @Override
            public int maxDaysAhead() {
                return 366;
            }
        };
    }

    /** Published events, each checked to be written inside the caller's open transaction. */
    static final class RecordingEvents implements EventPublisher {
        record Published(String type, String subject, Object payload) {
        }

        final List<Published> published = Collections.synchronizedList(new ArrayList<>());

        @Override
        public String publish(EntityManager em, String eventType, Object payload) {
            return publish(em, eventType, null, payload);
        }

        @Override
        public String publish(EntityManager em, String eventType, String subjectKey, Object payload) {
            assertTrue(eventType + " published outside a transaction", em.getTransaction().isActive());
            published.add(new Published(eventType, subjectKey, payload));
            return "ev-" + published.size();
        }

        List<String> types() {
            synchronized (published) {
                return published.stream().map(Published::type).toList();
            }
        }

        @SuppressWarnings("unchecked")
        <T> T last(Class<T> type) {
            synchronized (published) {
                for (int i = published.size() - 1; i >= 0; i--) {
                    if (type.isInstance(published.get(i).payload())) {
                        return (T) published.get(i).payload();
                    }
                }
            }
            throw new AssertionError("no " + type.getSimpleName() + " published: " + types());
        }
    }
}
