package org.pavilion.lab.internal.hl7;

import java.util.ArrayList;
import java.util.List;

/**
 * One segment of an outbound message with the standard delimiters ({@code |^~\&}): fields by their HL7 number,
 * components joined with {@code ^}, each value escaped; trailing empty fields left out. Scheduling has the same
 * helper: department internals are not shared between bundles.
 */
final class Hl7Segment {

    private final String id;
    private final List<String> fields = new ArrayList<>();

    Hl7Segment(String id) {
        this.id = id;
    }

    /** Field {@code n} (from 1) as its components; null components stay empty. */
    Hl7Segment set(int n, String... components) {
        while (fields.size() < n) {
            fields.add("");
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < components.length; i++) {
            if (i > 0) {
                b.append('^');
            }
            b.append(escape(components[i]));
        }
        String v = b.toString();
        int end = v.length();
        while (end > 0 && v.charAt(end - 1) == '^') {
            end--;
        }
        fields.set(n - 1, v.substring(0, end));
        return this;
    }

    /** The segment's text; MSH's fields start at MSH-3 (MSH-1 and MSH-2 are the delimiters). */
    String text() {
        int last = fields.size();
        while (last > 0 && fields.get(last - 1).isEmpty()) {
            last--;
        }
        StringBuilder b = new StringBuilder(id);
        int from = 0;
        if (id.equals("MSH")) {
            b.append("|^~\\&");
            from = 2;
        }
        for (int i = from; i < last; i++) {
            b.append('|').append(fields.get(i));
        }
        return b.toString();
    }

    /** HL7 escapes for the delimiters; line breaks (segment separators) become spaces. */
    static String escape(String value) {
        if (value == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(value.length() + 8);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\E\\");
                case '|' -> b.append("\\F\\");
                case '^' -> b.append("\\S\\");
                case '&' -> b.append("\\T\\");
                case '~' -> b.append("\\R\\");
                case '\r', '\n' -> b.append(' ');
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
