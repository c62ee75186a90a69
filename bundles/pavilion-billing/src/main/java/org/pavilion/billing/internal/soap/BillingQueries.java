package org.pavilion.billing.internal.soap;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.TypedQuery;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.pavilion.billing.internal.BillingConfig;
import org.pavilion.billing.internal.access.PatientGate;
import org.pavilion.billing.internal.accounting.BusinessDays;
import org.pavilion.billing.internal.insurance.ClaimEntity;
import org.pavilion.billing.internal.insurance.PlanEntity;
import org.pavilion.billing.internal.insurance.PolicyEntity;
import org.pavilion.billing.internal.invoices.InvoiceBalances;
import org.pavilion.billing.internal.invoices.InvoiceEntity;
import org.pavilion.billing.internal.invoices.InvoiceLineEntity;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.ProblemException;

/**
 * What BillingQuery reads: issued invoices and claims by number, a patient's invoices, claims by status and period.
 * Every patient whose data an answer shows is asked for at the {@link PatientGate} first (a refusal is a 403 and
 * audited there) and leaves a read record in the audit trail (resource types {@code bl-invoice}, {@code bl-claim}).
 */
@Component(service = BillingQueries.class, configurationPid = BillingConfig.PID)
public class BillingQueries {

    /** The most invoices of one patient, or claims of one call, an answer lists (newest first / oldest first). */
    static final int MAX_INVOICES = 200;
    static final int MAX_CLAIMS = 1000;
    static final Set<String> CLAIM_STATUSES = Set.of("SUBMITTED", "APPROVED", "PARTLY_APPROVED", "DENIED", "ERROR");

    private final JpaTransactions jpa;
    private final AuditService audit;
    private final PatientGate withoutEmr;
    private volatile BusinessDays days;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile PatientGate gate;

    @Activate
    public BillingQueries(@Reference(target = "(osgi.unit.name=pavilion-billing)") EntityManagerFactory emf,
            @Reference AuditService audit, BillingConfig config) {
        this(emf, audit, null, BusinessDays.of(config.zone()));
    }

    /** For tests: {@code gate} null for the department's own rule (as without the EMR). */
    public BillingQueries(EntityManagerFactory emf, AuditService audit, PatientGate gate, BusinessDays days) {
        this.jpa = new JpaTransactions(emf);
        this.audit = audit;
        this.gate = gate;
        this.days = days;
        this.withoutEmr = PatientGate.withoutEmr(audit);
    }

    @Modified
    void modified(BillingConfig config) {
        days = BusinessDays.of(config.zone());
    }

    private PatientGate gate() {
        PatientGate g = gate;
        return g != null ? g : withoutEmr;
    }

    /** An issued invoice or credit note with its lines; 400 without a number, 404 unknown (drafts have none). */
    public InvoiceRecord invoice(String number) {
        String n = required(number, "number").toUpperCase(Locale.ROOT);
        InvoiceEntity found = jpa.call(em -> first(em.createQuery("SELECT i FROM InvoiceEntity i WHERE i.number = :n",
                InvoiceEntity.class).setParameter("n", n)));
        if (found == null) {
            throw ProblemException.notFound("Invoice", n);
        }
        PatientGate.Allowed allowed = PatientGate.allow(gate(), found.getPatientId(), false, "READ", "bl-invoice");
        InvoiceRecord answer = jpa.call(em -> record(em, found, true));
        audit.record(allowed.audit().resourceId(found.getId()).detail("BillingQuery getInvoice " + n).build());
        return answer;
    }

    /** The patient's issued invoices and credit notes (voided ones too), newest first, without lines. */
    public List<InvoiceRecord> patientInvoices(String mrn) {
        String patient = required(mrn, "mrn");
        PatientGate.Allowed allowed = PatientGate.allow(gate(), patient, false, "SEARCH", "bl-invoice");
        List<InvoiceRecord> answer = jpa.call(em -> {
            List<InvoiceRecord> records = new ArrayList<>();
            for (InvoiceEntity i : em.createQuery("SELECT i FROM InvoiceEntity i WHERE i.patientId = :mrn"
                    + " AND i.number IS NOT NULL ORDER BY i.issuedMs DESC, i.number DESC", InvoiceEntity.class)
                    .setParameter("mrn", allowed.mrn()).setMaxResults(MAX_INVOICES).getResultList()) {
                records.add(record(em, i, false));
            }
            return records;
        });
        audit.record(allowed.audit().detail("BillingQuery listPatientInvoices: " + answer.size()).build());
        return answer;
    }

    /** A claim; 400 without a number, 404 unknown. */
    public ClaimRecord claim(String number) {
        String n = required(number, "number").toUpperCase(Locale.ROOT);
        ClaimEntity found = jpa.call(em -> first(em.createQuery("SELECT c FROM ClaimEntity c WHERE c.number = :n",
                ClaimEntity.class).setParameter("n", n)));
        if (found == null) {
            throw ProblemException.notFound("Claim", n);
        }
        PatientGate.Allowed allowed = PatientGate.allow(gate(), found.getPatientId(), false, "READ", "bl-claim");
        ClaimRecord answer = jpa.call(em -> record(em, found));
        audit.record(allowed.audit().resourceId(found.getId()).detail("BillingQuery getClaim " + n).build());
        return answer;
    }

    /**
     * Claims submitted from {@code from} (default the first of this month) to {@code to} (default today), both
     * included, of one {@code status} or all, oldest first. More than {@value #MAX_CLAIMS}: 422, ask for less.
     */
    public List<ClaimRecord> claims(String status, String from, String to) {
        String s = status == null || status.isBlank() ? null : status.strip().toUpperCase(Locale.ROOT);
        if (s != null && !CLAIM_STATUSES.contains(s)) {
            throw ProblemException.validation("status must be one of " + new java.util.TreeSet<>(CLAIM_STATUSES)
                    + " (was '" + status.strip() + "')");
        }
        BusinessDays d = days;
        LocalDate today = d.today();
        LocalDate first = BusinessDays.day("from", from, today.withDayOfMonth(1));
        LocalDate last = BusinessDays.day("to", to, today);
        BusinessDays.ordered(first, last);
        List<ClaimEntity> found = jpa.call(em -> {
            TypedQuery<ClaimEntity> q = em.createQuery("SELECT c FROM ClaimEntity c WHERE c.submittedMs >= :start"
                    + " AND c.submittedMs < :end" + (s == null ? "" : " AND c.status = :status")
                    + " ORDER BY c.submittedMs, c.number", ClaimEntity.class)
                    .setParameter("start", d.startMs(first)).setParameter("end", d.startMs(last.plusDays(1)));
            if (s != null) {
                q.setParameter("status", s);
            }
            return q.setMaxResults(MAX_CLAIMS + 1).getResultList();
        });
        if (found.size() > MAX_CLAIMS) {
            throw ProblemException.unprocessable("More than " + MAX_CLAIMS + " claims from " + first + " to " + last
                    + ": ask for a shorter period or one status");
        }
        // every patient shown must be allowed, each leaves one record
        Map<String, AuditEvent.Builder> shown = new LinkedHashMap<>();
        Set<String> patients = new LinkedHashSet<>();
        found.forEach(c -> patients.add(c.getPatientId()));
        for (String patient : patients) {
            shown.put(patient, PatientGate.allow(gate(), patient, false, "SEARCH", "bl-claim").audit());
        }
        List<ClaimRecord> answer = jpa.call(em -> {
            List<ClaimRecord> records = new ArrayList<>();
            for (ClaimEntity c : found) {
                records.add(record(em, c));
            }
            return records;
        });
        String detail = "BillingQuery listClaims " + (s == null ? "" : s + " ") + first + ".." + last;
        List<AuditEvent> records = new ArrayList<>();
        shown.values().forEach(b -> records.add(b.detail(detail).build()));
        if (!records.isEmpty()) {
            audit.recordAll(records);
        }
        return answer;
    }

    private static InvoiceRecord record(EntityManager em, InvoiceEntity i, boolean withLines) {
        InvoiceRecord r = new InvoiceRecord();
        r.number = i.getNumber();
        r.kind = i.getKind();
        if (i.getCreditedInvoiceId() != null) {
            InvoiceEntity credited = em.find(InvoiceEntity.class, i.getCreditedInvoiceId());
            r.creditedInvoiceNumber = credited == null ? null : credited.getNumber();
        }
        r.patientId = i.getPatientId();
        r.encounterId = i.getEncounterId();
        r.status = i.getStatus();
        r.currency = i.getCurrency();
        r.netTotal = text(i.getNetTotal());
        r.discountTotal = text(i.getDiscountTotal());
        r.taxTotal = text(i.getTaxTotal());
        r.grossTotal = text(i.getGrossTotal());
        r.insuranceShare = text(i.getInsuranceShare());
        r.patientShare = text(i.getPatientShare());
        r.paidByPatient = text(i.getPaidByPatient());
        r.paidByInsurance = text(i.getPaidByInsurance());
        r.patientBalance = text(InvoiceBalances.patientBalance(i));
        r.insuranceBalance = text(InvoiceBalances.insuranceBalance(i));
        r.insurerCode = insurer(em, i.getPolicyId())[0];
        r.dueDate = i.getDueDate();
        r.issuedAt = instant(i.getIssuedMs());
        if (withLines) {
            for (InvoiceLineEntity l : em.createQuery("SELECT l FROM InvoiceLineEntity l WHERE l.invoiceId = :id"
                    + " ORDER BY l.lineNo", InvoiceLineEntity.class).setParameter("id", i.getId()).getResultList()) {
                InvoiceRecord.Line line = new InvoiceRecord.Line();
                line.lineNo = l.getLineNo();
                line.priceCode = l.getPriceCode();
                line.description = l.getDescription();
                line.category = l.getCategory();
                line.department = l.getDepartment();
                line.doctorId = l.getDoctorId();
                line.serviceDate = l.getServiceDate();
                line.quantity = text(l.getQuantity());
                line.unitPrice = text(l.getUnitPrice());
                line.net = text(l.getNet());
                line.discount = text(l.getDiscount());
                line.taxRate = text(l.getTaxRate());
                line.tax = text(l.getTax());
                line.gross = text(l.getGross());
                line.insuranceShare = text(l.getInsuranceShare());
                line.patientShare = text(l.getPatientShare());
                r.lines.add(line);
            }
        }
        return r;
    }

    private static ClaimRecord record(EntityManager em, ClaimEntity c) {
        ClaimRecord r = new ClaimRecord();
        r.number = c.getNumber();
        InvoiceEntity invoice = em.find(InvoiceEntity.class, c.getInvoiceId());
        r.invoiceNumber = invoice == null ? null : invoice.getNumber();
        r.patientId = c.getPatientId();
        String[] insurer = insurer(em, c.getPolicyId());
        r.insurerCode = insurer[0];
        r.planCode = insurer[1];
        r.status = c.getStatus();
        r.claimedAmount = text(c.getClaimedAmount());
        r.approvedAmount = text(c.getApprovedAmount());
        r.reason = c.getReason();
        r.submittedAt = instant(c.getSubmittedMs());
        r.adjudicatedAt = instant(c.getAdjudicatedMs());
        return r;
    }

    /** [insurer code, plan code] of a policy, nulls when there is none. */
    private static String[] insurer(EntityManager em, String policyId) {
        PolicyEntity policy = policyId == null ? null : em.find(PolicyEntity.class, policyId);
        PlanEntity plan = policy == null ? null : em.find(PlanEntity.class, policy.getPlanCode());
        return new String[] {plan == null ? null : plan.getInsurerCode(), policy == null ? null : policy.getPlanCode()};
    }

    private static <T> T first(TypedQuery<T> q) {
        List<T> rows = q.setMaxResults(1).getResultList();
        return rows.isEmpty() ? null : rows.get(0);
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ProblemException.validation(field + " is required");
        }
        return value.strip();
    }

    private static String text(java.math.BigDecimal v) {
        return org.pavilion.billing.internal.money.Amounts.text(v);
    }

    private static String instant(Long ms) {
        return ms == null ? null : Instant.ofEpochMilli(ms).toString();
    }
}
