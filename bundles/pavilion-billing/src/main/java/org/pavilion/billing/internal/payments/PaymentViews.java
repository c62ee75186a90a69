package org.pavilion.billing.internal.payments;

import java.time.Instant;

import org.pavilion.billing.internal.money.Amounts;

/** The JSON answers of the payment endpoints (docs/billing-api.md, "Payments"): amounts as decimal strings. */
public final class PaymentViews {

    private PaymentViews() {
    }

    /** A payment or a refund. */
    public static class Payment {
        public String id;
        public String receiptNumber;
        public String invoiceId;
        public String invoiceNumber;
        public String patientId;
        /** PAYMENT or REFUND. */
        public String kind;
        /** CASH, CARD, BANK_TRANSFER, ONLINE, INSURANCE. */
        public String method;
        /** PATIENT or INSURANCE. */
        public String payer;
        /** Positive; a refund's kind says the direction. */
        public String amount;
        public String currency;
        public String reference;
        public String refundOf;
        public String reason;
        public String cashier;
        public String receivedAt;
        public String day;

        public static Payment of(PaymentEntity p, String invoiceNumber) {
            Payment v = new Payment();
            v.id = p.getId();
            v.receiptNumber = p.getReceiptNumber();
            v.invoiceId = p.getInvoiceId();
            v.invoiceNumber = invoiceNumber;
            v.patientId = p.getPatientId();
            v.kind = p.getKind();
            v.method = p.getMethod();
            v.payer = p.getPayer();
            v.amount = Amounts.text(p.getAmount());
            v.currency = p.getCurrency();
            v.reference = p.getReference();
            v.refundOf = p.getRefundOf();
            v.reason = p.getReason();
            v.cashier = p.getCashier();
            v.receivedAt = Instant.ofEpochMilli(p.getReceivedMs()).toString();
            v.day = p.getBusinessDay();
            return v;
        }
    }

    /**
     * What a cashier's day took, per method net of its refunds; {@code cash} is what the till should hold.
     * {@code refunds} is the total refunded (already deducted from the methods).
     */
    public static class Till {
        public String cashier;
        public String day;
        public String currency;
        public String cash;
        public String card;
        public String transfer;
        public String online;
        public String insurance;
        public String refunds;
        public int payments;
        /** The day's close, or null while it is open. */
        public CashClose closed;
    }

    /** A cashier's day closed: what the till should hold, what was counted, the difference (counted - expected). */
    public static class CashClose {
        public String id;
        public String cashier;
        public String day;
        public String expectedCash;
        public String countedCash;
        public String difference;
        public String expectedCard;
        public String expectedTransfer;
        public String note;
        public String closedAt;
        public String closedBy;

        static CashClose of(CashCloseEntity c) {
            CashClose v = new CashClose();
            v.id = c.getId();
            v.cashier = c.getCashier();
            v.day = c.getBusinessDay();
            v.expectedCash = Amounts.text(c.getExpectedCash());
            v.countedCash = Amounts.text(c.getCountedCash());
            v.difference = Amounts.text(c.getDifference());
            v.expectedCard = Amounts.text(c.getExpectedCard());
            v.expectedTransfer = Amounts.text(c.getExpectedTransfer());
            v.note = c.getNote();
            v.closedAt = Instant.ofEpochMilli(c.getClosedMs()).toString();
            v.closedBy = c.getClosedBy();
            return v;
        }
    }

    /** POST /portal/payments: where the portal sends the patient to pay. */
    public static class Checkout {
        public String intentId;
        public String redirectUrl;
    }

    /** The answer to a provider's notification. */
    public static class Notified {
        public String intentId;
        /** The intent's status after the notification: SUCCEEDED, FAILED, CREATED. */
        public String status;
        public String paymentId;
        /** True when the notification changed nothing (a replay, or a late FAILED after success). */
        public boolean replay;
    }
}
