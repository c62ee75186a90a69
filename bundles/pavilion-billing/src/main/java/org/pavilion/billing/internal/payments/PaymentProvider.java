package org.pavilion.billing.internal.payments;

import java.math.BigDecimal;
import java.util.function.UnaryOperator;

import org.pavilion.core.api.rest.ProblemException;

/**
 * An online payment provider (docs/billing-payments.md): opens a hosted checkout for a payment intent and verifies
 * the provider's notifications. Registered as an OSGi service; {@link OnlinePayments} starts checkouts with the first
 * {@link #available()} one and routes {@code POST /payment-notifications/{name}} by {@link #name()}. An adapter talks
 * to its provider only; recording the payment is billing's.
 */
public interface PaymentProvider {

    /** What billing asks the provider to collect: {@code reference} is the intent's id. */
    record CheckoutRequest(String reference, BigDecimal amount, String currency, String returnUrl,
            String invoiceNumber) {
    }

    /** The provider's checkout: its id (kept as the intent's provider_ref) and where the patient pays. */
    record Checkout(String providerRef, String redirectUrl) {
    }

    /** A verified notification: the checkout it is about and its outcome. */
    record Notification(String notificationId, String providerRef, boolean succeeded, BigDecimal amount,
            String currency, String failure) {
    }

    /** The provider's name in the notification path and on intents, e.g. {@code hosted-checkout}. */
    String name();

    /** Whether it is configured to take payments now. */
    boolean available();

    /**
     * Opens a checkout at the provider.
     *
     * @throws ProblemException 502 when the provider refuses or does not answer
     */
    Checkout create(CheckoutRequest request);

    /**
     * Checks a notification's signature over its raw {@code body} and parses it; {@code header} reads the request's
     * headers by name.
     *
     * @throws ProblemException 401 when the signature is missing or wrong, 400 when the signed body is malformed
     */
    Notification verify(byte[] body, UnaryOperator<String> header);

    /** The 401 of a notification that cannot be trusted. */
    static ProblemException untrusted(String detail) {
        return new ProblemException(401, "unauthorized", "Unauthorized", detail);
    }

    /** The 502 of a provider that refused or failed to open a checkout. */
    static ProblemException unavailable(String detail) {
        return new ProblemException(502, "payment-provider", "Payment provider unavailable", detail);
    }
}
