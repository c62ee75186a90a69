package org.pavilion.scheduling.internal.waitlist;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.persistence.EntityManagerFactory;

import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.scheduling.internal.Times;
import org.pavilion.scheduling.internal.booking.Appointment;
import org.pavilion.scheduling.internal.booking.AppointmentBook;
import org.pavilion.scheduling.internal.booking.AppointmentEntity;
import org.pavilion.scheduling.internal.booking.SlotHolds;

/**
 * The booking part as far as the waiting list needs it: books into sched_appointment with its slot holds on the same
 * database, releasing an offer's holds first in the same transaction (as the real one promises), and records calls.
 */
final class FakeAppointmentBook implements AppointmentBook {

    final List<BookingRequest> bookings = new CopyOnWriteArrayList<>();
    private final JpaTransactions jpa;
    /** Set to fail once after the booking committed, as a crash before the waiting list's own update would. */
    volatile boolean failAfterCommitOnce;

    FakeAppointmentBook(EntityManagerFactory emf) {
        this.jpa = new JpaTransactions(emf);
    }

    @Override
    public Appointment book(BookingRequest r) {
        bookings.add(r);
        AppointmentEntity a = jpa.call(em -> {
            AppointmentEntity e = new AppointmentEntity();
            e.setId(UUID.randomUUID().toString());
            e.setPatientId(r.patientId());
            e.setDoctorId(r.doctorId());
            e.setServiceCode(r.serviceCode());
            e.setVisitType(r.visitType());
            e.setStartsMs(r.startsMs());
            e.setEndsMs(r.startsMs() + 30 * 60_000L);
            e.setStatus("BOOKED");
            e.setBookingCode(e.getId().substring(0, 8));
            e.setReason(r.reason());
            e.setChannel(r.channel().name());
            e.setBookedBy("test");
            e.setBookedMs(System.currentTimeMillis());
            e.setUpdatedMs(e.getBookedMs());
            try (Connection c = JpaTransactions.connection(em)) {
                if (r.offerId() != null) {
                    SlotHolds.release(c, SlotOffers.HOLDER_PREFIX + r.offerId());
                }
                SlotHolds.hold(c, e.getDoctorId(), e.getStartsMs(), e.getEndsMs(), e.getId());
            } catch (SQLException x) {
                throw new IllegalStateException(x);
            }
            em.persist(e);
            return e;
        });
        if (failAfterCommitOnce) {
            failAfterCommitOnce = false;
            throw new IllegalStateException("connection lost after the booking committed");
        }
        return view(a);
    }

    /** Someone at the desk books a time directly (no offer). */
    Appointment bookDirectly(String patientId, String doctorId, long startsMs) {
        return book(BookingRequest.of(patientId, doctorId, "CARD-FU", "IN_PERSON", startsMs, null, Channel.DESK));
    }

    @Override
    public Appointment get(String id) {
        AppointmentEntity e = jpa.call(em -> em.find(AppointmentEntity.class, id));
        if (e == null) {
            throw ProblemException.notFound("Appointment", id);
        }
        return view(e);
    }

    private static Appointment view(AppointmentEntity e) {
        Appointment a = new Appointment();
        a.id = e.getId();
        a.patientId = e.getPatientId();
        a.doctorId = e.getDoctorId();
        a.serviceCode = e.getServiceCode();
        a.visitType = e.getVisitType();
        a.start = Times.instant(e.getStartsMs());
        a.end = Times.instant(e.getEndsMs());
        a.status = e.getStatus();
        a.channel = e.getChannel();
        return a;
    }

    @Override
    public Appointment reschedule(String id, String doctorId, long startsMs, Long endsMs, Channel channel) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Appointment cancel(String id, String reason, Channel channel) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Appointment checkIn(String id, Channel channel) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Appointment checkInByCode(String bookingCode) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Appointment complete(String id) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Appointment markNoShow(String id, Channel channel) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<Appointment> byExternalId(String externalSystem, String externalId) {
        throw new UnsupportedOperationException();
    }
}
