package org.pavilion.billing.internal.privacy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.persistence.EntityManager;

import org.pavilion.billing.internal.charges.ChargeEntity;
import org.pavilion.billing.internal.insurance.ClaimEntity;
import org.pavilion.billing.internal.insurance.PlanEntity;
import org.pavilion.billing.internal.insurance.PolicyEntity;
import org.pavilion.billing.internal.invoices.InvoiceEntity;
import org.pavilion.billing.internal.payments.PaymentEntity;
import org.pavilion.billing.internal.invoices.InvoiceViews;

/**
 * The patient's billing data for the GDPR export, in the contract's JSON shapes: invoices and credit notes (drafts
 * too) with their lines and discounts, payments and refunds, insurance policies, claims, and the charges billed or
 * still to bill. Read in one transaction.
 */
final class BillingExport {

    private BillingExport() {
    }

    static Map<String, Object> of(EntityManager em, List<String> mrns) {
        Map<String, InvoiceEntity> invoices = new LinkedHashMap<>();
        for (InvoiceEntity i : em.createQuery("SELECT i FROM InvoiceEntity i WHERE i.patientId IN :mrns"
                + " ORDER BY i.createdMs, i.id", InvoiceEntity.class).setParameter("mrns", mrns).getResultList()) {
            invoices.put(i.getId(), i);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("invoices", invoices.values().stream().map(i -> {
            InvoiceViews.Invoice v = new InvoiceViews(em).full(i);
            // listed once, below
            v.payments = null;
            v.claims = null;
            return v;
        }).toList());
        out.put("payments", em.createQuery("SELECT p FROM PaymentEntity p WHERE p.patientId IN :mrns"
                + " ORDER BY p.receivedMs, p.id", PaymentEntity.class).setParameter("mrns", mrns).getResultList()
                .stream().map(p -> InvoiceViews.payment(p, numberOf(em, invoices, p.getInvoiceId()))).toList());
        out.put("policies", em.createQuery("SELECT p FROM PolicyEntity p WHERE p.patientId IN :mrns"
                + " ORDER BY p.validFrom, p.id", PolicyEntity.class).setParameter("mrns", mrns).getResultList()
                .stream().map(p -> policy(em, p)).toList());
        out.put("claims", em.createQuery("SELECT c FROM ClaimEntity c WHERE c.patientId IN :mrns"
                + " ORDER BY c.submittedMs, c.id", ClaimEntity.class).setParameter("mrns", mrns).getResultList()
                .stream().map(c -> new InvoiceViews(em).claim(c, numberOf(em, invoices, c.getInvoiceId()))).toList());
        out.put("charges", em.createQuery("SELECT c FROM ChargeEntity c WHERE c.patientId IN :mrns"
                + " ORDER BY c.serviceDate, c.postedMs, c.id", ChargeEntity.class).setParameter("mrns", mrns)
                .getResultList().stream().map(BillingExport::charge).toList());
        return out;
    }

    private static String numberOf(EntityManager em, Map<String, InvoiceEntity> known, String invoiceId) {
        InvoiceEntity i = known.get(invoiceId);
        if (i == null && invoiceId != null) {
            i = em.find(InvoiceEntity.class, invoiceId);
        }
        return i == null ? null : i.getNumber();
    }

    private static Map<String, Object> policy(EntityManager em, PolicyEntity p) {
        PlanEntity plan = em.find(PlanEntity.class, p.getPlanCode());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", p.getId());
        m.put("patientId", p.getPatientId());
        m.put("planCode", p.getPlanCode());
        m.put("insurerCode", plan == null ? null : plan.getInsurerCode());
        m.put("memberId", p.getMemberId());
        m.put("validFrom", p.getValidFrom());
        m.put("validTo", p.getValidTo());
        m.put("status", p.getStatus());
        m.put("eligibility", p.getEligibility());
        m.put("eligibilityDetail", p.getEligibilityDetail());
        m.put("eligibilityCheckedAt", instant(p.getEligibilityCheckedMs()));
        return m;
    }

    private static Map<String, Object> charge(ChargeEntity c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.getId());
        m.put("patientId", c.getPatientId());
        m.put("encounterId", c.getEncounterId());
        m.put("sourceType", c.getSourceType());
        m.put("sourceId", c.getSourceId());
        m.put("priceCode", c.getPriceCode());
        m.put("description", c.getDescription());
        m.put("category", c.getCategory());
        m.put("department", c.getDepartment());
        m.put("doctorId", c.getDoctorId());
        m.put("quantity", c.getQuantity() == null ? null : c.getQuantity().toPlainString());
        m.put("unitPrice", c.getUnitPrice() == null ? null : c.getUnitPrice().toPlainString());
        m.put("taxRate", c.getTaxRate() == null ? null : c.getTaxRate().toPlainString());
        m.put("serviceDate", c.getServiceDate());
        m.put("postedAt", instant(c.getPostedMs()));
        m.put("postedBy", c.getPostedBy());
        m.put("status", c.getStatus());
        m.put("invoiceId", c.getInvoiceId());
        m.put("note", c.getNote());
        return m;
    }

    private static String instant(Long ms) {
        return ms == null ? null : java.time.Instant.ofEpochMilli(ms).toString();
    }
}
