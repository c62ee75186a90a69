package org.pavilion.example.internal;

import java.io.IOException;
import java.io.OutputStream;
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

/**
 * The visitor log's part in a patient's merge, GDPR export and erasure: the visits are kept per patient MRN
 * ({@code patient_id}). A merge re-points them to the survivor, the export lists them, an erasure deletes them
 * (a visitor log is not part of the medical record, so no retention applies). Every statement is keyed by MRN,
 * so each operation is idempotent: run again, it finds nothing left to do.
 */
@Component(service = PrivacyParticipant.class)
public class VisitorLogPrivacy implements PrivacyParticipant {

    private static final ObjectMapper JSON = new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private final JpaTransactions jpa;

    @Activate
    public VisitorLogPrivacy(@Reference(target = "(osgi.unit.name=pavilion-example)") EntityManagerFactory emf) {
        this.jpa = new JpaTransactions(emf);
    }

    @Override
    public String name() {
        return "example";
    }

    @Override
    public String title() {
        return "Example department: visitor log";
    }

    @Override
    public ParticipantOutcome merge(String survivorMrn, String duplicateMrn) {
        int n = jpa.call(em -> em.createQuery("UPDATE VisitEntity v SET v.patientId = :survivor WHERE v.patientId = :dup")
                .setParameter("survivor", survivorMrn).setParameter("dup", duplicateMrn).executeUpdate());
        return ParticipantOutcome.builder().repointed("visits", n, "visits of " + duplicateMrn + " now belong to "
                + survivorMrn).build();
    }

    @Override
    public void export(PrivacySubject subject, OutputStream json) throws IOException {
        List<Visit> visits = jpa.call(em -> em.createQuery("SELECT v FROM VisitEntity v WHERE v.patientId IN :mrns"
                + " ORDER BY v.checkedInMs, v.id", VisitEntity.class).setParameter("mrns", subject.mrns())
                .getResultList().stream().map(Visit::of).toList());
        JSON.writeValue(json, Map.of("visits", visits));
    }

    @Override
    public ParticipantOutcome erase(PrivacySubject subject) {
        int n = jpa.call(em -> em.createQuery("DELETE FROM VisitEntity v WHERE v.patientId IN :mrns")
                .setParameter("mrns", subject.mrns()).executeUpdate());
        return ParticipantOutcome.builder().removed("visits", n, "who visited the patient and when names the "
                + "visitor and the patient; not part of the medical record, so no retention applies").build();
    }
}
