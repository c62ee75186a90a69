package org.pavilion.hl7.api;

import java.util.ArrayList;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One segment of an outbound message with the standard delimiters ({@code |^~\&}), for an {@link OutboundBuilder}
 * that writes its text without HAPI: fields by their HL7 number, components joined with {@code ^}, each value
 * escaped; trailing empty components and fields left out. Here so that departments building messages share one
 * escaping rule rather than each carrying a copy.
 *
 * <pre>{@code
 * new Hl7Segment("PID").set(1, "1").set(3, mrn, null, null, context.mrnAuthority(), "MR").text()
 * }</pre>
 *
 * Not thread-safe: build a segment, read its {@link #text()}, drop it.
 *
 * @since 1.1
 */
@ProviderType
public final class Hl7Segment {

    private final String id;
    private final List<String> fields = new ArrayList<>();

    /** A segment named {@code id} ({@code MSH}, {@code PID}, {@code OBX}...) with no field set yet. */
    public Hl7Segment(String id) {
        this.id = id;
    }

    /**
     * Sets field {@code n} (from 1) to its components, replacing what was there; null components stay empty. For
     * MSH, field 1 and 2 are the delimiters {@link #text()} writes itself: start at {@code set(3, ...)}.
     *
     * @return this segment, to chain
     */
    public Hl7Segment set(int n, String... components) {
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

    /** The segment's text, without a segment separator; MSH's fields start at MSH-3 (MSH-1 and MSH-2 are the delimiters). */
    public String text() {
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

    /**
     * {@code value} with HL7 escapes for the delimiters ({@code \E\ \F\ \S\ \T\ \R\}); line breaks (segment
     * separators) become spaces; null becomes empty.
     */
    public static String escape(String value) {
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
