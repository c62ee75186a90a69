package org.pavilion.billing.internal.invoices;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.persistence.EntityManager;

import org.pavilion.billing.internal.insurance.CoverageRuleEntity;
import org.pavilion.billing.internal.insurance.Coverages;
import org.pavilion.billing.internal.insurance.PlanEntity;
import org.pavilion.billing.internal.insurance.PolicyEntity;
import org.pavilion.billing.internal.money.Amounts;

/**
 * The insurance part's rule as the invoice tests need it (the insurance part implements Coverages in its own
 * package): the patient's active policy on the day, per category the co-pay first, then the covered fraction of the
 * rest, rounded half up. No annual limits (the tests' plans have none).
 */
final class TableCoverages implements Coverages {

    @Override
    public Optional<Split> split(EntityManager em, String patientId, LocalDate day, List<Item> items,
            String currency) {
        String d = day.toString();
        List<PolicyEntity> policies = em.createQuery("SELECT p FROM PolicyEntity p WHERE p.patientId = :p AND"
                + " p.status = 'ACTIVE' AND p.validFrom <= :d AND (p.validTo IS NULL OR p.validTo >= :d)",
                PolicyEntity.class).setParameter("p", patientId).setParameter("d", d).getResultList();
        if (policies.isEmpty()) {
            return Optional.empty();
        }
        PolicyEntity policy = policies.get(0);
        PlanEntity plan = em.find(PlanEntity.class, policy.getPlanCode());
        Map<String, CoverageRuleEntity> rules = em.createQuery("SELECT r FROM CoverageRuleEntity r WHERE"
                + " r.planCode = :plan", CoverageRuleEntity.class).setParameter("plan", plan.getCode())
                .getResultList().stream().collect(Collectors.toMap(CoverageRuleEntity::getCategory,
                        Function.identity()));
        List<Share> shares = new ArrayList<>();
        for (Item item : items) {
            CoverageRuleEntity r = rules.get(item.category());
            if (r == null) {
                shares.add(new Share(Amounts.zero(currency), item.gross()));
                continue;
            }
            BigDecimal copay = r.getCopay().min(item.gross());
            BigDecimal insurance = Amounts.round(item.gross().subtract(copay).multiply(r.getCoveredPercent()),
                    currency);
            shares.add(new Share(insurance, item.gross().subtract(insurance)));
        }
        return Optional.of(new Split(policy.getId(), plan.getInsurerCode(), plan.getCode(), shares));
    }
}
