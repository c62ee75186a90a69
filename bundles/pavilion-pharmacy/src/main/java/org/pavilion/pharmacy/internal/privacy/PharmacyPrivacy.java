package org.pavilion.pharmacy.internal.privacy;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.privacy.ParticipantOutcome;
import org.pavilion.core.api.privacy.PrivacyParticipant;
import org.pavilion.core.api.privacy.PrivacySubject;
import org.pavilion.pharmacy.internal.dispensing.DispenseEntity;
import org.pavilion.pharmacy.internal.dispensing.PrescriptionEntity;

/**
 * The pharmacy's part in a patient's merge, GDPR export and erasure. Prescriptions and dispenses are kept per MRN
 * ({@code patient_id}, the only patient columns of the department). A merge re-points both to the survivor; the export
 * lists them. Erasure follows the EMR and the laboratory: what was prescribed and handed over is part of the medical
 * record, kept while it is under retention: kept when the scope is PARTIAL, and in a FULL erasure while the pharmacy's
 * own newest prescription or dispense is younger than {@code retentionYears}; after that both are deleted. The stock
 * ledger's DISPENSE and RETURN movements stay: they name batches and quantities, not the patient, and stock must
 * still add up. Every statement is keyed by MRN, so each operation is idempotent.
 */
@Component(service = PrivacyParticipant.class, configurationPid = PharmacyPrivacyConfig.PID)
// No @Designate: PharmacyPrivacyConfig's own pid designates it.
public class PharmacyPrivacy implements PrivacyParticipant {

    private static final ObjectMapper JSON = new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private final JpaTransactions jpa;
    private volatile int retentionYears;

    @Activate
    public PharmacyPrivacy(@Reference(target = "(osgi.unit.name=pavilion-pharmacy)") EntityManagerFactory emf,
            PharmacyPrivacyConfig config) {
        this(emf, config.retentionYears());
    }

    PharmacyPrivacy(EntityManagerFactory emf, int retentionYears) {
        this.jpa = new JpaTransactions(emf);
        this.retentionYears = Math.max(0, retentionYears);
    }

    @Modified
    void modified(PharmacyPrivacyConfig config) {
        retentionYears = Math.max(0, config.retentionYears());
    }

    @Override
    public String name() {
        return "pharmacy";
    }

    @Override
    public String title() {
        return "Pharmacy: prescriptions in the dispensing queue and dispensed medicines";
    }

    @Override
    public ParticipantOutcome merge(String survivorMrn, String duplicateMrn) {
        int[] n = jpa.call(em -> new int[] {
            repoint(em, "PrescriptionEntity", survivorMrn, duplicateMrn),
            repoint(em, "DispenseEntity", survivorMrn, duplicateMrn) });
        String why = "of " + duplicateMrn + " now belong to " + survivorMrn;
        return ParticipantOutcome.builder()
                .repointed("prescriptions", n[0], "prescriptions (queued and dispensed) " + why)
                .repointed("dispenses", n[1], "dispensed medicines and their returns " + why)
                .build();
    }

    private static int repoint(EntityManager em, String entity, String survivor, String duplicate) {
        return em.createQuery("UPDATE " + entity + " x SET x.patientId = :s, x.version = x.version + 1"
                + " WHERE x.patientId = :d").setParameter("s", survivor).setParameter("d", duplicate).executeUpdate();
    }

    @Override
    public void export(PrivacySubject subject, OutputStream json) throws IOException {
        Map<String, Object> data = jpa.call(em -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("prescriptions", em.createQuery("SELECT p FROM PrescriptionEntity p WHERE p.patientId IN :mrns"
                    + " ORDER BY p.issuedMs, p.id", PrescriptionEntity.class).setParameter("mrns", subject.mrns())
                    .getResultList().stream().map(PharmacyPrivacy::prescription).toList());
            out.put("dispenses", em.createQuery("SELECT d FROM DispenseEntity d WHERE d.patientId IN :mrns"
                    + " ORDER BY d.dispensedMs, d.id", DispenseEntity.class).setParameter("mrns", subject.mrns())
                    .getResultList().stream().map(PharmacyPrivacy::dispense).toList());
            return out;
        });
        JSON.writeValue(json, data);
    }

    @Override
    public ParticipantOutcome erase(PrivacySubject subject) {
        List<String> mrns = subject.mrns();
        return jpa.call(em -> {
            long prescriptions = count(em, "PrescriptionEntity", mrns);
            long dispenses = count(em, "DispenseEntity", mrns);
            Long newest = newest(em, mrns);
            Instant retainedUntil = newest == null ? null : Instant.ofEpochMilli(newest).atOffset(ZoneOffset.UTC)
                    .plusYears(retentionYears).toInstant();
            ParticipantOutcome.Builder outcome = ParticipantOutcome.builder();
            if (!"FULL".equals(subject.scope())) {
                String why = "prescriptions and dispensed medicines are part of the medical record, which the EMR keeps"
                        + " under retention (scope " + subject.scope() + "); kept with it";
                return outcome.kept("prescriptions", prescriptions, why).kept("dispenses", dispenses, why).build();
            }
            if (retainedUntil != null && retainedUntil.isAfter(subject.requestedAt())) {
                String why = "prescriptions and dispensed medicines are medical record kept " + retentionYears
                        + " years after the patient's newest one, until " + retainedUntil + " ("
                        + PharmacyPrivacyConfig.PID + " retentionYears), whatever the EMR holds";
                return outcome.kept("prescriptions", prescriptions, why).kept("dispenses", dispenses, why).build();
            }
            int deletedDispenses = em.createQuery("DELETE FROM DispenseEntity d WHERE d.patientId IN :mrns")
                    .setParameter("mrns", mrns).executeUpdate();
            int deletedPrescriptions = em.createQuery("DELETE FROM PrescriptionEntity p WHERE p.patientId IN :mrns")
                    .setParameter("mrns", mrns).executeUpdate();
            String why = "past the " + retentionYears + " years dispensing records are kept (or none), and the EMR"
                    + " erased the whole record (scope FULL)";
            return outcome.removed("prescriptions", deletedPrescriptions, why)
                    .removed("dispenses", deletedDispenses, why)
                    .kept("stock ledger movements of the dispenses", null, "they name batches and quantities, not"
                            + " the patient, and the stock of every batch must still add up")
                    .build();
        });
    }

    private static long count(EntityManager em, String entity, List<String> mrns) {
        return em.createQuery("SELECT COUNT(x) FROM " + entity + " x WHERE x.patientId IN :mrns", Long.class)
                .setParameter("mrns", mrns).getSingleResult();
    }

    /** The newest time of the patient's pharmacy care: a prescription received or issued, a dispense. */
    private static Long newest(EntityManager em, List<String> mrns) {
        Long newest = null;
        for (String q : List.of("SELECT MAX(p.issuedMs) FROM PrescriptionEntity p WHERE p.patientId IN :mrns",
                "SELECT MAX(p.receivedMs) FROM PrescriptionEntity p WHERE p.patientId IN :mrns",
                "SELECT MAX(d.dispensedMs) FROM DispenseEntity d WHERE d.patientId IN :mrns")) {
            Long t = em.createQuery(q, Long.class).setParameter("mrns", mrns).getSingleResult();
            if (t != null && (newest == null || t > newest)) {
                newest = t;
            }
        }
        return newest;
    }

    private static String instant(Long ms) {
        return ms == null ? null : Instant.ofEpochMilli(ms).toString();
    }

    private static String plain(java.math.BigDecimal q) {
        return q == null ? null : q.signum() == 0 ? "0" : q.stripTrailingZeros().toPlainString();
    }

    private static Map<String, Object> prescription(PrescriptionEntity p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.getId());
        m.put("source", p.getSource());
        m.put("patientId", p.getPatientId());
        m.put("encounterId", p.getEncounterId());
        m.put("drug", p.getDrug());
        m.put("itemCode", p.getItemCode());
        m.put("dose", p.getDose());
        m.put("route", p.getRoute());
        m.put("frequency", p.getFrequency());
        m.put("durationDays", p.getDurationDays());
        m.put("instructions", p.getInstructions());
        m.put("quantityPrescribed", plain(p.getQuantityPrescribed()));
        m.put("quantityDispensed", plain(p.getQuantityDispensed()));
        m.put("status", p.getStatus());
        m.put("prescriber", p.getPrescriber());
        m.put("issuedAt", instant(p.getIssuedMs()));
        m.put("stoppedAt", instant(p.getStoppedMs()));
        m.put("stoppedBy", p.getStoppedBy());
        return m;
    }

    private static Map<String, Object> dispense(DispenseEntity d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", d.getId());
        m.put("prescriptionId", d.getPrescriptionId());
        m.put("patientId", d.getPatientId());
        m.put("storeCode", d.getStoreCode());
        m.put("itemCode", d.getItemCode());
        m.put("quantity", plain(d.getQuantity()));
        m.put("quantityReturned", plain(d.getQuantityReturned()));
        m.put("dispensedAt", instant(d.getDispensedMs()));
        m.put("dispensedBy", d.getDispensedBy());
        m.put("allergyWarning", d.getAllergyWarning());
        m.put("overrideReason", d.getOverrideReason());
        return m;
    }
}
