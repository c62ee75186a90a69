package org.pavilion.emr.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How a typed name matches a stored one, for ranking search results: exact before prefix before a typo, and
 * typos by their edit distance (Damerau-Levenshtein, optimal string alignment, see {@link Names#distance}).
 * All inputs are normalised names ({@link Names#normalise}).
 */
final class NameMatching {

    /** Shorter words are not matched with typos: "li" is one edit from half the names in the registry. */
    static final int MIN_TYPO_LENGTH = 3;

    enum How {
        EXACT, PREFIX, TYPO
    }

    private NameMatching() {
    }

    /** Edits tolerated between a typed word and a name: 1 up to 5 letters, 2 beyond, as for duplicates. */
    static int allowedDistance(String typed, String stored) {
        return Math.max(typed.length(), stored.length()) <= 5 ? 1 : 2;
    }

    /**
     * Spellings among {@code candidates} (names that sound like {@code typed}) within the tolerated distance,
     * grouped by distance (1, 2), excluding those {@code typed} is a prefix of: the prefix search finds those.
     * Sorted, so the queries built from them are the same on every run.
     */
    static TreeMap<Integer, List<String>> typoSpellings(String typed, Collection<String> candidates) {
        TreeMap<Integer, TreeSet<String>> byDistance = new TreeMap<>();
        if (typed.replace(" ", "").length() >= MIN_TYPO_LENGTH) {
            for (String c : candidates) {
                if (c == null || c.isEmpty() || c.startsWith(typed)) {
                    continue;
                }
                int d = typoDistance(typed, c);
                if (d > 0) {
                    byDistance.computeIfAbsent(d, k -> new TreeSet<>()).add(c);
                }
            }
        }
        TreeMap<Integer, List<String>> out = new TreeMap<>();
        byDistance.forEach((d, names) -> out.put(d, new ArrayList<>(names)));
        return out;
    }

    /** Edit distance between typed and stored (spaces ignored) when within tolerance, else -1; 0 means equal. */
    static int typoDistance(String typed, String stored) {
        String a = typed.replace(" ", "");
        String b = stored.replace(" ", "");
        if (a.length() < MIN_TYPO_LENGTH || b.isEmpty()) {
            return a.equals(b) ? 0 : -1;
        }
        int allowed = allowedDistance(a, b);
        if (Math.abs(a.length() - b.length()) > allowed) {
            return -1;
        }
        int d = Names.distance(a, b);
        return d <= allowed ? d : -1;
    }

    /** How {@code stored} matches {@code typed}, with the distance for a typo; null when it does not. */
    static NameMatch classify(String field, String typed, String stored) {
        if (typed.isEmpty() || stored == null) {
            return null;
        }
        if (stored.equals(typed)) {
            return new NameMatch(field, How.EXACT, 0);
        }
        if (stored.startsWith(typed)) {
            return new NameMatch(field, How.PREFIX, 0);
        }
        int d = typoDistance(typed, stored);
        return d > 0 ? new NameMatch(field, How.TYPO, d) : null;
    }

    /** The better of two matches: exact, then prefix, then the smaller typo distance. */
    static NameMatch better(NameMatch a, NameMatch b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        int byHow = Integer.compare(How.valueOf(a.how).ordinal(), How.valueOf(b.how).ordinal());
        if (byHow != 0) {
            return byHow < 0 ? a : b;
        }
        return b.distance < a.distance ? b : a;
    }
}
