package org.pavilion.billing.internal.charges;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What the event consumers share: a lenient reader (newer api fields are ignored), service days, quantities. */
final class EventDays {

    /** Unknown fields are a newer publisher's additions, not an error. */
    static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private EventDays() {
    }

    /** The hospital's day of an ISO instant (or local date-time, or date); today when absent or unreadable. */
    static LocalDate day(String iso, ZoneId zone) {
        if (iso != null && !iso.isBlank()) {
            String s = iso.strip();
            try {
                return Instant.parse(s).atZone(zone).toLocalDate();
            } catch (DateTimeParseException notInstant) {
                try {
                    return LocalDateTime.parse(s).toLocalDate();
                } catch (DateTimeParseException notLocal) {
                    try {
                        return LocalDate.parse(s);
                    } catch (DateTimeParseException notDate) {
                        // fall through: the day it reached billing
                    }
                }
            }
        }
        return LocalDate.now(zone);
    }

    /** An event's quantity; null when it is not a positive decimal with at most 3 places (then the charge parks). */
    static BigDecimal quantity(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            BigDecimal q = new BigDecimal(text.strip());
            return q.signum() > 0 && q.stripTrailingZeros().scale() <= 3 ? q : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String required(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the event has no " + what);
        }
        return value.strip();
    }
}
