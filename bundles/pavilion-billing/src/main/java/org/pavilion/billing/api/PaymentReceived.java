package org.pavilion.billing.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A payment (or a refund, with a negative {@link #amount}) was recorded against an invoice. Event type
 * {@link #TYPE}.
 */
@ProviderType
public class PaymentReceived extends InvoiceEvent {

    public static final String TYPE = "PaymentReceived";

    public String paymentId;
    /** RCPT-yyyy-nnnnnn. */
    public String receiptNumber;
    /** PAYMENT or REFUND. */
    public String kind;
    /** CASH, CARD, BANK_TRANSFER, ONLINE or INSURANCE. */
    public String method;
    public String amount;
    /** ISO-8601 instant. */
    public String receivedAt;
}
