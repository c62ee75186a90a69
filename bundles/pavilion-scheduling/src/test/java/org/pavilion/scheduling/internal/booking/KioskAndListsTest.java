package org.pavilion.scheduling.internal.booking;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.pavilion.scheduling.internal.booking.BookingDesk.GP20;
import static org.pavilion.scheduling.internal.booking.BookingDesk.GP30;
import static org.pavilion.scheduling.internal.booking.BookingDesk.MARIA;
import static org.pavilion.scheduling.internal.booking.BookingDesk.MONDAY;
import static org.pavilion.scheduling.internal.booking.BookingDesk.PEDRO;
import static org.pavilion.scheduling.internal.booking.BookingDesk.as;
import static org.pavilion.scheduling.internal.booking.BookingDesk.reception;
import static org.pavilion.scheduling.internal.booking.BookingDesk.status;

import java.util.List;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.rest.Page;
import org.pavilion.scheduling.api.PatientCheckedIn;
import org.pavilion.scheduling.internal.booking.AppointmentBook.Channel;

/**
 * The waiting room's kiosk takes a booking code from an hour before the start (kioskEarlyMinutes 60) until the
 * no-show time (30 minutes after); an unknown code is 404, outside the window 409 and the desk takes over. The
 * desk's lists: a doctor's day, the day's check-in list, a patient's appointments, paged.
 */
public class KioskAndListsTest {

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
    public void theKioskChecksInWithinItsWindowOnly() throws Exception {
        Appointment a = as(reception(), () -> desk.appointments.book(desk.desk(MARIA, desk.hartmann, GP20,
                "10:00")));
        Appointments kiosk = desk.appointments;
        assertEquals(404, status(() -> kiosk.checkInByCode("ZZZZ2345")));
        assertEquals("no code: a field rule", 400, status(() -> kiosk.checkInByCode("  ")));
        assertEquals("dashes only: typed, but no code", 404, status(() -> kiosk.checkInByCode(" - ")));

        desk.clock("08:59");
        assertEquals("an hour and a minute early", 409, status(() -> kiosk.checkInByCode(a.bookingCode)));
        desk.clock("09:00");
        String typed = " " + a.bookingCode.substring(0, 4).toLowerCase() + "-" + a.bookingCode.substring(4) + " ";
        Bodies.KioskAnswer answer = Bodies.KioskAnswer.of(kiosk.checkInByCode(typed));
        assertEquals("CHECKED_IN", answer.status);
        assertEquals("2026-12-07T10:00", answer.localStart);
        assertEquals("Dr. Lena Hartmann", answer.doctorName);
        assertFalse(answer.late);
        PatientCheckedIn event = desk.events.last(PatientCheckedIn.class);
        assertEquals("PORTAL", event.channel);
        assertEquals("kiosk", event.actor);
        AuditEvent audited = desk.trail.get(desk.trail.size() - 1);
        assertEquals(MARIA, audited.patientId());
        assertEquals("the same code again: already in", "CHECKED_IN", kiosk.checkInByCode(a.bookingCode).status);

        Appointment late = as(reception(), () -> desk.appointments.book(desk.desk(PEDRO, desk.hartmann, GP20,
                "11:00")));
        desk.clock("11:30");
        assertTrue("within the no-show time but after the grace", kiosk.checkInByCode(late.bookingCode).late);

        Appointment tooLate = as(reception(), () -> desk.appointments.book(desk.desk(PEDRO, desk.okafor, GP20,
                "11:40")));
        desk.clock("12:11");
        assertEquals("31 minutes after the start: the desk decides", 409,
                status(() -> kiosk.checkInByCode(tooLate.bookingCode)));
        as(reception(), () -> desk.appointments.cancel(tooLate.id, null, Channel.DESK));
        assertEquals(409, status(() -> kiosk.checkInByCode(tooLate.bookingCode)));
    }

    @Test
    public void theDesksListsOfTheDay() throws Exception {
        Appointment m1 = as(reception(), () -> desk.appointments.book(desk.desk(MARIA, desk.hartmann, GP20,
                "09:00")));
        Appointment p1 = as(reception(), () -> desk.appointments.book(desk.desk(PEDRO, desk.hartmann, GP30,
                "09:30")));
        Appointment p2 = as(reception(), () -> desk.appointments.book(desk.desk(PEDRO, desk.okafor, GP20,
                "09:00")));
        Appointment tomorrow = as(reception(), () -> desk.appointments.book(AppointmentBook.BookingRequest.of(
                MARIA, desk.hartmann, GP20, null, BookingDesk.at(MONDAY.plusDays(1), "09:00"), null, Channel.DESK)));
        as(reception(), () -> desk.appointments.cancel(p2.id, null, Channel.DESK));
        desk.clock("09:05");
        as(reception(), () -> desk.appointments.checkIn(m1.id, Channel.DESK));

        Page<Appointment> hartmannsDay = as(reception(), () -> desk.lists.list(new AppointmentLists.Query(
                desk.hartmann, null, MONDAY, null), 0, 20));
        assertEquals(List.of(m1.id, p1.id), ids(hartmannsDay));
        assertEquals(List.of(m1.id), ids(as(reception(), () -> desk.lists.list(new AppointmentLists.Query(
                desk.hartmann, null, MONDAY, null), 0, 1))));
        assertEquals(2, as(reception(), () -> desk.lists.list(new AppointmentLists.Query(desk.hartmann, null,
                MONDAY, null), 1, 1)).getTotal());

        Page<Appointment> checkInList = as(reception(), () -> desk.lists.list(new AppointmentLists.Query(null, null,
                MONDAY, "booked,CHECKED_IN"), 0, 20));
        assertEquals("Okafor's cancelled one is not waited for", List.of(m1.id, p1.id), ids(checkInList));
        assertEquals(List.of(m1.id), ids(as(reception(), () -> desk.lists.list(new AppointmentLists.Query(null,
                null, MONDAY, "CHECKED_IN"), 0, 20))));

        assertEquals(List.of(m1.id, tomorrow.id), ids(as(reception(), () -> desk.lists.list(
                new AppointmentLists.Query(null, MARIA, null, null), 0, 20))));
        assertTrue("each patient on the day list is in the trail", desk.trail.stream().anyMatch(
                a -> "SEARCH".equals(a.action()) && PEDRO.equals(a.patientId())));
        assertEquals(400, status(() -> as(reception(), () -> desk.lists.list(new AppointmentLists.Query(null, null,
                MONDAY, "WAITING"), 0, 20))));
        assertEquals(400, status(() -> as(reception(), () -> desk.lists.list(new AppointmentLists.Query(null, null,
                MONDAY, null), 0, 500))));
    }

    private static List<String> ids(Page<Appointment> page) {
        return page.getItems().stream().map(a -> a.id).toList();
    }
}
