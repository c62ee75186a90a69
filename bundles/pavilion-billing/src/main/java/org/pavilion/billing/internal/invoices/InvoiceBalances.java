package org.pavilion.billing.internal.invoices;

import java.math.BigDecimal;

import org.pavilion.core.api.rest.ProblemException;

/**
 * The one place an issued invoice's paid amounts and status change (payments, refunds, claim adjudications): paid
 * amounts never exceed their share, and the status follows them. The caller changes the row in its transaction; the
 * row's version check makes two cashiers paying the same invoice at once end with one payment and one 409.
 */
public final class InvoiceBalances {

    public static final String DRAFT = "DRAFT";
    public static final String ISSUED = "ISSUED";
    public static final String PARTIALLY_PAID = "PARTIALLY_PAID";
    public static final String PAID = "PAID";
    public static final String VOID = "VOID";

    private InvoiceBalances() {
    }

    /** What the patient still owes. */
    public static BigDecimal patientBalance(InvoiceEntity i) {
        return i.getPatientShare().subtract(i.getPaidByPatient());
    }

    /** What the insurer still owes. */
    public static BigDecimal insuranceBalance(InvoiceEntity i) {
        return i.getInsuranceShare().subtract(i.getPaidByInsurance());
    }

    /**
     * Records {@code amount} paid (positive) or refunded (negative) by the patient ({@code insurance} false) or the
     * insurer. 409 unless the invoice is issued and not void; 422 when a payment exceeds the balance or a refund
     * what was paid.
     */
    public static void pay(InvoiceEntity i, boolean insurance, BigDecimal amount) {
        if (!ISSUED.equals(i.getStatus()) && !PARTIALLY_PAID.equals(i.getStatus()) && !PAID.equals(i.getStatus())) {
            throw ProblemException.conflict("Invoice " + label(i) + " is " + i.getStatus() + ": only an issued invoice"
                    + " takes payments");
        }
        BigDecimal paid = insurance ? i.getPaidByInsurance() : i.getPaidByPatient();
        BigDecimal share = insurance ? i.getInsuranceShare() : i.getPatientShare();
        BigDecimal after = paid.add(amount);
        if (after.compareTo(share) > 0) {
            throw ProblemException.unprocessable("The payment of " + amount.toPlainString() + " is more than the "
                    + (insurance ? "insurer's" : "patient's") + " balance of " + share.subtract(paid).toPlainString()
                    + " on invoice " + label(i));
        }
        if (after.signum() < 0) {
            throw ProblemException.unprocessable("A refund of " + amount.negate().toPlainString()
                    + " is more than the " + paid.toPlainString() + " paid on invoice " + label(i));
        }
        if (insurance) {
            i.setPaidByInsurance(after);
        } else {
            i.setPaidByPatient(after);
        }
        settle(i);
    }

    /**
     * Moves {@code amount} of the insurance share to the patient (a claim denied or partly approved; negative moves
     * it back). 422 when the insurer already paid more than its new share.
     */
    public static void shiftToPatient(InvoiceEntity i, BigDecimal amount) {
        BigDecimal insurance = i.getInsuranceShare().subtract(amount);
        if (insurance.signum() < 0 || insurance.compareTo(i.getPaidByInsurance()) < 0
                || i.getPatientShare().add(amount).signum() < 0) {
            throw ProblemException.unprocessable("Cannot move " + amount.toPlainString() + " of invoice " + label(i)
                    + "'s insurance share to the patient");
        }
        i.setInsuranceShare(insurance);
        i.setPatientShare(i.getPatientShare().add(amount));
        settle(i);
    }

    /**
     * A credit note took {@code insurance} and {@code patient} (both zero or positive) off the invoice's shares. What
     * was paid stays: when it is now more than a share, the balance is negative, a refund due (the payment's refund
     * brings it back to zero). 422 when a share would fall below zero.
     */
    public static void credit(InvoiceEntity i, BigDecimal insurance, BigDecimal patient) {
        BigDecimal ins = i.getInsuranceShare().subtract(insurance);
        BigDecimal pat = i.getPatientShare().subtract(patient);
        if (insurance.signum() < 0 || patient.signum() < 0 || ins.signum() < 0 || pat.signum() < 0) {
            throw ProblemException.unprocessable("Cannot credit " + insurance.add(patient).toPlainString()
                    + " on invoice " + label(i) + ": more than its shares");
        }
        i.setInsuranceShare(ins);
        i.setPatientShare(pat);
        settle(i);
    }

    /** The status the paid amounts give an issued invoice: PAID when both shares are settled. */
    public static void settle(InvoiceEntity i) {
        if (DRAFT.equals(i.getStatus()) || VOID.equals(i.getStatus())) {
            return;
        }
        boolean nothingPaid = i.getPaidByPatient().signum() == 0 && i.getPaidByInsurance().signum() == 0;
        boolean settled = patientBalance(i).signum() <= 0 && insuranceBalance(i).signum() <= 0;
        i.setStatus(settled ? PAID : nothingPaid ? ISSUED : PARTIALLY_PAID);
    }

    private static String label(InvoiceEntity i) {
        return i.getNumber() != null ? i.getNumber() : i.getId();
    }
}
