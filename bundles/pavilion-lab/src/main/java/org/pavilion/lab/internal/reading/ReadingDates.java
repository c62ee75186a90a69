package org.pavilion.lab.internal.reading;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import org.pavilion.core.api.rest.ProblemException;

/**
 * The {@code from}/{@code to} of result searches (REST and SOAP): an ISO-8601 instant, or a day (UTC, {@code to}
 * inclusive of the whole day). Anything else is a 400 naming the field, never a guess.
 */
public final class ReadingDates {

    private ReadingDates() {
    }

    /** An observation window in epoch milliseconds, either end open (null). */
    public record Window(Long fromMs, Long toMsExclusive) {
    }

    public static Window window(String from, String to) {
        Long f = parse(from, "from", false);
        Long t = parse(to, "to", true);
        if (f != null && t != null && f >= t) {
            throw ProblemException.validation("from (" + from.strip() + ") must be before to (" + to.strip() + ")");
        }
        return new Window(f, t);
    }

    private static Long parse(String text, String field, boolean end) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String s = text.strip();
        try {
            if (s.length() == 10) {
                LocalDate day = LocalDate.parse(s);
                return (end ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            }
            long ms = Instant.parse(s).toEpochMilli();
            return end ? ms + 1 : ms;
        } catch (DateTimeParseException e) {
            throw ProblemException.validation(field + " must be a day (2026-12-04) or an instant "
                    + "(2026-12-04T09:30:00Z), was '" + s + "'");
        }
    }
}
