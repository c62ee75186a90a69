package org.pavilion.scheduling.internal.privacy;

import java.io.IOException;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.PersistenceException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.privacy.ParticipantOutcome;
import org.pavilion.core.api.privacy.PrivacyParticipant;
import org.pavilion.core.api.privacy.PrivacySubject;
import org.pavilion.scheduling.internal.Times;
import org.pavilion.scheduling.internal.booking.AppointmentEntity;
import org.pavilion.scheduling.internal.booking.AppointmentHistoryEntity;
import org.pavilion.scheduling.internal.booking.SlotHolds;
import org.pavilion.scheduling.internal.directory.DoctorEntity;
import org.pavilion.scheduling.internal.directory.ServiceEntity;
import org.pavilion.scheduling.internal.feedback.FeedbackEntity;
import org.pavilion.scheduling.internal.waitlist.OfferEntity;
import org.pavilion.scheduling.internal.waitlist.WaitingEntity;

/**
 * The scheduling department's part in a patient's merge, GDPR export and erasure. Appointments, waiting-list entries
 * and ratings are kept per MRN ({@code patient_id}). A merge re-points all three to the survivor. The export lists
 * them. An erasure cancels the future bookings (their times are freed for others), deletes the waiting-list entries
 * (and any offer made to them), removes the comments and anonymises the ratings (the doctor's average stays right),
 * and keeps the past appointments: they record care given. Every statement is keyed by MRN, so each operation is
 * idempotent.
 */
@Component(service = PrivacyParticipant.class)
public class SchedulingPrivacy implements PrivacyParticipant {

    /** The patient id an erased patient's ratings are kept under. */
    static final String ERASED = "erased";
    static final String ERASED_REASON = "patient erased";

    private static final ObjectMapper JSON = new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private final JpaTransactions jpa;

    @Activate
    public SchedulingPrivacy(@Reference(target = "(osgi.unit.name=pavilion-scheduling)") EntityManagerFactory emf) {
        this.jpa = new JpaTransactions(emf);
    }

    @Override
    public String name() {
        return "scheduling";
    }

    @Override
    public String title() {
        return "Scheduling: appointments, waiting list, feedback";
    }

    @Override
    public ParticipantOutcome merge(String survivorMrn, String duplicateMrn) {
        int[] n = jpa.call(em -> new int[] {
            em.createQuery("UPDATE AppointmentEntity a SET a.patientId = :s, a.version = a.version + 1"
                    + " WHERE a.patientId = :d").setParameter("s", survivorMrn).setParameter("d", duplicateMrn)
                    .executeUpdate(),
            em.createQuery("UPDATE WaitingEntity w SET w.patientId = :s, w.version = w.version + 1"
                    + " WHERE w.patientId = :d").setParameter("s", survivorMrn).setParameter("d", duplicateMrn)
                    .executeUpdate(),
            em.createQuery("UPDATE FeedbackEntity f SET f.patientId = :s WHERE f.patientId = :d")
                    .setParameter("s", survivorMrn).setParameter("d", duplicateMrn).executeUpdate() });
        String why = "of " + duplicateMrn + " now belong to " + survivorMrn;
        return ParticipantOutcome.builder()
                .repointed("appointments", n[0], "appointments " + why)
                .repointed("waiting-list entries", n[1], "waiting-list entries " + why)
                .repointed("feedback", n[2], "ratings " + why)
                .build();
    }

    @Override
    public void export(PrivacySubject subject, OutputStream json) throws IOException {
        Map<String, Object> data = jpa.call(em -> {
            List<AppointmentEntity> appointments = em.createQuery("SELECT a FROM AppointmentEntity a"
                    + " WHERE a.patientId IN :mrns ORDER BY a.startsMs, a.id", AppointmentEntity.class)
                    .setParameter("mrns", subject.mrns()).getResultList();
            Map<String, String> doctors = em.createQuery("SELECT d FROM DoctorEntity d", DoctorEntity.class)
                    .getResultList().stream().collect(Collectors.toMap(DoctorEntity::getId, DoctorEntity::getDisplayName));
            Map<String, String> services = em.createQuery("SELECT s FROM ServiceEntity s", ServiceEntity.class)
                    .getResultList().stream().collect(Collectors.toMap(ServiceEntity::getCode, ServiceEntity::getName));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("appointments", appointments.stream().map(a -> appointment(a, doctors, services)).toList());
            out.put("waitingList", em.createQuery("SELECT w FROM WaitingEntity w WHERE w.patientId IN :mrns"
                    + " ORDER BY w.createdMs, w.id", WaitingEntity.class).setParameter("mrns", subject.mrns())
                    .getResultList().stream().map(w -> waiting(w, doctors, services)).toList());
            out.put("feedback", em.createQuery("SELECT f FROM FeedbackEntity f WHERE f.patientId IN :mrns"
                    + " ORDER BY f.createdMs, f.appointmentId", FeedbackEntity.class)
                    .setParameter("mrns", subject.mrns()).getResultList().stream()
                    .map(f -> feedback(f, doctors)).toList());
            return out;
        });
        JSON.writeValue(json, data);
    }

    @Override
    public ParticipantOutcome erase(PrivacySubject subject) {
        long now = subject.requestedAt().toEpochMilli();
        return jpa.call(em -> {
            int cancelled = cancelFutureBookings(em, subject.mrns(), now);
            int waiting = deleteWaiting(em, subject.mrns());
            int feedback = em.createQuery("UPDATE FeedbackEntity f SET f.comment = NULL, f.patientId = :erased"
                    + " WHERE f.patientId IN :mrns").setParameter("erased", ERASED)
                    .setParameter("mrns", subject.mrns()).executeUpdate();
            long kept = em.createQuery("SELECT COUNT(a) FROM AppointmentEntity a WHERE a.patientId IN :mrns",
                    Long.class).setParameter("mrns", subject.mrns()).getSingleResult();
            return ParticipantOutcome.builder()
                    .removed("future appointments", cancelled, "booked appointments still to come were cancelled"
                            + " (reason \"" + ERASED_REASON + "\") and their times freed for other patients")
                    .removed("waiting-list entries", waiting, "a wish for an appointment is no part of the care"
                            + " record; open offers made to them were withdrawn")
                    .anonymised("feedback", feedback, "comments removed; the ratings are kept without the patient"
                            + " so the doctors' averages stay right")
                    .kept("appointments", kept, "past appointments (and the cancelled ones) are part of the care"
                            + " record: when the patient was seen, by whom, or did not come; they are kept with it")
                    .build();
        });
    }

    private static int cancelFutureBookings(EntityManager em, List<String> mrns, long now) {
        List<AppointmentEntity> future = em.createQuery("SELECT a FROM AppointmentEntity a WHERE a.patientId IN :mrns"
                + " AND a.status = :booked AND a.startsMs > :now", AppointmentEntity.class)
                .setParameter("mrns", mrns).setParameter("booked", "BOOKED").setParameter("now", now)
                .getResultList();
        for (AppointmentEntity a : future) {
            a.setStatus("CANCELLED");
            a.setCancelReason(ERASED_REASON);
            a.setUpdatedMs(System.currentTimeMillis());
            em.persist(history(a.getId()));
            release(em, a.getId());
        }
        return future.size();
    }

    private static int deleteWaiting(EntityManager em, List<String> mrns) {
        List<String> ids = em.createQuery("SELECT w.id FROM WaitingEntity w WHERE w.patientId IN :mrns", String.class)
                .setParameter("mrns", mrns).getResultList();
        if (ids.isEmpty()) {
            return 0;
        }
        // An offer keeps a slot for the waiting patient ("offer:<id>"): free it with the entry.
        for (String offerId : em.createQuery("SELECT o.id FROM OfferEntity o WHERE o.waitingId IN :ids", String.class)
                .setParameter("ids", ids).getResultList()) {
            release(em, "offer:" + offerId);
        }
        em.createQuery("DELETE FROM OfferEntity o WHERE o.waitingId IN :ids").setParameter("ids", ids).executeUpdate();
        return em.createQuery("DELETE FROM WaitingEntity w WHERE w.id IN :ids").setParameter("ids", ids)
                .executeUpdate();
    }

    private static void release(EntityManager em, String holder) {
        try (Connection c = JpaTransactions.connection(em)) {
            SlotHolds.release(c, holder);
        } catch (SQLException e) {
            throw new PersistenceException("could not free the time held by " + holder, e);
        }
    }

    private static AppointmentHistoryEntity history(String appointmentId) {
        AppointmentHistoryEntity h = new AppointmentHistoryEntity();
        h.setId(UUID.randomUUID().toString());
        h.setAppointmentId(appointmentId);
        h.setAction("CANCELLED");
        h.setDetail(ERASED_REASON);
        h.setActor("privacy");
        h.setAtMs(System.currentTimeMillis());
        return h;
    }

    private static Map<String, Object> appointment(AppointmentEntity a, Map<String, String> doctors,
            Map<String, String> services) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.getId());
        m.put("patientId", a.getPatientId());
        m.put("doctorId", a.getDoctorId());
        m.put("doctorName", doctors.get(a.getDoctorId()));
        m.put("serviceCode", a.getServiceCode());
        m.put("serviceName", services.get(a.getServiceCode()));
        m.put("visitType", a.getVisitType());
        m.put("location", a.getLocation());
        m.put("start", Times.instant(a.getStartsMs()));
        m.put("end", Times.instant(a.getEndsMs()));
        m.put("status", a.getStatus());
        m.put("late", a.isLate());
        m.put("reason", a.getReason());
        m.put("cancelReason", a.getCancelReason());
        m.put("channel", a.getChannel());
        m.put("bookedAt", Times.instant(a.getBookedMs()));
        return m;
    }

    private static Map<String, Object> waiting(WaitingEntity w, Map<String, String> doctors,
            Map<String, String> services) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", w.getId());
        m.put("patientId", w.getPatientId());
        m.put("serviceCode", w.getServiceCode());
        m.put("serviceName", services.get(w.getServiceCode()));
        m.put("doctorId", w.getDoctorId());
        m.put("doctorName", w.getDoctorId() == null ? null : doctors.get(w.getDoctorId()));
        m.put("visitType", w.getVisitType());
        m.put("from", w.getFromDay());
        m.put("to", w.getToDay());
        m.put("status", w.getStatus());
        m.put("note", w.getNote());
        m.put("createdAt", Times.instant(w.getCreatedMs()));
        return m;
    }

    private static Map<String, Object> feedback(FeedbackEntity f, Map<String, String> doctors) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("appointmentId", f.getAppointmentId());
        m.put("doctorId", f.getDoctorId());
        m.put("doctorName", doctors.get(f.getDoctorId()));
        m.put("rating", f.getRating());
        m.put("comment", f.getComment());
        m.put("createdAt", Times.instant(f.getCreatedMs()));
        return m;
    }
}
