package org.pavilion.billing.internal.soap;

import java.util.ArrayList;
import java.util.List;

import javax.xml.bind.annotation.XmlAccessType;
import javax.xml.bind.annotation.XmlAccessorType;

/**
 * An issued invoice or credit note as BillingQuery answers it: amounts are decimal strings in {@code currency}, dates
 * {@code yyyy-MM-dd}, instants ISO-8601. Lines name the priced item only, never clinical detail; a list of a patient's
 * invoices leaves them out ({@code getInvoice} has them).
 */
@XmlAccessorType(XmlAccessType.FIELD)
public class InvoiceRecord {
    public String number;
    /** INVOICE or CREDIT_NOTE */
    public String kind;
    /** A credit note's credited invoice. */
    public String creditedInvoiceNumber;
    public String patientId;
    public String encounterId;
    /** ISSUED, PARTIALLY_PAID, PAID or VOID */
    public String status;
    public String currency;
    public String netTotal;
    public String discountTotal;
    public String taxTotal;
    public String grossTotal;
    public String insuranceShare;
    public String patientShare;
    public String paidByPatient;
    public String paidByInsurance;
    public String patientBalance;
    public String insuranceBalance;
    public String insurerCode;
    public String dueDate;
    public String issuedAt;
    public List<Line> lines = new ArrayList<>();

    /** One invoice line, amounts rounded per line. */
    @XmlAccessorType(XmlAccessType.FIELD)
    public static class Line {
        public int lineNo;
        public String priceCode;
        public String description;
        public String category;
        public String department;
        public String doctorId;
        public String serviceDate;
        public String quantity;
        public String unitPrice;
        public String net;
        public String discount;
        public String taxRate;
        public String tax;
        public String gross;
        public String insuranceShare;
        public String patientShare;
    }
}
