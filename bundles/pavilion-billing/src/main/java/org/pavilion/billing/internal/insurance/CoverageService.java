package org.pavilion.billing.internal.insurance;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.persistence.EntityManager;

import org.osgi.service.component.annotations.Component;
import org.pavilion.billing.internal.invoices.InvoiceBalances;
import org.pavilion.billing.internal.money.Amounts;

/**
 * The split of a patient's amounts by their policy (docs/billing-api.md, "Money"): per line the co-pay first (at most
 * the gross), the covered percent of the rest to the insurer (rounded half up once), capped by what is left of the
 * rule's annual limit for the patient on the plan in the service's calendar year; the patient the remainder. The
 * limit counts issued invoices' (and credit notes') insurance shares of that category and year, then the items before
 * in the same call, so a limit running out in the middle of an invoice caps that line.
 */
@Component(service = { Coverages.class, CoverageService.class })
public class CoverageService implements Coverages {

    static final String ACTIVE = "ACTIVE";
    static final String ENDED = "ENDED";

    @Override
    public Optional<Split> split(EntityManager em, String patientId, LocalDate day, List<Item> items,
            String currency) {
        Optional<PolicyEntity> found = activePolicy(em, patientId, day);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        PolicyEntity policy = found.get();
        PlanEntity plan = em.find(PlanEntity.class, policy.getPlanCode());
        InsurerEntity insurer = plan == null ? null : em.find(InsurerEntity.class, plan.getInsurerCode());
        if (plan == null || !plan.isActive() || insurer == null || !insurer.isActive()) {
            return Optional.empty();
        }
        Map<String, CoverageRuleEntity> rules = new HashMap<>();
        for (CoverageRuleEntity r : em.createQuery("select r from CoverageRuleEntity r where r.planCode = :plan",
                CoverageRuleEntity.class).setParameter("plan", plan.getCode()).getResultList()) {
            rules.put(r.getCategory(), r);
        }
        Map<String, BigDecimal> leftOfLimit = new HashMap<>();
        List<Share> shares = new ArrayList<>(items.size());
        for (Item item : items) {
            BigDecimal gross = Amounts.round(item.gross(), currency);
            CoverageRuleEntity rule = rules.get(item.category());
            if (rule == null) {
                shares.add(new Share(Amounts.zero(currency), gross));
                continue;
            }
            // a reversal (negative gross) is the positive line's split negated, and gives its share of the limit back
            boolean reversal = gross.signum() < 0;
            BigDecimal amount = gross.abs();
            BigDecimal copay = rule.getCopay().min(amount);
            BigDecimal insurance = Amounts.round(amount.subtract(copay).multiply(rule.getCoveredPercent()), currency);
            if (rule.getAnnualLimit() != null) {
                BigDecimal left = leftOfLimit.computeIfAbsent(item.category(),
                        c -> rule.getAnnualLimit().subtract(usedThisYear(em, patientId, plan.getCode(), c, day)).max(BigDecimal.ZERO));
                if (!reversal) {
                    insurance = insurance.min(left);
                    leftOfLimit.put(item.category(), left.subtract(insurance));
                } else {
                    leftOfLimit.put(item.category(), left.add(insurance));
                }
            }
            insurance = Amounts.round(insurance, currency);
            BigDecimal patient = amount.subtract(insurance);
            shares.add(reversal ? new Share(insurance.negate(), patient.negate()) : new Share(insurance, patient));
        }
        return Optional.of(new Split(policy.getId(), insurer.getCode(), plan.getCode(), shares));
    }

    /** The patient's policy in force on {@code day} (the latest begun when several are). */
    public static Optional<PolicyEntity> activePolicy(EntityManager em, String patientId, LocalDate day) {
        String d = day.toString();
        return em.createQuery("select p from PolicyEntity p where p.patientId = :patient and p.status = :active"
                + " and p.validFrom <= :day and (p.validTo is null or p.validTo >= :day)"
                + " order by p.validFrom desc, p.id", PolicyEntity.class)
                .setParameter("patient", patientId).setParameter("active", ACTIVE).setParameter("day", d)
                .setMaxResults(1).getResultList().stream().findFirst();
    }

    /** The insurance shares of the category already on the patient's issued documents of the plan in day's year. */
    static BigDecimal usedThisYear(EntityManager em, String patientId, String planCode, String category,
            LocalDate day) {
        int year = day.getYear();
        BigDecimal used = em.createQuery("select sum(l.insuranceShare) from InvoiceLineEntity l, InvoiceEntity i,"
                + " PolicyEntity p where l.invoiceId = i.id and i.policyId = p.id and i.patientId = :patient"
                + " and p.planCode = :plan and l.category = :category and i.status in :issued"
                + " and l.serviceDate >= :from and l.serviceDate <= :to", BigDecimal.class)
                .setParameter("patient", patientId).setParameter("plan", planCode).setParameter("category", category)
                .setParameter("issued", List.of(InvoiceBalances.ISSUED, InvoiceBalances.PARTIALLY_PAID,
                        InvoiceBalances.PAID))
                .setParameter("from", year + "-01-01").setParameter("to", year + "-12-31").getSingleResult();
        return used == null ? BigDecimal.ZERO : used;
    }
}
