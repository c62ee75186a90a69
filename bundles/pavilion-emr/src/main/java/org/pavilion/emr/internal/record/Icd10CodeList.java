package org.pavilion.emr.internal.record;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * An immutable ICD-10 code list held in memory: code (normalised, without the dot) → title, with lookup and a
 * search for the UI. Read from plain text, one code a line: the code, then white space (or a tab, {@code ;} or
 * {@code ,}), then its title — the layout of the CMS file {@code icd10cm-codes-YYYY.txt}; {@code #} starts a
 * comment. Codes are accepted with or without the dot (E11.9 / E119) in any case.
 */
public final class Icd10CodeList {

    /** A letter, two more characters, then up to four more: 3 to 7 characters, as ICD-10-CM and WHO ICD-10. */
    private static final Pattern CODE = Pattern.compile("[A-Z][0-9][0-9A-Z][0-9A-Z]{0,4}");
    private static final Pattern SEPARATOR = Pattern.compile("[\\s;,]+");
    private static final Pattern NON_WORD = Pattern.compile("[^a-z0-9]+");

    private final String source;
    private final NavigableMap<String, String> titles;
    /** Parallel to the map's iteration order: codes and their titles folded for word search. */
    private final String[] codes;
    private final String[][] titleWords;

    private Icd10CodeList(String source, NavigableMap<String, String> titles) {
        this.source = source;
        this.titles = titles;
        this.codes = titles.keySet().toArray(new String[0]);
        this.titleWords = new String[codes.length][];
        for (int i = 0; i < codes.length; i++) {
            titleWords[i] = words(titles.get(codes[i]));
        }
    }

    /**
     * Reads a list; a malformed line fails the whole load with its line number, so a hospital's file is never
     * half-loaded. An empty list is refused too.
     */
    public static Icd10CodeList parse(Reader in, String source) throws IOException {
        NavigableMap<String, String> titles = new TreeMap<>();
        BufferedReader r = new BufferedReader(in);
        String line;
        int no = 0;
        while ((line = r.readLine()) != null) {
            no++;
            String s = line.strip();
            if (no == 1 && s.startsWith("\uFEFF")) {
                s = s.substring(1);
            }
            if (s.isEmpty() || s.startsWith("#")) {
                continue;
            }
            String[] parts = SEPARATOR.split(s, 2);
            String code = normalise(parts[0]);
            if (code == null || parts.length < 2 || parts[1].isBlank()) {
                throw new IOException(source + " line " + no + ": expected an ICD-10 code and its title, got '"
                        + (s.length() > 60 ? s.substring(0, 60) + "..." : s) + "'");
            }
            titles.put(code, parts[1].strip());
        }
        if (titles.isEmpty()) {
            throw new IOException(source + " holds no codes");
        }
        return new Icd10CodeList(source, titles);
    }

    /**
     * The code without dot, upper case, or null when it cannot be an ICD-10 code (E11.9, e119 and " E11.9 "
     * all give E119; E1.19 and 11.9 give null). A dot is accepted only after the third character.
     */
    public static String normalise(String code) {
        if (code == null) {
            return null;
        }
        String c = code.strip().toUpperCase(Locale.ROOT);
        int dot = c.indexOf('.');
        if (dot >= 0) {
            if (dot != 3 || c.indexOf('.', dot + 1) >= 0) {
                return null;
            }
            c = c.substring(0, 3) + c.substring(4);
        }
        return CODE.matcher(c).matches() ? c : null;
    }

    /** Display form: E119 → E11.9, I10 → I10. */
    public static String dotted(String normalised) {
        return normalised.length() > 3 ? normalised.substring(0, 3) + "." + normalised.substring(3) : normalised;
    }

    public String source() {
        return source;
    }

    public int size() {
        return codes.length;
    }

    /** Title of a code given in any accepted form, or null when the list does not hold it. */
    public String title(String code) {
        String n = normalise(code);
        return n == null ? null : titles.get(n);
    }

    /**
     * Up to {@code limit} entries for a search box, in code order: codes starting with the query (as a code,
     * dot optional), then codes whose title has, for every word of the query, a word starting with it (case-
     * and accent-insensitive: "diab typ" finds "Type 2 diabetes mellitus ...").
     */
    public List<Map.Entry<String, String>> search(String query, int limit) {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        if (query == null || query.isBlank() || limit <= 0) {
            return out;
        }
        String codePrefix = query.strip().toUpperCase(Locale.ROOT).replace(".", "");
        if (codePrefix.matches("[A-Z][0-9A-Z]{0,6}")) {
            for (Map.Entry<String, String> e : titles.tailMap(codePrefix, true).entrySet()) {
                if (!e.getKey().startsWith(codePrefix) || out.size() >= limit) {
                    break;
                }
                out.add(Map.entry(dotted(e.getKey()), e.getValue()));
            }
        }
        String[] wanted = words(query);
        if (wanted.length == 0) {
            return out;
        }
        for (int i = 0; i < codes.length && out.size() < limit; i++) {
            if (!codes[i].startsWith(codePrefix) && allPrefixed(wanted, titleWords[i])) {
                out.add(Map.entry(dotted(codes[i]), titles.get(codes[i])));
            }
        }
        return out;
    }

    private static boolean allPrefixed(String[] wanted, String[] have) {
        for (String w : wanted) {
            boolean found = false;
            for (String h : have) {
                if (h.startsWith(w)) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    /** Lower case, accents dropped, split on anything but letters and digits, distinct. */
    static String[] words(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT);
        return Arrays.stream(NON_WORD.split(folded)).filter(w -> !w.isEmpty()).distinct().map(String::intern)
                .toArray(String[]::new);
    }
}
