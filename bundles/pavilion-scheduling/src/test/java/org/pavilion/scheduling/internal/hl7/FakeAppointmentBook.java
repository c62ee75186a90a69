package org.pavilion.scheduling.internal.hl7;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.scheduling.internal.Times;
import org.pavilion.scheduling.internal.booking.Appointment;
import org.pavilion.scheduling.internal.booking.AppointmentBook;

/**
 * The appointment book as the HL7 handler sees it, in memory: bookable doctors with the room their hours are in,
 * no two live appointments of a doctor overlapping (409), unknown doctors and appointments 404, status rules 409.
 * Every write is noted in {@code journal}, beside the hub's store, so tests see what came first.
 */
final class FakeAppointmentBook implements AppointmentBook {

    final Map<String, Appointment> appointments = new LinkedHashMap<>();
    final List<BookingRequest> requests = new ArrayList<>();
    final List<String> journal;
    /** Who the book was called as, per booking: the caller's name and privileges. */
    final List<Caller> callers = new ArrayList<>();
    /** Doctor id → [display name, location]. */
    private final Map<String, String[]> doctors = new LinkedHashMap<>();
    private final ZoneId zone;
    private int next = 1;

    FakeAppointmentBook(List<String> journal, ZoneId zone) {
        this.journal = journal;
        this.zone = zone;
    }

    FakeAppointmentBook doctor(String id, String name, String location) {
        doctors.put(id, new String[] {name, location});
        return this;
    }

    @Override
    public Appointment book(BookingRequest r) {
        journal.add("book " + r.externalId());
        requests.add(r);
        callers.add(CallerContext.current().orElse(null));
        String[] doctor = doctors.get(r.doctorId());
        if (doctor == null) {
            throw ProblemException.notFound("Doctor", r.doctorId());
        }
        if (r.externalSystem() != null && byExternalId(r.externalSystem(), r.externalId()).isPresent()) {
            throw ProblemException.conflict("appointment " + r.externalId() + " of " + r.externalSystem()
                    + " is booked already");
        }
        clash(null, r.doctorId(), r.startsMs(), r.endsMs());
        Appointment a = new Appointment();
        a.id = "A-" + next++;
        a.patientId = r.patientId();
        a.doctorId = r.doctorId();
        a.doctorName = doctor[0];
        a.location = doctor[1];
        a.serviceCode = r.serviceCode();
        a.visitType = r.visitType();
        a.reason = r.reason();
        a.channel = r.channel().name();
        a.externalSystem = r.externalSystem();
        a.externalId = r.externalId();
        a.status = "BOOKED";
        times(a, r.startsMs(), r.endsMs());
        appointments.put(a.id, a);
        return a;
    }

    @Override
    public Appointment reschedule(String id, String doctorId, long startsMs, Long endsMs, Channel channel) {
        journal.add("reschedule " + id);
        Appointment a = live(id);
        String to = doctorId == null ? a.doctorId : doctorId;
        if (!doctors.containsKey(to)) {
            throw ProblemException.notFound("Doctor", to);
        }
        clash(id, to, startsMs, endsMs);
        a.doctorId = to;
        a.doctorName = doctors.get(to)[0];
        a.location = doctors.get(to)[1];
        times(a, startsMs, endsMs);
        return a;
    }

    @Override
    public Appointment cancel(String id, String reason, Channel channel) {
        journal.add("cancel " + id);
        Appointment a = live(id);
        a.status = "CANCELLED";
        a.cancelReason = reason;
        return a;
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
        journal.add("no-show " + id);
        Appointment a = live(id);
        a.status = "NO_SHOW";
        return a;
    }

    @Override
    public Optional<Appointment> byExternalId(String externalSystem, String externalId) {
        return appointments.values().stream().filter(a -> externalSystem.equals(a.externalSystem)
                && externalId.equals(a.externalId)).findFirst();
    }

    @Override
    public Appointment get(String id) {
        Appointment a = appointments.get(id);
        if (a == null) {
            throw ProblemException.notFound("Appointment", id);
        }
        return a;
    }

    private Appointment live(String id) {
        Appointment a = get(id);
        if (!a.status.equals("BOOKED")) {
            throw ProblemException.conflict("appointment " + id + " is " + a.status);
        }
        return a;
    }

    private void clash(String self, String doctorId, long startsMs, long endsMs) {
        for (Appointment o : appointments.values()) {
            if (!o.id.equals(self) && o.doctorId.equals(doctorId) && o.status.equals("BOOKED")
                    && Instant.parse(o.start).toEpochMilli() < endsMs && startsMs < Instant.parse(o.end).toEpochMilli()) {
                throw ProblemException.conflict(o.doctorName + " is booked from " + o.localStart + ": the time is taken");
            }
        }
    }

    private void times(Appointment a, long startsMs, long endsMs) {
        a.start = Times.instant(startsMs);
        a.end = Times.instant(endsMs);
        a.localStart = Times.local(startsMs, zone);
    }
}
