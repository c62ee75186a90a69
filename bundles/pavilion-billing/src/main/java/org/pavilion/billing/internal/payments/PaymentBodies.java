package org.pavilion.billing.internal.payments;

/** The JSON bodies of the payment endpoints (docs/billing-api.md, "Payments"). */
public final class PaymentBodies {

    private PaymentBodies() {
    }

    /** POST /payments. */
    public static class Pay {
        public String invoiceId;
        public String amount;
        /** CASH, CARD, BANK_TRANSFER or INSURANCE. */
        public String method;
        /** Card slip, bank transfer reference, insurer remittance. */
        public String reference;
    }

    /** POST /payments/{id}/refunds. */
    public static class Refund {
        public String amount;
        public String reason;
    }

    /** POST /cash/{cashier}/{day}/close. */
    public static class Close {
        public String countedCash;
        public String note;
    }

    /** POST /portal/payments. */
    public static class PayOnline {
        public String invoiceId;
    }
}
