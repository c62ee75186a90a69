package org.pavilion.billing.internal.insurance;

import java.util.List;

/** A plan and its coverage rules as REST reads and writes them. */
public class PlanDto {
    public String code;
    public String insurerCode;
    public String name;
    public Boolean active;
    public Integer version;
    /** Replaced whole on a PUT. */
    public List<Rule> rules;

    /** Per price category: the covered fraction ({@code "0.8000"} is 80 %), the co-pay per line, the annual limit. */
    public static class Rule {
        public String category;
        public String coveredPercent;
        public String copay;
        /** Null: none. */
        public String annualLimit;
    }
}
