package org.pavilion.scheduling.internal.booking;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.pavilion.scheduling.internal.booking.BookingDesk.GP20;
import static org.pavilion.scheduling.internal.booking.BookingDesk.MARIA;
import static org.pavilion.scheduling.internal.booking.BookingDesk.as;
import static org.pavilion.scheduling.internal.booking.BookingDesk.reception;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.scheduling.internal.booking.AppointmentBook.Channel;

/**
 * The reschedule, cancel and kiosk bodies declare their rules: a broken one is one 400 listing its fields in
 * {@code violations}, checked before the appointment is looked at, and nothing changes.
 */
public class DeclaredChangesTest {

    private BookingDesk desk;
    private AppointmentResource rest;
    private KioskResource kiosk;
    private Appointment maria;

    @Before
    public void setUp() throws Exception {
        desk = new BookingDesk();
        rest = new AppointmentResource(desk.appointments, desk.lists);
        kiosk = new KioskResource(desk.appointments);
        maria = as(reception(), () -> desk.appointments.book(desk.desk(MARIA, desk.hartmann, GP20, "09:00")));
        desk.events.published.clear();
    }

    @After
    public void tearDown() throws Exception {
        desk.close();
    }

    @Test
    public void aRescheduleWithoutStartOrWithoutBodyIsRefusedAndMovesNothing() throws Exception {
        Bodies.Reschedule noStart = new Bodies.Reschedule();
        noStart.start = " ";
        noStart.doctorId = desk.okafor;
        assertViolations(List.of(violation("start", "is required (e.g. 2026-12-07T09:30)")),
                () -> rest.reschedule(maria.id, noStart));
        assertViolations(List.of(violation("body", "a request body is required")),
                () -> rest.reschedule(maria.id, null));
        // The body's rules come first: an unknown appointment with a broken body is still the 400.
        assertViolations(List.of(violation("start", "is required (e.g. 2026-12-07T09:30)")),
                () -> rest.reschedule("no-such-appointment", noStart));
        assertUnchanged();

        Bodies.Reschedule tenOClock = new Bodies.Reschedule();
        tenOClock.start = "2026-12-07T10:00";
        Appointment moved = as(reception(), () -> rest.reschedule(maria.id, tenOClock));
        assertEquals("the hospital's wall clock", "2026-12-07T10:00", moved.localStart);
        assertEquals(desk.hartmann, moved.doctorId);
    }

    @Test
    public void aCancelReasonLongerThanABookingsIsRefusedFromEveryFace() throws Exception {
        Bodies.Cancel tooLong = new Bodies.Cancel();
        tooLong.reason = "x".repeat(501);
        assertViolations(List.of(violation("reason", "size must be between 0 and 500")),
                () -> rest.cancel(maria.id, tooLong));
        // SOAP and HL7 pass the reason alone; the service checks it as the same body.
        assertViolations(List.of(violation("reason", "size must be between 0 and 500")),
                () -> desk.appointments.cancel(maria.id, "y".repeat(501), Channel.HL7));
        assertUnchanged();

        Bodies.Cancel atTheLimit = new Bodies.Cancel();
        atTheLimit.reason = "z".repeat(500);
        assertEquals("CANCELLED", as(reception(), () -> rest.cancel(maria.id, atTheLimit)).status);
        assertEquals("no reason is still a cancellation", "CANCELLED",
                as(reception(), () -> rest.cancel(maria.id, null)).status);
    }

    @Test
    public void aKioskWithoutBookingCodeIsRefusedNamingTheField() throws Exception {
        List<Map<String, String>> noCode = List.of(violation("bookingCode", "must not be blank"));
        assertViolations(noCode, () -> kiosk.checkIn(null));
        assertViolations(noCode, () -> kiosk.checkIn(new Bodies.KioskCheckIn()));
        Bodies.KioskCheckIn blank = new Bodies.KioskCheckIn();
        blank.bookingCode = " \t";
        assertViolations(noCode, () -> kiosk.checkIn(blank));
        assertUnchanged();

        Bodies.KioskCheckIn typed = new Bodies.KioskCheckIn();
        typed.bookingCode = maria.bookingCode.toLowerCase();
        desk.clock("08:30");
        assertEquals("CHECKED_IN", kiosk.checkIn(typed).status);
    }

    private void assertUnchanged() throws Exception {
        Appointment now = as(reception(), () -> desk.appointments.get(maria.id));
        assertEquals("BOOKED", now.status);
        assertEquals(maria.localStart, now.localStart);
        assertEquals(maria.doctorId, now.doctorId);
        assertEquals("nothing published", "[]", desk.events.types().toString());
    }

    private static void assertViolations(List<Map<String, String>> expected, Callable<?> work) throws Exception {
        ProblemException refused = null;
        try {
            as(reception(), work);
        } catch (ProblemException e) {
            refused = e;
        }
        assertNotNull("should have been refused", refused);
        assertEquals(refused.detail(), 400, refused.status());
        assertEquals("urn:pavilion:problem:validation", refused.type());
        assertEquals(expected, refused.extensions().get("violations"));
    }

    private static Map<String, String> violation(String field, String message) {
        return Map.of("field", field, "message", message);
    }
}
