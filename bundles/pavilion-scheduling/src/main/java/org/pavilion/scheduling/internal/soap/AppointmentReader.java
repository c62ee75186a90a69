package org.pavilion.scheduling.internal.soap;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;

import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.scheduling.internal.Times;
import org.pavilion.scheduling.internal.booking.Appointment;
import org.pavilion.scheduling.internal.booking.AppointmentEntity;
import org.pavilion.scheduling.internal.directory.DoctorEntity;
import org.pavilion.scheduling.internal.directory.ServiceEntity;

/**
 * Reads appointments for the SOAP face straight from {@code sched_appointment}: the lifecycle interface has no list
 * of a patient's appointments, and the SOAP face decides access with its own privilege. No access check here: the
 * caller checks the patient first.
 */
class AppointmentReader {

    /** A patient's list is capped; legacy callers ask for one patient's near past and future. */
    static final int MAX_LIST = 500;

    private final JpaTransactions jpa;

    AppointmentReader(EntityManagerFactory emf) {
        this.jpa = new JpaTransactions(emf);
    }

    Optional<AppointmentEntity> find(String id) {
        return Optional.ofNullable(jpa.call(em -> em.find(AppointmentEntity.class, id)));
    }

    Appointment show(AppointmentEntity e, ZoneId zone) {
        return jpa.call(em -> of(em, e, zone));
    }

    /** The patient's appointments, earliest first. */
    List<Appointment> ofPatient(String patientId, ZoneId zone) {
        return jpa.call(em -> em.createQuery("SELECT a FROM AppointmentEntity a WHERE a.patientId = :p"
                + " ORDER BY a.startsMs, a.id", AppointmentEntity.class).setParameter("p", patientId)
                .setMaxResults(MAX_LIST).getResultList().stream().map(a -> of(em, a, zone)).toList());
    }

    private static Appointment of(EntityManager em, AppointmentEntity e, ZoneId zone) {
        Appointment a = new Appointment();
        a.id = e.getId();
        a.patientId = e.getPatientId();
        a.doctorId = e.getDoctorId();
        DoctorEntity doctor = em.find(DoctorEntity.class, e.getDoctorId());
        a.doctorName = doctor == null ? null : doctor.getDisplayName();
        a.serviceCode = e.getServiceCode();
        ServiceEntity service = em.find(ServiceEntity.class, e.getServiceCode());
        a.serviceName = service == null ? null : service.getName();
        a.specialty = service == null ? null : service.getSpecialty();
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
}
