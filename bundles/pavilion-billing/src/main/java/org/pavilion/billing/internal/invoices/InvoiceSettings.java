package org.pavilion.billing.internal.invoices;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.pavilion.billing.internal.BillingConfig;

/** What the invoices read of {@code etc/org.pavilion.billing.cfg}: the currency, the business day's zone, the term. */
public record InvoiceSettings(String currency, ZoneId zone, int paymentTermDays) {

    public static InvoiceSettings of(BillingConfig c) {
        ZoneId zone = c.zone() == null || c.zone().isBlank() ? ZoneId.systemDefault() : ZoneId.of(c.zone().strip());
        return new InvoiceSettings(c.currency(), zone, Math.max(0, c.paymentTermDays()));
    }

    /** The business day of an instant. */
    public LocalDate day(long epochMs) {
        return Instant.ofEpochMilli(epochMs).atZone(zone).toLocalDate();
    }
}
