package org.pavilion.billing.internal.insurance;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import javax.persistence.EntityManager;

/**
 * How a patient's insurance splits amounts (implemented by {@code CoverageService}): the invoices split their lines
 * with it, the visit estimator its estimate. Rules per plan and price category: the co-pay is the patient's first,
 * then the covered percent of the rest is the insurer's (rounded half up to the currency), capped by what is left of
 * the plan's annual limit for the patient (counting issued invoices' insurance shares of the calendar year).
 */
public interface Coverages {

    /** An amount to split: the line's price category and gross. */
    record Item(String category, BigDecimal gross) {
    }

    /** The split of one item. */
    record Share(BigDecimal insurance, BigDecimal patient) {
    }

    /** The policy applied and the items' shares in their order. */
    record Split(String policyId, String insurerCode, String planCode, List<Share> shares) {
    }

    /**
     * The split of {@code items} for the patient's active policy on {@code day} (valid then, not ENDED), read in
     * {@code em}'s transaction; empty when the patient has none (the patient pays all).
     */
    Optional<Split> split(EntityManager em, String patientId, LocalDate day, List<Item> items, String currency);
}
