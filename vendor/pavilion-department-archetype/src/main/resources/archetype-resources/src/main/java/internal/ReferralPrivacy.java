package ${package}.internal;

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
 * The department's part in a patient's merge, GDPR export and erasure. Its rows are kept per MRN: a merge re-points the
 * referrals to the survivor, the export lists them, an erasure deletes them and the name the department kept. Every
 * statement is keyed by MRN, so each operation is idempotent. Referrals that belong to the medical record would be
 * kept (and anonymised) instead: decide per table what your department's rows are.
 */
@Component(service = PrivacyParticipant.class)
public class ReferralPrivacy implements PrivacyParticipant {

    private static final ObjectMapper JSON = new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private final JpaTransactions jpa;

    @Activate
    public ReferralPrivacy(@Reference(target = "(osgi.unit.name=pavilion-${departmentName})") EntityManagerFactory emf) {
        this.jpa = new JpaTransactions(emf);
    }

    @Override
    public String name() {
        return "${departmentName}";
    }

    @Override
    public String title() {
        return "${departmentTitle}: referrals";
    }

    @Override
    public ParticipantOutcome merge(String survivorMrn, String duplicateMrn) {
        int n = jpa.call(em -> {
            // The survivor keeps its own registered name; the duplicate's is gone with its MRN.
            em.createQuery("DELETE FROM KnownPatientEntity k WHERE k.mrn = :dup").setParameter("dup", duplicateMrn)
                    .executeUpdate();
            return em.createQuery("UPDATE ReferralEntity r SET r.patientId = :survivor WHERE r.patientId = :dup")
                    .setParameter("survivor", survivorMrn).setParameter("dup", duplicateMrn).executeUpdate();
        });
        return ParticipantOutcome.builder().repointed("referrals", n, "referrals of " + duplicateMrn
                + " now belong to " + survivorMrn).build();
    }

    @Override
    public void export(PrivacySubject subject, OutputStream json) throws IOException {
        List<Referral> referrals = jpa.call(em -> em.createQuery("SELECT r FROM ReferralEntity r"
                + " WHERE r.patientId IN :mrns ORDER BY r.openedMs, r.id", ReferralEntity.class)
                .setParameter("mrns", subject.mrns()).getResultList().stream().map(e -> Referral.of(e, null)).toList());
        JSON.writeValue(json, Map.of("referrals", referrals));
    }

    @Override
    public ParticipantOutcome erase(PrivacySubject subject) {
        int n = jpa.call(em -> {
            em.createQuery("DELETE FROM KnownPatientEntity k WHERE k.mrn IN :mrns").setParameter("mrns", subject.mrns())
                    .executeUpdate();
            return em.createQuery("DELETE FROM ReferralEntity r WHERE r.patientId IN :mrns")
                    .setParameter("mrns", subject.mrns()).executeUpdate();
        });
        return ParticipantOutcome.builder().removed("referrals", n, "why and by whom the patient was referred; "
                + "the department keeps no medical record, so no retention applies").build();
    }
}
