package org.pavilion.emr.internal.portal;

import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.persistence.EntityManagerFactory;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.privacy.ParticipantOutcome;
import org.pavilion.core.api.privacy.PrivacyParticipant;
import org.pavilion.core.api.privacy.PrivacySubject;
import org.pavilion.emr.internal.PatientService;

/**
 * The portal's rows in a patient's merge, GDPR export and erasure. The preferred contact channel is contact data:
 * exported, erased whatever the retention, moved to the survivor by a merge (unless the survivor has one). Erasure
 * requests are exported and moved by a merge but kept by an erasure: they account for it.
 */
@Component(service = PrivacyParticipant.class)
public class PortalPrivacy implements PrivacyParticipant {

    private static final ObjectMapper JSON = new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private final JpaTransactions jpa;

    @Activate
    public PortalPrivacy(@Reference(target = "(osgi.unit.name=pavilion-emr)") EntityManagerFactory emf) {
        this.jpa = new JpaTransactions(emf);
    }

    @Override
    public String name() {
        return "emr-portal";
    }

    @Override
    public String title() {
        return "Patient portal: contact preference and erasure requests";
    }

    @Override
    public ParticipantOutcome merge(String survivorMrn, String duplicateMrn) {
        int[] moved = jpa.call(em -> {
            int prefs = 0;
            ContactPreferenceEntity dup = em.find(ContactPreferenceEntity.class, duplicateMrn);
            if (dup != null) {
                if (em.find(ContactPreferenceEntity.class, survivorMrn) == null) {
                    ContactPreferenceEntity s = new ContactPreferenceEntity();
                    s.setSubjectMrn(survivorMrn);
                    s.setChannel(dup.getChannel());
                    s.setUpdatedMs(dup.getUpdatedMs());
                    s.setUpdatedBy(dup.getUpdatedBy());
                    em.persist(s);
                    prefs = 1;
                }
                em.remove(dup); // the survivor's own choice wins
            }
            boolean survivorOpen = !em.createQuery("SELECT r.id FROM ErasureRequestEntity r WHERE r.openMrn = :m")
                    .setParameter("m", survivorMrn).getResultList().isEmpty();
            List<ErasureRequestEntity> rows = em.createQuery("SELECT r FROM ErasureRequestEntity r WHERE "
                    + "r.subjectMrn = :m", ErasureRequestEntity.class).setParameter("m", duplicateMrn).getResultList();
            for (ErasureRequestEntity r : rows) {
                r.setSubjectMrn(survivorMrn);
                if (r.getOpenMrn() != null) {
                    // One open request per patient: a second one asks for the same thing, so it rides on the first.
                    if (survivorOpen) {
                        r.setOpenMrn(null);
                        r.setStatus("DONE");
                        r.setClosedMs(System.currentTimeMillis());
                        r.setClosedBy(PatientService.actor());
                        r.setClosingNote("merged into the open request of " + survivorMrn);
                    } else {
                        r.setOpenMrn(survivorMrn);
                        survivorOpen = true;
                    }
                }
            }
            return new int[] {prefs, rows.size()};
        });
        return ParticipantOutcome.builder()
                .repointed("contact preference", moved[0], "now the survivor's, unless it had its own")
                .repointed("erasure requests", moved[1], "requests of " + duplicateMrn + " now belong to "
                        + survivorMrn).build();
    }

    @Override
    public void export(PrivacySubject subject, OutputStream json) throws IOException {
        Map<String, Object> out = jpa.call(em -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("contactPreferences", em.createQuery("SELECT p FROM ContactPreferenceEntity p WHERE "
                    + "p.subjectMrn IN :mrns ORDER BY p.subjectMrn", ContactPreferenceEntity.class)
                    .setParameter("mrns", subject.mrns()).getResultList().stream()
                    .map(p -> Map.of("mrn", p.getSubjectMrn(), "preferredChannel", p.getChannel())).toList());
            m.put("erasureRequests", em.createQuery("SELECT r FROM ErasureRequestEntity r WHERE r.subjectMrn IN :mrns"
                    + " ORDER BY r.requestedMs, r.id", ErasureRequestEntity.class)
                    .setParameter("mrns", subject.mrns()).getResultList().stream().map(ErasureRequest::of).toList());
            return m;
        });
        JSON.writeValue(json, out);
    }

    @Override
    public ParticipantOutcome erase(PrivacySubject subject) {
        int n = jpa.call(em -> em.createQuery("DELETE FROM ContactPreferenceEntity p WHERE p.subjectMrn IN :mrns")
                .setParameter("mrns", subject.mrns()).executeUpdate());
        return ParticipantOutcome.builder()
                .removed("contact preference", n, "contact data, not part of the medical record")
                .kept("erasure requests", null, "the account of the patient's request and how it was handled")
                .build();
    }
}
