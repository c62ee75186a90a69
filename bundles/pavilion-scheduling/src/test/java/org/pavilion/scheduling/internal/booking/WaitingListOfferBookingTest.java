package org.pavilion.scheduling.internal.booking;

import static org.junit.Assert.assertEquals;
import static org.pavilion.scheduling.internal.booking.BookingDesk.GP20;
import static org.pavilion.scheduling.internal.booking.BookingDesk.MARIA;
import static org.pavilion.scheduling.internal.booking.BookingDesk.MONDAY;
import static org.pavilion.scheduling.internal.booking.BookingDesk.PEDRO;
import static org.pavilion.scheduling.internal.booking.BookingDesk.as;
import static org.pavilion.scheduling.internal.booking.BookingDesk.maria;
import static org.pavilion.scheduling.internal.booking.BookingDesk.reception;
import static org.pavilion.scheduling.internal.booking.BookingDesk.status;

import java.sql.Connection;
import java.util.Collections;
import java.util.UUID;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.scheduling.internal.booking.AppointmentBook.BookingRequest;
import org.pavilion.scheduling.internal.booking.AppointmentBook.Channel;
import org.pavilion.scheduling.internal.waitlist.OfferEntity;
import org.pavilion.scheduling.internal.waitlist.WaitingEntity;

/**
 * A freed 10:00 slot is offered to María, who waits for Dr Hartmann: while the offer holds it nobody else can book
 * it; María's booking with the offer takes the offer's holds over in its own transaction; Pedro cannot use her offer.
 */
public class WaitingListOfferBookingTest {

    private BookingDesk desk;
    private String offerId;
    private long ten;

    @Before
    public void setUp() throws Exception {
        desk = new BookingDesk();
        ten = BookingDesk.at(MONDAY, "10:00");
        offerId = UUID.randomUUID().toString();
        String waitingId = UUID.randomUUID().toString();
        new JpaTransactions(desk.emf).run(em -> {
            WaitingEntity w = new WaitingEntity();
            w.setId(waitingId);
            w.setPatientId(MARIA);
            w.setDoctorId(desk.hartmann);
            w.setServiceCode(GP20);
            w.setVisitType("IN_PERSON");
            w.setFromDay(MONDAY.toString());
            w.setToDay(MONDAY.plusDays(7).toString());
            w.setStatus("OFFERED");
            w.setCreatedMs(desk.now.get());
            w.setUpdatedMs(desk.now.get());
            em.persist(w);
            OfferEntity o = new OfferEntity();
            o.setId(offerId);
            o.setWaitingId(waitingId);
            o.setDoctorId(desk.hartmann);
            o.setLocation("Room 1");
            o.setStartsMs(ten);
            o.setEndsMs(ten + 20 * 60_000L);
            o.setExpiresMs(desk.now.get() + 2 * 3_600_000L);
            o.setStatus("OPEN");
            o.setCreatedMs(desk.now.get());
            em.persist(o);
            try (Connection c = JpaTransactions.connection(em)) {
                SlotHolds.hold(c, desk.hartmann, ten, ten + 20 * 60_000L, "offer:" + offerId);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @After
    public void tearDown() throws Exception {
        desk.close();
    }

    private BookingRequest withOffer(String patientId) {
        return new BookingRequest(patientId, desk.hartmann, GP20, "IN_PERSON", ten, null, "Waiting since Friday",
                Channel.PORTAL, null, null, offerId);
    }

    @Test
    public void theOfferedPatientTakesTheSlotOverAndNobodyElseCan() throws Exception {
        assertEquals("held by the offer", 409, status(() -> as(reception(), () -> desk.appointments.book(
                desk.desk(PEDRO, desk.hartmann, GP20, "10:00")))));
        assertEquals("not Pedro's offer", 403, status(() -> as(reception(), () -> desk.appointments.book(
                withOffer(PEDRO)))));
        assertEquals(Collections.nCopies(4, "offer:" + offerId), desk.holders(desk.hartmann));

        Appointment mine = as(maria(), () -> desk.appointments.book(withOffer(MARIA)));
        assertEquals("BOOKED", mine.status);
        assertEquals(Collections.nCopies(4, mine.id), desk.holders(desk.hartmann));
    }

    @Test
    public void anExpiredOfferIsNoLongerOpen() throws Exception {
        desk.clock("09:45"); // the offer expired at 09:30
        assertEquals(409, status(() -> as(maria(), () -> desk.appointments.book(withOffer(MARIA)))));
        assertEquals(Collections.nCopies(4, "offer:" + offerId), desk.holders(desk.hartmann));
    }
}
