package org.pavilion.hl7.internal;

import java.util.List;
import java.util.Set;

/**
 * Original-mode acknowledgements, written in the sender's own version, field separator and encoding characters,
 * with the ERR segment laid out as that version defines it: ERR-1 (error location and code) up to v2.4, ERR-2
 * location, ERR-3 code, ERR-4 severity and ERR-8 user message from v2.5 on.
 */
public final class Ack {

    /** HL7 table 0357 codes the hub uses. */
    public static final int REQUIRED_FIELD_MISSING = 101;
    public static final int DATA_TYPE_ERROR = 102;
    public static final int SEGMENT_SEQUENCE_ERROR = 100;
    public static final int UNSUPPORTED_MESSAGE_TYPE = 200;
    public static final int UNSUPPORTED_EVENT_CODE = 201;
    public static final int UNSUPPORTED_VERSION = 203;
    public static final int UNKNOWN_KEY = 204;
    public static final int DUPLICATE_KEY = 205;
    public static final int INTERNAL_ERROR = 207;

    private static final Set<String> OLD_ERR = Set.of("2.1", "2.2", "2.3", "2.3.1", "2.4");

    private Ack() {
    }

    /**
     * Where and what: segment id, its repetition (1-based), field and component numbers (0: none), and the 0357
     * code.
     */
    public record Error(String segment, int sequence, int field, int component, int code) {
        public Error(String segment, int sequence, int field, int code) {
            this(segment, sequence, field, 0, code);
        }

        public static Error of(int code) {
            return new Error(null, 0, 0, 0, code);
        }

        static String codeText(int code) {
            switch (code) {
                case 100: return "Segment sequence error";
                case 101: return "Required field missing";
                case 102: return "Data type error";
                case 103: return "Table value not found";
                case 200: return "Unsupported message type";
                case 201: return "Unsupported event code";
                case 203: return "Unsupported version id";
                case 202: return "Unsupported processing id";
                case 204: return "Unknown key identifier";
                case 205: return "Duplicate key identifier";
                case 206: return "Application record locked";
                default: return "Application internal error";
            }
        }
    }

    /** A warning of an accepted message: an ERR segment of severity W (v2.5 on; before, ERR-1 without severity). */
    public record Warning(Error error, String text) {
    }

    /**
     * The ACK for {@code h}: {@code code} AA, AE or AR; {@code text} the reason (null for AA); {@code error} the
     * ERR content (null: no ERR segment).
     */
    public static String build(Hl7Text.Header h, String code, String text, Error error, String ackControlId,
            String timestamp) {
        return build(h, code, text, error, List.of(), ackControlId, timestamp);
    }

    /** As above, with the warnings of an AA as ERR segments after the error's. */
    public static String build(Hl7Text.Header h, String code, String text, Error error, List<Warning> warnings,
            String ackControlId, String timestamp) {
        char fs = h.fieldSeparator();
        String enc = h.encodingCharacters().length() >= 4 ? h.encodingCharacters() : "^~\\&";
        char cs = enc.charAt(0);
        char sub = enc.charAt(3);
        String version = h.version().isEmpty() ? "2.5" : h.version();
        boolean oldErr = OLD_ERR.contains(version);
        StringBuilder b = new StringBuilder(256);
        b.append("MSH").append(fs).append(enc)
                .append(fs).append(h.receivingApplication()).append(fs).append(h.receivingFacility())
                .append(fs).append(h.sendingApplication()).append(fs).append(h.sendingFacility())
                .append(fs).append(timestamp).append(fs)
                .append(fs).append("ACK");
        if (!h.triggerEvent().isEmpty()) {
            b.append(cs).append(escape(h.triggerEvent(), fs, enc));
            if (!version.equals("2.3") && !version.startsWith("2.2") && !version.startsWith("2.1")) {
                b.append(cs).append("ACK"); // MSH-9.3 message structure exists from v2.3.1
            }
        }
        b.append(fs).append(ackControlId)
                .append(fs).append(h.processingId().isEmpty() ? "P" : h.processingId())
                .append(fs).append(version);
        if (!h.characterSet().isEmpty()) {
            b.append(String.valueOf(fs).repeat(6)).append(h.characterSet()); // MSH-13..17 empty, MSH-18 echoed
        }
        b.append('\r');
        // MSA-3 (text message) is withdrawn from v2.7: there the text travels in ERR-8 only.
        boolean msa3 = text != null && !version.startsWith("2.7") && !version.startsWith("2.8");
        b.append("MSA").append(fs).append(code).append(fs).append(h.controlId());
        if (msa3) {
            b.append(fs).append(escape(truncate(text, 80), fs, enc));
        }
        b.append('\r');
        if (error != null) {
            err(b, error, code.equals("AA") ? "I" : "E", text, oldErr, fs, cs, sub, enc);
        }
        for (Warning w : warnings) {
            err(b, w.error(), "W", w.text(), oldErr, fs, cs, sub, enc);
        }
        return b.toString();
    }

    private static void err(StringBuilder b, Error error, String severity, String text, boolean oldErr, char fs,
            char cs, char sub, String enc) {
        String codeCe = error.code() + "" + sub + escape(Error.codeText(error.code()), fs, enc) + sub + "HL70357";
        b.append("ERR").append(fs);
        if (oldErr) {
            // ERR-1 ELD: segment ^ sequence ^ field ^ code&text&table
            b.append(error.segment() == null ? "" : error.segment()).append(cs)
                    .append(error.sequence() > 0 ? String.valueOf(error.sequence()) : "").append(cs)
                    .append(error.field() > 0 ? String.valueOf(error.field()) : "").append(cs).append(codeCe);
        } else {
            String cwe = codeCe.replace(sub, cs);
            b.append(fs); // ERR-1 not used
            if (error.segment() != null) {
                b.append(error.segment()).append(cs).append(Math.max(1, error.sequence()));
                if (error.field() > 0) {
                    b.append(cs).append(error.field());
                    if (error.component() > 0) {
                        b.append(cs).append(1).append(cs).append(error.component()); // ERL-4 field repetition
                    }
                }
            }
            b.append(fs).append(cwe)
                    .append(fs).append(severity)
                    .append(fs).append(fs).append(fs).append(fs)
                    .append(text == null ? "" : escape(truncate(text, 250), fs, enc));
        }
        b.append('\r');
    }

    static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }

    /** HL7 escapes for the delimiters, so an error text never breaks the ACK's structure. */
    static String escape(String s, char fs, String enc) {
        char cs = enc.charAt(0);
        char rs = enc.charAt(1);
        char esc = enc.charAt(2);
        char sub = enc.charAt(3);
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            if (c == esc) {
                b.append(esc).append('E').append(esc);
            } else if (c == fs) {
                b.append(esc).append('F').append(esc);
            } else if (c == cs) {
                b.append(esc).append('S').append(esc);
            } else if (c == rs) {
                b.append(esc).append('R').append(esc);
            } else if (c == sub) {
                b.append(esc).append('T').append(esc);
            } else if (c == '\r' || c == '\n') {
                b.append(' ');
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
