package org.pavilion.billing.internal.documents;

import org.pavilion.billing.internal.invoices.InvoiceViews;
import org.pavilion.billing.internal.payments.PaymentViews;

/** The printed receipt of a payment or a refund: who paid what for which invoice, how, and what is left to pay. */
final class ReceiptDocument {

    private ReceiptDocument() {
    }

    static byte[] render(Letterhead head, PaymentViews.Payment p, InvoiceViews.Invoice inv) {
        boolean refund = "REFUND".equals(p.kind);
        try (PdfSheet pdf = new PdfSheet()) {
            Letters.head(pdf, head);
            pdf.line((refund ? "REFUND RECEIPT " : "RECEIPT ") + p.receiptNumber, 16, true).gap(4);
            pdf.line("Date: " + p.day + " (" + p.receivedAt + ")", 10, false);
            pdf.line("Invoice: " + (inv.number == null ? inv.id : inv.number), 10, false);
            pdf.line("Patient (MRN): " + p.patientId, 10, false);
            pdf.line("Paid by: " + ("INSURANCE".equals(p.payer) ? "insurer" + (inv.insurerCode == null ? ""
                    : " " + inv.insurerCode) : "patient"), 10, false);
            pdf.line("Method: " + p.method + (p.reference == null ? "" : ", reference " + p.reference), 10, false);
            pdf.line("Cashier: " + p.cashier, 10, false);
            if (p.reason != null) {
                pdf.line("Reason: " + p.reason, 10, false);
            }
            pdf.gap(8);
            pdf.total(refund ? "Amount refunded" : "Amount received", p.amount + " " + p.currency, 12, true);
            pdf.gap(6);
            pdf.total("Invoice total", inv.grossTotal + " " + inv.currency, 10, false);
            pdf.total("Patient share", inv.patientShare + " " + inv.currency, 10, false);
            pdf.total("Paid by the patient to date", inv.paidByPatient + " " + inv.currency, 10, false);
            pdf.total("Patient balance", inv.patientBalance + " " + inv.currency, 10, true);
            return pdf.bytes();
        }
    }
}
