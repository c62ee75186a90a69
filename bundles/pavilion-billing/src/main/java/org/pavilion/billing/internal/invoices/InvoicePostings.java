package org.pavilion.billing.internal.invoices;

import java.math.BigDecimal;
import java.util.List;

import org.pavilion.billing.internal.accounting.Account;
import org.pavilion.billing.internal.accounting.Posting;

/**
 * The journal entries of invoices (docs/billing-api.md, "Journal of an issue"): per line, the receivables (patient
 * share 1100, insurance share 1110) against the department's revenue (net - discount) and the tax payable. A void
 * and a credit note post the same lines reversed.
 */
final class InvoicePostings {

    static final String ISSUED = "INVOICE_ISSUED";
    static final String VOIDED = "INVOICE_VOIDED";
    static final String CREDIT_NOTE = "CREDIT_NOTE";

    private InvoicePostings() {
    }

    /**
     * The entry of an issued invoice, or of a credit note (its lines are negative, so the sides swap). Descriptions
     * name the document, never the patient or free text: the journal is append-only and outlives an erasure.
     */
    static Posting issue(String kind, InvoiceEntity inv, List<InvoiceLineEntity> lines) {
        Posting p = new Posting(kind, "INVOICE", inv.getId(), inv.getNumber());
        lines.forEach(l -> line(p, l, false));
        return p;
    }

    /** The exact reverse of {@link #issue} for a voided invoice. */
    static Posting voided(InvoiceEntity inv, List<InvoiceLineEntity> lines) {
        Posting p = new Posting(VOIDED, "INVOICE", inv.getId(), "void " + inv.getNumber());
        lines.forEach(l -> line(p, l, true));
        return p;
    }

    /**
     * One line: each share pays revenue first, then tax (a line's shares add up to its revenue plus tax, so the four
     * moves balance). Worked on the line's magnitudes and signed back, so a reversal line is its positive line negated.
     */
    private static void line(Posting p, InvoiceLineEntity l, boolean reverse) {
        BigDecimal revenue = l.getNet().subtract(l.getDiscount());
        BigDecimal tax = l.getTax();
        BigDecimal insurance = l.getInsuranceShare();
        BigDecimal patient = l.getPatientShare();
        int sign = l.getGross().signum() < 0 ? -1 : 1;
        if (reverse) {
            sign = -sign;
        }
        BigDecimal r = revenue.abs();
        BigDecimal t = tax.abs();
        BigDecimal i = insurance.abs();
        BigDecimal pa = patient.abs();
        boolean sameSigns = sameSign(l.getGross(), revenue, tax, insurance, patient);
        Account income = Account.revenue(l.getDepartment());
        if (!sameSigns) { // mixed signs (never from our lines): still balanced, tax taken from the patient's share
            int s = reverse ? -1 : 1;
            p.move(signed(insurance, s), Account.RECEIVABLE_INSURERS, income, l.getDepartment(), l.getDoctorId());
            p.move(signed(patient.subtract(tax), s), Account.RECEIVABLE_PATIENTS, income, l.getDepartment(),
                    l.getDoctorId());
            p.move(signed(tax, s), Account.RECEIVABLE_PATIENTS, Account.TAX_PAYABLE, l.getDepartment(), null);
            return;
        }
        BigDecimal insuranceRevenue = i.min(r);
        BigDecimal insuranceTax = i.subtract(insuranceRevenue);
        BigDecimal patientRevenue = r.subtract(insuranceRevenue);
        BigDecimal patientTax = pa.subtract(patientRevenue);
        p.move(signed(insuranceRevenue, sign), Account.RECEIVABLE_INSURERS, income, l.getDepartment(), l.getDoctorId());
        p.move(signed(insuranceTax, sign), Account.RECEIVABLE_INSURERS, Account.TAX_PAYABLE, l.getDepartment(), null);
        p.move(signed(patientRevenue, sign), Account.RECEIVABLE_PATIENTS, income, l.getDepartment(), l.getDoctorId());
        p.move(signed(patientTax, sign), Account.RECEIVABLE_PATIENTS, Account.TAX_PAYABLE, l.getDepartment(), null);
    }

    private static BigDecimal signed(BigDecimal v, int sign) {
        return sign < 0 ? v.negate() : v;
    }

    private static boolean sameSign(BigDecimal gross, BigDecimal... parts) {
        for (BigDecimal v : parts) {
            if (v.signum() != 0 && v.signum() != gross.signum()) {
                return false;
            }
        }
        return true;
    }
}
