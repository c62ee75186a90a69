package org.pavilion.hl7.internal.transport;

import java.util.ArrayList;
import java.util.List;

/**
 * The sending systems a listener takes messages from: MSH-3^MSH-4 pairs such as {@code LAB^MAIN_HOSPITAL}, each
 * side compared with the field's first component (the HD namespace id), exactly or {@code *} for any. Empty means
 * any sender (the address allow-list still applies).
 */
public final class SenderAllowList {

    private final List<String[]> pairs;
    private final String text;

    private SenderAllowList(List<String[]> pairs, String text) {
        this.pairs = pairs;
        this.text = text;
    }

    public static SenderAllowList parse(String list) {
        List<String[]> pairs = new ArrayList<>();
        if (list != null) {
            for (String entry : list.split(",")) {
                if (entry.isBlank()) {
                    continue;
                }
                String[] p = entry.strip().split("\\^", -1);
                if (p.length != 2 || p[0].isBlank() || p[1].isBlank()) {
                    throw new IllegalArgumentException("allowed sender '" + entry.strip()
                            + "' must be APPLICATION^FACILITY (MSH-3^MSH-4, * for any)");
                }
                pairs.add(new String[] {p[0].strip(), p[1].strip()});
            }
        }
        return new SenderAllowList(List.copyOf(pairs), pairs.isEmpty() ? "any sender" : list.strip());
    }

    public boolean anySender() {
        return pairs.isEmpty();
    }

    /**
     * @param application MSH-3 as sent (components kept)
     * @param facility MSH-4 as sent
     * @param componentSeparator the message's own (MSH-2's first character)
     */
    public boolean allows(String application, String facility, char componentSeparator) {
        if (pairs.isEmpty()) {
            return true;
        }
        String app = firstComponent(application, componentSeparator);
        String fac = firstComponent(facility, componentSeparator);
        for (String[] p : pairs) {
            if (matches(p[0], app) && matches(p[1], fac)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(String pattern, String value) {
        return "*".equals(pattern) || pattern.equals(value);
    }

    private static String firstComponent(String field, char sep) {
        if (field == null) {
            return "";
        }
        int at = field.indexOf(sep);
        return (at < 0 ? field : field.substring(0, at)).strip();
    }

    @Override
    public String toString() {
        return text;
    }
}
