package org.pavilion.scheduling.internal.booking;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.pavilion.scheduling.internal.booking.BookingDesk.GP20;
import static org.pavilion.scheduling.internal.booking.BookingDesk.MARIA;
import static org.pavilion.scheduling.internal.booking.BookingDesk.MONDAY;
import static org.pavilion.scheduling.internal.booking.BookingDesk.PEDRO;
import static org.pavilion.scheduling.internal.booking.BookingDesk.as;
import static org.pavilion.scheduling.internal.booking.BookingDesk.doctorHartmann;
import static org.pavilion.scheduling.internal.booking.BookingDesk.reception;
import static org.pavilion.scheduling.internal.booking.BookingDesk.status;

import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.scheduling.api.AppointmentBooked;
import org.pavilion.scheduling.api.AppointmentCancelled;
import org.pavilion.scheduling.api.AppointmentCompleted;
import org.pavilion.scheduling.api.AppointmentEvent;
import org.pavilion.scheduling.api.AppointmentNoShow;
import org.pavilion.scheduling.api.AppointmentRescheduled;
import org.pavilion.scheduling.api.PatientCheckedIn;
import org.pavilion.scheduling.api.VisitCostEstimator;
import org.pavilion.scheduling.internal.booking.AppointmentBook.Channel;

/**
 * Monday at Dr Hartmann's desk (H2; PostgreSQL with -Dpavilion.test.postgres): reception books María at 09:00 and
 * Pedro at 09:20, moves María to 10:00 (09:00 is free again), cancels Pedro; María arrives at 10:20, late; the doctor
 * completes her visit. Every step publishes its event inside its transaction, leaves a history row and an audit
 * record naming the patient.
 */
public class DayAtTheDeskTest {

    private BookingDesk desk;

    @Before
    public void setUp() throws Exception {
        desk = new BookingDesk();
    }

    @After
    public void tearDown() throws Exception {
        desk.close();
    }

    @Test
    public void theDayAtTheDesk() throws Exception {
        Appointments book = desk.appointments;
        Appointment maria = as(reception(), () -> book.book(desk.desk(MARIA, desk.hartmann, GP20, "09:00")));
        assertEquals("BOOKED", maria.status);
        assertEquals("2026-12-07T09:00", maria.localStart);
        assertEquals("2026-12-07T08:20:00Z", maria.end);
        assertEquals("Dr. Lena Hartmann", maria.doctorName);
        assertEquals("DESK", maria.channel);
        assertEquals("reception.anna", maria.bookedBy);
        assertTrue(maria.bookingCode, maria.bookingCode.matches("[A-HJ-NP-Z2-9]{8}"));
        assertNull("no billing installed", maria.estimatedCost);
        AppointmentBooked booked = desk.events.last(AppointmentBooked.class);
        assertEveryFieldSet(booked);
        assertEquals(maria.bookingCode, booked.bookingCode);
        assertEquals("appointment:" + maria.id, desk.events.published.get(0).subject());
        AuditEvent created = desk.trail.get(desk.trail.size() - 1);
        assertEquals("CREATE", created.action());
        assertEquals(MARIA, created.patientId());
        assertEquals(maria.id, created.resourceId());

        Appointment pedro = as(reception(), () -> book.book(desk.desk(PEDRO, desk.hartmann, GP20, "09:20")));
        assertEquals(List.of(maria.id, maria.id, maria.id, maria.id, pedro.id, pedro.id, pedro.id, pedro.id),
                desk.holders(desk.hartmann));

        Appointment moved = as(reception(), () -> book.reschedule(maria.id, null, BookingDesk.at(MONDAY, "10:00"),
                null, Channel.DESK));
        assertEquals("2026-12-07T10:00", moved.localStart);
        assertEquals(maria.bookingCode, moved.bookingCode);
        AppointmentRescheduled rescheduled = desk.events.last(AppointmentRescheduled.class);
        assertEveryFieldSet(rescheduled);
        assertEquals("2026-12-07T09:00", rescheduled.previousLocalStart);
        assertEquals("2026-12-07T10:00", rescheduled.localStart);
        assertEquals("09:00 is free again", 200, status(() -> as(reception(), () -> book.book(desk.desk(
                "0000009999", desk.hartmann, GP20, "09:00")))));

        Appointment cancelled = as(reception(), () -> book.cancel(pedro.id, "Feels better", Channel.DESK));
        assertEquals("CANCELLED", cancelled.status);
        assertEquals("Feels better", desk.events.last(AppointmentCancelled.class).reason);
        assertFalse(desk.holders(desk.hartmann).contains(pedro.id));
        assertEquals("cancelling twice changes nothing", "CANCELLED",
                as(reception(), () -> book.cancel(pedro.id, null, Channel.DESK)).status);
        assertEquals(1, desk.events.types().stream().filter(AppointmentCancelled.TYPE::equals).count());
        assertEquals("a cancelled appointment is not checked in", 409,
                status(() -> as(reception(), () -> book.checkIn(pedro.id, Channel.DESK))));

        desk.clock("10:20"); // five minutes after the 15-minute grace
        Appointment arrived = as(reception(), () -> book.checkIn(maria.id, Channel.DESK));
        assertEquals("CHECKED_IN", arrived.status);
        assertTrue(arrived.late);
        assertNull("no EMR installed: no encounter", arrived.encounterId);
        PatientCheckedIn checkedIn = desk.events.last(PatientCheckedIn.class);
        assertEveryFieldSet(checkedIn);
        assertTrue(checkedIn.late);
        assertEquals("a checked-in appointment is not moved", 409, status(() -> as(reception(),
                () -> book.reschedule(maria.id, null, BookingDesk.at(MONDAY, "11:00"), null, Channel.DESK))));

        Appointment done = as(doctorHartmann(), () -> book.complete(maria.id));
        assertEquals("COMPLETED", done.status);
        assertEveryFieldSet(desk.events.last(AppointmentCompleted.class));
        assertEquals("the visit's time stays held", 4,
                desk.holders(desk.hartmann).stream().filter(maria.id::equals).count());

        assertEquals(List.of("BOOKED", "RESCHEDULED", "CHECKED_IN", "COMPLETED"),
                as(reception(), () -> desk.lists.history(maria.id)).stream().map(h -> h.action).toList());
        assertEquals(List.of("BOOKED", "CANCELLED"),
                as(reception(), () -> desk.lists.history(pedro.id)).stream().map(h -> h.action).toList());
        assertTrue("history names who", as(reception(), () -> desk.lists.history(maria.id)).stream()
                .anyMatch(h -> "lena.hartmann".equals(h.actor) && "COMPLETED".equals(h.action)));
        assertTrue("every change is audited with the patient", desk.trail.stream()
                .filter(a -> maria.id.equals(a.resourceId())).allMatch(a -> MARIA.equals(a.patientId())));
    }

    @Test
    public void onTimeCheckInOpensTheEmrEncounterAndAnEmrRefusalDoesNotKeepThePatientWaiting() throws Exception {
        Appointments book = desk.appointments;
        List<EncounterOpener.Visit> opened = new ArrayList<>();
        book.encounters = visit -> {
            if (visit.mrn().equals(PEDRO)) {
                throw new IllegalArgumentException("unknown MRN " + visit.mrn());
            }
            opened.add(visit);
            return "enc-" + visit.appointmentId().substring(0, 8);
        };
        Appointment maria = as(reception(), () -> book.book(AppointmentBook.BookingRequest.of(MARIA, desk.hartmann,
                GP20, "VIDEO", BookingDesk.at(MONDAY, "09:00"), "Follow-up", Channel.DESK)));
        Appointment pedro = as(reception(), () -> book.book(desk.desk(PEDRO, desk.hartmann, GP20, "09:20")));

        desk.clock("09:10");
        Appointment in = as(reception(), () -> book.checkIn(maria.id, Channel.DESK));
        assertFalse("within the grace", in.late);
        assertEquals("enc-" + maria.id.substring(0, 8), in.encounterId);
        assertEquals("enc-" + maria.id.substring(0, 8), desk.events.last(PatientCheckedIn.class).encounterId);
        EncounterOpener.Visit visit = opened.get(0);
        assertEquals(MARIA, visit.mrn());
        assertEquals(maria.id, visit.appointmentId());
        assertEquals("VIDEO", visit.visitType());
        assertEquals(desk.hartmann, visit.doctorId());
        assertEquals("Dr. Lena Hartmann", visit.doctorName());
        assertEquals("Follow-up", visit.reason());

        Appointment refused = as(reception(), () -> book.checkIn(pedro.id, Channel.DESK));
        assertEquals("CHECKED_IN", refused.status);
        assertNull(refused.encounterId);
        assertTrue(as(reception(), () -> desk.lists.history(pedro.id)).get(1).detail
                .contains("no EMR encounter: unknown MRN " + PEDRO));
        assertEquals("checking in twice opens nothing more", 1, opened.size());
        assertEquals("CHECKED_IN", as(reception(), () -> book.checkIn(maria.id, Channel.DESK)).status);
        assertEquals(1, opened.size());
    }

    @Test
    public void billingsEstimateIsKeptWithTheBookingAndItsEvent() throws Exception {
        desk.appointments.estimator = new VisitCostEstimator() {
            @Override
            public Optional<Estimate> consultationFee(Visit visit) {
                return Optional.empty();
            }

            @Override
            public Optional<Estimate> estimate(Visit visit) {
                assertEquals(MARIA, visit.patientId());
                assertEquals(MONDAY, visit.date());
                return Optional.of(new Estimate(new BigDecimal("85.00"), new BigDecimal("60.00"),
                        new BigDecimal("25.00"), "EUR", null));
            }
        };
        Appointment a = as(reception(), () -> desk.appointments.book(desk.desk(MARIA, desk.hartmann, GP20,
                "09:40")));
        assertEquals(new BigDecimal("25.00"), a.estimatedCost);
        assertEquals("EUR", a.currency);
        AppointmentBooked booked = desk.events.last(AppointmentBooked.class);
        assertEquals("25.00", booked.estimatedCost);
        assertEquals("EUR", booked.currency);
        assertEquals(0, new BigDecimal("25.00").compareTo(as(reception(), () -> desk.appointments.get(a.id))
                .estimatedCost));
    }

    @Test
    public void aPatientWhoDoesNotComeIsANoShowOnlyOnceTheTimeHasPassed() throws Exception {
        Appointments book = desk.appointments;
        Appointment a = as(reception(), () -> book.book(desk.desk(PEDRO, desk.hartmann, GP20, "11:00")));
        desk.clock("10:59");
        assertEquals(409, status(() -> as(reception(), () -> book.markNoShow(a.id, Channel.DESK))));
        assertEquals(AuditOutcome.FAILED, desk.trail.get(desk.trail.size() - 1).outcome());
        assertEquals("a visit not checked in is not completed", 409,
                status(() -> as(doctorHartmann(), () -> book.complete(a.id))));

        desk.clock("11:31");
        Appointment noShow = BookingDesk.as(null, () -> book.markNoShow(a.id, Channel.SYSTEM));
        assertEquals("NO_SHOW", noShow.status);
        AppointmentNoShow event = desk.events.last(AppointmentNoShow.class);
        assertEveryFieldSet(event);
        assertEquals("SYSTEM", event.channel);
        assertEquals("the past time keeps its holds", 4,
                desk.holders(desk.hartmann).stream().filter(a.id::equals).count());
        assertEquals(409, status(() -> as(reception(), () -> book.checkIn(a.id, Channel.DESK))));
        assertEquals(List.of("BOOKED", "NO_SHOW"),
                as(reception(), () -> desk.lists.history(a.id)).stream().map(h -> h.action).toList());
    }

    /**
     * A service of no particular specialty (a general consultation) booked with a cardiologist: every event of the
     * appointment, the completion's included, names her specialty, as the booking did (billing prices the
     * consultation by it).
     */
    @Test
    public void aServiceWithoutSpecialtyTakesTheDoctorsInEveryEvent() throws Exception {
        new org.pavilion.core.api.persistence.JpaTransactions(desk.emf).run(em -> {
            em.find(org.pavilion.scheduling.internal.directory.ServiceEntity.class, GP20).setSpecialty(null);
            for (String specialty : List.of("Internal medicine", "Cardiology")) {
                org.pavilion.scheduling.internal.directory.DoctorSpecialtyEntity d =
                        new org.pavilion.scheduling.internal.directory.DoctorSpecialtyEntity();
                d.setDoctorId(desk.hartmann);
                d.setSpecialty(specialty);
                em.persist(d);
            }
        });
        Appointment maria = as(reception(), () -> desk.appointments.book(desk.desk(MARIA, desk.hartmann, GP20,
                "09:00")));
        desk.clock("09:05");
        as(reception(), () -> desk.appointments.checkIn(maria.id, Channel.DESK));
        as(doctorHartmann(), () -> desk.appointments.complete(maria.id));
        assertEquals("Cardiology", desk.events.last(PatientCheckedIn.class).specialty);
        assertEquals("Cardiology", desk.events.last(AppointmentCompleted.class).specialty);
    }

    @Test
    public void anUnknownAppointmentIs404() throws Exception {
        assertEquals(404, status(() -> as(reception(), () -> desk.appointments.get("no-such-appointment"))));
        assertEquals(404, status(() -> as(reception(), () -> desk.appointments.cancel("nope", null,
                Channel.DESK))));
        assertEquals("a slot off the grid", 400, status(() -> as(reception(), () -> desk.appointments.book(
                desk.desk(MARIA, desk.hartmann, GP20, "09:10")))));
        assertEquals("in the past", 400, status(() -> as(reception(), () -> desk.appointments.book(
                AppointmentBook.BookingRequest.of(MARIA, desk.hartmann, GP20, null,
                        BookingDesk.at(MONDAY.minusDays(1), "09:00"), null, Channel.DESK)))));
    }

    @Test
    public void aBookingWithoutDoctorAndWithAnUnknownVisitTypeNamesBothAndBooksNothing() throws Exception {
        ProblemException refused = null;
        try {
            as(reception(), () -> desk.appointments.book(AppointmentBook.BookingRequest.of(MARIA, " ", GP20,
                    "HOME_VISIT", BookingDesk.at(MONDAY, "09:00"), null, Channel.DESK)));
        } catch (ProblemException e) {
            refused = e;
        }
        assertNotNull("the booking should have been refused", refused);
        assertEquals(400, refused.status());
        assertEquals("urn:pavilion:problem:validation", refused.type());
        assertEquals(List.of(Map.of("field", "doctorId", "message", "must not be blank"),
                Map.of("field", "visitType", "message", "is IN_PERSON or VIDEO")),
                refused.extensions().get("violations"));
        assertEquals("nothing published", "[]", desk.events.types().toString());

        // An external system's booking without its end and id is refused on that rule.
        ProblemException external = null;
        try {
            as(reception(), () -> desk.appointments.book(new AppointmentBook.BookingRequest(MARIA, desk.hartmann,
                    GP20, null, BookingDesk.at(MONDAY, "09:00"), null, null, Channel.HL7, "RIS", null, null)));
        } catch (ProblemException e) {
            external = e;
        }
        assertNotNull("the external booking should have been refused", external);
        assertTrue(external.detail(), external.detail().contains("externalBookingComplete an external system's booking"));
    }

    /** Every field of the base payload, as a notification and billing need them. */
    static void assertEveryFieldSet(AppointmentEvent event) throws IllegalAccessException {
        for (Field f : AppointmentEvent.class.getDeclaredFields()) {
            assertNotNull(event.getClass().getSimpleName() + "." + f.getName(), f.get(event));
        }
    }
}
