package org.pavilion.pharmacy.internal.catalogue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.pharmacy.internal.PharmacyProblems;

/**
 * What an item must be before it is stored. Every problem found is named in one 422 (400 when there is no body), so
 * the pharmacist fixes the form in one go.
 */
final class ItemRules {

    static final String MEDICINE = "MEDICINE";
    static final String SUPPLY = "SUPPLY";
    static final Set<String> KINDS = Set.of(MEDICINE, SUPPLY);
    /** Dosage forms of the WHO Model List, as one word. */
    static final Set<String> FORMS = Set.of("TABLET", "CAPSULE", "ORAL_SOLUTION", "SYRUP", "SUSPENSION", "POWDER",
            "GRANULES", "INJECTION", "INFUSION", "INHALER", "NEBULISER_SOLUTION", "CREAM", "OINTMENT", "GEL", "LOTION",
            "EYE_DROPS", "EAR_DROPS", "NASAL_SPRAY", "SUPPOSITORY", "PESSARY", "PATCH", "LOZENGE", "IMPLANT");
    static final Pattern CODE = Pattern.compile("[A-Z0-9_-]{1,40}");
    /**
     * An ATC code at one of its five levels: anatomical group (N), therapeutic (N02), pharmacological (N02B),
     * chemical (N02BE) subgroup, or substance (N02BE01).
     */
    static final Pattern ATC = Pattern.compile("[ABCDGHJLMNPRSV]([0-9]{2}([A-Z]([A-Z]([0-9]{2})?)?)?)?");
    /** At most 3 decimals: the columns are decimal(19,3). */
    static final int SCALE = 3;

    private ItemRules() {
    }

    /** A validated item: its row values and packs as they will be stored, and the version the caller read. */
    record Definition(ItemEntity item, List<ItemPackEntity> packs, Integer version, Boolean active) {
    }

    /** @param pathCode the code of the URL, which the body may repeat but not contradict */
    static Definition check(String pathCode, ItemDto in) {
        if (in == null) {
            throw ProblemException.validation("An item body is required");
        }
        List<String> errors = new ArrayList<>();
        String code = pathCode == null ? "" : Catalogue.normalise(pathCode);
        if (!CODE.matcher(code).matches()) {
            errors.add("code must be 1 to 40 capital letters, digits, - or _ (was '" + code + "')");
        }
        if (in.code != null && !in.code.isBlank() && !Catalogue.normalise(in.code).equals(code)) {
            errors.add("the body's code " + in.code.strip() + " is not the code of the address " + code);
        }
        String name = required(in.name, "name", 200, errors);
        String kind = upper(in.kind);
        if (kind == null) {
            errors.add("kind is required (MEDICINE or SUPPLY)");
        } else if (!KINDS.contains(kind)) {
            errors.add("kind must be MEDICINE or SUPPLY (was '" + kind + "')");
        }
        boolean medicine = MEDICINE.equals(kind);
        String generic = optional(in.genericName, "genericName", 200, errors);
        if (medicine && generic == null) {
            errors.add("a medicine needs its genericName (the INN, e.g. paracetamol): the allergy check matches on it");
        }
        String strength = optional(in.strength, "strength", 60, errors);
        String form = upper(in.form);
        if (form != null && !FORMS.contains(form)) {
            errors.add("unknown form '" + form + "' (one of " + String.join(", ", FORMS.stream().sorted().toList()) + ")");
        } else if (medicine && form == null) {
            errors.add("a medicine needs its form (TABLET, CAPSULE, INJECTION...)");
        }
        String atc = upper(in.atcCode);
        if (atc != null) {
            if (!ATC.matcher(atc).matches()) {
                errors.add("atcCode must be an ATC code such as N02BE01, or one of its levels N, N02, N02B, N02BE (was '"
                        + atc + "')");
            } else if (SUPPLY.equals(kind)) {
                errors.add("a supply has no ATC code: ATC classifies medicines");
            }
        }
        String unit = required(in.unitOfIssue, "unitOfIssue", 30, errors);
        boolean expiryRequired = in.expiryRequired == null ? medicine : in.expiryRequired;
        if (medicine && !expiryRequired) {
            errors.add("a medicine is always received with its expiry: expiryRequired must be true");
        }
        String price = optional(in.priceReference, "priceReference", 40, errors);
        List<ItemPackEntity> packs = packs(code, in.packs, errors);
        if (!errors.isEmpty()) {
            throw PharmacyProblems.unprocessable(String.join("; ", errors));
        }
        ItemEntity item = new ItemEntity();
        item.setCode(code);
        item.setName(name);
        item.setKind(kind);
        item.setGenericName(generic);
        item.setStrength(strength);
        item.setForm(form);
        item.setAtcCode(atc);
        item.setUnitOfIssue(unit);
        item.setExpiryRequired(expiryRequired);
        item.setPriceReference(price);
        item.setActive(in.active == null || in.active);
        return new Definition(item, packs, in.version, in.active);
    }

    private static List<ItemPackEntity> packs(String code, List<ItemDto.PackDto> in, List<String> errors) {
        List<ItemPackEntity> packs = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (ItemDto.PackDto p : in == null ? List.<ItemDto.PackDto>of() : in) {
            String name = p == null ? null : text(p.name);
            if (name == null || name.length() > 60) {
                errors.add("every pack needs a name of 1 to 60 characters");
                continue;
            }
            if (!names.add(name.toLowerCase(Locale.ROOT))) {
                errors.add("pack '" + name + "' is listed twice");
                continue;
            }
            BigDecimal units = quantity(p.units, "the units of pack '" + name + "'", errors);
            if (units == null) {
                continue;
            }
            if (units.signum() <= 0) {
                errors.add("the units of pack '" + name + "' must be more than 0 (was " + units.toPlainString() + ")");
                continue;
            }
            ItemPackEntity e = new ItemPackEntity();
            e.setItemCode(code);
            e.setName(name);
            e.setUnits(units);
            packs.add(e);
        }
        return packs;
    }

    /** A decimal string with at most 3 decimals; null (and an error) when missing or not a number. */
    static BigDecimal quantity(String value, String what, List<String> errors) {
        String v = text(value);
        if (v == null) {
            errors.add(what + " is required");
            return null;
        }
        try {
            BigDecimal d = new BigDecimal(v);
            if (d.stripTrailingZeros().scale() > SCALE || d.abs().compareTo(new BigDecimal("1e15")) >= 0) {
                errors.add(what + " has at most " + SCALE + " decimals and 15 digits (was " + v + ")");
                return null;
            }
            return d;
        } catch (NumberFormatException e) {
            errors.add(what + " must be a decimal number such as 100 or 2.5 (was '" + v + "')");
            return null;
        }
    }

    private static String required(String value, String field, int max, List<String> errors) {
        String v = text(value);
        if (v == null) {
            errors.add(field + " is required");
        } else if (v.length() > max) {
            errors.add(field + " is at most " + max + " characters");
        }
        return v;
    }

    private static String optional(String value, String field, int max, List<String> errors) {
        String v = text(value);
        if (v != null && v.length() > max) {
            errors.add(field + " is at most " + max + " characters");
        }
        return v;
    }

    static String text(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    static String upper(String s) {
        String t = text(s);
        return t == null ? null : t.toUpperCase(Locale.ROOT);
    }
}
