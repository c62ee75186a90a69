package org.pavilion.scheduling.internal.booking;

import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

import javax.persistence.EntityManager;

import org.pavilion.scheduling.api.AppointmentEvent;
import org.pavilion.scheduling.internal.Times;
import org.pavilion.scheduling.internal.directory.DoctorEntity;
import org.pavilion.scheduling.internal.directory.ServiceEntity;

/**
 * An appointment row as the REST/SOAP DTO and as the event payloads show it, with the doctor's and service's names
 * read from the directory. One instance per transaction: it remembers the names it read (a day list names one doctor
 * many times).
 */
final class AppointmentViews {

    /** The names an appointment shows. */
    record Names(String doctorName, String specialty, String serviceName) {
    }

    private final EntityManager em;
    private final ZoneId zone;
    private final Map<String, Names> names = new HashMap<>();

    AppointmentViews(EntityManager em, ZoneId zone) {
        this.em = em;
        this.zone = zone;
    }

    /**
     * Names already known for a doctor and service (the slot rules' snapshot at booking), so a booking does not read
     * the directory again; the snapshot is at most a minute old, as the slot it booked.
     */
    AppointmentViews knowing(String doctorId, String serviceCode, Names known) {
        names.put(doctorId + "|" + serviceCode, known);
        return this;
    }

    Names names(AppointmentEntity e) {
        return names.computeIfAbsent(e.getDoctorId() + "|" + e.getServiceCode(), k -> {
            DoctorEntity d = em.find(DoctorEntity.class, e.getDoctorId());
            ServiceEntity s = em.find(ServiceEntity.class, e.getServiceCode());
            // The service's specialty, else the doctor's first, as the slot engine names it at booking: every event
            // of one appointment carries the same specialty (billing prices consultations by it).
            String specialty = s == null ? null : s.getSpecialty();
            if (specialty == null) {
                specialty = em.createQuery("SELECT MIN(x.specialty) FROM DoctorSpecialtyEntity x WHERE x.doctorId = :d",
                        String.class).setParameter("d", e.getDoctorId()).getSingleResult();
            }
            return new Names(d == null ? null : d.getDisplayName(), specialty, s == null ? null : s.getName());
        });
    }

    Appointment dto(AppointmentEntity e) {
        Names n = names(e);
        Appointment a = new Appointment();
        a.id = e.getId();
        a.patientId = e.getPatientId();
        a.doctorId = e.getDoctorId();
        a.doctorName = n.doctorName();
        a.specialty = n.specialty();
        a.serviceCode = e.getServiceCode();
        a.serviceName = n.serviceName();
        a.visitType = e.getVisitType();
        a.location = e.getLocation();
        a.start = Times.instant(e.getStartsMs());
        a.end = Times.instant(e.getEndsMs());
        a.localStart = Times.local(e.getStartsMs(), zone);
        a.status = e.getStatus();
        a.late = e.isLate();
        a.bookingCode = e.getBookingCode();
        a.reason = e.getReason();
        a.cancelReason = e.getCancelReason();
        a.encounterId = e.getEncounterId();
        a.estimatedCost = e.getEstimatedCost();
        a.currency = e.getCurrency();
        a.channel = e.getChannel();
        a.bookedBy = e.getBookedBy();
        a.bookedAt = Times.instant(e.getBookedMs());
        a.checkedInAt = e.getCheckedInMs() == null ? null : Times.instant(e.getCheckedInMs());
        a.externalSystem = e.getExternalSystem();
        a.externalId = e.getExternalId();
        return a;
    }

    /** Fills every field of the base payload from the appointment as it is now. */
    <T extends AppointmentEvent> T event(T p, AppointmentEntity e, String channel, String actor) {
        Names n = names(e);
        p.appointmentId = e.getId();
        p.patientId = e.getPatientId();
        p.doctorId = e.getDoctorId();
        p.doctorName = n.doctorName();
        p.specialty = n.specialty();
        p.serviceCode = e.getServiceCode();
        p.serviceName = n.serviceName();
        p.visitType = e.getVisitType();
        p.location = e.getLocation();
        p.start = Times.instant(e.getStartsMs());
        p.end = Times.instant(e.getEndsMs());
        p.localStart = Times.local(e.getStartsMs(), zone);
        p.zone = zone.getId();
        p.channel = channel;
        p.actor = actor;
        return p;
    }
}
