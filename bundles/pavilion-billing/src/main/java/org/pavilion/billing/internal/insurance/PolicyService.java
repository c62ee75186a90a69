package org.pavilion.billing.internal.insurance;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import java.util.function.LongSupplier;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.pavilion.billing.internal.BillingConfig;
import org.pavilion.billing.internal.BillingTransactions;
import org.pavilion.billing.internal.access.PatientGate;
import org.pavilion.billing.internal.fhir.FhirInsurerClient;
import org.pavilion.billing.internal.fhir.InsurerExchange;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.rest.DeclaredConstraints;
import org.pavilion.core.api.persistence.AuditedTransaction;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.ProblemException;

/**
 * Patients' policies (memberships of a plan) and their eligibility checks with the insurer. A check asks the insurer
 * outside any transaction, then records its answer (ELIGIBLE, NOT_ELIGIBLE, or ERROR when it said so or did not
 * answer in time) on the policy.
 */
@Component(service = PolicyService.class, configurationPid = BillingConfig.PID)
public class PolicyService {

    static final String RESOURCE = "bl-policy";

    private final EntityManagerFactory emf;
    private final AuditService audit;
    private final FhirInsurerClient insurers;
    private final DeclaredConstraints constraints;
    private final LongSupplier clock;
    private final PatientGate withoutEmr;
    private volatile ZoneId zone;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    volatile PatientGate gate;

    @Activate
    public PolicyService(@Reference(target = "(osgi.unit.name=pavilion-billing)") EntityManagerFactory emf,
            @Reference AuditService audit, @Reference FhirInsurerClient insurers, BillingConfig config,
            @Reference DeclaredConstraints constraints) {
        this(emf, audit, insurers, null, zone(config), System::currentTimeMillis, constraints);
    }

    /** For tests: {@code gate} null for the department's own rule (as without the EMR). */
    public PolicyService(EntityManagerFactory emf, AuditService audit, FhirInsurerClient insurers, PatientGate gate,
            ZoneId zone, LongSupplier clock, DeclaredConstraints constraints) {
        this.constraints = constraints;
        this.emf = emf;
        this.audit = audit;
        this.insurers = insurers;
        this.gate = gate;
        this.zone = zone;
        this.clock = clock;
        this.withoutEmr = PatientGate.withoutEmr(audit);
    }

    @Modified
    void modified(BillingConfig config) {
        this.zone = zone(config);
    }

    static ZoneId zone(BillingConfig config) {
        return config.zone() == null || config.zone().isBlank() ? ZoneId.systemDefault() : ZoneId.of(config.zone());
    }

    public List<PolicyDto> list(String mrn) {
        PatientGate.Allowed allowed = check(mrn, false, "SEARCH");
        List<PolicyDto> out = new JpaTransactions(emf).call(em -> em.createQuery(
                "select p from PolicyEntity p where p.patientId = :patient order by p.validFrom desc, p.id",
                PolicyEntity.class).setParameter("patient", allowed.mrn()).getResultList().stream()
                .map(p -> view(em, p)).toList());
        audit.record(allowed.audit().build());
        return out;
    }

    public PolicyDto get(String id) {
        PolicyDto d = new JpaTransactions(emf).call(em -> view(em, find(em, id)));
        PatientGate.Allowed allowed = check(d.patientId, false, "READ");
        audit.record(allowed.audit().resourceId(id).build());
        return d;
    }

    /** A new ACTIVE policy of the patient on the plan. */
    public PolicyDto create(String mrn, PolicyDto in) {
        constraints.check(in, PolicyDto.Create.class);
        String planCode = in.planCode.trim();
        String memberId = in.memberId.trim();
        LocalDate from = date("validFrom", in.validFrom);
        LocalDate to = InsurerCatalogue.blank(in.validTo) ? null : date("validTo", in.validTo);
        if (to != null && to.isBefore(from)) {
            throw ProblemException.unprocessable("validTo is before validFrom");
        }
        PatientGate.Allowed allowed = check(mrn, true, "CREATE");
        return BillingTransactions.run(emf, audit, "Policy", em -> {
            PlanEntity plan = em.find(PlanEntity.class, planCode);
            if (plan == null || !plan.isActive()) {
                throw ProblemException.unprocessable("Unknown or inactive plan " + planCode);
            }
            PolicyEntity p = new PolicyEntity();
            p.setId(UUID.randomUUID().toString());
            p.setPatientId(allowed.mrn());
            p.setPlanCode(planCode);
            p.setMemberId(memberId);
            p.setValidFrom(from.toString());
            p.setValidTo(to == null ? null : to.toString());
            p.setStatus(CoverageService.ACTIVE);
            em.persist(p);
            em.flush();
            return AuditedTransaction.Done.of(view(em, p), allowed.audit().resourceId(p.getId()).build());
        });
    }

    /** Replaces member id and validity, or ends the policy ({@code status} ENDED, {@code validTo}); version checked. */
    public PolicyDto update(String id, PolicyDto in) {
        constraints.check(in, PolicyDto.Update.class); // with the version read
        PolicyDto current = new JpaTransactions(emf).call(em -> view(em, find(em, id)));
        PatientGate.Allowed allowed = check(current.patientId, true, "UPDATE");
        String status = InsurerCatalogue.blank(in.status) ? current.status : in.status;
        if (!CoverageService.ACTIVE.equals(status) && !CoverageService.ENDED.equals(status)) {
            throw ProblemException.unprocessable("status is ACTIVE or ENDED");
        }
        if (CoverageService.ENDED.equals(current.status) && CoverageService.ACTIVE.equals(status)) {
            throw ProblemException.conflict("An ended policy stays ended: add a new one");
        }
        LocalDate from = date("validFrom", InsurerCatalogue.blank(in.validFrom) ? current.validFrom : in.validFrom);
        LocalDate to = InsurerCatalogue.blank(in.validTo) ? null : date("validTo", in.validTo);
        if (CoverageService.ENDED.equals(status) && to == null) {
            to = today();
        }
        if (to != null && to.isBefore(from)) {
            throw ProblemException.unprocessable("validTo is before validFrom");
        }
        LocalDate validTo = to;
        return BillingTransactions.run(emf, audit, "Policy " + id, em -> {
            PolicyEntity p = find(em, id);
            InsurerCatalogue.checkVersion("Policy " + id, in.version, p.getVersion());
            if (!InsurerCatalogue.blank(in.memberId)) {
                p.setMemberId(in.memberId.trim());
            }
            p.setValidFrom(from.toString());
            p.setValidTo(validTo == null ? null : validTo.toString());
            p.setStatus(status);
            em.flush();
            return AuditedTransaction.Done.of(view(em, p), allowed.audit().resourceId(id)
                    .detail(CoverageService.ENDED.equals(status) ? "ended" : null).build());
        });
    }

    /** Asks the insurer whether the policy is in force today and keeps the answer on it. */
    public PolicyDto checkEligibility(String id) {
        record Ask(String patientId, InsurerExchange.Insurer insurer, String memberId) {
        }
        Ask ask = new JpaTransactions(emf).call(em -> {
            PolicyEntity p = find(em, id);
            PlanEntity plan = em.find(PlanEntity.class, p.getPlanCode());
            InsurerEntity i = em.find(InsurerEntity.class, plan.getInsurerCode());
            return new Ask(p.getPatientId(), new InsurerExchange.Insurer(i.getCode(), i.getFhirBaseUrl(),
                    i.getPayerId()), p.getMemberId());
        });
        PatientGate.Allowed allowed = check(ask.patientId(), true, "UPDATE");
        InsurerExchange.EligibilityAnswer answer = insurers.checkEligibility(ask.insurer(), ask.memberId(),
                today());
        return BillingTransactions.run(emf, audit, "Policy " + id, em -> {
            PolicyEntity p = find(em, id);
            p.setEligibility(answer.eligibility().name());
            p.setEligibilityDetail(answer.detail() == null ? null
                    : answer.detail().length() > 500 ? answer.detail().substring(0, 500) : answer.detail());
            p.setEligibilityCheckedMs(clock.getAsLong());
            em.flush();
            return AuditedTransaction.Done.of(view(em, p), allowed.audit().resourceId(id)
                    .detail("eligibility " + answer.eligibility()).build());
        });
    }

    private LocalDate today() {
        return Instant.ofEpochMilli(clock.getAsLong()).atZone(zone).toLocalDate();
    }

    private PatientGate.Allowed check(String mrn, boolean write, String action) {
        PatientGate g = gate;
        return PatientGate.allow(g != null ? g : withoutEmr, mrn, write, action, RESOURCE);
    }

    static PolicyEntity find(EntityManager em, String id) {
        PolicyEntity p = em.find(PolicyEntity.class, id);
        if (p == null) {
            throw ProblemException.notFound("Policy", id);
        }
        return p;
    }

    static PolicyDto view(EntityManager em, PolicyEntity p) {
        PolicyDto d = new PolicyDto();
        d.id = p.getId();
        d.patientId = p.getPatientId();
        d.planCode = p.getPlanCode();
        PlanEntity plan = em.find(PlanEntity.class, p.getPlanCode());
        d.insurerCode = plan == null ? null : plan.getInsurerCode();
        d.memberId = p.getMemberId();
        d.validFrom = p.getValidFrom();
        d.validTo = p.getValidTo();
        d.status = p.getStatus();
        d.eligibility = p.getEligibility();
        d.eligibilityDetail = p.getEligibilityDetail();
        d.eligibilityCheckedAt = p.getEligibilityCheckedMs() == null ? null
                : Instant.ofEpochMilli(p.getEligibilityCheckedMs()).toString();
        d.version = p.getVersion();
        return d;
    }

    static LocalDate date(String field, String text) {
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.validation(field + " is a date yyyy-MM-dd");
        }
    }
}
