package org.pavilion.billing.internal.insurance;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.billing.internal.BillingConfig;
import org.pavilion.billing.internal.BillingTransactions;
import org.pavilion.billing.internal.BodyChecks;
import org.pavilion.billing.internal.money.Amounts;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.AuditedTransaction;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.DeclaredConstraints;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.rest.Violations;

/** Insurers, their plans and the plans' coverage rules: created or replaced whole, never deleted (deactivated). */
@Component(service = InsurerCatalogue.class, configurationPid = BillingConfig.PID)
public class InsurerCatalogue {

    /** An insurer's or a plan's code, the last segment of its address. */
    private static final String CODE = "[A-Za-z0-9_.-]{1,40}";

    private final EntityManagerFactory emf;
    private final AuditService audit;
    private final DeclaredConstraints constraints;
    private volatile String currency;

    @Activate
    public InsurerCatalogue(@Reference(target = "(osgi.unit.name=pavilion-billing)") EntityManagerFactory emf,
            @Reference AuditService audit, BillingConfig config, @Reference DeclaredConstraints constraints) {
        this(emf, audit, config.currency(), constraints);
    }

    InsurerCatalogue(EntityManagerFactory emf, AuditService audit, String currency, DeclaredConstraints constraints) {
        this.emf = emf;
        this.audit = audit;
        this.currency = currency;
        this.constraints = constraints;
    }

    @Modified
    void modified(BillingConfig config) {
        this.currency = config.currency();
    }

    public List<InsurerDto> insurers() {
        return new JpaTransactions(emf).call(em -> em.createQuery("select i from InsurerEntity i order by i.code",
                InsurerEntity.class).getResultList().stream().map(InsurerCatalogue::view).toList());
    }

    public InsurerDto insurer(String code) {
        return new JpaTransactions(emf).call(em -> view(findInsurer(em, code)));
    }

    /** Creates the insurer, or replaces it when {@code version} is the stored one. */
    public InsurerDto putInsurer(String code, InsurerDto in) {
        // What InsurerDto declares and the address's code: every broken field in one 400.
        Violations malformed = BodyChecks.declared(constraints, in);
        checkCode(code, in.code, malformed);
        malformed.refuseAny();
        return BillingTransactions.run(emf, audit, "Insurer " + code, em -> {
            InsurerEntity i = em.find(InsurerEntity.class, code);
            boolean created = i == null;
            if (created) {
                i = new InsurerEntity();
                i.setCode(code);
            } else {
                checkVersion("Insurer " + code, in.version, i.getVersion());
            }
            i.setName(in.name.trim());
            i.setFhirBaseUrl(blank(in.fhirBaseUrl) ? null : in.fhirBaseUrl.trim());
            i.setPayerId(blank(in.payerId) ? null : in.payerId.trim());
            i.setActive(in.active == null || in.active);
            if (created) {
                em.persist(i);
            }
            em.flush();
            return AuditedTransaction.Done.of(view(i),
                    AuditEvent.of(created ? "CREATE" : "UPDATE", "bl-insurer").resourceId(code).build());
        });
    }

    public List<PlanDto> plans(String insurerCode) {
        return new JpaTransactions(emf).call(em -> {
            List<PlanEntity> plans = insurerCode == null
                    ? em.createQuery("select p from PlanEntity p order by p.code", PlanEntity.class).getResultList()
                    : em.createQuery("select p from PlanEntity p where p.insurerCode = :i order by p.code",
                            PlanEntity.class).setParameter("i", insurerCode).getResultList();
            List<PlanDto> out = new ArrayList<>();
            for (PlanEntity p : plans) {
                out.add(view(p, rules(em, p.getCode())));
            }
            return out;
        });
    }

    public PlanDto plan(String code) {
        return new JpaTransactions(emf).call(em -> {
            PlanEntity p = em.find(PlanEntity.class, code);
            if (p == null) {
                throw ProblemException.notFound("Plan", code);
            }
            return view(p, rules(em, code));
        });
    }

    /** Creates the plan, or replaces it (and all its rules) when {@code version} is the stored one. */
    public PlanDto putPlan(String code, PlanDto in) {
        // What PlanDto declares (its default group) and the address's code: every broken field in one 400.
        Violations malformed = BodyChecks.declared(constraints, in);
        checkCode(code, in.code, malformed);
        malformed.refuseAny();
        List<CoverageRuleEntity> rules = coverageRules(code, in);
        return BillingTransactions.run(emf, audit, "Plan " + code, em -> {
            if (em.find(InsurerEntity.class, in.insurerCode) == null) {
                throw ProblemException.unprocessable("Unknown insurer " + in.insurerCode);
            }
            PlanEntity p = em.find(PlanEntity.class, code);
            boolean created = p == null;
            if (created) {
                p = new PlanEntity();
                p.setCode(code);
            } else {
                checkVersion("Plan " + code, in.version, p.getVersion());
                if (!p.getInsurerCode().equals(in.insurerCode)) {
                    throw ProblemException.unprocessable("A plan stays with its insurer (" + p.getInsurerCode() + ")");
                }
            }
            p.setInsurerCode(in.insurerCode);
            p.setName(in.name.trim());
            p.setActive(in.active == null || in.active);
            if (created) {
                em.persist(p);
            } else {
                // the plan's version moves with its rules, so two editors of the rules meet in a 409
                em.lock(p, javax.persistence.LockModeType.OPTIMISTIC_FORCE_INCREMENT);
            }
            em.createQuery("delete from CoverageRuleEntity r where r.planCode = :plan").setParameter("plan", code)
                    .executeUpdate();
            for (CoverageRuleEntity r : rules) {
                em.persist(r);
            }
            em.flush();
            return AuditedTransaction.Done.of(view(p, rules),
                    AuditEvent.of(created ? "CREATE" : "UPDATE", "bl-plan").resourceId(code).build());
        });
    }

    /**
     * The plan's coverage rules, or one 422 naming every rule that does not fit (as rules always were refused): what
     * the rules declare in the {@link BodyChecks.Unfit} group (a category of the price list), one rule per category,
     * and the amounts by money.Amounts.
     */
    private List<CoverageRuleEntity> coverageRules(String planCode, PlanDto in) {
        Violations unfit = BodyChecks.declared(constraints, in, BodyChecks.Unfit.class);
        List<CoverageRuleEntity> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<PlanDto.Rule> rules = in.rules == null ? List.of() : in.rules;
        for (int i = 0; i < rules.size(); i++) {
            PlanDto.Rule r = rules.get(i);
            if (r == null) {
                continue; // declared
            }
            String at = "rules[" + i + "].";
            if (!blank(r.category) && !seen.add(r.category)) {
                unfit.add(at + "category", r.category + " has a rule already: one rule per category");
            }
            BigDecimal covered = BodyChecks.amount(unfit, at + "coveredPercent",
                    f -> Amounts.parseRate(f, r.coveredPercent));
            BigDecimal copay = blank(r.copay) ? Amounts.zero(currency)
                    : BodyChecks.amount(unfit, at + "copay", f -> Amounts.parse(f, r.copay, currency, false));
            BigDecimal annualLimit = blank(r.annualLimit) ? null
                    : BodyChecks.amount(unfit, at + "annualLimit", f -> Amounts.parse(f, r.annualLimit, currency,
                            false));
            CoverageRuleEntity e = new CoverageRuleEntity();
            e.setPlanCode(planCode);
            e.setCategory(r.category);
            e.setCoveredPercent(covered);
            e.setCopay(copay);
            e.setAnnualLimit(annualLimit);
            out.add(e);
        }
        BodyChecks.refuseUnfit(unfit);
        return out;
    }

    static List<CoverageRuleEntity> rules(EntityManager em, String planCode) {
        return em.createQuery("select r from CoverageRuleEntity r where r.planCode = :plan order by r.category",
                CoverageRuleEntity.class).setParameter("plan", planCode).getResultList();
    }

    static InsurerEntity findInsurer(EntityManager em, String code) {
        InsurerEntity i = em.find(InsurerEntity.class, code);
        if (i == null) {
            throw ProblemException.notFound("Insurer", code);
        }
        return i;
    }

    static InsurerDto view(InsurerEntity i) {
        InsurerDto d = new InsurerDto();
        d.code = i.getCode();
        d.name = i.getName();
        d.fhirBaseUrl = i.getFhirBaseUrl();
        d.payerId = i.getPayerId();
        d.active = i.isActive();
        d.version = i.getVersion();
        return d;
    }

    static PlanDto view(PlanEntity p, List<CoverageRuleEntity> rules) {
        PlanDto d = new PlanDto();
        d.code = p.getCode();
        d.insurerCode = p.getInsurerCode();
        d.name = p.getName();
        d.active = p.isActive();
        d.version = p.getVersion();
        d.rules = new ArrayList<>();
        for (CoverageRuleEntity r : rules) {
            PlanDto.Rule x = new PlanDto.Rule();
            x.category = r.getCategory();
            x.coveredPercent = r.getCoveredPercent().setScale(Amounts.RATE_SCALE).toPlainString();
            x.copay = Amounts.text(r.getCopay());
            x.annualLimit = Amounts.text(r.getAnnualLimit());
            d.rules.add(x);
        }
        return d;
    }

    static void checkVersion(String what, Integer given, int stored) {
        if (given == null) {
            throw ProblemException.conflict(what + " exists: send its version to replace it");
        }
        if (given != stored) {
            throw ProblemException.conflict(what + " was changed by someone else meanwhile: reload it");
        }
    }

    /** The address's code (a path segment, so not declared on the body) and the body's, when it names one. */
    private static void checkCode(String code, String bodyCode, Violations malformed) {
        if (code == null || !code.matches(CODE)) {
            malformed.add("code", "must be 1 to 40 letters, digits, . _ or -");
        } else if (bodyCode != null && !bodyCode.equals(code)) {
            malformed.add("code", "is " + bodyCode + ", not the code of the address (" + code + ")");
        }
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
