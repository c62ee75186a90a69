package org.pavilion.billing.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * An invoice (or a credit note) was issued: it is final, numbered and posted to the journal. Notifications tell the
 * patient ("your invoice is ready"); no clinical detail is carried. Event type {@link #TYPE}.
 */
@ProviderType
public class InvoiceIssued extends InvoiceEvent {

    public static final String TYPE = "InvoiceIssued";

    /** INVOICE or CREDIT_NOTE. */
    public String kind;
    /** ISO-8601 date by which the patient's share is due. */
    public String dueDate;
    /** ISO-8601 instant. */
    public String issuedAt;
}
