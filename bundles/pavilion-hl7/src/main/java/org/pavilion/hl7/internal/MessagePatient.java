package org.pavilion.hl7.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The patient a stored message refers to, for the audit records of its reads: the EMR patient (MRN) when the hub
 * applied the message and its outcome names the patient ("ADT^A01 patient CREATED 0000000123 ..."); otherwise the
 * first PID-3 identifier as the sender wrote it (not resolved). Null when the message has neither.
 */
public record MessagePatient(String id, boolean resolved) {

    /** The EMR's outcome of an applied ADT: "... patient &lt;CHANGE&gt; &lt;MRN&gt;". */
    private static final Pattern APPLIED = Pattern.compile("\\bpatient [A-Z_]+ (\\S+)");

    public static MessagePatient of(StoredMessage m) {
        if (m.outcome != null && MessageStore.PROCESSED.equals(m.status)) {
            Matcher applied = APPLIED.matcher(m.outcome);
            if (applied.find()) {
                return new MessagePatient(applied.group(1), true);
            }
        }
        String text = m.rawText != null ? m.rawText : m.originalText;
        String pid3 = text == null ? "" : firstPid3(Hl7Text.normalise(text));
        return pid3.isEmpty() ? null : new MessagePatient(pid3, false);
    }

    /** PID-3, first repetition, first component, of the first PID segment; empty when there is none. */
    static String firstPid3(String normalised) {
        char fs = normalised.length() > 3 ? normalised.charAt(3) : '|';
        String enc;
        try {
            enc = Hl7Text.header(normalised).encodingCharacters();
        } catch (IllegalArgumentException noHeader) {
            return "";
        }
        char cs = enc.isEmpty() ? '^' : enc.charAt(0);
        char rs = enc.length() > 1 ? enc.charAt(1) : '~';
        for (String segment : normalised.split("\r")) {
            if (segment.startsWith("PID" + fs)) {
                String[] f = Hl7Text.split(segment, fs);
                if (f.length <= 3) {
                    return "";
                }
                String first = Hl7Text.split(f[3], rs)[0];
                return Hl7Text.split(first, cs)[0].strip();
            }
        }
        return "";
    }
}
