package org.pavilion.scheduling.internal.booking;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.pavilion.scheduling.internal.booking.BookingDesk.GP20;
import static org.pavilion.scheduling.internal.booking.BookingDesk.MARIA;
import static org.pavilion.scheduling.internal.booking.BookingDesk.MONDAY;
import static org.pavilion.scheduling.internal.booking.BookingDesk.PEDRO;
import static org.pavilion.scheduling.internal.booking.BookingDesk.as;
import static org.pavilion.scheduling.internal.booking.BookingDesk.maria;
import static org.pavilion.scheduling.internal.booking.BookingDesk.reception;
import static org.pavilion.scheduling.internal.booking.BookingDesk.status;

import java.util.List;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.scheduling.internal.booking.AppointmentBook.BookingRequest;
import org.pavilion.scheduling.internal.booking.AppointmentBook.Channel;

/**
 * María books, moves and cancels her own appointments in the portal; Pedro's are not hers: she can neither book
 * for him, nor see, move or cancel his (403, audited as DENIED with his id), and her list shows only her own.
 */
public class PatientAccountTest {

    private BookingDesk desk;
    private Appointment pedros;

    @Before
    public void setUp() throws Exception {
        desk = new BookingDesk();
        pedros = as(reception(), () -> desk.appointments.book(desk.desk(PEDRO, desk.hartmann, GP20, "09:00")));
    }

    @After
    public void tearDown() throws Exception {
        desk.close();
    }

    private BookingRequest portal(String patientId, String time) {
        return BookingRequest.of(patientId, desk.hartmann, GP20, "IN_PERSON", BookingDesk.at(MONDAY, time),
                "Check-up", Channel.PORTAL);
    }

    @Test
    public void mariaBooksMovesAndCancelsHerOwn() throws Exception {
        Appointment mine = as(maria(), () -> desk.appointments.book(portal(MARIA, "10:00")));
        assertEquals("PORTAL", mine.channel);
        assertEquals("maria.lopez", mine.bookedBy);
        assertEquals(mine.bookingCode, as(maria(), () -> desk.appointments.get(mine.id)).bookingCode);
        assertEquals("2026-12-07T10:20", as(maria(), () -> desk.appointments.reschedule(mine.id, null,
                BookingDesk.at(MONDAY, "10:20"), null, Channel.PORTAL)).localStart);
        assertEquals("CANCELLED", as(maria(), () -> desk.appointments.cancel(mine.id, "Back at work",
                Channel.PORTAL)).status);
    }

    @Test
    public void mariaCannotBookSeeMoveOrCancelPedros() throws Exception {
        assertEquals(403, status(() -> as(maria(), () -> desk.appointments.book(portal(PEDRO, "10:00")))));
        assertDeniedFor(PEDRO);
        assertEquals(403, status(() -> as(maria(), () -> desk.appointments.get(pedros.id))));
        assertDeniedFor(PEDRO);
        assertEquals(403, status(() -> as(maria(), () -> desk.appointments.reschedule(pedros.id, null,
                BookingDesk.at(MONDAY, "11:00"), null, Channel.PORTAL))));
        assertEquals(403, status(() -> as(maria(), () -> desk.appointments.cancel(pedros.id, null,
                Channel.PORTAL))));
        assertDeniedFor(PEDRO);
        assertEquals(403, status(() -> as(maria(), () -> desk.lists.history(pedros.id))));
        assertEquals(403, status(() -> as(maria(), () -> desk.lists.list(
                new AppointmentLists.Query(null, PEDRO, null, null), 0, 20))));
        assertEquals("her list without naming herself", 403, status(() -> as(maria(), () -> desk.lists.list(
                new AppointmentLists.Query(desk.hartmann, null, MONDAY, null), 0, 20))));

        assertEquals("Pedro's appointment is untouched", "BOOKED",
                as(reception(), () -> desk.appointments.get(pedros.id)).status);
        assertEquals(List.of("BOOKED"), as(reception(), () -> desk.lists.history(pedros.id)).stream()
                .map(h -> h.action).toList());
        assertEquals("no event for a refusal", 1, desk.events.published.size());
    }

    @Test
    public void mariaSeesHerOwnAppointmentsOnly() throws Exception {
        as(maria(), () -> desk.appointments.book(portal(MARIA, "10:00")));
        as(reception(), () -> desk.appointments.book(desk.desk(MARIA, desk.okafor, GP20, "10:00")));
        List<Appointment> mine = as(maria(), () -> desk.lists.list(new AppointmentLists.Query(null, MARIA, null,
                null), 0, 20)).getItems();
        assertEquals(2, mine.size());
        assertTrue(mine.stream().allMatch(a -> MARIA.equals(a.patientId)));
        AuditEvent listed = desk.trail.get(desk.trail.size() - 1);
        assertEquals("SEARCH", listed.action());
        assertEquals(MARIA, listed.patientId());
    }

    private void assertDeniedFor(String patientId) {
        AuditEvent last = desk.trail.get(desk.trail.size() - 1);
        assertEquals(AuditOutcome.DENIED, last.outcome());
        assertEquals(patientId, last.patientId());
    }
}
