package org.pavilion.billing.internal.privacy;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import javax.persistence.EntityManager;

import org.pavilion.billing.internal.charges.ChargeEntity;
import org.pavilion.billing.internal.charges.ParkedChargeEntity;
import org.pavilion.billing.internal.insurance.ClaimEntity;
import org.pavilion.billing.internal.insurance.PolicyEntity;
import org.pavilion.billing.internal.invoices.DiscountEntity;
import org.pavilion.billing.internal.invoices.InvoiceEntity;
import org.pavilion.billing.internal.payments.PaymentEntity;
import org.pavilion.core.api.privacy.ParticipantOutcome;
import org.pavilion.core.api.privacy.PrivacySubject;

/**
 * One erasure of a patient's billing data, in the caller's transaction. Financial records (issued invoices and
 * credit notes, payments and refunds, claims) must be kept for the bookkeeping law's {@code retentionYears} after the
 * newest of them, whatever the EMR's scope: until then they are anonymised, i.e. filed under the patient's
 * {@link Pseudonyms pseudonym} with free text naming the patient blanked, amounts, lines and journal untouched. What
 * is not a financial record yet (open charges, drafts, parked charges, online payment intents) and the cover data
 * (policies) are removed; a policy a retained invoice or claim was computed with is anonymised instead (member id
 * blanked), so the claim still names its insurer and plan. Past the retention everything of the patient goes, under
 * the MRNs and the pseudonym alike. The journal is always kept: it names accounts, departments and doctors, no patient.
 */
final class BillingErasure {

    private final EntityManager em;
    private final PrivacySubject subject;
    private final String pseudonym;
    private final int retentionYears;
    private final Redaction redaction;
    private final ParticipantOutcome.Builder outcome = ParticipantOutcome.builder();

    BillingErasure(EntityManager em, PrivacySubject subject, String pseudonym, int retentionYears) {
        this.em = em;
        this.subject = subject;
        this.pseudonym = pseudonym;
        this.retentionYears = retentionYears;
        this.redaction = new Redaction(subject, pseudonym);
    }

    ParticipantOutcome run() {
        List<String> mrns = subject.mrns();
        List<String> everyKey = new ArrayList<>(mrns);
        everyKey.add(pseudonym);
        Long newest = newestDocument(everyKey);
        Instant retainedUntil = newest == null ? null
                : Instant.ofEpochMilli(newest).atOffset(ZoneOffset.UTC).plusYears(retentionYears).toInstant();
        if (retainedUntil != null && retainedUntil.isAfter(subject.requestedAt())) {
            anonymise(mrns, retainedUntil);
        } else {
            removeAll(everyKey, newest == null);
        }
        return outcome.build();
    }

    /** The newest instant of a financial record of the patient: issued, voided, paid, claimed, adjudicated. */
    private Long newestDocument(List<String> keys) {
        Long newest = null;
        for (String q : List.of(
                "SELECT MAX(i.issuedMs) FROM InvoiceEntity i WHERE i.patientId IN :k",
                "SELECT MAX(i.voidedMs) FROM InvoiceEntity i WHERE i.patientId IN :k AND i.issuedMs IS NOT NULL",
                "SELECT MAX(p.receivedMs) FROM PaymentEntity p WHERE p.patientId IN :k",
                "SELECT MAX(c.submittedMs) FROM ClaimEntity c WHERE c.patientId IN :k",
                "SELECT MAX(c.adjudicatedMs) FROM ClaimEntity c WHERE c.patientId IN :k")) {
            Long t = em.createQuery(q, Long.class).setParameter("k", keys).getSingleResult();
            if (t != null && (newest == null || t > newest)) {
                newest = t;
            }
        }
        return newest;
    }

    private void anonymise(List<String> mrns, Instant retainedUntil) {
        String kept = "financial records are kept " + retentionYears + " years after the patient's newest one, until "
                + retainedUntil + " (" + BillingPrivacyConfig.PID + " retentionYears), whatever the EMR's scope;"
                + " filed under the pseudonym " + pseudonym + ", amounts and lines unchanged";

        List<InvoiceEntity> issued = em.createQuery("SELECT i FROM InvoiceEntity i WHERE i.patientId IN :m"
                + " AND i.issuedMs IS NOT NULL", InvoiceEntity.class).setParameter("m", mrns).getResultList();
        List<String> issuedIds = issued.stream().map(InvoiceEntity::getId).toList();
        Set<String> retainedPolicies = new LinkedHashSet<>();
        for (InvoiceEntity i : issued) {
            i.setPatientId(pseudonym);
            // the EMR may keep the encounter (PARTIAL): its id would lead straight back to the patient
            i.setEncounterId(null);
            i.setVoidReason(redaction.apply(i.getVoidReason()));
            if (i.getPolicyId() != null) {
                retainedPolicies.add(i.getPolicyId());
            }
        }
        for (DiscountEntity d : inList("SELECT d FROM DiscountEntity d WHERE d.invoiceId IN :ids", issuedIds,
                DiscountEntity.class)) {
            d.setReason(redaction.apply(d.getReason()));
        }
        List<PaymentEntity> payments = em.createQuery("SELECT p FROM PaymentEntity p WHERE p.patientId IN :m",
                PaymentEntity.class).setParameter("m", mrns).getResultList();
        for (PaymentEntity p : payments) {
            p.setPatientId(pseudonym);
            p.setReason(redaction.apply(p.getReason()));
        }
        List<ClaimEntity> claims = em.createQuery("SELECT c FROM ClaimEntity c WHERE c.patientId IN :m",
                ClaimEntity.class).setParameter("m", mrns).getResultList();
        for (ClaimEntity c : claims) {
            c.setPatientId(pseudonym);
            c.setReason(redaction.apply(c.getReason()));
            retainedPolicies.add(c.getPolicyId());
        }
        // the charges behind the retained lines stay with them; every other charge was never billed
        List<ChargeEntity> billed = inList("SELECT c FROM ChargeEntity c WHERE c.invoiceId IN :ids", issuedIds,
                ChargeEntity.class).stream().filter(c -> mrns.contains(c.getPatientId())).toList();
        for (ChargeEntity c : billed) {
            c.setPatientId(pseudonym);
            c.setEncounterId(null);
            c.setNote(null);
        }
        long policiesAnonymised = 0;
        for (PolicyEntity p : em.createQuery("SELECT p FROM PolicyEntity p WHERE p.patientId IN :m",
                PolicyEntity.class).setParameter("m", mrns).getResultList()) {
            if (retainedPolicies.contains(p.getId())) {
                p.setPatientId(pseudonym);
                p.setMemberId("ERASED");
                p.setEligibilityDetail(null);
                policiesAnonymised++;
            }
        }
        em.flush();

        outcome.anonymised("issued invoices and credit notes", issued.size(), kept)
                .anonymised("payments and refunds", payments.size(), kept)
                .anonymised("insurance claims", claims.size(), kept)
                .anonymised("charges of issued invoices", billed.size(), "the source of the retained invoice lines; "
                        + kept)
                .anonymised("insurance policies of retained invoices and claims", policiesAnonymised, "member id"
                        + " blanked; insurer and plan stay so the retained claims still read; " + kept);
        removeUnbilled(mrns, "not a financial record yet: nothing was issued on it");
        long alreadyKept = em.createQuery("SELECT COUNT(i) FROM InvoiceEntity i WHERE i.patientId = :p", Long.class)
                .setParameter("p", pseudonym).getSingleResult() - issued.size();
        if (alreadyKept > 0) {
            outcome.kept("invoices anonymised by an earlier erasure", alreadyKept, kept);
        }
        keptJournal();
    }

    /** Drafts, open and cancelled charges, parked charges, payment intents, policies nothing retained uses. */
    private void removeUnbilled(List<String> mrns, String why) {
        List<String> drafts = em.createQuery("SELECT i.id FROM InvoiceEntity i WHERE i.patientId IN :m"
                + " AND i.issuedMs IS NULL", String.class).setParameter("m", mrns).getResultList();
        deleteInvoices(drafts);
        int charges = delete("DELETE FROM ChargeEntity c WHERE c.patientId IN :m", mrns);
        int parked = deleteParked(mrns);
        int intents = delete("DELETE FROM PaymentIntentEntity p WHERE p.patientId IN :m", mrns);
        int policies = delete("DELETE FROM PolicyEntity p WHERE p.patientId IN :m", mrns);
        outcome.removed("draft invoices", drafts.size(), why)
                .removed("open and cancelled charges", charges, why)
                .removed("parked charges", parked, why + " (kept only until billing staff post or discard them)")
                .removed("online payment intents", intents, "a payment the provider confirmed is a payment, kept"
                        + " above; the intent is only its start")
                .removed("insurance policies", policies, "cover data, not a financial record (the EMR removes the"
                        + " patient's policies too)");
    }

    private void removeAll(List<String> keys, boolean none) {
        String why = none ? "no issued invoice, payment or claim of the patient: nothing billing has to keep"
                : "past the " + retentionYears + " years financial records are kept (" + BillingPrivacyConfig.PID
                        + " retentionYears)";
        List<String> invoices = em.createQuery("SELECT i.id FROM InvoiceEntity i WHERE i.patientId IN :k"
                + " AND i.issuedMs IS NOT NULL", String.class).setParameter("k", keys).getResultList();
        deleteInvoices(invoices);
        int payments = delete("DELETE FROM PaymentEntity p WHERE p.patientId IN :m", keys);
        int claims = delete("DELETE FROM ClaimEntity c WHERE c.patientId IN :m", keys);
        outcome.removed("issued invoices and credit notes", invoices.size(), why)
                .removed("payments and refunds", payments, why)
                .removed("insurance claims", claims, why);
        removeUnbilled(keys, why);
        keptJournal();
    }

    private void keptJournal() {
        outcome.kept("accounting journal", null, "it names accounts, departments and doctors, never the patient,"
                + " and the hospital's books must still balance");
    }

    /** Deletes invoices with their lines and discounts. */
    private void deleteInvoices(List<String> ids) {
        for (List<String> chunk : chunks(ids)) {
            em.createQuery("DELETE FROM InvoiceLineEntity l WHERE l.invoiceId IN :ids").setParameter("ids", chunk)
                    .executeUpdate();
            em.createQuery("DELETE FROM DiscountEntity d WHERE d.invoiceId IN :ids").setParameter("ids", chunk)
                    .executeUpdate();
            em.createQuery("DELETE FROM InvoiceEntity i WHERE i.id IN :ids").setParameter("ids", chunk)
                    .executeUpdate();
        }
    }

    /** Parked charges filed under the patient, and those of no known patient whose message names an MRN of theirs. */
    private int deleteParked(List<String> keys) {
        int n = delete("DELETE FROM ParkedChargeEntity p WHERE p.patientId IN :m", keys);
        Set<String> seen = new LinkedHashSet<>();
        for (String mrn : subject.mrns()) {
            // LIKE narrows the candidates; the whole-word check in Java decides (MRN-0003 is not in MRN-00031)
            for (ParkedChargeEntity p : em.createQuery("SELECT p FROM ParkedChargeEntity p WHERE p.patientId IS NULL"
                    + " AND p.payload LIKE :text", ParkedChargeEntity.class).setParameter("text", "%" + mrn + "%")
                    .getResultList()) {
                if (seen.add(p.getId()) && redaction.mentionsMrn(p.getPayload())) {
                    em.remove(p);
                    n++;
                }
            }
        }
        return n;
    }

    private int delete(String jpql, List<String> keys) {
        return em.createQuery(jpql).setParameter("m", keys).executeUpdate();
    }

    private <T> List<T> inList(String jpql, List<String> ids, Class<T> type) {
        List<T> out = new ArrayList<>();
        for (List<String> chunk : chunks(ids)) {
            out.addAll(em.createQuery(jpql, type).setParameter("ids", chunk).getResultList());
        }
        return out;
    }

    /** An IN list of at most 500 values (and none for an empty list, which some databases refuse). */
    private static List<List<String>> chunks(List<String> ids) {
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += 500) {
            out.add(ids.subList(i, Math.min(ids.size(), i + 500)));
        }
        return out;
    }
}
