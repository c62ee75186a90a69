package org.pavilion.billing.internal.payments;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import javax.persistence.EntityManager;

import org.pavilion.billing.api.PaymentReceived;
import org.pavilion.billing.internal.BillingTransactions;
import org.pavilion.billing.internal.accounting.Account;
import org.pavilion.billing.internal.accounting.Journal;
import org.pavilion.billing.internal.accounting.Posting;
import org.pavilion.billing.internal.invoices.InvoiceBalances;
import org.pavilion.billing.internal.invoices.InvoiceEntity;
import org.pavilion.billing.internal.money.Amounts;
import org.pavilion.events.api.EventPublisher;

/**
 * Writes one payment or refund in the caller's transaction: the invoice's paid amount ({@link InvoiceBalances}), the
 * receipt numbered {@code RCPT-yyyy-nnnnnn}, its journal entry and {@code PaymentReceived}. The cash desk and the
 * online notifications both come through here, so every receipt is booked the same way.
 */
final class Receipts {

    static final String PAYMENT = "PAYMENT";
    static final String REFUND = "REFUND";
    static final String PATIENT = "PATIENT";
    static final String INSURANCE = "INSURANCE";

    static final String CASH = "CASH";
    static final String CARD = "CARD";
    static final String BANK_TRANSFER = "BANK_TRANSFER";
    static final String ONLINE = "ONLINE";

    /** What one receipt says; {@code amount} is positive, {@code kind} gives the direction. */
    record Receipt(String kind, String method, BigDecimal amount, String reference, String refundOf, String reason,
            String cashier) {
    }

    private Receipts() {
    }

    /** The account a method's money arrives on (docs/billing-api.md, "Payments": INSURANCE is a bank transfer). */
    static Account account(String method) {
        switch (method) {
            case CASH: return Account.CASH;
            case CARD: return Account.CARD;
            case ONLINE: return Account.ONLINE;
            case BANK_TRANSFER:
            case INSURANCE: return Account.BANK;
            default: throw new IllegalArgumentException("no account for method " + method);
        }
    }

    /**
     * Books {@code r} on {@code invoice} (read in this transaction, so its version guards the balance); 409/422 from
     * {@link InvoiceBalances#pay} leave nothing written.
     */
    static PaymentEntity book(EntityManager em, EventPublisher events, InvoiceEntity invoice, Receipt r,
            String patientId, long now, LocalDate day, String actor) {
        boolean insurer = INSURANCE.equals(r.method());
        boolean refund = REFUND.equals(r.kind());
        BigDecimal signed = refund ? r.amount().negate() : r.amount();
        InvoiceBalances.pay(invoice, insurer, signed);

        PaymentEntity p = new PaymentEntity();
        p.setId(UUID.randomUUID().toString());
        p.setReceiptNumber(BillingTransactions.nextNumber(em, BillingTransactions.RECEIPTS, "RCPT", day.getYear()));
        p.setInvoiceId(invoice.getId());
        p.setPatientId(patientId);
        p.setKind(r.kind());
        p.setMethod(r.method());
        p.setPayer(insurer ? INSURANCE : PATIENT);
        p.setAmount(r.amount());
        p.setCurrency(invoice.getCurrency());
        p.setReference(r.reference());
        p.setRefundOf(r.refundOf());
        p.setReason(r.reason());
        p.setCashier(r.cashier());
        p.setReceivedMs(now);
        p.setBusinessDay(day.toString());
        em.persist(p);

        // money in: debit the method's account, credit the receivable; a refund (negative) swaps the sides
        Account receivable = insurer ? Account.RECEIVABLE_INSURERS : Account.RECEIVABLE_PATIENTS;
        Journal.post(em, new Posting(r.kind(), "PAYMENT", p.getId(), p.getReceiptNumber() + " " + r.method()
                + " " + (invoice.getNumber() == null ? invoice.getId() : invoice.getNumber()))
                .move(signed, account(r.method()), receivable), day, now, actor);

        events.publish(em, PaymentReceived.TYPE, "bl-invoice:" + invoice.getId(), event(invoice, p, signed, actor));
        return p;
    }

    private static PaymentReceived event(InvoiceEntity i, PaymentEntity p, BigDecimal signed, String actor) {
        PaymentReceived e = new PaymentReceived();
        e.invoiceId = i.getId();
        e.invoiceNumber = i.getNumber();
        e.patientId = p.getPatientId();
        e.encounterId = i.getEncounterId();
        e.currency = i.getCurrency();
        e.grossTotal = Amounts.text(i.getGrossTotal());
        e.insuranceShare = Amounts.text(i.getInsuranceShare());
        e.patientShare = Amounts.text(i.getPatientShare());
        e.patientBalance = Amounts.text(InvoiceBalances.patientBalance(i));
        e.status = i.getStatus();
        e.actor = actor;
        e.paymentId = p.getId();
        e.receiptNumber = p.getReceiptNumber();
        e.kind = p.getKind();
        e.method = p.getMethod();
        e.amount = Amounts.text(signed);
        e.receivedAt = Instant.ofEpochMilli(p.getReceivedMs()).toString();
        return e;
    }
}
