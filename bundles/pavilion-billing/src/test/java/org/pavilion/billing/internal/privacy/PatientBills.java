package org.pavilion.billing.internal.privacy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.pavilion.billing.internal.BillingDatabase;
import org.pavilion.billing.internal.BillingTransactions;
import org.pavilion.billing.internal.accounting.Account;
import org.pavilion.billing.internal.accounting.Journal;
import org.pavilion.billing.internal.accounting.Posting;
import org.pavilion.billing.internal.charges.ChargeEntity;
import org.pavilion.billing.internal.charges.ParkedChargeEntity;
import org.pavilion.billing.internal.insurance.ClaimEntity;
import org.pavilion.billing.internal.invoices.InvoiceBalances;
import org.pavilion.billing.internal.invoices.InvoiceEntity;
import org.pavilion.billing.internal.invoices.InvoiceLineEntity;
import org.pavilion.billing.internal.payments.PaymentEntity;
import org.pavilion.billing.internal.payments.PaymentIntentEntity;
import org.pavilion.core.api.persistence.AuditedTransaction;

/**
 * A patient's billing history written straight into the tables, the way the invoices, payments and insurance parts
 * leave it (their services are other parts' work): issued invoices with their journal entries, drafts, payments with
 * theirs, claims, parked charges and online payment intents. Journal descriptions name the patient's MRN, as a
 * cautious reader should expect some part to do.
 */
public final class PatientBills {

    public final BillingDatabase db;

    public PatientBills(BillingDatabase db) {
        this.db = db;
    }

    /** An issued invoice of one consultation line at {@code gross} issued at {@code issuedAt}, posted to the journal. */
    public String issued(String mrn, String number, String gross, String insuranceShare, String policyId,
            Instant issuedAt) {
        String id = db.issuedInvoice(mrn, number, gross, insuranceShare, policyId);
        String charge = db.charge(mrn, "ENC-" + number, "CONS-GP", "CONSULTATION", "1", gross, "0",
                LocalDate.ofInstant(issuedAt, ZoneOffset.UTC).toString());
        BigDecimal g = new BigDecimal(gross);
        BigDecimal ins = new BigDecimal(insuranceShare);
        write(em -> {
            InvoiceEntity i = em.find(InvoiceEntity.class, id);
            i.setIssuedMs(issuedAt.toEpochMilli());
            i.setCreatedMs(issuedAt.toEpochMilli());
            i.setEncounterId("ENC-" + number);
            ChargeEntity c = em.find(ChargeEntity.class, charge);
            c.setStatus("INVOICED");
            c.setInvoiceId(id);
            c.setNote("phoned " + mrn + " about the bill");
            InvoiceLineEntity line = em.createQuery("SELECT l FROM InvoiceLineEntity l WHERE l.invoiceId = :id",
                    InvoiceLineEntity.class).setParameter("id", id).getSingleResult();
            line.setChargeId(charge);
            Journal.post(em, new Posting("INVOICE_ISSUED", "INVOICE", id, number)
                    .move(g.subtract(ins), Account.RECEIVABLE_PATIENTS, Account.REVENUE_CONSULTATIONS,
                            "CONSULTATIONS", null)
                    .move(ins, Account.RECEIVABLE_INSURERS, Account.REVENUE_CONSULTATIONS, "CONSULTATIONS", null),
                    day(issuedAt), issuedAt.toEpochMilli(), "cashier.1");
        });
        return id;
    }

    /** A DRAFT invoice of one OPEN charge of the patient (the charge becomes INVOICED). */
    public String draft(String mrn, String gross) {
        String id = db.issuedInvoice(mrn, null, gross, "0", null);
        String charge = db.charge(mrn, null, "LAB-HB", "LAB_TEST", "1", gross, "0", "2026-12-01");
        write(em -> {
            InvoiceEntity i = em.find(InvoiceEntity.class, id);
            i.setStatus(InvoiceBalances.DRAFT);
            i.setIssuedMs(null);
            i.setIssuedBy(null);
            ChargeEntity c = em.find(ChargeEntity.class, charge);
            c.setStatus("INVOICED");
            c.setInvoiceId(id);
        });
        return id;
    }

    /** A patient's payment of {@code amount} on the invoice, received at {@code at}, posted to the journal. */
    public String payment(String invoiceId, String receipt, String amount, String method, String reason,
            Instant at) {
        String id = UUID.randomUUID().toString();
        BigDecimal a = new BigDecimal(amount);
        write(em -> {
            InvoiceEntity i = em.find(InvoiceEntity.class, invoiceId);
            InvoiceBalances.pay(i, false, a);
            PaymentEntity p = new PaymentEntity();
            p.setId(id);
            p.setReceiptNumber(receipt);
            p.setInvoiceId(invoiceId);
            p.setPatientId(i.getPatientId());
            p.setKind("PAYMENT");
            p.setMethod(method);
            p.setPayer("PATIENT");
            p.setAmount(a);
            p.setCurrency(BillingDatabase.EUR);
            p.setReference("CARD".equals(method) ? "slip-" + receipt : null);
            p.setReason(reason);
            p.setCashier("cashier.1");
            p.setReceivedMs(at.toEpochMilli());
            p.setBusinessDay(day(at).toString());
            em.persist(p);
            Journal.post(em, new Posting("PAYMENT", "PAYMENT", id, receipt).move(a, "CARD".equals(method) ? Account.CARD : Account.CASH,
                    Account.RECEIVABLE_PATIENTS), day(at), at.toEpochMilli(), "cashier.1");
        });
        return id;
    }

    /** A claim of the invoice's insurance share on the policy, submitted at {@code at}. */
    public String claim(String invoiceId, String policyId, String number, String status, String reason,
            Instant at) {
        String id = UUID.randomUUID().toString();
        write(em -> {
            InvoiceEntity i = em.find(InvoiceEntity.class, invoiceId);
            ClaimEntity c = new ClaimEntity();
            c.setId(id);
            c.setNumber(number);
            c.setInvoiceId(invoiceId);
            c.setPolicyId(policyId);
            c.setPatientId(i.getPatientId());
            c.setStatus(status);
            c.setClaimedAmount(i.getInsuranceShare());
            c.setReason(reason);
            c.setSubmittedMs(at.toEpochMilli());
            c.setSubmittedBy("billing.1");
            em.persist(c);
        });
        return id;
    }

    /** A charge parked for an unknown price code, filed under {@code mrn} (null: an unknown patient). */
    public String parked(String mrn, String payload) {
        String id = UUID.randomUUID().toString();
        write(em -> {
            ParkedChargeEntity p = new ParkedChargeEntity();
            p.setId(id);
            p.setSourceType("HL7");
            p.setSourceId("LIS:" + id);
            p.setPatientId(mrn);
            p.setPriceCode("LAB-UNKNOWN");
            p.setQuantity(BigDecimal.ONE.setScale(3));
            p.setServiceDate("2026-12-01");
            p.setReason("unknown price code LAB-UNKNOWN");
            p.setPayload(payload);
            p.setReceivedMs(System.currentTimeMillis());
            p.setStatus("PARKED");
            em.persist(p);
        });
        return id;
    }

    /** An online payment the patient started on the invoice. */
    public String intent(String invoiceId, String mrn) {
        String id = UUID.randomUUID().toString();
        write(em -> {
            PaymentIntentEntity p = new PaymentIntentEntity();
            p.setId(id);
            p.setInvoiceId(invoiceId);
            p.setPatientId(mrn);
            p.setProvider("hosted-checkout");
            p.setProviderRef("chk_" + id);
            p.setAmount(new BigDecimal("10.00"));
            p.setCurrency(BillingDatabase.EUR);
            p.setStatus("CREATED");
            p.setCreatedMs(System.currentTimeMillis());
            em.persist(p);
        });
        return id;
    }

    /** How many rows of {@code entity} are filed under {@code patientId}. */
    public long count(String entity, String patientId) {
        return db.jpa.call(em -> em.createQuery("SELECT COUNT(x) FROM " + entity + " x WHERE x.patientId = :p",
                Long.class).setParameter("p", patientId).getSingleResult());
    }

    /** The journal's lines, one text per line, in order: what an erasure must leave exactly as it was. */
    public List<String> journalLines() {
        return db.jpa.call(em -> em.createQuery("SELECT e.seq, e.referenceId, l.lineNo, l.account, l.debit, l.credit"
                + " FROM JournalEntryEntity e, JournalLineEntity l WHERE l.entryId = e.id ORDER BY e.seq, l.lineNo",
                Object[].class).getResultList().stream().map(r -> r[0] + " " + r[1] + " " + r[2] + " " + r[3] + " "
                + ((BigDecimal) r[4]).toPlainString() + " " + ((BigDecimal) r[5]).toPlainString()).toList());
    }

    private void write(java.util.function.Consumer<javax.persistence.EntityManager> work) {
        BillingTransactions.run(db.emf, new RecordingAudit(), "seed", em -> {
            work.accept(em);
            return new AuditedTransaction.Done<>(null, List.of());
        });
    }

    private static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }
}
