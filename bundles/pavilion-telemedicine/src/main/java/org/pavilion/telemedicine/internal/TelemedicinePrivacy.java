package org.pavilion.telemedicine.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.persistence.EntityManagerFactory;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.privacy.ParticipantOutcome;
import org.pavilion.core.api.privacy.PrivacyParticipant;
import org.pavilion.core.api.privacy.PrivacySubject;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Telemedicine's part in a patient's merge, GDPR export and erasure. Consultations are kept per MRN
 * ({@code patient_id}); guest links hang off a consultation. A merge re-points the consultations to the survivor. The
 * export lists them: times, state and who took part by role (tokens, sessions and addresses are not the patient's
 * data about themselves and never leave). An erasure removes the consultations and their guest links, in either
 * scope: what was recorded of the care given is the EMR encounter and its entries, which the EMR keeps or erases
 * under its own retention rules; a room is logistics. Every statement is keyed by MRN, so each operation is
 * idempotent.
 */
@Component(service = PrivacyParticipant.class)
public class TelemedicinePrivacy implements PrivacyParticipant {

    private static final ObjectMapper JSON = new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private final JpaTransactions jpa;
    private final SignalRooms rooms;

    @Activate
    public TelemedicinePrivacy(@Reference(target = "(osgi.unit.name=pavilion-telemedicine)") EntityManagerFactory emf,
            @Reference SignalRooms rooms) {
        this.jpa = new JpaTransactions(emf);
        this.rooms = rooms;
    }

    @Override
    public String name() {
        return "telemedicine";
    }

    @Override
    public String title() {
        return "Telemedicine: video consultations and their guest links";
    }

    @Override
    public ParticipantOutcome merge(String survivorMrn, String duplicateMrn) {
        int n = jpa.call(em -> em.createQuery("UPDATE ConsultationEntity c SET c.patientId = :s WHERE c.patientId = :d")
                .setParameter("s", survivorMrn).setParameter("d", duplicateMrn).executeUpdate());
        return ParticipantOutcome.builder().repointed("video consultations", n, "video consultations of "
                + duplicateMrn + " now belong to " + survivorMrn).build();
    }

    @Override
    public void export(PrivacySubject subject, OutputStream json) throws IOException {
        List<Map<String, Object>> consultations = jpa.call(em -> {
            List<Map<String, Object>> out = new ArrayList<>();
            for (ConsultationEntity c : em.createQuery("SELECT c FROM ConsultationEntity c WHERE c.patientId IN :mrns"
                    + " ORDER BY c.scheduledStartMs, c.id", ConsultationEntity.class)
                    .setParameter("mrns", subject.mrns()).getResultList()) {
                List<GuestLinkEntity> guests = em.createQuery("SELECT g FROM GuestLinkEntity g"
                        + " WHERE g.consultationId = :c ORDER BY g.createdMs", GuestLinkEntity.class)
                        .setParameter("c", c.getId()).getResultList();
                out.add(consultation(c, guests));
            }
            return out;
        });
        JSON.writeValue(json, Map.of("consultations", consultations));
    }

    private static Map<String, Object> consultation(ConsultationEntity c, List<GuestLinkEntity> guests) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.getId());
        m.put("appointmentId", c.getAppointmentId());
        m.put("mrn", c.getPatientId());
        m.put("service", c.getServiceName());
        m.put("doctor", c.getDoctorName());
        m.put("scheduledStart", Consultation.iso(c.getScheduledStartMs()));
        m.put("scheduledEnd", Consultation.iso(c.getScheduledEndMs()));
        m.put("state", c.getState().name());
        m.put("arrivedAt", Consultation.iso(c.getArrivedMs()));
        m.put("admittedAt", Consultation.iso(c.getAdmittedMs()));
        m.put("endedAt", Consultation.iso(c.getEndedMs()));
        m.put("encounterId", c.getEncounterId());
        List<Map<String, Object>> participants = new ArrayList<>();
        participants.add(participant(Participant.Role.PATIENT.name(), null, Consultation.iso(c.getArrivedMs())));
        if (c.getHostUsername() != null) {
            participants.add(participant(Participant.Role.HOST.name(), c.getHostUsername(),
                    Consultation.iso(c.getAdmittedMs())));
        }
        for (GuestLinkEntity g : guests) {
            if (g.getRedeemedMs() != null) {
                participants.add(participant(Participant.Role.GUEST.name(), g.getGuestLabel(),
                        Consultation.iso(g.getRedeemedMs())));
            }
        }
        m.put("participants", participants);
        m.put("guestLinksCreated", guests.size());
        return m;
    }

    private static Map<String, Object> participant(String role, String name, String since) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("role", role);
        if (name != null) {
            p.put("name", name);
        }
        p.put("since", since);
        return p;
    }

    @Override
    public ParticipantOutcome erase(PrivacySubject subject) {
        List<String> ids = jpa.call(em -> em.createQuery("SELECT c.id FROM ConsultationEntity c"
                + " WHERE c.patientId IN :mrns", String.class).setParameter("mrns", subject.mrns()).getResultList());
        int[] n = ids.isEmpty() ? new int[2] : jpa.call(em -> new int[] {
            em.createQuery("DELETE FROM GuestLinkEntity g WHERE g.consultationId IN :ids").setParameter("ids", ids)
                    .executeUpdate(),
            em.createQuery("DELETE FROM ConsultationEntity c WHERE c.id IN :ids").setParameter("ids", ids)
                    .executeUpdate() });
        ids.forEach(rooms::ended); // a call still on loses its room with its row
        return ParticipantOutcome.builder()
                .removed("guest links", n[0], "single-use links (stored hashed) to the patient's consultations")
                .removed("video consultations", n[1], "when the patient waited and was seen by video is logistics;"
                        + " what the doctor recorded is in the EMR encounter, kept or erased with the EMR record")
                .build();
    }
}
