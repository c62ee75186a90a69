package org.pavilion.emr.internal;

import java.util.LinkedHashSet;
import java.util.Set;

import org.apache.commons.codec.language.DoubleMetaphone;

/**
 * Phonetic search keys of a patient's names: the Double Metaphone primary code of the normalised name with its
 * spaces removed ("de la cruz" and "delacruz" sound alike). Stored in indexed columns, so a misspelt query
 * ("Jonhson", "Nguyn") finds the spellings that sound like it without scanning the table; see PatientFinder.
 */
final class NameKeys {

    /** Longer than the library's default 4, so long names are not lumped together with every name they start like. */
    static final int MAX_KEY_LENGTH = 6;

    private static final DoubleMetaphone ENCODER = newEncoder();

    private NameKeys() {
    }

    private static DoubleMetaphone newEncoder() {
        DoubleMetaphone dm = new DoubleMetaphone();
        dm.setMaxCodeLen(MAX_KEY_LENGTH);
        return dm;
    }

    /** Fills the phonetic keys from the entity's normalised names; called whenever the names are set. */
    static void fill(PatientEntity e) {
        e.setFamilyNamePhonetic(key(e.getFamilyNameNorm()));
        e.setGivenNamePhonetic(key(e.getGivenNameNorm()));
        SpellingCache.learn("family", e.getFamilyNamePhonetic(), e.getFamilyNameNorm());
        SpellingCache.learn("given", e.getGivenNamePhonetic(), e.getGivenNameNorm());
    }

    /** The stored key of a normalised name; empty when the name has no letters the encoder knows (e.g. CJK). */
    static String key(String normalisedName) {
        String compact = compact(normalisedName);
        if (compact.isEmpty()) {
            return "";
        }
        String k = ENCODER.doubleMetaphone(compact, false);
        return k == null ? "" : k;
    }

    /**
     * Keys to look a typed name up by: its primary and alternate codes ("Schmidt" is XMT or SMT), so a query
     * finds names stored under either reading. Only the primary code is stored (one indexed column per name).
     */
    static Set<String> queryKeys(String normalisedName) {
        Set<String> keys = new LinkedHashSet<>();
        String compact = compact(normalisedName);
        if (compact.isEmpty()) {
            return keys;
        }
        for (boolean alternate : new boolean[] {false, true}) {
            String k = ENCODER.doubleMetaphone(compact, alternate);
            if (k != null && !k.isEmpty()) {
                keys.add(k);
            }
        }
        return keys;
    }

    private static String compact(String normalisedName) {
        return normalisedName == null ? "" : normalisedName.replace(" ", "");
    }
}
