package org.pavilion.billing.internal.invoices;

import java.util.List;

/** Request bodies of /invoices (docs/billing-api.md, "Invoices"): amounts as decimal strings. */
public final class InvoiceBodies {

    private InvoiceBodies() {
    }

    /** POST /invoices: an encounter's charges, or a period's ({@code from}..{@code to}, service dates). */
    public static class Create {
        public String patientId;
        public String encounterId;
        public String from;
        public String to;
    }

    /** POST /invoices/{id}/discounts: a line's or the whole invoice's; an amount or a percent (10 is 10 %). */
    public static class Discount {
        public String lineId;
        public String amount;
        public String percent;
        public String reason;
    }

    /** POST /invoices/{id}/void. */
    public static class Void {
        public String reason;
    }

    /** POST /invoices/{id}/credit-notes: the lines credited (all when none). */
    public static class CreditNote {
        public List<String> lineIds;
        public String reason;
    }
}
