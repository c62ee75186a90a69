package org.pavilion.hl7.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * One received HL7 v2 message as a handler sees it: the MSH header values, the text (segments separated by CR, in
 * the charset MSH-18 named already decoded) and a field reader.
 *
 * <p>Paths name a value as in HL7 documentation: {@code SEG[(n)]-F[(r)][-C[-S]]}, counting from 1:
 * {@code PID-3-1} is the first component of the first repetition of PID-3 in the first PID segment;
 * {@code PID-3(2)-4} the fourth component of its second repetition; {@code OBX(3)-5} the third OBX's fifth field.
 * A segment is known by its whole id ({@code PIDX} is not a {@code PID}); in MSH, MSH-1 is the field separator and
 * MSH-2 the encoding characters. Values come unescaped (\F\, \S\, \T\, \R\, \E\ with the message's own delimiters;
 * other escape sequences are left as sent), stripped, and null when absent or empty.
 *
 * <p>Cheap on purpose: the hub builds one per message on its hot path. The constructor only finds where segments
 * start; each read walks one segment's text; nothing is parsed that nobody reads.
 */
@ProviderType
public final class InboundMessage {

    private final String text;
    private final char fieldSeparator;
    private final String encodingCharacters;
    private final char componentSeparator;
    private final char repetitionSeparator;
    private final char escapeCharacter;
    private final char subcomponentSeparator;
    /** Start and end (exclusive, before its CR) of each segment, and where its id ends. */
    private final int[] starts;
    private final int[] ends;
    private final int[] idEnds;
    private final int segments;

    private InboundMessage(String text) {
        if (text == null || !text.startsWith("MSH") || text.length() < 8) {
            throw new IllegalArgumentException("an HL7 v2 message starts with MSH and its delimiters");
        }
        this.text = text;
        this.fieldSeparator = text.charAt(3);
        int encEnd = text.indexOf(fieldSeparator, 4);
        int segEnd = text.indexOf('\r');
        if (encEnd < 0 || (segEnd >= 0 && encEnd > segEnd)) {
            encEnd = segEnd < 0 ? text.length() : segEnd;
        }
        this.encodingCharacters = text.substring(4, encEnd);
        String enc = encodingCharacters.length() >= 4 ? encodingCharacters : "^~\\&";
        this.componentSeparator = enc.charAt(0);
        this.repetitionSeparator = enc.charAt(1);
        this.escapeCharacter = enc.charAt(2);
        this.subcomponentSeparator = enc.charAt(3);
        int n = 1;
        for (int i = text.indexOf('\r'); i >= 0 && i < text.length() - 1; i = text.indexOf('\r', i + 1)) {
            n++;
        }
        starts = new int[n];
        ends = new int[n];
        idEnds = new int[n];
        int count = 0;
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\r', start);
            if (end < 0) {
                end = text.length();
            }
            if (end > start) {
                starts[count] = start;
                ends[count] = end;
                int id = text.indexOf(fieldSeparator, start);
                idEnds[count] = id < 0 || id > end ? end : id;
                count++;
            }
            start = end + 1;
        }
        this.segments = count;
    }

    /**
     * The message of {@code text}: segments separated by CR (CR LF and LF are taken as CR too), MSH first.
     * Throws IllegalArgumentException when it does not start with MSH.
     */
    public static InboundMessage parse(String text) {
        if (text != null && text.indexOf('\n') >= 0) {
            text = text.replace("\r\n", "\r").replace('\n', '\r');
        }
        return new InboundMessage(text);
    }

    /** The text, segments separated by CR. */
    public String text() {
        return text;
    }

    public char fieldSeparator() {
        return fieldSeparator;
    }

    /** MSH-2 as sent, usually {@code ^~\&}. */
    public String encodingCharacters() {
        return encodingCharacters;
    }

    /** MSH-9.1, e.g. {@code ADT}; empty when absent. */
    public String messageType() {
        return orEmpty(field("MSH-9-1"));
    }

    /** MSH-9.2, e.g. {@code A01}; empty when absent. */
    public String triggerEvent() {
        return orEmpty(field("MSH-9-2"));
    }

    /** {@code ADT^A01}: MSH-9.1 and MSH-9.2, the key handlers register under. */
    public String type() {
        String trigger = triggerEvent();
        return trigger.isEmpty() ? messageType() : messageType() + "^" + trigger;
    }

    /** MSH-10. */
    public String controlId() {
        return orEmpty(field("MSH-10"));
    }

    /** MSH-12.1, e.g. {@code 2.5.1}. */
    public String version() {
        return orEmpty(field("MSH-12-1"));
    }

    /** MSH-3.1, the sending application's name (its namespace id); empty when absent. */
    public String sendingApplication() {
        return orEmpty(field("MSH-3-1"));
    }

    /** MSH-4.1. */
    public String sendingFacility() {
        return orEmpty(field("MSH-4-1"));
    }

    /** MSH-5.1. */
    public String receivingApplication() {
        return orEmpty(field("MSH-5-1"));
    }

    /** MSH-6.1. */
    public String receivingFacility() {
        return orEmpty(field("MSH-6-1"));
    }

    /** How many segments with this id the message has. */
    public int segmentCount(String segment) {
        int n = 0;
        for (int i = 0; i < segments; i++) {
            if (isSegment(i, segment, 0, segment.length())) {
                n++;
            }
        }
        return n;
    }

    /** How many repetitions field {@code SEG[(n)]-F} has (0 when absent or empty). */
    public int repetitions(String fieldPath) {
        Path p = Path.of(fieldPath);
        int seg = segment(fieldPath, p);
        if (seg < 0) {
            return 0;
        }
        long f = fieldBounds(seg, p.field);
        if (f < 0 || start(f) == end(f)) {
            return 0;
        }
        if (p.field <= 2 && isMsh(seg)) {
            return 1;
        }
        int n = 1;
        for (int i = start(f); i < end(f); i++) {
            if (text.charAt(i) == repetitionSeparator) {
                n++;
            }
        }
        return n;
    }

    /** The value at {@code path} (see the class comment); null when absent or empty. */
    public String field(String path) {
        Path p = Path.of(path);
        int seg = segment(path, p);
        if (seg < 0) {
            return null;
        }
        long f = fieldBounds(seg, p.field);
        if (f < 0) {
            return null;
        }
        int from = start(f);
        int to = end(f);
        if (isMsh(seg) && p.field <= 2) {
            return p.field == 1 ? String.valueOf(fieldSeparator) : encodingCharacters;
        }
        // repetition
        from = after(from, to, repetitionSeparator, p.repetition - 1);
        if (from < 0) {
            return null;
        }
        to = until(from, to, repetitionSeparator, repetitionSeparator);
        if (p.component > 0) {
            from = after(from, to, componentSeparator, p.component - 1);
            if (from < 0) {
                return null;
            }
            to = until(from, to, componentSeparator, componentSeparator);
            if (p.subcomponent > 0) {
                from = after(from, to, subcomponentSeparator, p.subcomponent - 1);
                if (from < 0) {
                    return null;
                }
                to = until(from, to, subcomponentSeparator, subcomponentSeparator);
            } else {
                to = until(from, to, subcomponentSeparator, subcomponentSeparator);
            }
        } else {
            // A whole field reads as its first component's first subcomponent, as HAPI's Terser does.
            to = until(from, to, componentSeparator, subcomponentSeparator);
        }
        String v = unescape(from, to);
        return v.isBlank() ? null : v.strip();
    }

    @Override
    public String toString() {
        return type() + " " + controlId();
    }

    private boolean isMsh(int seg) {
        return seg == 0 && text.startsWith("MSH");
    }

    /** The index of the segment {@code p} names, -1 when the message has fewer. */
    private int segment(String path, Path p) {
        int seen = 0;
        for (int i = 0; i < segments; i++) {
            if (isSegment(i, path, 0, p.segmentIdLength) && ++seen == p.segmentRepetition) {
                return i;
            }
        }
        return -1;
    }

    private boolean isSegment(int i, String id, int offset, int length) {
        return idEnds[i] - starts[i] == length && text.regionMatches(starts[i], id, offset, length);
    }

    /**
     * Start and end of field {@code field} (1-based after the id) of segment {@code seg}, packed in one long (no
     * allocation per read); -1 when absent.
     */
    private long fieldBounds(int seg, int field) {
        int s = idEnds[seg];
        int e = ends[seg];
        if (s >= e) {
            return -1;
        }
        if (isMsh(seg)) {
            if (field == 1) {
                return bounds(s, s + 1);
            }
            field--; // MSH-2 is the first value after MSH-1, the separator itself
        }
        int from = after(s + 1, e, fieldSeparator, field - 1);
        if (from < 0) {
            return -1;
        }
        return bounds(from, until(from, e, fieldSeparator, fieldSeparator));
    }

    private static long bounds(int start, int end) {
        return ((long) start << 32) | end;
    }

    private static int start(long bounds) {
        return (int) (bounds >>> 32);
    }

    private static int end(long bounds) {
        return (int) bounds;
    }

    /** The position after the {@code n}th {@code separator} from {@code i} before {@code end}; -1 when fewer. */
    private int after(int i, int end, char separator, int n) {
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
    private int until(int i, int end, char a, char b) {
        for (int k = i; k < end; k++) {
            char ch = text.charAt(k);
            if (ch == a || ch == b) {
                return k;
            }
        }
        return end;
    }

    private String unescape(int from, int to) {
        int esc = text.indexOf(escapeCharacter, from);
        if (esc < 0 || esc >= to) {
            return text.substring(from, to);
        }
        StringBuilder b = new StringBuilder(to - from);
        int i = from;
        while (i < to) {
            char c = text.charAt(i);
            if (c == escapeCharacter && i + 2 < to && text.charAt(i + 2) == escapeCharacter) {
                char replaced = switch (text.charAt(i + 1)) {
                    case 'F' -> fieldSeparator;
                    case 'S' -> componentSeparator;
                    case 'T' -> subcomponentSeparator;
                    case 'R' -> repetitionSeparator;
                    case 'E' -> escapeCharacter;
                    default -> 0;
                };
                if (replaced != 0) {
                    b.append(replaced);
                    i += 3;
                    continue;
                }
            }
            b.append(c);
            i++;
        }
        return b.toString();
    }

    private static String orEmpty(String v) {
        return v == null ? "" : v;
    }

    /** A path taken apart; read without regular expressions (it is read for every field of every message). */
    private static final class Path {
        private final String text;
        private int at;
        int segmentIdLength;
        int segmentRepetition = 1;
        int field;
        int repetition = 1;
        int component;
        int subcomponent;

        private Path(String text) {
            this.text = text;
        }

        static Path of(String path) {
            Path p = new Path(path);
            int n = path.length();
            while (p.at < n && path.charAt(p.at) != '-' && path.charAt(p.at) != '(') {
                p.at++;
            }
            p.segmentIdLength = p.at;
            p.segmentRepetition = p.repetition();
            int k = 0;
            while (p.at < n && k < 3) {
                if (path.charAt(p.at) != '-') {
                    throw bad(path);
                }
                p.at++;
                int v = p.number();
                if (k == 0) {
                    p.field = v;
                    p.repetition = p.repetition();
                } else if (k == 1) {
                    p.component = v;
                } else {
                    p.subcomponent = v;
                }
                k++;
            }
            if (p.at < n || k == 0 || p.segmentIdLength == 0) {
                throw bad(path);
            }
            return p;
        }

        private int repetition() {
            if (at < text.length() && text.charAt(at) == '(') {
                at++;
                int r = number();
                if (at >= text.length() || text.charAt(at) != ')') {
                    throw bad(text);
                }
                at++;
                return r;
            }
            return 1;
        }

        private int number() {
            int v = 0;
            int start = at;
            while (at < text.length() && Character.isDigit(text.charAt(at))) {
                v = v * 10 + (text.charAt(at) - '0');
                at++;
            }
            if (at == start || v < 1) {
                throw bad(text);
            }
            return v;
        }

        private static IllegalArgumentException bad(String path) {
            return new IllegalArgumentException("'" + path + "' is not an HL7 path such as PID-3-1, PID-3(2)-4 or "
                    + "OBX(2)-5");
        }
    }
}
