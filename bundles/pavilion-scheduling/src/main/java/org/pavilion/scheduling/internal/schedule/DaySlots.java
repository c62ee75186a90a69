package org.pavilion.scheduling.internal.schedule;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.scheduling.internal.schedule.Snapshot.DayException;
import org.pavilion.scheduling.internal.schedule.Snapshot.DoctorSchedule;
import org.pavilion.scheduling.internal.schedule.Snapshot.Hours;
import org.pavilion.scheduling.internal.schedule.Snapshot.Interval;

/**
 * How one doctor's day looks, derived from the schedule alone (no database, no clock): the windows the doctor works
 * in and the slots of a service inside them.
 *
 * <p>Rules: leave and a whole-day CLOSED exception remove the weekly hours of that day; a CLOSED interval and the
 * breaks of a row cut its hours; an OPEN exception adds hours at its location for every service of the doctor and
 * wins over leave and closures (it is the most specific instruction). Slots start at the start of their window, one
 * slot length after another; a slot must fit in its window and must not touch a cut. Wall-clock times are read in
 * the hospital's zone for that day, so DST days come out right: a slot whose start does not exist (spring forward)
 * is skipped, an ambiguous one (fall back) takes the first occurrence.
 */
public final class DaySlots {

    /** Time the doctor cannot be booked inside a window, with the reason a refusal names. */
    public record Cut(int start, int end, String why) {
        boolean overlaps(int s, int e) {
            return s < end && start < e;
        }
    }

    /** Hours at a location on one day; services null: every service of the doctor. */
    public record Window(String location, int start, int end, Set<String> services, List<Cut> cuts) {
        boolean sees(String serviceCode) {
            return services == null || services.contains(serviceCode);
        }

        boolean contains(int minute) {
            return minute >= start && minute < end;
        }
    }

    /** Receives each slot a window holds: start and end as epoch ms. */
    @FunctionalInterface
    public interface SlotSink {
        /** @return false to stop */
        boolean accept(Window window, long startsMs, long endsMs);
    }

    private DaySlots() {
    }

    /** The windows of {@code day}, in order of start. */
    public static List<Window> windows(DoctorSchedule schedule, LocalDate day) {
        boolean onLeave = schedule.leave().stream().anyMatch(l -> l.covers(day));
        boolean closedAllDay = false;
        List<Cut> closed = new ArrayList<>();
        List<Window> windows = new ArrayList<>();
        for (DayException e : schedule.exceptions()) {
            if (!e.day().equals(day)) {
                continue;
            }
            if (DayException.OPEN.equals(e.kind())) {
                windows.add(new Window(e.location(), e.start(), e.end(), null, List.of()));
            } else if (e.start() == null) {
                closedAllDay = true;
            } else {
                closed.add(new Cut(e.start(), e.end(), "the doctor's hours are closed then"
                        + (e.reason() == null ? "" : " (" + e.reason() + ")")));
            }
        }
        if (!onLeave && !closedAllDay) {
            int weekday = day.getDayOfWeek().getValue();
            for (Hours h : schedule.hours()) {
                if (h.weekday() != weekday || !h.validOn(day)) {
                    continue;
                }
                List<Cut> cuts = new ArrayList<>(closed);
                for (Interval b : h.breaks()) {
                    cuts.add(new Cut(b.start(), b.end(), "the time is in the doctor's break"));
                }
                windows.add(new Window(h.location(), h.start(), h.end(), h.services(), cuts));
            }
        }
        windows.sort((a, b) -> Integer.compare(a.start(), b.start()));
        return windows;
    }

    /**
     * Every slot of {@code slotMinutes} for {@code serviceCode} in the windows, in order of start per window.
     *
     * @return false when the sink asked to stop
     */
    public static boolean slots(List<Window> windows, LocalDate day, ZoneId zone, String serviceCode, int slotMinutes,
            SlotSink sink) {
        long midnight = steadyMidnight(day, zone);
        for (Window w : windows) {
            if (!w.sees(serviceCode)) {
                continue;
            }
            for (int t = w.start(); t + slotMinutes <= w.end(); t += slotMinutes) {
                int s = t;
                int e = t + slotMinutes;
                if (w.cuts().stream().anyMatch(c -> c.overlaps(s, e))) {
                    continue;
                }
                long startsMs = midnight != Long.MIN_VALUE ? midnight + t * 60_000L : instant(day, t, zone);
                if (startsMs == Long.MIN_VALUE) {
                    continue;
                }
                if (!sink.accept(w, startsMs, startsMs + slotMinutes * 60_000L)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * The window in which a slot of {@code slotMinutes} starts at {@code minute} of {@code day}.
     *
     * @throws ProblemException 400 naming why there is no such slot
     */
    public static Window check(DoctorSchedule schedule, LocalDate day, int minute, String serviceCode,
            int slotMinutes) {
        List<Window> windows = windows(schedule, day);
        List<Window> containing = windows.stream().filter(w -> w.contains(minute)).toList();
        if (containing.isEmpty()) {
            if (schedule.leave().stream().anyMatch(l -> l.covers(day))) {
                throw ProblemException.validation("The doctor is on leave on " + day);
            }
            if (schedule.exceptions().stream().anyMatch(e -> e.day().equals(day)
                    && DayException.CLOSED.equals(e.kind()) && e.start() == null)) {
                throw ProblemException.validation("The doctor's hours are closed on " + day);
            }
            throw ProblemException.validation("The time is outside the doctor's working hours");
        }
        String reason = "The service " + serviceCode + " is not seen in these working hours";
        for (Window w : containing) {
            if (!w.sees(serviceCode)) {
                continue;
            }
            if ((minute - w.start()) % slotMinutes != 0) {
                reason = "The time is not a slot start: slots of " + slotMinutes + " minutes start at "
                        + hhmm(w.start()) + " and every " + slotMinutes + " minutes after";
                continue;
            }
            if (minute + slotMinutes > w.end()) {
                reason = "A slot of " + slotMinutes + " minutes at that time ends after the working hours ("
                        + hhmm(w.end()) + ")";
                continue;
            }
            Cut cut = w.cuts().stream().filter(c -> c.overlaps(minute, minute + slotMinutes)).findFirst().orElse(null);
            if (cut != null) {
                reason = Character.toUpperCase(cut.why().charAt(0)) + cut.why().substring(1);
                continue;
            }
            return w;
        }
        throw ProblemException.validation(reason);
    }

    /**
     * The instant of the day's midnight when the zone's offset does not change during the day (then every minute is
     * midnight plus minutes), Long.MIN_VALUE on a day with a transition.
     */
    static long steadyMidnight(LocalDate day, ZoneId zone) {
        ZonedDateTime start = day.atStartOfDay(zone);
        if (start.getHour() != 0 || start.getMinute() != 0) {
            return Long.MIN_VALUE;
        }
        ZonedDateTime end = day.plusDays(1).atStartOfDay(zone);
        java.time.zone.ZoneOffsetTransition next = zone.getRules().nextTransition(start.toInstant());
        boolean changes = !start.getOffset().equals(end.getOffset())
                || next != null && next.getInstant().isBefore(end.toInstant());
        return changes ? Long.MIN_VALUE : start.toInstant().toEpochMilli();
    }

    /** The instant of a wall-clock minute of {@code day}; Long.MIN_VALUE when that time does not exist (DST gap). */
    public static long instant(LocalDate day, int minute, ZoneId zone) {
        LocalDateTime local = day.atTime(minute / 60, minute % 60);
        if (zone.getRules().getValidOffsets(local).isEmpty()) {
            return Long.MIN_VALUE;
        }
        return ZonedDateTime.ofLocal(local, zone, null).toInstant().toEpochMilli();
    }

    public static String hhmm(int minute) {
        return String.format("%02d:%02d", minute / 60, minute % 60);
    }
}
