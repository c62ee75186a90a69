package org.pavilion.billing.internal.invoices;

import java.time.Instant;
import java.util.List;

import javax.persistence.EntityManager;

import org.pavilion.billing.internal.insurance.ClaimEntity;
import org.pavilion.billing.internal.insurance.PlanEntity;
import org.pavilion.billing.internal.insurance.PolicyEntity;
import org.pavilion.billing.internal.money.Amounts;
import org.pavilion.billing.internal.payments.PaymentEntity;
import org.pavilion.billing.internal.payments.PaymentViews;

/** The JSON of an invoice, its lines, discounts, payments and claims (docs/billing-api.md, "Invoices"). */
public final class InvoiceViews {

    public static class Invoice {
        public String id;
        public String number;
        public String kind;
        public String creditedInvoiceId;
        public String patientId;
        public String encounterId;
        public String periodFrom;
        public String periodTo;
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
        /** Negative: a refund is due to the patient (a credit note on a paid invoice). */
        public String patientBalance;
        public String insuranceBalance;
        public String policyId;
        public String insurerCode;
        public String dueDate;
        public String createdAt;
        public String createdBy;
        public String issuedAt;
        public String issuedBy;
        public String voidReason;
        public int version;
        /** Null in lists. */
        public List<Line> lines;
        public List<Discount> discounts;
        public List<PaymentViews.Payment> payments;
        public List<Claim> claims;
    }

    public static class Line {
        public String id;
        public int lineNo;
        public String chargeId;
        public String creditedLineId;
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

    public static class Discount {
        public String id;
        public String invoiceId;
        public String lineId;
        public String amount;
        public String percent;
        public String reason;
        public String status;
        public String requestedBy;
        public String requestedAt;
        public String decidedBy;
        public String decidedAt;
        public int version;
    }

    public static class Claim {
        public String id;
        public String number;
        public String invoiceId;
        public String invoiceNumber;
        public String policyId;
        public String patientId;
        public String insurerCode;
        public String planCode;
        public String status;
        public String claimedAmount;
        public String approvedAmount;
        public String reason;
        public String submittedAt;
        public String adjudicatedAt;
        public int version;
    }

    private final EntityManager em;

    public InvoiceViews(EntityManager em) {
        this.em = em;
    }

    /** The invoice without its lines (lists). */
    public Invoice summary(InvoiceEntity i) {
        Invoice v = new Invoice();
        v.id = i.getId();
        v.number = i.getNumber();
        v.kind = i.getKind();
        v.creditedInvoiceId = i.getCreditedInvoiceId();
        v.patientId = i.getPatientId();
        v.encounterId = i.getEncounterId();
        v.periodFrom = i.getPeriodFrom();
        v.periodTo = i.getPeriodTo();
        v.status = i.getStatus();
        v.currency = i.getCurrency();
        v.netTotal = Amounts.text(i.getNetTotal());
        v.discountTotal = Amounts.text(i.getDiscountTotal());
        v.taxTotal = Amounts.text(i.getTaxTotal());
        v.grossTotal = Amounts.text(i.getGrossTotal());
        v.insuranceShare = Amounts.text(i.getInsuranceShare());
        v.patientShare = Amounts.text(i.getPatientShare());
        v.paidByPatient = Amounts.text(i.getPaidByPatient());
        v.paidByInsurance = Amounts.text(i.getPaidByInsurance());
        v.patientBalance = Amounts.text(InvoiceBalances.patientBalance(i));
        v.insuranceBalance = Amounts.text(InvoiceBalances.insuranceBalance(i));
        v.policyId = i.getPolicyId();
        v.insurerCode = insurerOf(i.getPolicyId());
        v.dueDate = i.getDueDate();
        v.createdAt = instant(i.getCreatedMs());
        v.createdBy = i.getCreatedBy();
        v.issuedAt = instant(i.getIssuedMs());
        v.issuedBy = i.getIssuedBy();
        v.voidReason = i.getVoidReason();
        v.version = i.getVersion();
        return v;
    }

    /** The whole invoice: lines, discounts, payments and claims. */
    public Invoice full(InvoiceEntity i) {
        Invoice v = summary(i);
        v.lines = lines(i.getId()).stream().map(InvoiceViews::line).toList();
        v.discounts = em.createQuery("SELECT d FROM DiscountEntity d WHERE d.invoiceId = :id ORDER BY d.requestedMs",
                DiscountEntity.class).setParameter("id", i.getId()).getResultList().stream()
                .map(InvoiceViews::discount).toList();
        v.payments = payments(i.getId()).stream().map(p -> payment(p, i.getNumber())).toList();
        v.claims = em.createQuery("SELECT c FROM ClaimEntity c WHERE c.invoiceId = :id ORDER BY c.submittedMs",
                ClaimEntity.class).setParameter("id", i.getId()).getResultList().stream()
                .map(c -> claim(c, i.getNumber())).toList();
        return v;
    }

    public List<InvoiceLineEntity> lines(String invoiceId) {
        return em.createQuery("SELECT l FROM InvoiceLineEntity l WHERE l.invoiceId = :id ORDER BY l.lineNo",
                InvoiceLineEntity.class).setParameter("id", invoiceId).getResultList();
    }

    public List<PaymentEntity> payments(String invoiceId) {
        return em.createQuery("SELECT p FROM PaymentEntity p WHERE p.invoiceId = :id ORDER BY p.receivedMs",
                PaymentEntity.class).setParameter("id", invoiceId).getResultList();
    }

    /** The insurer of a policy (through its plan), or null. */
    public String insurerOf(String policyId) {
        PlanEntity plan = planOf(policyId);
        return plan == null ? null : plan.getInsurerCode();
    }

    private PlanEntity planOf(String policyId) {
        PolicyEntity p = policyId == null ? null : em.find(PolicyEntity.class, policyId);
        return p == null ? null : em.find(PlanEntity.class, p.getPlanCode());
    }

    public static Line line(InvoiceLineEntity l) {
        Line v = new Line();
        v.id = l.getId();
        v.lineNo = l.getLineNo();
        v.chargeId = l.getChargeId();
        v.creditedLineId = l.getCreditedLineId();
        v.priceCode = l.getPriceCode();
        v.description = l.getDescription();
        v.category = l.getCategory();
        v.department = l.getDepartment();
        v.doctorId = l.getDoctorId();
        v.serviceDate = l.getServiceDate();
        v.quantity = Amounts.text(l.getQuantity());
        v.unitPrice = Amounts.text(l.getUnitPrice());
        v.net = Amounts.text(l.getNet());
        v.discount = Amounts.text(l.getDiscount());
        v.taxRate = Amounts.text(l.getTaxRate());
        v.tax = Amounts.text(l.getTax());
        v.gross = Amounts.text(l.getGross());
        v.insuranceShare = Amounts.text(l.getInsuranceShare());
        v.patientShare = Amounts.text(l.getPatientShare());
        return v;
    }

    public static Discount discount(DiscountEntity d) {
        Discount v = new Discount();
        v.id = d.getId();
        v.invoiceId = d.getInvoiceId();
        v.lineId = d.getLineId();
        v.amount = Amounts.text(d.getAmount());
        v.percent = d.getPercent() == null ? null : d.getPercent().stripTrailingZeros().toPlainString();
        v.reason = d.getReason();
        v.status = d.getStatus();
        v.requestedBy = d.getRequestedBy();
        v.requestedAt = instant(d.getRequestedMs());
        v.decidedBy = d.getDecidedBy();
        v.decidedAt = instant(d.getDecidedMs());
        v.version = d.getVersion();
        return v;
    }

    /** A payment as the payment endpoints show it (one view of a payment for the whole department). */
    public static PaymentViews.Payment payment(PaymentEntity p, String invoiceNumber) {
        return PaymentViews.Payment.of(p, invoiceNumber);
    }

    public Claim claim(ClaimEntity c, String invoiceNumber) {
        Claim v = new Claim();
        v.id = c.getId();
        v.number = c.getNumber();
        v.invoiceId = c.getInvoiceId();
        v.invoiceNumber = invoiceNumber;
        v.policyId = c.getPolicyId();
        v.patientId = c.getPatientId();
        PlanEntity plan = planOf(c.getPolicyId());
        v.planCode = plan == null ? null : plan.getCode();
        v.insurerCode = plan == null ? null : plan.getInsurerCode();
        v.status = c.getStatus();
        v.claimedAmount = Amounts.text(c.getClaimedAmount());
        v.approvedAmount = Amounts.text(c.getApprovedAmount());
        v.reason = c.getReason();
        v.submittedAt = instant(c.getSubmittedMs());
        v.adjudicatedAt = instant(c.getAdjudicatedMs());
        v.version = c.getVersion();
        return v;
    }

    static String instant(Long ms) {
        return ms == null ? null : Instant.ofEpochMilli(ms).toString();
    }
}
