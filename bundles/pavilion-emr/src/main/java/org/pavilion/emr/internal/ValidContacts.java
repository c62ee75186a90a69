package org.pavilion.emr.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.pavilion.core.api.rest.Violations;

/**
 * The next of kin and insurance policies sent with a registration or update, once their declared rules passed:
 * trimmed, and the checks a field annotation cannot make (a real day, a policy given twice).
 */
final class ValidContacts {

    static final int MAX_NEXT_OF_KIN = 5;
    static final int MAX_POLICIES = 5;

    private ValidContacts() {
    }

    /**
     * The next of kin trimmed, relationships in capitals; their field rules are declared on NextOfKin, and one with
     * neither phone nor email is added to {@code refused}.
     */
    static List<NextOfKin> nextOfKin(List<NextOfKin> in, Violations refused) {
        List<NextOfKin> out = new ArrayList<>();
        if (in == null) {
            return out;
        }
        for (int i = 0; i < in.size(); i++) {
            NextOfKin k = in.get(i);
            if (k == null) {
                continue; // declared: reported as null
            }
            NextOfKin v = new NextOfKin();
            v.name = ValidDemographics.trim(k.name);
            v.relationship = upper(k.relationship);
            v.phone = ValidDemographics.trim(k.phone);
            v.email = ValidDemographics.trim(k.email);
            if (v.phone == null && v.email == null) {
                refused.add("nextOfKin[" + i + "]", "needs a phone or an email");
            }
            out.add(v);
        }
        return out;
    }

    /**
     * The policies trimmed (holder SELF when absent); their field rules are declared on InsurancePolicy, so only a
     * date that is no real day (1984-02-30), a validity ending before it starts and a policy given twice are added
     * to {@code refused}.
     */
    static List<InsurancePolicy> insurance(List<InsurancePolicy> in, Violations refused) {
        List<InsurancePolicy> out = new ArrayList<>();
        if (in == null) {
            return out;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < in.size(); i++) {
            InsurancePolicy p = in.get(i);
            String at = "insurance[" + i + "]";
            if (p == null) {
                continue; // declared: reported as null
            }
            InsurancePolicy v = new InsurancePolicy();
            v.insurer = ValidDemographics.trim(p.insurer);
            v.policyNumber = ValidDemographics.trim(p.policyNumber);
            v.plan = ValidDemographics.trim(p.plan);
            v.holderRelationship = p.holderRelationship == null ? "SELF" : upper(p.holderRelationship);
            v.validFrom = ValidDemographics.trim(p.validFrom);
            v.validTo = ValidDemographics.trim(p.validTo);
            LocalDate from = realDay(v.validFrom, at + ".validFrom", refused);
            LocalDate to = realDay(v.validTo, at + ".validTo", refused);
            if (from != null && to != null && to.isBefore(from)) {
                refused.add(at + ".validTo", v.validTo + " is before validFrom " + v.validFrom);
            }
            if (v.insurer != null && v.policyNumber != null
                    && !seen.add(v.insurer.toUpperCase(Locale.ROOT) + "|" + normalisePolicyNumber(v.policyNumber))) {
                refused.add(at, "repeats policy " + v.policyNumber + " of " + v.insurer);
            }
            out.add(v);
        }
        return out;
    }

    /** Whether {@code p} covers {@code day}: open-ended bounds cover everything on their side. */
    static boolean active(InsurancePolicy p, LocalDate day) {
        LocalDate from = ValidDemographics.parseDate(p.validFrom);
        LocalDate to = ValidDemographics.parseDate(p.validTo);
        return (from == null || !day.isBefore(from)) && (to == null || !day.isAfter(to));
    }

    /** Policy numbers are compared without case, spaces and punctuation, like national ids. */
    static String normalisePolicyNumber(String number) {
        return ValidDemographics.normaliseNationalId(number);
    }

    /** The day {@code value} names; a yyyy-MM-dd that is no real day is added to {@code refused}. */
    private static LocalDate realDay(String value, String field, Violations refused) {
        if (value == null || !value.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
            return null; // absent, or the wrong shape the declared rule reports
        }
        LocalDate day = ValidDemographics.parseDate(value);
        if (day == null) {
            refused.add(field, "must be a real day as yyyy-MM-dd, was '" + value + "'");
        }
        return day;
    }

    private static String upper(String s) {
        String t = ValidDemographics.trim(s);
        return t == null ? null : t.toUpperCase(Locale.ROOT);
    }
}
