package org.pavilion.billing.internal.documents;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

import org.pavilion.billing.internal.invoices.InvoiceViews;

/**
 * The printed invoice or credit note: letterhead, the document's number and dates, the patient, one row per line,
 * the taxes by rate, the totals, the insurer's and the patient's shares, what was paid and what is due by when. A
 * draft prints "DRAFT" and no number; a void invoice "VOID" and its reason.
 */
final class InvoiceDocument {

    private static final PdfSheet.Column[] COLUMNS = {
        new PdfSheet.Column(0, 16, false), // no
        new PdfSheet.Column(16, 50, false), // service date
        new PdfSheet.Column(66, 150, false), // code and description
        new PdfSheet.Column(216, 30, true), // quantity
        new PdfSheet.Column(246, 48, true), // unit price
        new PdfSheet.Column(294, 48, true), // net
        new PdfSheet.Column(342, 44, true), // discount
        new PdfSheet.Column(386, 34, true), // tax rate
        new PdfSheet.Column(420, 44, true), // tax
        new PdfSheet.Column(464, PdfSheet.WIDTH - 464, true), // gross
    };

    private InvoiceDocument() {
    }

    /**
     * @param creditedNumber the credited invoice's number, for a credit note
     */
    static byte[] render(Letterhead head, InvoiceViews.Invoice inv, String creditedNumber) {
        boolean creditNote = "CREDIT_NOTE".equals(inv.kind);
        boolean draft = "DRAFT".equals(inv.status);
        try (PdfSheet pdf = new PdfSheet()) {
            Letters.head(pdf, head);
            if (draft) {
                pdf.line("DRAFT", 28, true).line("Draft invoice - not valid for payment", 11, true);
            } else {
                pdf.line((creditNote ? "CREDIT NOTE " : "INVOICE ") + inv.number, 16, true);
            }
            if ("VOID".equals(inv.status)) {
                pdf.line("VOID: " + inv.voidReason, 14, true);
            }
            pdf.gap(4);
            if (!draft) {
                pdf.line("Date of issue: " + Letters.day(head, inv.issuedAt), 10, false);
            }
            if (creditNote) {
                pdf.line("Credits invoice: " + creditedNumber, 10, false);
            } else if (!draft && inv.dueDate != null) {
                pdf.line("Due date: " + inv.dueDate, 10, false);
            }
            pdf.line("Patient (MRN): " + inv.patientId, 10, false);
            if (inv.encounterId != null) {
                pdf.line("Encounter: " + inv.encounterId, 10, false);
            } else if (inv.periodFrom != null) {
                pdf.line("Period: " + inv.periodFrom + " to " + inv.periodTo, 10, false);
            }
            if (inv.insurerCode != null) {
                pdf.line("Insurer: " + inv.insurerCode, 10, false);
            }
            pdf.gap(8);
            pdf.row(COLUMNS, new String[] {"No", "Date", "Item", "Qty", "Unit price", "Net", "Discount", "Tax %",
                "Tax", "Gross"}, 8, true).rule();
            Map<BigDecimal, BigDecimal[]> taxes = new TreeMap<>();
            for (InvoiceViews.Line l : inv.lines) {
                pdf.row(COLUMNS, new String[] {String.valueOf(l.lineNo), l.serviceDate,
                    l.priceCode + " " + l.description, quantity(l.quantity), l.unitPrice, l.net, l.discount,
                    Letters.percent(l.taxRate), l.tax, l.gross}, 8, false);
                BigDecimal[] t = taxes.computeIfAbsent(new BigDecimal(l.taxRate).stripTrailingZeros(),
                        r -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
                t[0] = t[0].add(new BigDecimal(l.net).subtract(new BigDecimal(l.discount)));
                t[1] = t[1].add(new BigDecimal(l.tax));
            }
            pdf.rule().gap(4).line("Taxes", 10, true);
            taxes.forEach((rate, t) -> pdf.total("Tax " + Letters.percent(rate.toPlainString()) + " on "
                    + t[0].toPlainString(), t[1].toPlainString() + " " + inv.currency, 9, false));
            pdf.gap(6);
            pdf.total("Net", inv.netTotal + " " + inv.currency, 10, false);
            pdf.total("Discounts", inv.discountTotal + " " + inv.currency, 10, false);
            pdf.total("Tax", inv.taxTotal + " " + inv.currency, 10, false);
            pdf.total(creditNote ? "Total credited" : "Total", inv.grossTotal + " " + inv.currency, 11, true);
            pdf.gap(4);
            pdf.total("Insurance share", inv.insuranceShare + " " + inv.currency, 10, false);
            pdf.total("Patient share", inv.patientShare + " " + inv.currency, 10, false);
            if (!creditNote && !draft) {
                pdf.total("Paid by the patient", inv.paidByPatient + " " + inv.currency, 10, false);
                pdf.total("Paid by the insurer", inv.paidByInsurance + " " + inv.currency, 10, false);
                BigDecimal balance = new BigDecimal(inv.patientBalance);
                pdf.total(balance.signum() < 0 ? "Refund due to the patient" : "Balance due by " + inv.dueDate,
                        balance.abs().toPlainString() + " " + inv.currency, 11, true);
            }
            return pdf.bytes();
        }
    }

    private static String quantity(String q) {
        return new BigDecimal(q).stripTrailingZeros().toPlainString();
    }
}
