package org.pavilion.emr.internal.record;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.pavilion.core.api.rest.ProblemException;

/**
 * The checks of the clinical entries' inputs that are not declared on their classes. Each collects its problem into
 * a list, so that one 400 names every problem of a body at once ({@link #reject}). Bodies that declare their rules
 * (DeclaredConstraints) are only tidied here ({@link #stripped}, {@link #name}).
 */
final class EntryChecks {

    static final int MAX_LIST = 200;

    private EntryChecks() {
    }

    static <T> T require(T body, String what) {
        if (body == null) {
            throw ProblemException.validation("A " + what + " body is required");
        }
        return body;
    }

    /** One 400 naming every problem found, or nothing when there was none. */
    static void reject(List<String> problems) {
        if (!problems.isEmpty()) {
            throw ProblemException.validation(String.join("; ", problems));
        }
    }

    /** {@code value} as one of {@code allowed} (any case, '-' or ' ' for '_'); {@code dflt} when not given. */
    static String oneOf(String field, String value, Set<String> allowed, String dflt, List<String> problems) {
        if (value == null || value.isBlank()) {
            if (dflt == null) {
                problems.add(field + " is required: one of " + new TreeSet<>(allowed));
            }
            return dflt;
        }
        String v = value.strip().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        if (!allowed.contains(v)) {
            problems.add(field + " must be one of " + new TreeSet<>(allowed) + ", was '" + value + "'");
            return null;
        }
        return v;
    }

    /** {@code value} stripped, null when blank (its rules were declared and checked). */
    static String stripped(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** A declared name as stored: capitals, '_' for '-' or ' '; {@code dflt} when not given. */
    static String name(String value, String dflt) {
        String v = stripped(value);
        return v == null ? dflt : v.toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
    }

    /** {@code value} stripped, null when blank; at most {@code max} characters. */
    static String text(String field, String value, int max, boolean required, List<String> problems) {
        String v = value == null || value.isBlank() ? null : value.strip();
        if (v == null && required) {
            problems.add(field + " is required");
        } else if (v != null && v.length() > max) {
            problems.add(field + " is longer than " + max + " characters");
        }
        return v;
    }

    /** A yyyy-MM-dd date not after today, or null when not given. */
    static String pastDate(String field, String value, List<String> problems) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            LocalDate d = LocalDate.parse(value.strip());
            if (d.isAfter(today())) {
                problems.add(field + " " + d + " is in the future");
            }
            return d.toString();
        } catch (DateTimeParseException e) {
            problems.add(field + " must be a date as yyyy-MM-dd, was '" + value + "'");
            return null;
        }
    }

    /** A list's page size: 1 to {@value #MAX_LIST}. */
    static int limit(int max) {
        if (max < 1 || max > MAX_LIST) {
            throw ProblemException.validation("size must be between 1 and " + MAX_LIST + ", was " + max);
        }
        return max;
    }

    /** The hospital's own day decides "today" (onset dates, courses of medication): the container's time zone. */
    static LocalDate today() {
        return LocalDate.now(ZoneId.systemDefault());
    }
}
