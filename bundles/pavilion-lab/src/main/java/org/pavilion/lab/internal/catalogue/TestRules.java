package org.pavilion.lab.internal.catalogue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.pavilion.core.api.rest.ProblemException;

/**
 * What a catalogue entry must be before it is stored: a known kind and result type, UCUM-like units with positive
 * factors, panel members that exist and are tests, limits that do not cross. Every problem found is named in one
 * 422 (400 when there is no body at all), so an administrator fixes the form in one go.
 */
final class TestRules {

    static final Set<String> KINDS = Set.of("TEST", "PANEL");
    static final Set<String> RESULT_TYPES = Set.of("NUMERIC", "TEXT", "CODED");
    static final Pattern CODE = Pattern.compile("[A-Z0-9][A-Z0-9_.-]{0,39}");
    static final Pattern LOINC = Pattern.compile("[0-9]{1,7}-[0-9]");
    /**
     * UCUM-like: letters, digits, the operators and brackets of UCUM ({@code 10*3/uL}, {@code m[IU]/L},
     * {@code mL/min/{1.73_m2}}, {@code %}); no blanks.
     */
    static final Pattern UNIT = Pattern.compile("(%|[A-Za-z0-9\\[\\]{}()*^./_'-]{1,40})");

    private TestRules() {
    }

    /** A validated entry: the test's row values and its members, units and ranges as they will be stored. */
    record Definition(LabTestEntity test, List<String> members, List<TestDto.UnitDto> units,
            List<ReferenceRangeEntity> ranges, Integer version) {
    }

    /**
     * @param pathCode the code of the URL, which the body may repeat but not contradict
     * @param existing the stored test of another code, for panel members
     */
    static Definition check(String pathCode, TestDto in, Function<String, LabTestEntity> existing) {
        if (in == null) {
            throw ProblemException.validation("A test body is required");
        }
        List<String> errors = new ArrayList<>();
        String code = pathCode == null ? "" : Catalogue.normalise(pathCode);
        if (!CODE.matcher(code).matches()) {
            errors.add("code must be 1 to 40 capital letters, digits or _ . - (was '" + code + "')");
        }
        if (in.code != null && !in.code.isBlank() && !Catalogue.normalise(in.code).equals(code)) {
            errors.add("the body's code " + in.code.strip() + " is not the code of the address " + code);
        }
        String name = text(in.name);
        if (name == null) {
            errors.add("name is required");
        } else if (name.length() > 200) {
            errors.add("name is at most 200 characters");
        }
        String kind = upper(in.kind, "TEST");
        if (!KINDS.contains(kind)) {
            errors.add("kind must be TEST or PANEL (was '" + kind + "')");
        }
        boolean panel = "PANEL".equals(kind);
        String resultType = upper(in.resultType, panel ? "TEXT" : null);
        if (resultType == null) {
            errors.add("resultType is required (NUMERIC, TEXT or CODED)");
        } else if (!RESULT_TYPES.contains(resultType)) {
            errors.add("unknown resultType '" + resultType + "' (NUMERIC, TEXT or CODED)");
        }
        String loinc = text(in.loinc);
        if (loinc != null && !LOINC.matcher(loinc).matches()) {
            errors.add("loinc must look like 2345-7 (was '" + loinc + "')");
        }
        String specimenType = upper(in.specimenType, null);
        if (!panel && specimenType == null) {
            errors.add("specimenType is required for a test (BLOOD, SERUM, URINE...)");
        } else if (specimenType != null && (specimenType.length() > 40 || !specimenType.matches("[A-Z0-9_]+"))) {
            errors.add("specimenType must be a word such as SERUM (was '" + specimenType + "')");
        }
        String unit = text(in.unit);
        if (unit != null && !UNIT.matcher(unit).matches()) {
            errors.add("unit '" + unit + "' is not a UCUM unit such as mmol/L or 10*3/uL");
        }
        boolean numeric = "NUMERIC".equals(resultType) && !panel;
        if (numeric && unit == null) {
            errors.add("a NUMERIC test needs its unit");
        }
        if (in.decimals != null && (in.decimals < 0 || in.decimals > 6)) {
            errors.add("decimals must be between 0 and 6");
        }
        if (in.turnaroundMinutes != null && in.turnaroundMinutes < 0) {
            errors.add("turnaroundMinutes must not be negative");
        }
        String price = text(in.priceReference);
        if (price != null && price.length() > 40) {
            errors.add("priceReference is at most 40 characters");
        }
        List<String> coded = values(in.codedValues);
        List<String> abnormal = values(in.abnormalValues);
        if ("CODED".equals(resultType) && !panel) {
            if (coded.isEmpty()) {
                errors.add("a CODED test needs its codedValues");
            }
            for (String a : abnormal) {
                if (!coded.contains(a)) {
                    errors.add("abnormal value '" + a + "' is not one of the codedValues");
                }
            }
        } else if (!coded.isEmpty() || !abnormal.isEmpty()) {
            errors.add("codedValues and abnormalValues belong to CODED tests only");
        }
        if (String.join("|", coded).length() > 1000 || String.join("|", abnormal).length() > 1000) {
            errors.add("codedValues are at most 1000 characters together");
        }

        List<String> members = new ArrayList<>();
        if (panel) {
            Set<String> seen = new LinkedHashSet<>();
            for (String m : in.members == null ? List.<String>of() : in.members) {
                if (m == null || m.isBlank()) {
                    errors.add("a panel member code is blank");
                    continue;
                }
                String c = Catalogue.normalise(m);
                if (!seen.add(c)) {
                    errors.add("member " + c + " is listed twice");
                } else if (c.equals(code)) {
                    errors.add("a panel cannot contain itself");
                } else {
                    LabTestEntity t = existing.apply(c);
                    if (t == null) {
                        errors.add("member " + c + " does not exist");
                    } else if ("PANEL".equals(t.getKind())) {
                        errors.add("member " + c + " is a panel; panels contain tests only");
                    }
                }
            }
            members.addAll(seen);
            if (seen.isEmpty()) {
                errors.add("a panel needs at least one member");
            }
        } else if (in.members != null && !in.members.isEmpty()) {
            errors.add("only a PANEL has members");
        }

        List<TestDto.UnitDto> units = new ArrayList<>();
        Set<String> unitNames = new LinkedHashSet<>();
        for (TestDto.UnitDto u : in.units == null ? List.<TestDto.UnitDto>of() : in.units) {
            String un = u == null ? null : text(u.unit);
            if (un == null || !UNIT.matcher(un).matches()) {
                errors.add("accepted unit '" + (un == null ? "" : un) + "' is not a UCUM unit such as mg/dL");
                continue;
            }
            if (!numeric) {
                errors.add("accepted units belong to NUMERIC tests only");
                break;
            }
            if (un.equals(unit) || !unitNames.add(un)) {
                errors.add("unit " + un + " is listed twice (or is the test's own unit)");
                continue;
            }
            BigDecimal f = decimal(u.factor, "factor of " + un, errors);
            if (f == null) {
                errors.add("unit " + un + " needs its factor to " + unit);
            } else if (f.signum() <= 0) {
                errors.add("the factor of " + un + " must be positive");
            } else {
                units.add(new TestDto.UnitDto(un, f.toPlainString()));
            }
        }

        List<ReferenceRangeEntity> ranges = new ArrayList<>();
        List<TestDto.RangeDto> inRanges = in.ranges == null ? List.of() : in.ranges;
        if (!numeric && !inRanges.isEmpty()) {
            errors.add("reference ranges belong to NUMERIC tests only");
        } else {
            for (TestDto.RangeDto r : inRanges) {
                ReferenceRangeEntity e = range(r, errors);
                if (e != null) {
                    for (ReferenceRangeEntity other : ranges) {
                        if (sameBand(other, e)) {
                            errors.add("two ranges for the same sex and age band (" + band(e) + ")");
                        }
                    }
                    ranges.add(e);
                }
            }
        }
        if (!errors.isEmpty()) {
            throw LabProblems.unprocessable(String.join("; ", errors));
        }
        LabTestEntity t = new LabTestEntity();
        t.setCode(code);
        t.setName(name);
        t.setKind(kind);
        t.setLoinc(loinc);
        t.setSpecimenType(specimenType);
        t.setResultType(resultType);
        t.setUnit(unit);
        t.setDecimals(in.decimals);
        t.setCodedValues(coded.isEmpty() ? null : String.join("|", coded));
        t.setAbnormalValues(abnormal.isEmpty() ? null : String.join("|", abnormal));
        t.setTurnaroundMinutes(in.turnaroundMinutes);
        t.setPriceReference(price);
        t.setActive(in.active == null || in.active);
        return new Definition(t, members, units, ranges, in.version);
    }

    private static ReferenceRangeEntity range(TestDto.RangeDto r, List<String> errors) {
        if (r == null) {
            errors.add("a range is empty");
            return null;
        }
        int before = errors.size();
        String sex = upper(r.sex, null);
        if (sex != null && !sex.equals("M") && !sex.equals("F")) {
            errors.add("a range's sex is M, F or absent for any (was '" + sex + "')");
        }
        if ((r.ageMinDays != null && r.ageMinDays < 0) || (r.ageMaxDays != null && r.ageMaxDays < 0)) {
            errors.add("ages in days must not be negative");
        } else if (r.ageMinDays != null && r.ageMaxDays != null && r.ageMinDays >= r.ageMaxDays) {
            errors.add("ageMinDays " + r.ageMinDays + " must be below ageMaxDays " + r.ageMaxDays);
        }
        BigDecimal low = decimal(r.low, "low", errors);
        BigDecimal high = decimal(r.high, "high", errors);
        BigDecimal cLow = decimal(r.criticalLow, "criticalLow", errors);
        BigDecimal cHigh = decimal(r.criticalHigh, "criticalHigh", errors);
        if (low == null && high == null && cLow == null && cHigh == null) {
            errors.add("a range needs at least one limit");
        }
        notAbove(low, high, "low", "high", errors);
        notAbove(cLow, low, "criticalLow", "low", errors);
        notAbove(high, cHigh, "high", "criticalHigh", errors);
        notAbove(cLow, cHigh, "criticalLow", "criticalHigh", errors);
        if (errors.size() > before) {
            return null;
        }
        ReferenceRangeEntity e = new ReferenceRangeEntity();
        e.setSex(sex);
        e.setAgeMinDays(r.ageMinDays);
        e.setAgeMaxDays(r.ageMaxDays);
        e.setLow(low);
        e.setHigh(high);
        e.setCriticalLow(cLow);
        e.setCriticalHigh(cHigh);
        return e;
    }

    private static void notAbove(BigDecimal a, BigDecimal b, String an, String bn, List<String> errors) {
        if (a != null && b != null && a.compareTo(b) > 0) {
            errors.add(an + " " + a.toPlainString() + " is above " + bn + " " + b.toPlainString());
        }
    }

    private static boolean sameBand(ReferenceRangeEntity a, ReferenceRangeEntity b) {
        return java.util.Objects.equals(a.getSex(), b.getSex())
                && java.util.Objects.equals(a.getAgeMinDays(), b.getAgeMinDays())
                && java.util.Objects.equals(a.getAgeMaxDays(), b.getAgeMaxDays());
    }

    private static String band(ReferenceRangeEntity r) {
        return (r.getSex() == null ? "any sex" : r.getSex()) + ", days " + (r.getAgeMinDays() == null ? "0"
                : r.getAgeMinDays()) + " to " + (r.getAgeMaxDays() == null ? "any" : r.getAgeMaxDays());
    }

    private static BigDecimal decimal(String s, String field, List<String> errors) {
        String v = text(s);
        if (v == null) {
            return null;
        }
        try {
            BigDecimal d = new BigDecimal(v);
            if (d.abs().compareTo(new BigDecimal("1E13")) >= 0 || Math.max(d.scale(), 0) > 9) {
                errors.add(field + " '" + v + "' is out of range (at most 13 digits before and 9 after the point)");
                return null;
            }
            return d;
        } catch (NumberFormatException e) {
            errors.add(field + " must be a decimal number such as 3.5 (was '" + v + "')");
            return null;
        }
    }

    private static List<String> values(List<String> in) {
        List<String> out = new ArrayList<>();
        if (in != null) {
            for (String v : in) {
                String t = text(v);
                if (t != null && !out.contains(t)) {
                    out.add(t.replace("|", "/"));
                }
            }
        }
        return out;
    }

    private static String text(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String upper(String s, String absent) {
        String t = text(s);
        return t == null ? absent : t.toUpperCase(Locale.ROOT);
    }
}
