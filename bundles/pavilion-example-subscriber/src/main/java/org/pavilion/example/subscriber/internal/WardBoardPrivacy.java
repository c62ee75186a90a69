package org.pavilion.example.subscriber.internal;

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
 * The ward board's part in a patient's merge, GDPR export and erasure. Each board line names the patient by MRN
 * ({@code patient_id}) with the ward they lie on and the badge of their visitor. A merge re-points the duplicate's
 * lines to the survivor, the export lists them, an erasure deletes them (a board of who is visiting is not part of
 * the medical record, so no retention applies). Every statement is keyed by MRN, so each is idempotent.
 */
@Component(service = PrivacyParticipant.class)
public class WardBoardPrivacy implements PrivacyParticipant {

    private static final ObjectMapper JSON = new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private final JpaTransactions jpa;

    @Activate
    public WardBoardPrivacy(@Reference(target = "(osgi.unit.name=pavilion-example-board)") EntityManagerFactory emf) {
        this.jpa = new JpaTransactions(emf);
    }

    @Override
    public String name() {
        return WardBoardRoutes.SUBSCRIBER;
    }

    @Override
    public String title() {
        return "Example ward board: visitors per ward";
    }

    @Override
    public ParticipantOutcome merge(String survivorMrn, String duplicateMrn) {
        int n = jpa.call(em -> em.createQuery("UPDATE BoardEntryEntity b SET b.patientId = :survivor"
                + " WHERE b.patientId = :dup").setParameter("survivor", survivorMrn).setParameter("dup", duplicateMrn)
                .executeUpdate());
        return ParticipantOutcome.builder().repointed("ward board lines", n, "lines of " + duplicateMrn
                + " now show " + survivorMrn).build();
    }

    @Override
    public void export(PrivacySubject subject, OutputStream json) throws IOException {
        List<WardBoard.Entry> lines = jpa.call(em -> em.createQuery("SELECT b FROM BoardEntryEntity b"
                + " WHERE b.patientId IN :mrns ORDER BY b.receivedMs, b.eventId", BoardEntryEntity.class)
                .setParameter("mrns", subject.mrns()).getResultList().stream().map(WardBoard.Entry::of).toList());
        JSON.writeValue(json, Map.of("boardLines", lines));
    }

    @Override
    public ParticipantOutcome erase(PrivacySubject subject) {
        int n = jpa.call(em -> em.createQuery("DELETE FROM BoardEntryEntity b WHERE b.patientId IN :mrns")
                .setParameter("mrns", subject.mrns()).executeUpdate());
        return ParticipantOutcome.builder().removed("ward board lines", n, "which ward the patient lies on and "
                + "which visitor came; not part of the medical record, so no retention applies").build();
    }
}
