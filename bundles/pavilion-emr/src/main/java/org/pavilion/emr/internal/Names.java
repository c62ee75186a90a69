package org.pavilion.emr.internal;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Name normalisation for search and duplicate detection: accents stripped, lower case, anything that is not a
 * letter or digit becomes one space. "José-María  O'Neill" and "jose maria o neill" normalise alike.
 */
public final class Names {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern NOT_LETTER = Pattern.compile("[^\\p{L}\\p{Nd}]+");

    private Names() {
    }

    public static String normalise(String name) {
        if (name == null) {
            return "";
        }
        String decomposed = Normalizer.normalize(name, Normalizer.Form.NFKD);
        String bare = MARKS.matcher(decomposed).replaceAll("");
        // Letters NFKD cannot decompose but clerks type both ways.
        bare = bare.replace("ß", "ss").replace("ø", "o").replace("Ø", "O").replace("ł", "l").replace("Ł", "L")
                .replace("æ", "ae").replace("Æ", "AE").replace("đ", "d").replace("Đ", "D");
        return NOT_LETTER.matcher(bare.toLowerCase(Locale.ROOT)).replaceAll(" ").trim();
    }

    /**
     * Two normalised names that could be the same person's, mistyped: equal, or within an edit distance
     * (insert, delete, substitute, swap of neighbours) of 1 for names up to 5 characters and 2 for longer
     * ones. Spaces are ignored, so "de la cruz" and "delacruz" match.
     */
    static boolean similar(String a, String b) {
        String x = a.replace(" ", "");
        String y = b.replace(" ", "");
        if (x.isEmpty() || y.isEmpty()) {
            return false;
        }
        int allowed = Math.max(x.length(), y.length()) <= 5 ? 1 : 2;
        return Math.abs(x.length() - y.length()) <= allowed && distance(x, y) <= allowed;
    }

    /** Given and family name both similar, also when the clerk swapped the two fields. */
    static boolean similarPerson(String given1, String family1, String given2, String family2) {
        return similar(given1, given2) && similar(family1, family2)
                || similar(given1, family2) && similar(family1, given2);
    }

    /** Optimal string alignment distance (Damerau-Levenshtein without repeated edits of a substring). */
    static int distance(String a, String b) {
        int n = a.length();
        int m = b.length();
        int[][] d = new int[n + 1][m + 1];
        for (int i = 0; i <= n; i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= m; j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= m; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[n][m];
    }
}
