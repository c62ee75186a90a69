package org.pavilion.scheduling.internal;

import java.util.ArrayList;
import java.util.List;

import org.pavilion.core.api.rest.ProblemException;

/** Text fields as REST and SOAP bodies carry them: trimmed, blank as absent, 400 naming the field otherwise. */
public final class Inputs {

    private Inputs() {
    }

    /** Trimmed; null when null or blank. */
    public static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** A list's non-blank entries, trimmed, in order; empty for null. */
    public static List<String> texts(List<String> values) {
        List<String> out = new ArrayList<>();
        if (values != null) {
            for (String v : values) {
                if (v != null && !v.isBlank()) {
                    out.add(v.strip());
                }
            }
        }
        return out;
    }

    /** Trimmed; 400 when missing. */
    public static String required(String value, String field) {
        String v = blankToNull(value);
        if (v == null) {
            throw ProblemException.validation(field + " is required");
        }
        return v;
    }

    /** Trimmed; 400 when missing or longer than {@code max}. */
    public static String required(String value, String field, int max) {
        return optional(required(value, field), field, max);
    }

    /** Trimmed, null when blank; 400 when longer than {@code max}. */
    public static String optional(String value, String field, int max) {
        String v = blankToNull(value);
        if (v != null && v.length() > max) {
            throw ProblemException.validation(field + " is longer than " + max + " characters");
        }
        return v;
    }
}
