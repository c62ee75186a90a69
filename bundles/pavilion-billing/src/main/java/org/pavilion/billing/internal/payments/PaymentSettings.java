package org.pavilion.billing.internal.payments;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import org.pavilion.billing.internal.BillingConfig;

/**
 * What payments read from {@code etc/org.pavilion.billing.cfg}. The provider key and webhook secret are kept out of
 * {@link #toString()} so a logged settings object never shows them.
 */
public record PaymentSettings(String currency, ZoneId zone, String providerUrl, String providerKey,
        String webhookSecret, String returnUrl) {

    public static PaymentSettings of(BillingConfig c) {
        ZoneId zone = c.zone() == null || c.zone().isBlank() ? ZoneId.systemDefault() : ZoneId.of(c.zone().strip());
        return new PaymentSettings(c.currency(), zone, strip(c.paymentProviderUrl()), strip(c._paymentProviderKey()),
                strip(c._paymentWebhookSecret()), strip(c.paymentReturnUrl()));
    }

    /** The business day (hospital zone) of an instant. */
    public LocalDate day(long epochMs) {
        return Instant.ofEpochMilli(epochMs).atZone(zone).toLocalDate();
    }

    @Override
    public String toString() {
        return "PaymentSettings[currency=" + currency + ", zone=" + zone + ", providerUrl=" + providerUrl
                + ", providerKey=" + (providerKey.isEmpty() ? "" : "***") + ", webhookSecret="
                + (webhookSecret.isEmpty() ? "" : "***") + ", returnUrl=" + returnUrl + "]";
    }

    private static String strip(String s) {
        return s == null ? "" : s.strip();
    }
}
