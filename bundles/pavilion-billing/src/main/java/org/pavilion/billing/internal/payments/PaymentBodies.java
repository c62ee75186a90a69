package org.pavilion.billing.internal.payments;

import javax.validation.constraints.NotBlank;
import javax.validation.constraints.Size;

/** The JSON bodies of the payment endpoints (docs/billing-api.md, "Payments"). */
public final class PaymentBodies {

    private PaymentBodies() {
    }

    /**
     * POST /payments. Its field rules are declared (DeclaredConstraints, every broken one in one 400); the method, the
     * reference a card or transfer needs and the amount in the invoice's currency are 422s checked after.
     */
    public static class Pay {
        @NotBlank @Size(max = 36)
        public String invoiceId;
        public String amount;
        /** CASH, CARD, BANK_TRANSFER or INSURANCE. */
        @NotBlank @Size(max = 20)
        public String method;
        /** Card slip, bank transfer reference, insurer remittance. */
        @Size(max = 120)
        public String reference;
    }

    /** POST /payments/{id}/refunds (declared rules, as Pay; the amount is a 422 checked after). */
    public static class Refund {
        public String amount;
        @NotBlank @Size(max = 500)
        public String reason;
    }

    /** POST /cash/{cashier}/{day}/close (declared rules, as Pay; the counted cash is a 422 checked after). */
    public static class Close {
        public String countedCash;
        @Size(max = 500)
        public String note;
    }

    /** POST /portal/payments (declared rules, as Pay). */
    public static class PayOnline {
        @NotBlank @Size(max = 36)
        public String invoiceId;
    }
}
