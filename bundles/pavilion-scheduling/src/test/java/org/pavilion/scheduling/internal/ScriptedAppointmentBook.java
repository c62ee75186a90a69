package org.pavilion.scheduling.internal;

import java.util.Optional;

import org.pavilion.scheduling.internal.booking.Appointment;
import org.pavilion.scheduling.internal.booking.AppointmentBook;

/** An AppointmentBook for tests of its users: every operation refuses unless the test overrides it. */
public class ScriptedAppointmentBook implements AppointmentBook {

    @Override
    public Appointment book(BookingRequest request) {
        throw new UnsupportedOperationException("book");
    }

    @Override
    public Appointment reschedule(String id, String doctorId, long startsMs, Long endsMs, Channel channel) {
        throw new UnsupportedOperationException("reschedule");
    }

    @Override
    public Appointment cancel(String id, String reason, Channel channel) {
        throw new UnsupportedOperationException("cancel");
    }

    @Override
    public Appointment checkIn(String id, Channel channel) {
        throw new UnsupportedOperationException("checkIn");
    }

    @Override
    public Appointment checkInByCode(String bookingCode) {
        throw new UnsupportedOperationException("checkInByCode");
    }

    @Override
    public Appointment complete(String id) {
        throw new UnsupportedOperationException("complete");
    }

    @Override
    public Appointment markNoShow(String id, Channel channel) {
        throw new UnsupportedOperationException("markNoShow");
    }

    @Override
    public Optional<Appointment> byExternalId(String externalSystem, String externalId) {
        throw new UnsupportedOperationException("byExternalId");
    }

    @Override
    public Appointment get(String id) {
        throw new UnsupportedOperationException("get");
    }
}
