package org.pavilion.notifications.internal.queue;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;

import org.pavilion.notifications.internal.NotificationsConfig;

/**
 * The hours in which only urgent messages go out ({@code quietHoursStart}..{@code quietHoursEnd} in {@code zone}). A
 * window may cross midnight (21:00-08:00); an empty start means none.
 */
public final class QuietHours {

    private static final QuietHours NONE = new QuietHours(null, null, ZoneId.of("UTC"));

    private final LocalTime start;
    private final LocalTime end;
    private final ZoneId zone;

    private QuietHours(LocalTime start, LocalTime end, ZoneId zone) {
        this.start = start;
        this.end = end;
        this.zone = zone;
    }

    public static QuietHours none() {
        return NONE;
    }

    /** {@code start}/{@code end} as HH:mm; {@code zone} empty or null: the server's. */
    public static QuietHours of(String start, String end, String zone) {
        ZoneId z = zone == null || zone.isBlank() ? ZoneId.systemDefault() : ZoneId.of(zone.strip());
        if (start == null || start.isBlank() || end == null || end.isBlank()) {
            return new QuietHours(null, null, z);
        }
        try {
            LocalTime s = LocalTime.parse(start.strip());
            LocalTime e = LocalTime.parse(end.strip());
            return s.equals(e) ? new QuietHours(null, null, z) : new QuietHours(s, e, z);
        } catch (DateTimeParseException bad) {
            throw new IllegalArgumentException("quiet hours must be HH:mm, were " + start + " and " + end, bad);
        }
    }

    public static QuietHours of(NotificationsConfig c) {
        return of(c.quietHoursStart(), c.quietHoursEnd(), c.zone());
    }

    /** When a message made at {@code nowMs} may go: now, or for a non-urgent one in quiet hours their end. */
    public long dueAt(long nowMs, boolean urgent) {
        if (urgent || start == null) {
            return nowMs;
        }
        ZonedDateTime now = Instant.ofEpochMilli(nowMs).atZone(zone);
        LocalTime t = now.toLocalTime();
        boolean crossesMidnight = start.isAfter(end);
        boolean quiet = crossesMidnight ? !t.isBefore(start) || t.isBefore(end) : !t.isBefore(start) && t.isBefore(end);
        if (!quiet) {
            return nowMs;
        }
        // the end on the same day when we are before it (early morning), else the next day's
        LocalDateTime endAt = t.isBefore(end) ? now.toLocalDate().atTime(end)
                : now.toLocalDate().plusDays(1).atTime(end);
        return endAt.atZone(zone).toInstant().toEpochMilli();
    }

    @Override
    public String toString() {
        return start == null ? "no quiet hours" : start + "-" + end + " " + zone;
    }
}
