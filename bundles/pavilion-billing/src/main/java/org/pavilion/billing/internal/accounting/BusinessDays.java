package org.pavilion.billing.internal.accounting;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

import org.pavilion.core.api.rest.ProblemException;

/**
 * The hospital's business days ({@code zone} of {@code etc/org.pavilion.billing.cfg}) as the readers take them from a
 * query: {@code yyyy-MM-dd}, both ends of a range included, and the epoch milliseconds a day starts at (documents keep
 * instants, the journal keeps days).
 */
public final class BusinessDays {

    private final Clock clock;

    public BusinessDays(Clock clock) {
        this.clock = clock;
    }

    /** {@code zone} as configured; empty: the server's. */
    public static BusinessDays of(String zone) {
        return new BusinessDays(Clock.system(zone == null || zone.isBlank() ? ZoneId.systemDefault()
                : ZoneId.of(zone.strip())));
    }

    public ZoneId zone() {
        return clock.getZone();
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /** The first millisecond of {@code day} in the hospital's zone. */
    public long startMs(LocalDate day) {
        return day.atStartOfDay(clock.getZone()).toInstant().toEpochMilli();
    }

    /** The business day of an instant. */
    public LocalDate dayOf(long epochMs) {
        return java.time.Instant.ofEpochMilli(epochMs).atZone(clock.getZone()).toLocalDate();
    }

    /** A query parameter's day, or {@code orElse} when absent; 400 when it is not {@code yyyy-MM-dd}. */
    public static LocalDate day(String field, String text, LocalDate orElse) {
        if (text == null || text.isBlank()) {
            return orElse;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.validation(field + " '" + text.strip() + "' is not a date (yyyy-MM-dd)");
        }
    }

    /** 400 unless {@code from} is not after {@code to} (either may be null: open). */
    public static void ordered(LocalDate from, LocalDate to) {
        if (from != null && to != null && from.isAfter(to)) {
            throw ProblemException.validation("from (" + from + ") is after to (" + to + ")");
        }
    }
}
