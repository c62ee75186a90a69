package org.pavilion.pharmacy.internal.dispensing;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Allergies recorded by drug class, and the WHO ATC groups that class covers: an allergy to "penicillin" warns for
 * every item whose ATC code starts with J01C (amoxicillin J01CA04, benzylpenicillin J01CE01...). Deliberately small
 * and conservative: the classes prescribers write in allergy lists, each with the ATC groups that hold its members.
 * A few RxNorm ingredient codes of the same classes and of common single drugs map the same way, for allergies the
 * EMR recorded with an RXNORM code.
 */
final class DrugClasses {

    private DrugClasses() {
    }

    /** Class name (singular, lower case) → ATC prefixes. Plurals and "allergy to ..." wording are normalised. */
    static final Map<String, List<String>> BY_NAME = Map.ofEntries(
            Map.entry("penicillin", List.of("J01C")),
            Map.entry("beta-lactam", List.of("J01C", "J01D")),
            Map.entry("cephalosporin", List.of("J01D")),
            Map.entry("sulfonamide", List.of("J01E")),
            Map.entry("sulphonamide", List.of("J01E")),
            Map.entry("sulfa", List.of("J01E")),
            Map.entry("sulpha", List.of("J01E")),
            Map.entry("nsaid", List.of("M01A", "N02BA")),
            Map.entry("aspirin", List.of("N02BA", "B01AC06", "M01A")),
            Map.entry("opioid", List.of("N02A")),
            Map.entry("opiate", List.of("N02A")),
            Map.entry("macrolide", List.of("J01FA")),
            Map.entry("tetracycline", List.of("J01AA")),
            Map.entry("quinolone", List.of("J01M")),
            Map.entry("fluoroquinolone", List.of("J01MA")),
            Map.entry("aminoglycoside", List.of("J01G")),
            Map.entry("benzodiazepine", List.of("N05BA", "N05CD")),
            Map.entry("ace inhibitor", List.of("C09A", "C09B")),
            Map.entry("statin", List.of("C10AA")));

    /** RxNorm ingredient code → ATC prefixes (classes and single drugs of the table above). */
    static final Map<String, List<String>> BY_RXNORM = Map.of(
            "70618", List.of("J01C"),      // penicillin
            "7980", List.of("J01CE"),      // penicillin G
            "723", List.of("J01CA04", "J01CR02"), // amoxicillin (alone, with clavulanic acid)
            "1191", List.of("N02BA01", "B01AC06"), // aspirin
            "5640", List.of("M01AE01"),    // ibuprofen
            "161", List.of("N02BE01"),     // acetaminophen (paracetamol)
            "7052", List.of("N02AA01"),    // morphine
            "2670", List.of("R05DA04", "N02AJ"), // codeine
            "10180", List.of("J01EC01", "J01EE01")); // sulfamethoxazole

    /** The ATC prefixes a class named in free text covers (empty when it names no class of the table). */
    static List<String> ofName(String substance) {
        String s = substance.toLowerCase(Locale.ROOT).strip();
        if (s.startsWith("allergy to ")) {
            s = s.substring("allergy to ".length()).strip();
        }
        if (s.endsWith(" allergy")) {
            s = s.substring(0, s.length() - " allergy".length()).strip();
        }
        List<String> exact = BY_NAME.get(s);
        if (exact != null) {
            return exact;
        }
        if (s.endsWith("s")) {
            List<String> plural = BY_NAME.get(s.substring(0, s.length() - 1));
            if (plural != null) {
                return plural;
            }
        }
        return List.of();
    }
}
