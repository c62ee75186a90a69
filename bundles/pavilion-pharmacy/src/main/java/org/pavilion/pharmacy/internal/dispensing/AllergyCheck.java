package org.pavilion.pharmacy.internal.dispensing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.pharmacy.internal.catalogue.ItemEntity;

/**
 * Which of a patient's allergies an item touches: the same generic name (or one ingredient of a combination), an
 * ATC code or class the allergy is coded with, or a drug class named in the substance that holds the item's ATC code
 * ({@link DrugClasses}).
 */
final class AllergyCheck {

    private AllergyCheck() {
    }

    static List<AllergySource.Allergy> matching(ItemEntity item, List<AllergySource.Allergy> allergies) {
        List<AllergySource.Allergy> found = new ArrayList<>();
        for (AllergySource.Allergy a : allergies) {
            if (touches(item, a)) {
                found.add(a);
            }
        }
        return found;
    }

    private static boolean touches(ItemEntity item, AllergySource.Allergy a) {
        String atc = item.getAtcCode() == null ? null : item.getAtcCode().strip().toUpperCase(Locale.ROOT);
        if (a.code() != null && a.codeSystem() != null && atc != null) {
            String system = a.codeSystem().strip().toUpperCase(Locale.ROOT);
            String code = a.code().strip();
            if (system.equals("ATC") && atc.startsWith(code.toUpperCase(Locale.ROOT))) {
                return true;
            }
            if ((system.equals("RXNORM") || system.equals("RXN"))
                    && DrugClasses.BY_RXNORM.getOrDefault(code, List.of()).stream().anyMatch(atc::startsWith)) {
                return true;
            }
        }
        if (a.substance() == null || a.substance().isBlank()) {
            return false;
        }
        String substance = a.substance().toLowerCase(Locale.ROOT).strip();
        if (item.getGenericName() != null && ingredients(item.getGenericName()).contains(substance)) {
            return true;
        }
        return atc != null && DrugClasses.ofName(substance).stream().anyMatch(atc::startsWith);
    }

    /** "amoxicillin + clavulanic acid" → [amoxicillin + clavulanic acid, amoxicillin, clavulanic acid]. */
    private static List<String> ingredients(String generic) {
        String g = generic.toLowerCase(Locale.ROOT).strip();
        List<String> out = new ArrayList<>(List.of(g));
        Arrays.stream(g.split("\\s*(\\+|/|,| and | with )\\s*")).map(String::strip).filter(s -> !s.isEmpty())
                .forEach(out::add);
        return out;
    }

    /** One line per allergy for the dispense record: "penicillin (anaphylaxis, SEVERE)". */
    static String describe(List<AllergySource.Allergy> found) {
        return found.stream().map(a -> a.substance() + " (" + (a.reaction() == null ? "reaction not recorded"
                : a.reaction()) + ", " + (a.severity() == null ? "UNKNOWN" : a.severity()) + ")")
                .collect(Collectors.joining("; "));
    }

    /** 409 {@code allergy-warning} with {@code allergies: [{substance, reaction, severity}]}. */
    static ProblemException warning(ItemEntity item, List<AllergySource.Allergy> found) {
        List<Map<String, Object>> list = found.stream().map(AllergyCheck::view).toList();
        return new ProblemException(409, "allergy-warning", "Allergy warning", item.getName() + " ("
                + item.getCode() + ") touches the patient's recorded allergies: " + describe(found)
                + ". Dispense only with an overrideReason.", Map.of("allergies", list));
    }

    static Map<String, Object> view(AllergySource.Allergy a) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("substance", a.substance());
        m.put("reaction", a.reaction());
        m.put("severity", a.severity());
        return m;
    }

    /** The outcome of asking: the allergies the item touches, or why nobody asked. */
    record Result(List<AllergySource.Allergy> touched, String notChecked) {
    }

    /**
     * Checks {@code item} against the patient's allergies when the check is on and the EMR is there; otherwise says
     * why it was not done (a dispense records that).
     */
    static Result of(AllergySource source, boolean enabled, String mrn, ItemEntity item) {
        if (!enabled) {
            return new Result(List.of(), "allergies not checked: allergyCheck=false");
        }
        if (source == null) {
            return new Result(List.of(), "allergies not checked: the EMR's allergy service is not installed");
        }
        try {
            return new Result(matching(item, source.active(mrn)), null);
        } catch (IllegalArgumentException e) { // the EMR refuses an MRN whose check digits do not match
            throw ProblemException.validation("the patient's allergies cannot be read: " + e.getMessage());
        }
    }
}
