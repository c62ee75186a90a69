package org.pavilion.billing.internal.insurance;

import java.util.List;

import javax.validation.Valid;
import javax.validation.constraints.NotBlank;
import javax.validation.constraints.NotNull;

import org.pavilion.billing.internal.BodyChecks;
import org.pavilion.billing.internal.pricing.PriceCategory;

/**
 * A plan and its coverage rules as REST reads and writes them. A PUT's rules are declared: the default group's are a
 * malformed body (400, with the address's code), the {@link BodyChecks.Unfit} group's coverage rules that do not fit
 * (422, with one rule per category and the amounts); the insurer's existence is checked after.
 */
public class PlanDto {
    /** The address's; may be left out of a PUT's body. */
    public String code;
    @NotBlank
    public String insurerCode;
    @NotBlank
    public String name;
    public Boolean active;
    public Integer version;
    /** Replaced whole on a PUT. */
    public List<@NotNull(groups = BodyChecks.Unfit.class) @Valid Rule> rules;

    /** Per price category: the covered fraction ({@code "0.8000"} is 80 %), the co-pay per line, the annual limit. */
    public static class Rule {
        @NotBlank(groups = BodyChecks.Unfit.class) @PriceCategory(groups = BodyChecks.Unfit.class)
        public String category;
        @NotBlank
        public String coveredPercent;
        public String copay;
        /** Null: none. */
        public String annualLimit;
    }
}
