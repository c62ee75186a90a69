package org.pavilion.billing.internal.portal;

import java.time.Instant;
import java.util.List;

import javax.persistence.EntityManager;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.pavilion.billing.internal.insurance.ClaimEntity;
import org.pavilion.billing.internal.insurance.PlanEntity;
import org.pavilion.billing.internal.insurance.PolicyEntity;
import org.pavilion.billing.internal.invoices.DiscountEntity;
import org.pavilion.billing.internal.invoices.InvoiceBalances;
import org.pavilion.billing.internal.invoices.InvoiceEntity;
import org.pavilion.billing.internal.invoices.InvoiceLineEntity;
import org.pavilion.billing.internal.payments.PaymentEntity;

/**
 * The contract's {@code Invoice} JSON (docs/billing-api.md, "Invoices") read from the entities, for the portal and the
 * privacy export: a view of our own, so the invoices part stays free to shape its staff view. Amounts are strings.
 */
public final class InvoiceViews {

    private InvoiceViews() {
    }

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
        /** Detail only (absent in lists). */
        @JsonInclude(JsonInclude.Include.NON_NULL)
        public List<Line> lines;
        @JsonInclude(JsonInclude.Include.NON_NULL)
        public List<Discount> discounts;
        @JsonInclude(JsonInclude.Include.NON_NULL)
        public List<Payment> payments;
        @JsonInclude(JsonInclude.Include.NON_NULL)
        public List<Claim> claims;
    }

    public static class Line {
        public String id;
        public int lineNo;
        public String chargeId;
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

    public static class Payment {
        public String id;
        public String receiptNumber;
        public String invoiceId;
        public String invoiceNumber;
        public String patientId;
        public String kind;
        public String method;
        public String payer;
        public String amount;
        public String currency;
        public String reference;
        public String refundOf;
        public String reason;
        public String cashier;
        public String receivedAt;
        public String day;
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

    /** The invoice; with {@code detail} its lines, discounts, payments and claims too. */
    public static Invoice invoice(EntityManager em, InvoiceEntity i, boolean detail) {
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
        v.netTotal = text(i.getNetTotal());
        v.discountTotal = text(i.getDiscountTotal());
        v.taxTotal = text(i.getTaxTotal());
        v.grossTotal = text(i.getGrossTotal());
        v.insuranceShare = text(i.getInsuranceShare());
        v.patientShare = text(i.getPatientShare());
        v.paidByPatient = text(i.getPaidByPatient());
        v.paidByInsurance = text(i.getPaidByInsurance());
        v.patientBalance = text(InvoiceBalances.patientBalance(i));
        v.insuranceBalance = text(InvoiceBalances.insuranceBalance(i));
        v.policyId = i.getPolicyId();
        v.insurerCode = insurerOf(em, i.getPolicyId());
        v.dueDate = i.getDueDate();
        v.createdAt = instant(i.getCreatedMs());
        v.createdBy = i.getCreatedBy();
        v.issuedAt = instant(i.getIssuedMs());
        v.issuedBy = i.getIssuedBy();
        v.voidReason = i.getVoidReason();
        v.version = i.getVersion();
        if (detail) {
            v.lines = em.createQuery("SELECT l FROM InvoiceLineEntity l WHERE l.invoiceId = :id ORDER BY l.lineNo",
                    InvoiceLineEntity.class).setParameter("id", i.getId()).getResultList().stream()
                    .map(InvoiceViews::line).toList();
            v.discounts = em.createQuery("SELECT d FROM DiscountEntity d WHERE d.invoiceId = :id"
                    + " ORDER BY d.requestedMs, d.id", DiscountEntity.class).setParameter("id", i.getId())
                    .getResultList().stream().map(InvoiceViews::discount).toList();
            v.payments = em.createQuery("SELECT p FROM PaymentEntity p WHERE p.invoiceId = :id"
                    + " ORDER BY p.receivedMs, p.id", PaymentEntity.class).setParameter("id", i.getId())
                    .getResultList().stream().map(p -> payment(p, i.getNumber())).toList();
            v.claims = em.createQuery("SELECT c FROM ClaimEntity c WHERE c.invoiceId = :id"
                    + " ORDER BY c.submittedMs, c.id", ClaimEntity.class).setParameter("id", i.getId())
                    .getResultList().stream().map(c -> claim(em, c, i.getNumber())).toList();
        }
        return v;
    }

    static Line line(InvoiceLineEntity l) {
        Line v = new Line();
        v.id = l.getId();
        v.lineNo = l.getLineNo();
        v.chargeId = l.getChargeId();
        v.priceCode = l.getPriceCode();
        v.description = l.getDescription();
        v.category = l.getCategory();
        v.department = l.getDepartment();
        v.doctorId = l.getDoctorId();
        v.serviceDate = l.getServiceDate();
        v.quantity = text(l.getQuantity());
        v.unitPrice = text(l.getUnitPrice());
        v.net = text(l.getNet());
        v.discount = text(l.getDiscount());
        v.taxRate = text(l.getTaxRate());
        v.tax = text(l.getTax());
        v.gross = text(l.getGross());
        v.insuranceShare = text(l.getInsuranceShare());
        v.patientShare = text(l.getPatientShare());
        return v;
    }

    static Discount discount(DiscountEntity d) {
        Discount v = new Discount();
        v.id = d.getId();
        v.lineId = d.getLineId();
        v.amount = text(d.getAmount());
        v.percent = text(d.getPercent());
        v.reason = d.getReason();
        v.status = d.getStatus();
        v.requestedBy = d.getRequestedBy();
        v.requestedAt = instant(d.getRequestedMs());
        v.decidedBy = d.getDecidedBy();
        v.decidedAt = instant(d.getDecidedMs());
        v.version = d.getVersion();
        return v;
    }

    /** A payment or refund; {@code invoiceNumber} of its invoice. */
    public static Payment payment(PaymentEntity p, String invoiceNumber) {
        Payment v = new Payment();
        v.id = p.getId();
        v.receiptNumber = p.getReceiptNumber();
        v.invoiceId = p.getInvoiceId();
        v.invoiceNumber = invoiceNumber;
        v.patientId = p.getPatientId();
        v.kind = p.getKind();
        v.method = p.getMethod();
        v.payer = p.getPayer();
        v.amount = text(p.getAmount());
        v.currency = p.getCurrency();
        v.reference = p.getReference();
        v.refundOf = p.getRefundOf();
        v.reason = p.getReason();
        v.cashier = p.getCashier();
        v.receivedAt = instant(p.getReceivedMs());
        v.day = p.getBusinessDay();
        return v;
    }

    /** A claim; {@code invoiceNumber} of its invoice; insurer and plan from its policy while that exists. */
    public static Claim claim(EntityManager em, ClaimEntity c, String invoiceNumber) {
        Claim v = new Claim();
        v.id = c.getId();
        v.number = c.getNumber();
        v.invoiceId = c.getInvoiceId();
        v.invoiceNumber = invoiceNumber;
        v.policyId = c.getPolicyId();
        v.patientId = c.getPatientId();
        PolicyEntity policy = c.getPolicyId() == null ? null : em.find(PolicyEntity.class, c.getPolicyId());
        v.planCode = policy == null ? null : policy.getPlanCode();
        v.insurerCode = insurerOf(em, c.getPolicyId());
        v.status = c.getStatus();
        v.claimedAmount = text(c.getClaimedAmount());
        v.approvedAmount = text(c.getApprovedAmount());
        v.reason = c.getReason();
        v.submittedAt = instant(c.getSubmittedMs());
        v.adjudicatedAt = instant(c.getAdjudicatedMs());
        v.version = c.getVersion();
        return v;
    }

    private static String insurerOf(EntityManager em, String policyId) {
        PolicyEntity policy = policyId == null ? null : em.find(PolicyEntity.class, policyId);
        PlanEntity plan = policy == null ? null : em.find(PlanEntity.class, policy.getPlanCode());
        return plan == null ? null : plan.getInsurerCode();
    }

    private static String text(java.math.BigDecimal v) {
        return org.pavilion.billing.internal.money.Amounts.text(v);
    }

    static String instant(Long ms) {
        return ms == null ? null : Instant.ofEpochMilli(ms).toString();
    }
}
