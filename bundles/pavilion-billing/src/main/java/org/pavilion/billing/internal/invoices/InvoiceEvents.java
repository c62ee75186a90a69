package org.pavilion.billing.internal.invoices;

import java.time.Instant;

import org.pavilion.billing.api.InvoiceIssued;
import org.pavilion.billing.internal.money.Amounts;

/** The invoices' event payloads and their subject key. */
final class InvoiceEvents {

    private InvoiceEvents() {
    }

    /** {@code bl-invoice:<id>}: a subscriber gets one invoice's events in order. */
    static String subject(String invoiceId) {
        return "bl-invoice:" + invoiceId;
    }

    static InvoiceIssued issued(InvoiceEntity i, String actor) {
        InvoiceIssued e = new InvoiceIssued();
        e.invoiceId = i.getId();
        e.invoiceNumber = i.getNumber();
        e.patientId = i.getPatientId();
        e.encounterId = i.getEncounterId();
        e.currency = i.getCurrency();
        e.grossTotal = Amounts.text(i.getGrossTotal());
        e.insuranceShare = Amounts.text(i.getInsuranceShare());
        e.patientShare = Amounts.text(i.getPatientShare());
        e.patientBalance = Amounts.text(InvoiceBalances.patientBalance(i));
        e.status = i.getStatus();
        e.actor = actor;
        e.kind = i.getKind();
        e.dueDate = i.getDueDate();
        e.issuedAt = Instant.ofEpochMilli(i.getIssuedMs()).toString();
        return e;
    }
}
