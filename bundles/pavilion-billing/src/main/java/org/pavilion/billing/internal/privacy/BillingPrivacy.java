package org.pavilion.billing.internal.privacy;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.stream.Collectors;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.billing.internal.BillingTransactions;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.AuditedTransaction;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.privacy.ParticipantOutcome;
import org.pavilion.core.api.privacy.PrivacyParticipant;
import org.pavilion.core.api.privacy.PrivacySubject;

/**
 * Billing's part in a patient's merge, GDPR export and erasure (docs/privacy-participants.md). Every table naming a
 * patient has a {@code patient_id} MRN column: a merge re-points them all to the survivor, the export lists invoices
 * with their lines, payments, policies, claims and charges, and the erasure anonymises what bookkeeping law keeps and
 * removes the rest ({@link BillingErasure}). Merge and erasure are one transaction each with their audit record;
 * all three find the rows by MRN (and the erasure by the patient's pseudonym), so each is idempotent.
 */
@Component(service = PrivacyParticipant.class, configurationPid = BillingPrivacyConfig.PID)
// No @Designate: BillingPrivacyConfig's own pid designates it.
public class BillingPrivacy implements PrivacyParticipant {

    private static final ObjectMapper JSON = new ObjectMapper().disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    /** The tables a merge re-points, by entity, with what the merge answer calls them. */
    private static final Map<String, String> PATIENT_ROWS = new java.util.LinkedHashMap<>();

    static {
        PATIENT_ROWS.put("ChargeEntity", "charges");
        PATIENT_ROWS.put("ParkedChargeEntity", "parked charges");
        PATIENT_ROWS.put("InvoiceEntity", "invoices and credit notes");
        PATIENT_ROWS.put("PaymentEntity", "payments and refunds");
        PATIENT_ROWS.put("PaymentIntentEntity", "online payment intents");
        PATIENT_ROWS.put("PolicyEntity", "insurance policies");
        PATIENT_ROWS.put("ClaimEntity", "insurance claims");
    }

    private final EntityManagerFactory emf;
    private final AuditService audit;
    private final Pseudonyms pseudonyms;
    private volatile int retentionYears;

    @Activate
    public BillingPrivacy(@Reference(target = "(osgi.unit.name=pavilion-billing)") EntityManagerFactory emf,
            @Reference AuditService audit, BillingPrivacyConfig config) {
        this(emf, audit, config.retentionYears());
    }

    BillingPrivacy(EntityManagerFactory emf, AuditService audit, int retentionYears) {
        this.emf = emf;
        this.audit = audit;
        this.pseudonyms = new Pseudonyms(emf);
        this.retentionYears = Math.max(0, retentionYears);
    }

    @Modified
    void modified(BillingPrivacyConfig config) {
        retentionYears = Math.max(0, config.retentionYears());
    }

    @Override
    public String name() {
        return "billing";
    }

    @Override
    public String title() {
        return "Billing: charges, invoices, payments, insurance policies and claims";
    }

    @Override
    public ParticipantOutcome merge(String survivorMrn, String duplicateMrn) {
        return BillingTransactions.run(emf, audit, "The patient's billing records", em -> {
            ParticipantOutcome.Builder outcome = ParticipantOutcome.builder();
            String why = "of " + duplicateMrn + " now belong to " + survivorMrn;
            StringBuilder detail = new StringBuilder("merged " + duplicateMrn + " into " + survivorMrn + ":");
            PATIENT_ROWS.forEach((entity, what) -> {
                int n = repoint(em, entity, survivorMrn, duplicateMrn);
                outcome.repointed(what, n, what + " " + why);
                detail.append(' ').append(what).append(' ').append(n).append(';');
            });
            return AuditedTransaction.Done.of(outcome.build(), AuditEvent.of("MERGE", "bl-invoice")
                    .patientId(survivorMrn).detail(detail.toString()).build());
        });
    }

    private static int repoint(EntityManager em, String entity, String survivor, String duplicate) {
        // payments have no version: they are never changed, only this re-filing
        String bump = entity.equals("PaymentEntity") ? "" : ", x.version = x.version + 1";
        return em.createQuery("UPDATE " + entity + " x SET x.patientId = :s" + bump + " WHERE x.patientId = :d")
                .setParameter("s", survivor).setParameter("d", duplicate).executeUpdate();
    }

    @Override
    public void export(PrivacySubject subject, OutputStream json) throws IOException {
        Map<String, Object> data = new JpaTransactions(emf).call(em -> BillingExport.of(em, subject.mrns()));
        JSON.writeValue(json, data);
    }

    @Override
    public ParticipantOutcome erase(PrivacySubject subject) {
        String pseudonym = pseudonyms.of(subject.mrn());
        int years = retentionYears;
        return BillingTransactions.run(emf, audit, "The patient's billing records", em -> {
            ParticipantOutcome outcome = new BillingErasure(em, subject, pseudonym, years).run();
            return AuditedTransaction.Done.of(outcome, AuditEvent.of("ERASE", "bl-invoice")
                    .patientId(subject.mrn()).detail(summary(outcome)).build());
        });
    }

    private static String summary(ParticipantOutcome outcome) {
        String s = outcome.items().stream().filter(i -> i.count() == null || i.count() > 0)
                .map(i -> i.action() + " " + (i.count() == null ? "" : i.count() + " ") + i.what())
                .collect(Collectors.joining("; "));
        return s.length() <= 1000 ? s : s.substring(0, 1000);
    }

    /** For tests: the pseudonym the patient's retained records are filed under. */
    String pseudonymOf(String mrn) {
        return pseudonyms.of(mrn);
    }
}
