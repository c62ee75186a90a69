package org.pavilion.billing.internal.insurance;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.LongSupplier;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.LockModeType;
import javax.persistence.TypedQuery;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.pavilion.billing.api.ClaimAdjudicated;
import org.pavilion.billing.api.ClaimEvent;
import org.pavilion.billing.api.ClaimSubmitted;
import org.pavilion.billing.internal.BillingConfig;
import org.pavilion.billing.internal.BillingTransactions;
import org.pavilion.billing.internal.access.PatientGate;
import org.pavilion.billing.internal.accounting.Account;
import org.pavilion.billing.internal.accounting.Journal;
import org.pavilion.billing.internal.accounting.Posting;
import org.pavilion.billing.internal.fhir.FhirInsurerClient;
import org.pavilion.billing.internal.fhir.InsurerExchange;
import org.pavilion.billing.internal.fhir.InsurerExchange.ClaimAnswer;
import org.pavilion.billing.internal.fhir.InsurerExchange.ClaimRequest;
import org.pavilion.billing.internal.invoices.InvoiceBalances;
import org.pavilion.billing.internal.invoices.InvoiceEntity;
import org.pavilion.billing.internal.invoices.InvoiceLineEntity;
import org.pavilion.billing.internal.money.Amounts;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.AuditedTransaction;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.DeclaredConstraints;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.events.api.EventPublisher;

/**
 * Claims for issued invoices' insurance shares. A claim is written SUBMITTED first (numbered, {@code ClaimSubmitted}),
 * then sent to the insurer outside any transaction, then its answer recorded: adjudicated (APPROVED, PARTLY_APPROVED,
 * DENIED: the unpaid difference moves to the patient's share, journal CLAIM_ADJUDICATED, {@code ClaimAdjudicated}),
 * refused (ERROR), or still SUBMITTED when the insurer queued it or did not answer (ask again with refresh).
 */
@Component(service = ClaimService.class, configurationPid = BillingConfig.PID)
public class ClaimService {

    static final String RESOURCE = "bl-claim";
    public static final String SUBMITTED = "SUBMITTED";
    public static final String APPROVED = "APPROVED";
    public static final String PARTLY_APPROVED = "PARTLY_APPROVED";
    public static final String DENIED = "DENIED";
    public static final String ERROR = "ERROR";

    private final EntityManagerFactory emf;
    private final AuditService audit;
    private final EventPublisher events;
    private final FhirInsurerClient insurers;
    private final LongSupplier clock;
    private final PatientGate withoutEmr;
    private final DeclaredConstraints constraints;
    private volatile ZoneId zone;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile PatientGate gate;

    @Activate
    public ClaimService(@Reference(target = "(osgi.unit.name=pavilion-billing)") EntityManagerFactory emf,
            @Reference AuditService audit, @Reference EventPublisher events, @Reference FhirInsurerClient insurers,
            BillingConfig config, @Reference DeclaredConstraints constraints) {
        this(emf, audit, events, insurers, null, PolicyService.zone(config), System::currentTimeMillis, constraints);
    }

    /** For tests: {@code gate} null for the department's own rule (as without the EMR). */
    public ClaimService(EntityManagerFactory emf, AuditService audit, EventPublisher events,
            FhirInsurerClient insurers, PatientGate gate, ZoneId zone, LongSupplier clock,
            DeclaredConstraints constraints) {
        this.constraints = constraints;
        this.emf = emf;
        this.audit = audit;
        this.events = events;
        this.insurers = insurers;
        this.gate = gate;
        this.zone = zone;
        this.clock = clock;
        this.withoutEmr = PatientGate.withoutEmr(audit);
    }

    @Modified
    void modified(BillingConfig config) {
        this.zone = PolicyService.zone(config);
    }

    /** What the insurer is sent, read in the transaction that wrote the claim. */
    private record Outgoing(String claimId, InsurerExchange.Insurer insurer, ClaimRequest request) {
    }

    /**
     * Claims the invoice's open insurance share: 400 without an invoiceId, 404 for an unknown invoice, 422 when it
     * has no share (uninsured), 409 when it is not issued or already has a claim that did not end in ERROR.
     */
    public ClaimDto submit(ClaimResource.NewClaim in) {
        // What NewClaim declares (400); the invoice's state and share are checked against the database below.
        constraints.check(in);
        String invoiceId = in.invoiceId;
        String patientId = new JpaTransactions(emf).call(em -> invoice(em, invoiceId).getPatientId());
        PatientGate.Allowed allowed = check(patientId, true, "CREATE");
        String actor = PatientGate.actor("system");
        Outgoing out = BillingTransactions.run(emf, audit, "Invoice " + invoiceId, em -> {
            InvoiceEntity i = invoice(em, invoiceId);
            if (!"INVOICE".equals(i.getKind()) || InvoiceBalances.DRAFT.equals(i.getStatus())
                    || InvoiceBalances.VOID.equals(i.getStatus())) {
                throw ProblemException.conflict("Only an issued invoice is claimed (" + i.getStatus() + ")");
            }
            BigDecimal claimed = InvoiceBalances.insuranceBalance(i);
            if (i.getPolicyId() == null || claimed.signum() <= 0) {
                throw ProblemException.unprocessable("Invoice " + i.getNumber()
                        + " has no insurance share to claim (the patient pays it all)");
            }
            List<ClaimEntity> open = em.createQuery("select c from ClaimEntity c where c.invoiceId = :invoice"
                    + " and c.status <> :error", ClaimEntity.class).setParameter("invoice", invoiceId)
                    .setParameter("error", ERROR).getResultList();
            if (!open.isEmpty()) {
                throw ProblemException.conflict("Invoice " + i.getNumber() + " is claimed already ("
                        + open.get(0).getNumber() + ", " + open.get(0).getStatus() + ")");
            }
            // two clerks claiming one invoice at once: the invoice's version lets one through, the other gets 409
            em.lock(i, LockModeType.OPTIMISTIC_FORCE_INCREMENT);
            PolicyEntity policy = em.find(PolicyEntity.class, i.getPolicyId());
            PlanEntity plan = em.find(PlanEntity.class, policy.getPlanCode());
            InsurerEntity insurer = em.find(InsurerEntity.class, plan.getInsurerCode());
            if (insurer.getFhirBaseUrl() == null) {
                throw ProblemException.unprocessable("Insurer " + insurer.getCode()
                        + " takes no electronic claims (no FHIR base URL)");
            }
            long now = clock.getAsLong();
            ClaimEntity c = new ClaimEntity();
            c.setId(UUID.randomUUID().toString());
            c.setNumber(BillingTransactions.nextNumber(em, BillingTransactions.CLAIMS, "CLM", day(now).getYear()));
            c.setInvoiceId(invoiceId);
            c.setPolicyId(policy.getId());
            c.setPatientId(i.getPatientId());
            c.setStatus(SUBMITTED);
            c.setClaimedAmount(claimed);
            c.setSubmittedMs(now);
            c.setSubmittedBy(actor);
            em.persist(c);
            ClaimSubmitted event = fill(new ClaimSubmitted(), c, i, plan, actor);
            event.submittedAt = Instant.ofEpochMilli(now).toString();
            events.publish(em, ClaimSubmitted.TYPE, subject(i), event);
            em.flush();
            return AuditedTransaction.Done.of(new Outgoing(c.getId(), exchangeInsurer(insurer),
                    request(em, c, i, policy)), allowed.audit().resourceId(c.getId()).detail(c.getNumber()).build());
        });
        ClaimAnswer answer;
        try {
            answer = insurers.submitClaim(out.insurer(), out.request());
        } catch (InsurerExchange.Unavailable e) {
            return unanswered(out.claimId(), e, allowed);
        }
        return record(out.claimId(), answer, allowed);
    }

    /** Asks the insurer about a SUBMITTED claim: its ClaimResponse, or the claim again if it never got it. */
    public ClaimDto refresh(String id) {
        ClaimDto current = get(id, false);
        PatientGate.Allowed allowed = check(current.patientId, true, "UPDATE");
        if (!SUBMITTED.equals(current.status)) {
            throw ProblemException.conflict("Claim " + current.number + " is " + current.status + ": nothing to ask");
        }
        record Ask(InsurerExchange.Insurer insurer, String insurerClaimId, ClaimRequest resend) {
        }
        Ask ask = new JpaTransactions(emf).call(em -> {
            ClaimEntity c = find(em, id);
            PolicyEntity policy = em.find(PolicyEntity.class, c.getPolicyId());
            PlanEntity plan = em.find(PlanEntity.class, policy.getPlanCode());
            InsurerEntity insurer = em.find(InsurerEntity.class, plan.getInsurerCode());
            return new Ask(exchangeInsurer(insurer), c.getInsurerClaimId(), c.getInsurerClaimId() != null ? null
                    : request(em, c, em.find(InvoiceEntity.class, c.getInvoiceId()), policy));
        });
        try {
            if (ask.resend() != null) {
                return record(id, insurers.submitClaim(ask.insurer(), ask.resend()), allowed);
            }
            Optional<ClaimAnswer> answer = insurers.claimResponse(ask.insurer(), ask.insurerClaimId());
            return answer.isPresent() ? record(id, answer.get(), allowed) : get(id, false);
        } catch (InsurerExchange.Unavailable e) {
            return unanswered(id, e, allowed);
        }
    }

    /** Records the insurer's answer on a SUBMITTED claim (a claim answered meanwhile is left as it is). */
    private ClaimDto record(String claimId, ClaimAnswer answer, PatientGate.Allowed allowed) {
        String actor = PatientGate.actor("system");
        return BillingTransactions.run(emf, audit, "Claim " + claimId, em -> {
            ClaimEntity c = find(em, claimId);
            if (!SUBMITTED.equals(c.getStatus())) {
                return new AuditedTransaction.Done<>(view(em, c), List.of());
            }
            if (answer.insurerClaimId() != null) {
                c.setInsurerClaimId(answer.insurerClaimId());
            }
            if (answer.responseId() != null) {
                c.setResponseId(answer.responseId());
            }
            switch (answer.outcome()) {
            case QUEUED -> c.setReason(limit(answer.reason() != null ? answer.reason() : "queued by the insurer"));
            case ERROR -> {
                c.setStatus(ERROR);
                c.setReason(limit(answer.reason()));
                c.setAdjudicatedMs(clock.getAsLong());
            }
            case COMPLETE -> adjudicate(em, c, answer, actor);
            }
            em.flush();
            return AuditedTransaction.Done.of(view(em, c), allowed.audit().resourceId(claimId)
                    .detail(c.getNumber() + " " + c.getStatus()).build());
        });
    }

    private void adjudicate(EntityManager em, ClaimEntity c, ClaimAnswer answer, String actor) {
        InvoiceEntity i = invoice(em, c.getInvoiceId());
        String currency = i.getCurrency();
        BigDecimal approved = Amounts.round(answer.approved() == null ? BigDecimal.ZERO : answer.approved(), currency)
                .max(Amounts.zero(currency)).min(c.getClaimedAmount());
        BigDecimal difference = c.getClaimedAmount().subtract(approved);
        c.setApprovedAmount(approved);
        c.setStatus(difference.signum() == 0 ? APPROVED : approved.signum() == 0 ? DENIED : PARTLY_APPROVED);
        c.setReason(limit(answer.reason()));
        long now = clock.getAsLong();
        c.setAdjudicatedMs(now);
        if (difference.signum() > 0) {
            InvoiceBalances.shiftToPatient(i, difference);
            Journal.post(em, new Posting("CLAIM_ADJUDICATED", "CLAIM", c.getId(),
                    c.getNumber() + " " + c.getStatus() + " for " + i.getNumber())
                    .move(difference, Account.RECEIVABLE_PATIENTS, Account.RECEIVABLE_INSURERS), day(now), now, actor);
        }
        PolicyEntity policy = em.find(PolicyEntity.class, c.getPolicyId());
        ClaimAdjudicated event = fill(new ClaimAdjudicated(), c, i, em.find(PlanEntity.class, policy.getPlanCode()),
                actor);
        event.approvedAmount = Amounts.text(approved);
        event.reason = c.getReason();
        event.adjudicatedAt = Instant.ofEpochMilli(now).toString();
        events.publish(em, ClaimAdjudicated.TYPE, subject(i), event);
    }

    /** The insurer did not answer: the claim stays SUBMITTED, with why, for a refresh later. */
    private ClaimDto unanswered(String claimId, InsurerExchange.Unavailable e, PatientGate.Allowed allowed) {
        return BillingTransactions.run(emf, audit, "Claim " + claimId, em -> {
            ClaimEntity c = find(em, claimId);
            if (SUBMITTED.equals(c.getStatus())) {
                c.setReason(limit(e.getMessage()));
            }
            em.flush();
            return AuditedTransaction.Done.of(view(em, c), allowed.audit().resourceId(claimId)
                    .detail(c.getNumber() + " not answered").build());
        });
    }

    public ClaimDto get(String id) {
        return get(id, true);
    }

    private ClaimDto get(String id, boolean audited) {
        ClaimDto d = new JpaTransactions(emf).call(em -> view(em, find(em, id)));
        if (audited) {
            audit.record(check(d.patientId, false, "READ").audit().resourceId(id).build());
        }
        return d;
    }

    /** Claims by status, insurer and submission day (the hospital's zone), newest first. */
    public Page<ClaimDto> list(String status, String insurerCode, String from, String to, int page, int size) {
        Page.validate(page, size);
        StringBuilder where = new StringBuilder(" where 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (!InsurerCatalogue.blank(status)) {
            where.append(" and c.status = :status");
            params.put("status", status);
        }
        if (!InsurerCatalogue.blank(insurerCode)) {
            where.append(" and c.policyId in (select p.id from PolicyEntity p, PlanEntity pl"
                    + " where p.planCode = pl.code and pl.insurerCode = :insurer)");
            params.put("insurer", insurerCode);
        }
        if (!InsurerCatalogue.blank(from)) {
            where.append(" and c.submittedMs >= :fromMs");
            params.put("fromMs", PolicyService.date("from", from).atStartOfDay(zone).toInstant().toEpochMilli());
        }
        if (!InsurerCatalogue.blank(to)) {
            where.append(" and c.submittedMs < :toMs");
            params.put("toMs", PolicyService.date("to", to).plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli());
        }
        Page<ClaimDto> result = new JpaTransactions(emf).call(em -> {
            TypedQuery<ClaimEntity> q = em.createQuery("select c from ClaimEntity c" + where
                    + " order by c.submittedMs desc, c.number desc", ClaimEntity.class);
            TypedQuery<Long> n = em.createQuery("select count(c) from ClaimEntity c" + where, Long.class);
            params.forEach((k, v) -> {
                q.setParameter(k, v);
                n.setParameter(k, v);
            });
            List<ClaimDto> items = q.setFirstResult(page * size).setMaxResults(size).getResultList().stream()
                    .map(c -> view(em, c)).toList();
            return Page.of(items, page, size, () -> n.getSingleResult());
        });
        // each patient on the page is a read of their billing data
        List<String> seen = new ArrayList<>();
        for (ClaimDto c : result.getItems()) {
            if (!seen.contains(c.patientId)) {
                seen.add(c.patientId);
                audit.record(check(c.patientId, false, "SEARCH").audit().build());
            }
        }
        return result;
    }

    private ClaimRequest request(EntityManager em, ClaimEntity c, InvoiceEntity i, PolicyEntity policy) {
        List<InvoiceLineEntity> lines = em.createQuery("select l from InvoiceLineEntity l where l.invoiceId = :i"
                + " order by l.lineNo", InvoiceLineEntity.class).setParameter("i", i.getId()).getResultList();
        List<InsurerExchange.Item> items = new ArrayList<>();
        for (InvoiceLineEntity l : lines) {
            if (l.getInsuranceShare() != null && l.getInsuranceShare().signum() != 0) {
                items.add(new InsurerExchange.Item(items.size() + 1, l.getPriceCode(), l.getDescription(),
                        l.getServiceDate() == null ? null : LocalDate.parse(l.getServiceDate()), l.getQuantity(),
                        l.getUnitPrice(), l.getInsuranceShare()));
            }
        }
        return new ClaimRequest(c.getNumber(), i.getNumber(), policy.getMemberId(), i.getCurrency(),
                c.getClaimedAmount(), items);
    }

    private static InsurerExchange.Insurer exchangeInsurer(InsurerEntity i) {
        return new InsurerExchange.Insurer(i.getCode(), i.getFhirBaseUrl(), i.getPayerId());
    }

    private static <E extends ClaimEvent> E fill(E e, ClaimEntity c, InvoiceEntity i, PlanEntity plan, String actor) {
        e.claimId = c.getId();
        e.claimNumber = c.getNumber();
        e.invoiceId = i.getId();
        e.invoiceNumber = i.getNumber();
        e.patientId = c.getPatientId();
        e.insurerCode = plan.getInsurerCode();
        e.planCode = plan.getCode();
        e.currency = i.getCurrency();
        e.claimedAmount = Amounts.text(c.getClaimedAmount());
        e.status = c.getStatus();
        e.actor = actor;
        return e;
    }

    private static String subject(InvoiceEntity i) {
        return "bl-invoice:" + i.getId();
    }

    private LocalDate day(long ms) {
        return Instant.ofEpochMilli(ms).atZone(zone).toLocalDate();
    }

    private PatientGate.Allowed check(String mrn, boolean write, String action) {
        PatientGate g = gate;
        return PatientGate.allow(g != null ? g : withoutEmr, mrn, write, action, RESOURCE);
    }

    private static InvoiceEntity invoice(EntityManager em, String id) {
        InvoiceEntity i = em.find(InvoiceEntity.class, id);
        if (i == null) {
            throw ProblemException.notFound("Invoice", id);
        }
        return i;
    }

    static ClaimEntity find(EntityManager em, String id) {
        ClaimEntity c = em.find(ClaimEntity.class, id);
        if (c == null) {
            throw ProblemException.notFound("Claim", id);
        }
        return c;
    }

    static ClaimDto view(EntityManager em, ClaimEntity c) {
        ClaimDto d = new ClaimDto();
        d.id = c.getId();
        d.number = c.getNumber();
        d.invoiceId = c.getInvoiceId();
        InvoiceEntity i = em.find(InvoiceEntity.class, c.getInvoiceId());
        d.invoiceNumber = i == null ? null : i.getNumber();
        d.policyId = c.getPolicyId();
        d.patientId = c.getPatientId();
        PolicyEntity p = em.find(PolicyEntity.class, c.getPolicyId());
        PlanEntity plan = p == null ? null : em.find(PlanEntity.class, p.getPlanCode());
        d.planCode = p == null ? null : p.getPlanCode();
        d.insurerCode = plan == null ? null : plan.getInsurerCode();
        d.status = c.getStatus();
        d.claimedAmount = Amounts.text(c.getClaimedAmount());
        d.approvedAmount = Amounts.text(c.getApprovedAmount());
        d.reason = c.getReason();
        d.submittedAt = Instant.ofEpochMilli(c.getSubmittedMs()).toString();
        d.adjudicatedAt = c.getAdjudicatedMs() == null ? null : Instant.ofEpochMilli(c.getAdjudicatedMs()).toString();
        d.version = c.getVersion();
        return d;
    }

    private static String limit(String s) {
        return s == null ? null : s.length() > 500 ? s.substring(0, 500) : s;
    }
}
