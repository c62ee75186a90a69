package org.pavilion.billing.internal.invoices;

import java.util.List;

import javax.validation.constraints.AssertTrue;
import javax.validation.constraints.NotBlank;
import javax.validation.constraints.Pattern;
import javax.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** Request bodies of /invoices (docs/billing-api.md, "Invoices"): amounts as decimal strings. */
public final class InvoiceBodies {

    private InvoiceBodies() {
    }

    /**
     * POST /invoices: an encounter's charges, or a period's ({@code from}..{@code to}, service dates). Its rules are
     * declared (DeclaredConstraints, every broken one in one 400); a period's order is checked after.
     */
    public static class Create {
        @NotBlank @Size(max = 64)
        public String patientId;
        public String encounterId;
        @Pattern(regexp = DATE, message = DATE_MESSAGE)
        public String from;
        @Pattern(regexp = DATE, message = DATE_MESSAGE)
        public String to;

        @JsonIgnore // a rule, not a field of the body (nor of its OpenAPI schema)
        @AssertTrue(message = "give either encounterId or from and to (a period of service dates)")
        public boolean isEncounterOrPeriod() {
            boolean period = from != null || to != null;
            return (encounterId == null || encounterId.isBlank()) == period;
        }
    }

    /**
     * POST /invoices/{id}/discounts: a line's or the whole invoice's; an amount or a percent (10 is 10 %). Its rules
     * are declared as Create's; the amount against what the line or invoice still allows is a 422 after.
     */
    public static class Discount {
        public String lineId;
        public String amount;
        public String percent;
        @NotBlank @Size(max = 500)
        public String reason;

        @JsonIgnore // a rule, not a field of the body (nor of its OpenAPI schema)
        @AssertTrue(message = "give either amount or percent")
        public boolean isAmountOrPercent() {
            return (amount != null && !amount.isBlank()) != (percent != null && !percent.isBlank());
        }
    }

    private static final String DATE = "\\s*[0-9]{4}-[0-9]{2}-[0-9]{2}\\s*";
    private static final String DATE_MESSAGE = "must be a date as yyyy-MM-dd";

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
