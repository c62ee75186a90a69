package org.pavilion.hl7.internal;

import java.util.HashMap;
import java.util.Map;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.parser.EncodingCharacters;
import ca.uhn.hl7v2.parser.Escape;
import ca.uhn.hl7v2.preparser.PreParser;
import ca.uhn.hl7v2.util.Terser;

/**
 * The fields of an ADT message the EMR mapping reads. Taken with HAPI's PreParser, which picks them out of the
 * text without building the message's object tree: a full parse of an ADT_A01 builds every segment and field of
 * its structure and was half of a listener thread's CPU per message. The positions are the same in v2.3 to v2.8.
 * Values are unescaped (\F\, \S\, \T\, \R\, \E\) with the message's own encoding characters. A text the PreParser
 * cannot read is parsed in full and read with HAPI's Terser, as before.
 */
final class AdtFields {

    static final String[] PATHS = {"PID-3-1", "PID-3-4", "PID-5-1", "PID-5-2", "PID-7-1", "PID-8", "PID-11-1",
        "PID-11-3", "PID-11-5", "PID-11-6", "PID-13-1", "PV1-2", "PV1-19-1", "PV1-19-4", "PV2-3-2", "MRG-1-1",
        "MRG-1-4"};

    private final Map<String, String> values;

    private AdtFields(Map<String, String> values) {
        this.values = values;
    }

    /** The fields of {@code text} (normalised: segments end with CR); HL7Exception when HAPI cannot read it. */
    static AdtFields of(String text, Hl7Text.Header h) throws HL7Exception {
        Map<String, String> values = new HashMap<>();
        String[] found;
        try {
            found = PreParser.getFields(text, PATHS);
        } catch (HL7Exception | RuntimeException unreadable) {
            Terser t = new Terser(Hapi.parse(text));
            for (String path : PATHS) {
                values.put(path, terser(t, "/." + path));
            }
            return new AdtFields(values);
        }
        EncodingCharacters enc = new EncodingCharacters(h.fieldSeparator(),
                h.encodingCharacters().isEmpty() ? "^~\\&" : h.encodingCharacters());
        for (int i = 0; i < PATHS.length; i++) {
            values.put(PATHS[i], found[i] == null ? null : Escape.unescape(found[i], enc));
        }
        return new AdtFields(values);
    }

    /** A field's value, null when empty or absent; {@code path} is one of {@link #PATHS}. */
    String get(String path) {
        if (!values.containsKey(path)) {
            throw new IllegalArgumentException(path + " is not read by AdtFields");
        }
        String v = values.get(path);
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static String terser(Terser t, String path) {
        try {
            return t.get(path);
        } catch (HL7Exception | RuntimeException absent) {
            return null;
        }
    }
}
