package org.pavilion.billing.internal.invoices;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

import org.pavilion.billing.internal.BillingDatabase;
import org.pavilion.billing.internal.access.PatientGate;
import org.pavilion.billing.internal.documents.Documents;
import org.pavilion.billing.internal.documents.Letterhead;
import org.pavilion.billing.internal.payments.PaymentEntity;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.core.testing.TestConstraints;

/**
 * The billing office on a test day (7 December 2026, Paris): the real change log, the invoice service and the
 * documents wired as the container wires them (without the EMR: the department's own patient rule), the insurance
 * split by {@link TableCoverages}. Payments, which the payments part records, are seeded as rows here.
 */
final class BillingDesk implements AutoCloseable {

    static final Caller CLERK = Caller.inContainer("bl.moreau", Set.of(PatientGate.VIEW, PatientGate.WRITE),
            "10.0.1.5");
    static final Caller CLERK_2 = Caller.inContainer("bl.diallo", Set.of(PatientGate.VIEW, PatientGate.WRITE),
            "10.0.1.6");
    static final Caller SUPERVISOR = Caller.inContainer("fin.keller", Set.of(PatientGate.VIEW, PatientGate.WRITE,
            Discounts.APPROVE), "10.0.2.1");
    static final Caller SUPERVISOR_2 = Caller.inContainer("fin.weber", Set.of(PatientGate.VIEW, Discounts.APPROVE),
            "10.0.2.2");

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final Letterhead LETTERHEAD = new Letterhead("Pavilion General Hospital",
            List.of("12 Rue de la Santé", "75014 Paris"), "FR 40 123456789", PARIS);

    final BillingDatabase db;
    final RecordingAudit audit = new RecordingAudit();
    final RecordingEvents events = new RecordingEvents();
    final AtomicLong clock = new AtomicLong(Instant.parse("2026-12-07T09:00:00Z").toEpochMilli());
    final InvoiceService invoices;
    final Documents documents;

    BillingDesk() throws Exception {
        db = new BillingDatabase();
        invoices = new InvoiceService(db.emf, audit, events, new TableCoverages(),
                new InvoiceSettings("EUR", PARIS, 30), null, clock::get, TestConstraints.platform());
        documents = new Documents(db.emf, audit, LETTERHEAD, null);
    }

    static <T> T as(Caller caller, Callable<T> work) throws Exception {
        return CallerContext.runAs(caller, work);
    }

    /** What {@code work} was refused with (fails when it was not). */
    static ProblemException refused(Caller caller, Callable<?> work) throws Exception {
        try {
            as(caller, work);
        } catch (ProblemException e) {
            return e;
        }
        throw new AssertionError("expected a refusal");
    }

    InvoiceViews.Invoice draftOfEncounter(Caller who, String patientId, String encounterId) throws Exception {
        InvoiceBodies.Create c = new InvoiceBodies.Create();
        c.patientId = patientId;
        c.encounterId = encounterId;
        return as(who, () -> invoices.create(c));
    }

    InvoiceViews.Invoice issued(String patientId, String encounterId) throws Exception {
        String id = draftOfEncounter(CLERK, patientId, encounterId).id;
        return as(CLERK, () -> invoices.issue(id));
    }

    InvoiceViews.Discount askDiscount(Caller who, String invoiceId, String lineId, String amount, String percent,
            String reason) throws Exception {
        InvoiceBodies.Discount d = new InvoiceBodies.Discount();
        d.lineId = lineId;
        d.amount = amount;
        d.percent = percent;
        d.reason = reason;
        return as(who, () -> invoices.requestDiscount(invoiceId, d));
    }

    InvoiceViews.Invoice credit(String invoiceId, String reason, String... lineIds) throws Exception {
        InvoiceBodies.CreditNote n = new InvoiceBodies.CreditNote();
        n.reason = reason;
        n.lineIds = lineIds.length == 0 ? null : List.of(lineIds);
        return as(CLERK, () -> invoices.creditNote(invoiceId, n));
    }

    InvoiceViews.Invoice voided(String invoiceId, String reason) throws Exception {
        InvoiceBodies.Void v = new InvoiceBodies.Void();
        v.reason = reason;
        return as(CLERK, () -> invoices.voidInvoice(invoiceId, v));
    }

    InvoiceViews.Invoice get(String invoiceId) throws Exception {
        return as(CLERK, () -> invoices.get(invoiceId));
    }

    /**
     * A cash payment (or with a negative amount its refund) by the patient, as the payments part records it: the
     * receipt row and the invoice's paid amount through InvoiceBalances, in one transaction; the payment's id.
     */
    String paid(String invoiceId, String amount, String receiptNumber) {
        String id = UUID.randomUUID().toString();
        BigDecimal a = new BigDecimal(amount);
        db.jpa.run(em -> {
            InvoiceEntity i = em.find(InvoiceEntity.class, invoiceId);
            InvoiceBalances.pay(i, false, a);
            PaymentEntity p = new PaymentEntity();
            p.setId(id);
            p.setReceiptNumber(receiptNumber);
            p.setInvoiceId(invoiceId);
            p.setPatientId(i.getPatientId());
            p.setKind(a.signum() < 0 ? "REFUND" : "PAYMENT");
            p.setMethod("CASH");
            p.setPayer("PATIENT");
            p.setAmount(a.abs());
            p.setCurrency("EUR");
            p.setReason(a.signum() < 0 ? "credit note" : null);
            p.setCashier("cash.lambert");
            p.setReceivedMs(clock.get());
            p.setBusinessDay("2026-12-07");
            em.persist(p);
        });
        return id;
    }

    /** Debits minus credits per account of the entries of a reference (kind null: all of them). */
    java.util.Map<String, BigDecimal> journal(String referenceId, String kind) {
        java.util.Map<String, BigDecimal> net = new java.util.TreeMap<>();
        List<Object[]> rows = db.jpa.call(em -> em.createQuery("SELECT l.account, l.debit, l.credit, e.kind FROM"
                + " JournalEntryEntity e, JournalLineEntity l WHERE l.entryId = e.id AND e.referenceId = :r",
                Object[].class).setParameter("r", referenceId).getResultList());
        for (Object[] r : rows) {
            if (kind == null || kind.equals(r[3])) {
                net.merge((String) r[0], ((BigDecimal) r[1]).subtract((BigDecimal) r[2]), BigDecimal::add);
            }
        }
        net.replaceAll((k, v) -> v.setScale(2));
        return net;
    }

    @Override
    public void close() throws Exception {
        db.close();
    }
}
