package org.pavilion.scheduling.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

import org.pavilion.core.api.rest.ProblemException;

/** How times arrive and leave over REST and SOAP: instants, offsets, or the hospital's wall-clock time. */
public final class Times {

    private Times() {
    }

    /**
     * {@code 2026-12-07T08:30:00Z}, {@code 2026-12-07T09:30+01:00} or {@code 2026-12-07T09:30} (wall clock in
     * {@code zone}) as epoch milliseconds; 400 naming {@code field} otherwise.
     */
    public static long parse(String text, ZoneId zone, String field) {
        if (text == null || text.isBlank()) {
            throw ProblemException.validation(field + " is required (e.g. 2026-12-07T09:30)");
        }
        String t = text.strip();
        try {
            if (t.endsWith("Z") || t.endsWith("z")) {
                return Instant.parse(t.toUpperCase()).toEpochMilli();
            }
            if (t.length() > 16 && (t.lastIndexOf('+') > 10 || t.lastIndexOf('-') > 10)) {
                return OffsetDateTime.parse(t).toInstant().toEpochMilli();
            }
            return LocalDateTime.parse(t).atZone(zone).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw ProblemException.validation(field + " must be a date and time such as 2026-12-07T09:30, "
                    + "2026-12-07T09:30+01:00 or 2026-12-07T08:30:00Z; was '" + t + "'");
        }
    }

    /** An ISO day ({@code 2026-12-07}); 400 naming {@code field} otherwise. Null when blank and not required. */
    public static LocalDate day(String text, String field, boolean required) {
        if (text == null || text.isBlank()) {
            if (required) {
                throw ProblemException.validation(field + " is required (e.g. 2026-12-07)");
            }
            return null;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.validation(field + " must be a day such as 2026-12-07; was '" + text.strip() + "'");
        }
    }

    /** The hospital's zone as {@code SchedulingConfig.zone} names it; the JVM's when empty. */
    public static ZoneId zone(String configured) {
        return configured == null || configured.isBlank() ? ZoneId.systemDefault() : ZoneId.of(configured.strip());
    }

    /** An ISO-8601 instant. */
    public static String instant(long ms) {
        return Instant.ofEpochMilli(ms).toString();
    }

    /** The wall-clock time in {@code zone}, to the minute: {@code 2026-12-07T09:30}. */
    public static String local(long ms, ZoneId zone) {
        return LocalDateTime.ofInstant(Instant.ofEpochMilli(ms), zone).withSecond(0).withNano(0).toString();
    }
}
