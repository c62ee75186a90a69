package org.pavilion.lab.internal.hl7;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.pavilion.hl7.api.Hl7ContentException;
import org.pavilion.hl7.api.Hl7Error;

/**
 * HL7 v2 date/times (DTM) of observations and orders: {@code YYYY[MM[DD[HH[MM[SS[.S...]]]]]][+/-ZZZZ]}. An analyser
 * often sends only the minute, a LIS the second; without an offset the time is the hospital's wall clock.
 */
final class Hl7Times {

    private static final DateTimeFormatter OUT = DateTimeFormatter.ofPattern("yyyyMMddHHmmssZ");
    private static final DateTimeFormatter HEADER = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private Hl7Times() {
    }

    /**
     * Epoch ms of {@code ts} read in {@code zone} when it has no offset; AE 102 at {@code segment}({@code rep})-
     * {@code field} when it is not a date/time to at least the day.
     */
    static long parse(String ts, ZoneId zone, String segment, int rep, int field) {
        int digits = 0;
        while (digits < ts.length() && Character.isDigit(ts.charAt(digits))) {
            digits++;
        }
        int i = digits;
        if (digits == 14 && i < ts.length() && ts.charAt(i) == '.') { // fractions of a second: not kept
            i++;
            while (i < ts.length() && Character.isDigit(ts.charAt(i))) {
                i++;
            }
        }
        String offset = ts.substring(i);
        if ((digits != 8 && digits != 10 && digits != 12 && digits != 14)
                || !(offset.isEmpty() || offset.matches("[+-]\\d{4}"))) {
            throw bad(segment, rep, field, ts);
        }
        try {
            LocalDateTime t = LocalDateTime.of(Integer.parseInt(ts, 0, 4, 10), Integer.parseInt(ts, 4, 6, 10),
                    Integer.parseInt(ts, 6, 8, 10), digits >= 10 ? Integer.parseInt(ts, 8, 10, 10) : 0,
                    digits >= 12 ? Integer.parseInt(ts, 10, 12, 10) : 0,
                    digits == 14 ? Integer.parseInt(ts, 12, 14, 10) : 0);
            if (offset.isEmpty()) {
                return t.atZone(zone).toInstant().toEpochMilli();
            }
            int hours = Integer.parseInt(offset, 1, 3, 10);
            int minutes = Integer.parseInt(offset, 3, 5, 10);
            int sign = offset.charAt(0) == '-' ? -1 : 1;
            return t.toInstant(ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes)).toEpochMilli();
        } catch (DateTimeException e) {
            throw bad(segment, rep, field, ts);
        }
    }

    /** A clinical time for a receiver: the wall clock of {@code zone} with its offset. */
    static String format(Instant at, ZoneId zone) {
        return at == null ? null : OUT.format(at.atZone(zone));
    }

    /** MSH-7: the wall clock of {@code zone}, as the hub's own messages write it. */
    static String header(Instant at, ZoneId zone) {
        return HEADER.format(at.atZone(zone));
    }

    private static Hl7ContentException bad(String segment, int rep, int field, String ts) {
        return new Hl7ContentException(new Hl7Error(segment, rep, field, 0, Hl7Error.DATA_TYPE_ERROR,
                segment + "-" + field + " must be a date/time YYYYMMDD[HHMM[SS]][+ZZZZ], was '" + ts + "'"));
    }
}
