package org.pavilion.hl7.internal;

import java.util.HashMap;
import java.util.Map;

import ca.uhn.hl7v2.parser.EncodingCharacters;
import ca.uhn.hl7v2.parser.Escape;

/**
 * The fields of an ADT message the EMR mapping reads: the first repetition's component of the first segment of
 * each kind, as HAPI's PreParser and Terser read them. Picked out of the text in one pass over its segments: a full
 * parse of an ADT_A01 builds every segment and field of its structure (half of a listener thread's CPU per message),
 * and even the PreParser's general path machinery was a quarter of it; these are seventeen fixed paths
 * ({@code AdtFieldsTest} checks them against the PreParser). The positions are the same in v2.3 to v2.8. Values are
 * unescaped (\F\, \S\, \T\, \R\, \E\) by HAPI with the message's own encoding characters.
 */
final class AdtFields {

    static final String[] PATHS = {"PID-3-1", "PID-3-4", "PID-5-1", "PID-5-2", "PID-7-1", "PID-8", "PID-11-1",
        "PID-11-3", "PID-11-5", "PID-11-6", "PID-13-1", "PV1-2", "PV1-19-1", "PV1-19-4", "PV2-3-2", "MRG-1-1",
        "MRG-1-4"};
    /** PATHS taken apart: segment, field, component (1 when not given). */
    private static final String[] SEGMENT = new String[PATHS.length];
    private static final int[] FIELD = new int[PATHS.length];
    private static final int[] COMPONENT = new int[PATHS.length];

    static {
        for (int i = 0; i < PATHS.length; i++) {
            String[] p = PATHS[i].split("-");
            SEGMENT[i] = p[0];
            FIELD[i] = Integer.parseInt(p[1]);
            COMPONENT[i] = p.length > 2 ? Integer.parseInt(p[2]) : 1;
        }
    }

    private final Map<String, String> values;

    private AdtFields(Map<String, String> values) {
        this.values = values;
    }

    /** The fields of {@code text} (normalised: segments end with CR, MSH first). */
    static AdtFields of(String text, Hl7Text.Header h) {
        String encoding = h.encodingCharacters().isEmpty() ? "^~\\&" : h.encodingCharacters();
        EncodingCharacters enc = new EncodingCharacters(h.fieldSeparator(), encoding);
        char fieldSep = h.fieldSeparator();
        char componentSep = encoding.charAt(0);
        char repetitionSep = encoding.length() > 1 ? encoding.charAt(1) : '~';
        char subcomponentSep = encoding.length() > 3 ? encoding.charAt(3) : '&';
        Map<String, String> values = new HashMap<>();
        for (String path : PATHS) {
            values.put(path, null);
        }
        boolean[] seen = new boolean[PATHS.length];
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\r', start);
            if (end < 0) {
                end = text.length();
            }
            for (int i = 0; i < PATHS.length; i++) {
                String seg = SEGMENT[i];
                if (!seen[i] && end - start > seg.length() && text.startsWith(seg, start)
                        && text.charAt(start + seg.length()) == fieldSep) {
                    seen[i] = true;
                    String v = component(text, start + seg.length() + 1, end, FIELD[i], COMPONENT[i], fieldSep,
                            componentSep, repetitionSep, subcomponentSep);
                    values.put(PATHS[i], v == null || v.isEmpty() ? null : Escape.unescape(v, enc));
                }
            }
            start = end + 1;
        }
        return new AdtFields(values);
    }

    /**
     * Field {@code field} (1-based after the segment id) of the segment text from {@code from} to {@code end}: its
     * first repetition's component {@code component}, first subcomponent; null when absent.
     */
    static String component(String text, int from, int end, int field, int component, char fieldSep,
            char componentSep, char repetitionSep, char subcomponentSep) {
        int i = after(text, from, end, fieldSep, field - 1);
        if (i < 0) {
            return null;
        }
        int fieldEnd = until(text, i, end, fieldSep, repetitionSep);
        i = after(text, i, fieldEnd, componentSep, component - 1);
        return i < 0 ? null : text.substring(i, until(text, i, fieldEnd, componentSep, subcomponentSep));
    }

    /** The position after the {@code n}th {@code separator} from {@code i} before {@code end}; -1 when fewer. */
    private static int after(String text, int i, int end, char separator, int n) {
        for (int k = 0; k < n; k++) {
            int next = text.indexOf(separator, i);
            if (next < 0 || next >= end) {
                return -1;
            }
            i = next + 1;
        }
        return i;
    }

    /** The first position from {@code i} before {@code end} holding {@code a} or {@code b}, else {@code end}. */
    private static int until(String text, int i, int end, char a, char b) {
        for (int k = i; k < end; k++) {
            char ch = text.charAt(k);
            if (ch == a || ch == b) {
                return k;
            }
        }
        return end;
    }

    /** A field's value, null when empty or absent; {@code path} is one of {@link #PATHS}. */
    String get(String path) {
        if (!values.containsKey(path)) {
            throw new IllegalArgumentException(path + " is not read by AdtFields");
        }
        String v = values.get(path);
        return v == null || v.isBlank() ? null : v.strip();
    }
}
