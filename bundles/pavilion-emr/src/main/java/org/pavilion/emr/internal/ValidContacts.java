package org.pavilion.emr.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Validation of the next of kin and insurance policies sent with a registration or update. Problems are added to
 * the caller's list, so the clerk sees every mistake of the form in one answer.
 */
final class ValidContacts {

    static final Set<String> RELATIONSHIPS = Set.of("SPOUSE", "PARTNER", "PARENT", "CHILD", "SIBLING", "GUARDIAN",
            "FRIEND", "OTHER");
    static final Set<String> HOLDERS = Set.of("SELF", "SPOUSE", "PARENT", "OTHER");
    static final int MAX_NEXT_OF_KIN = 5;
    static final int MAX_POLICIES = 5;

    private static final Pattern POLICY_NUMBER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 ./-]{0,39}");

    private ValidContacts() {
    }

    static List<NextOfKin> nextOfKin(List<NextOfKin> in, List<String> errors) {
        List<NextOfKin> out = new ArrayList<>();
        if (in == null) {
            return out;
        }
        if (in.size() > MAX_NEXT_OF_KIN) {
            errors.add("at most " + MAX_NEXT_OF_KIN + " next of kin");
        }
        for (int i = 0; i < in.size(); i++) {
            NextOfKin k = in.get(i);
            String at = "nextOfKin[" + i + "]";
            if (k == null) {
                errors.add(at + " is empty");
                continue;
            }
            NextOfKin v = new NextOfKin();
            v.name = ValidDemographics.trim(k.name);
            v.relationship = upper(k.relationship);
            v.phone = ValidDemographics.trim(k.phone);
            v.email = ValidDemographics.trim(k.email);
            if (v.name == null || v.name.length() > 200) {
                errors.add(at + ".name is required (at most 200 characters)");
            }
            if (v.relationship == null || !RELATIONSHIPS.contains(v.relationship)) {
                errors.add(at + ".relationship must be one of " + String.join(", ", sorted(RELATIONSHIPS)));
            }
            if (v.phone == null && v.email == null) {
                errors.add(at + " needs a phone or an email");
            }
            if (v.phone != null && !ValidDemographics.PHONE.matcher(v.phone).matches()) {
                errors.add(at + ".phone '" + v.phone + "' must be 6 to 32 digits, optionally with a leading +");
            }
            if (v.email != null && (v.email.length() > 254 || !ValidDemographics.EMAIL.matcher(v.email).matches())) {
                errors.add(at + ".email must look like name@example.org");
            }
            out.add(v);
        }
        return out;
    }

    static List<InsurancePolicy> insurance(List<InsurancePolicy> in, List<String> errors) {
        List<InsurancePolicy> out = new ArrayList<>();
        if (in == null) {
            return out;
        }
        if (in.size() > MAX_POLICIES) {
            errors.add("at most " + MAX_POLICIES + " insurance policies");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < in.size(); i++) {
            InsurancePolicy p = in.get(i);
            String at = "insurance[" + i + "]";
            if (p == null) {
                errors.add(at + " is empty");
                continue;
            }
            InsurancePolicy v = new InsurancePolicy();
            v.insurer = ValidDemographics.trim(p.insurer);
            v.policyNumber = ValidDemographics.trim(p.policyNumber);
            v.plan = ValidDemographics.trim(p.plan);
            v.holderRelationship = p.holderRelationship == null ? "SELF" : upper(p.holderRelationship);
            v.validFrom = ValidDemographics.trim(p.validFrom);
            v.validTo = ValidDemographics.trim(p.validTo);
            if (v.insurer == null || v.insurer.length() > 100) {
                errors.add(at + ".insurer is required (at most 100 characters)");
            }
            if (v.policyNumber == null || !POLICY_NUMBER.matcher(v.policyNumber).matches()) {
                errors.add(at + ".policyNumber is required: 1 to 40 letters, digits, spaces, '.', '/' or '-'");
            }
            if (v.plan != null && v.plan.length() > 100) {
                errors.add(at + ".plan must be at most 100 characters");
            }
            if (v.holderRelationship == null || !HOLDERS.contains(v.holderRelationship)) {
                errors.add(at + ".holderRelationship must be one of " + String.join(", ", sorted(HOLDERS)));
            }
            LocalDate from = date(v.validFrom, at + ".validFrom", errors);
            LocalDate to = date(v.validTo, at + ".validTo", errors);
            if (from != null && to != null && to.isBefore(from)) {
                errors.add(at + ".validTo " + v.validTo + " is before validFrom " + v.validFrom);
            }
            if (v.insurer != null && v.policyNumber != null
                    && !seen.add(v.insurer.toUpperCase(Locale.ROOT) + "|" + normalisePolicyNumber(v.policyNumber))) {
                errors.add(at + " repeats policy " + v.policyNumber + " of " + v.insurer);
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

    private static LocalDate date(String value, String field, List<String> errors) {
        if (value == null) {
            return null;
        }
        LocalDate d = ValidDemographics.parseDate(value);
        if (d == null) {
            errors.add(field + " must be a date as yyyy-MM-dd, was '" + value + "'");
        }
        return d;
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }

    private static String upper(String s) {
        String t = ValidDemographics.trim(s);
        return t == null ? null : t.toUpperCase(Locale.ROOT);
    }
}
