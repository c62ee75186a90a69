package org.pavilion.hl7.internal;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reading raw HL7 v2 text before (and without) a full parse: the character set from MSH-18, segment separators
 * normalised to CR, and the header fields the hub routes and de-duplicates on.
 */
public final class Hl7Text {

    private Hl7Text() {
    }

    /** The header fields of one message, as sent (components and escapes left in place). */
    public record Header(char fieldSeparator, String encodingCharacters, String sendingApplication,
            String sendingFacility, String receivingApplication, String receivingFacility, String messageType,
            String triggerEvent, String controlId, String processingId, String version, String characterSet) {

        char componentSeparator() {
            return encodingCharacters.isEmpty() ? '^' : encodingCharacters.charAt(0);
        }

        /** Who sent it, the scope of its control ids: MSH-3|MSH-4. */
        public String sender() {
            return sendingApplication + "|" + sendingFacility;
        }

        /** MSH-9.1^MSH-9.2, e.g. ADT^A04. */
        public String type() {
            return triggerEvent.isEmpty() ? messageType : messageType + "^" + triggerEvent;
        }
    }

    /**
     * The character set MSH-18 names (ASCII, 8859/1 .. 8859/15, UNICODE UTF-8, UNICODE), else {@code fallback}.
     * The header is ASCII in every supported encoding, so it is read byte by byte.
     */
    public static Charset charsetOf(byte[] raw, Charset fallback) {
        String msh18 = rawHeaderField(raw, 18);
        Charset named = charsetNamed(msh18);
        return named == null ? fallback : named;
    }

    /** The Java charset for an MSH-18 value; null for none or one we do not know. */
    public static Charset charsetNamed(String msh18) {
        if (msh18 == null || msh18.isBlank()) {
            return null;
        }
        String v = msh18.strip().toUpperCase(Locale.ROOT);
        int rep = v.indexOf('~');
        if (rep >= 0) {
            v = v.substring(0, rep); // the first repetition is the message's character set
        }
        switch (v) {
            case "ASCII":
                return StandardCharsets.US_ASCII;
            case "UNICODE UTF-8":
            case "UNICODE":
            case "UTF-8":
                return StandardCharsets.UTF_8;
            default:
                if (v.startsWith("8859/")) {
                    try {
                        return Charset.forName("ISO-8859-" + v.substring(5));
                    } catch (IllegalArgumentException unknown) {
                        return null;
                    }
                }
                return null;
        }
    }

    /** MSH-n of the raw bytes (n ≥ 3), read as ISO-8859-1; empty when absent. */
    static String rawHeaderField(byte[] raw, int n) {
        int start = mshStart(raw);
        if (start < 0 || raw.length < start + 8) {
            return "";
        }
        byte sep = raw[start + 3];
        int field = 2; // raw[start+3] is MSH-1 itself; MSH-2 starts after it
        int from = start + 4;
        for (int i = from; i <= raw.length; i++) {
            boolean end = i == raw.length || raw[i] == '\r' || raw[i] == '\n';
            if (end || raw[i] == sep) {
                if (field == n) {
                    return new String(raw, from, i - from, StandardCharsets.ISO_8859_1);
                }
                if (end) {
                    return "";
                }
                field++;
                from = i + 1;
            }
        }
        return "";
    }

    private static int mshStart(byte[] raw) {
        for (int i = 0; i + 3 < raw.length && i < 64; i++) {
            if (raw[i] == 'M' && raw[i + 1] == 'S' && raw[i + 2] == 'H') {
                return i;
            }
        }
        return -1;
    }

    /**
     * Segments separated by CR only: CR LF and lone LF (files edited on other systems, some senders) become CR;
     * blank segments and leading noise before MSH are dropped.
     */
    public static String normalise(String text) {
        String t = text.replace("\r\n", "\r").replace('\n', '\r');
        int msh = t.indexOf("MSH");
        if (msh > 0) {
            t = t.substring(msh);
        }
        StringBuilder out = new StringBuilder(t.length());
        for (String segment : t.split("\r")) {
            if (!segment.isBlank()) {
                out.append(segment).append('\r');
            }
        }
        return out.toString();
    }

    /** The header of normalised text; an {@link IllegalArgumentException} when it does not start with MSH. */
    public static Header header(String normalised) {
        if (normalised.length() < 8 || !normalised.startsWith("MSH")) {
            throw new IllegalArgumentException("message does not start with an MSH segment");
        }
        int end = normalised.indexOf('\r');
        String msh = end < 0 ? normalised : normalised.substring(0, end);
        char sep = msh.charAt(3);
        String[] f = split(msh.substring(4), sep); // not String.split: a quoted regex compiled per message
        // f[0] is MSH-2, f[k] is MSH-(k+2)
        String enc = f[0];
        char comp = enc.isEmpty() ? '^' : enc.charAt(0);
        String msh9 = field(f, 9);
        String[] type = split(msh9, comp);
        String version = field(f, 12);
        int vcomp = version.indexOf(comp);
        return new Header(sep, enc, field(f, 3), field(f, 4), field(f, 5), field(f, 6), type[0].strip(),
                type.length > 1 ? type[1].strip() : "", field(f, 10).strip(), field(f, 11),
                (vcomp >= 0 ? version.substring(0, vcomp) : version).strip(), field(f, 18));
    }

    /** The normalised message with MSH-10 set to {@code controlId} (fields up to MSH-10 added when missing). */
    public static String withControlId(String normalised, String controlId) {
        header(normalised); // refuses what has no MSH
        int end = normalised.indexOf('\r');
        String msh = end < 0 ? normalised : normalised.substring(0, end);
        String rest = end < 0 ? "" : normalised.substring(end);
        char sep = msh.charAt(3);
        List<String> f = new ArrayList<>(List.of(split(msh.substring(4), sep))); // f.get(k) is MSH-(k+2)
        while (f.size() < 9) {
            f.add("");
        }
        f.set(8, controlId);
        return "MSH" + sep + String.join(String.valueOf(sep), f) + rest;
    }

    /** {@code s} cut at every {@code c}, empty pieces kept (also trailing ones). */
    public static String[] split(String s, char c) {
        List<String> out = new ArrayList<>();
        int from = 0;
        for (int at = s.indexOf(c); at >= 0; at = s.indexOf(c, from)) {
            out.add(s.substring(from, at));
            from = at + 1;
        }
        out.add(s.substring(from));
        return out.toArray(new String[0]);
    }

    private static String field(String[] f, int mshN) {
        int k = mshN - 2;
        return k < f.length ? f[k] : "";
    }
}
