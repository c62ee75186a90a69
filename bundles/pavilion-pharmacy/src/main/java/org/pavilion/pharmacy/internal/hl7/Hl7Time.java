package org.pavilion.pharmacy.internal.hl7;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.pavilion.hl7.api.Hl7ContentException;
import org.pavilion.hl7.api.Hl7Error;

/**
 * HL7 v2 date/times (DTM, {@code YYYYMMDD[HHMM[SS[.S]]][+/-ZZZZ]}) as the pharmacy's messages read and write them;
 * a time without an offset is the hospital's wall clock.
 */
final class Hl7Time {

    private static final Pattern DTM = Pattern.compile("(\\d{8}|\\d{10}|\\d{12}|\\d{14})(\\.\\d{1,4})?([+-]\\d{4})?");
    private static final DateTimeFormatter WITH_OFFSET = DateTimeFormatter.ofPattern("yyyyMMddHHmmssZ");
    private static final DateTimeFormatter HEADER = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMdd");

    private Hl7Time() {
    }

    /** Epoch ms of {@code ts}; AE 102 at {@code segment}({@code rep})-{@code field} when it is no date/time. */
    static long parse(String ts, ZoneId zone, String segment, int rep, int field) {
        Matcher m = DTM.matcher(ts);
        if (!m.matches()) {
            throw bad(segment, rep, field, ts);
        }
        String d = m.group(1);
        try {
            LocalDateTime t = LocalDateTime.of(Integer.parseInt(d, 0, 4, 10), Integer.parseInt(d, 4, 6, 10),
                    Integer.parseInt(d, 6, 8, 10), d.length() >= 10 ? Integer.parseInt(d, 8, 10, 10) : 0,
                    d.length() >= 12 ? Integer.parseInt(d, 10, 12, 10) : 0,
                    d.length() == 14 ? Integer.parseInt(d, 12, 14, 10) : 0);
            String offset = m.group(3);
            if (offset == null) {
                return t.atZone(zone).toInstant().toEpochMilli();
            }
            int sign = offset.charAt(0) == '-' ? -1 : 1;
            return t.toInstant(ZoneOffset.ofHoursMinutes(sign * Integer.parseInt(offset, 1, 3, 10),
                    sign * Integer.parseInt(offset, 3, 5, 10))).toEpochMilli();
        } catch (DateTimeException e) {
            throw bad(segment, rep, field, ts);
        }
    }

    /** A clinical time for a receiver: the wall clock of {@code zone} with its offset. */
    static String format(Instant at, ZoneId zone) {
        return at == null ? null : WITH_OFFSET.format(at.atZone(zone));
    }

    /** MSH-7 as the hub's own messages write it. */
    static String header(Instant at, ZoneId zone) {
        return HEADER.format(at.atZone(zone));
    }

    /** An ISO date ({@code 2027-03-31}) as DT ({@code 20270331}); null stays null. */
    static String date(String iso) {
        return iso == null ? null : DATE.format(LocalDate.parse(iso));
    }

    private static Hl7ContentException bad(String segment, int rep, int field, String ts) {
        return new Hl7ContentException(new Hl7Error(segment, rep, field, 0, Hl7Error.DATA_TYPE_ERROR,
                segment + "-" + field + " must be a date/time YYYYMMDD[HHMM[SS]][+ZZZZ], was '" + ts + "'"));
    }
}
