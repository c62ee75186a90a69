package org.pavilion.scheduling.internal.schedule;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.Test;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.scheduling.internal.schedule.Snapshot.DayException;
import org.pavilion.scheduling.internal.schedule.Snapshot.DoctorSchedule;
import org.pavilion.scheduling.internal.schedule.Snapshot.Hours;
import org.pavilion.scheduling.internal.schedule.Snapshot.Interval;
import org.pavilion.scheduling.internal.schedule.Snapshot.Leave;

/**
 * Dr. Weber's week at the Berlin clinic, derived from her schedule alone: Monday hours 09:00-12:00 with a coffee
 * break, leave, a closed afternoon, an extra Saturday morning, a summer-time night shift, and the slot grid.
 */
public class DaySlotsTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final LocalDate MONDAY = LocalDate.of(2026, 12, 7);

    private static Hours monday(int start, int end, Set<String> services, Interval... breaks) {
        return new Hours("h1", "MAIN", 1, start, end, null, null, services, List.of(breaks));
    }

    private static List<String> slots(DoctorSchedule schedule, LocalDate day, String service, int minutes) {
        List<String> starts = new ArrayList<>();
        DaySlots.slots(DaySlots.windows(schedule, day), day, BERLIN, service, minutes, (w, s, e) -> {
            assertEquals(minutes * 60_000L, e - s);
            starts.add(Instant.ofEpochMilli(s).atZone(BERLIN).toLocalTime() + "@" + w.location());
            return true;
        });
        return starts;
    }

    @Test
    public void slotsFollowTheGridFromTheStartOfTheHoursAndSkipTheBreak() {
        DoctorSchedule s = new DoctorSchedule(List.of(monday(9 * 60, 12 * 60, null, new Interval(10 * 60, 10 * 60 + 15))),
                List.of(), List.of());
        // 20-minute slots from 09:00: 09:40-10:00 fits, 10:00 touches the break, 10:20 is on the grid after it
        assertEquals(List.of("09:00@MAIN", "09:20@MAIN", "09:40@MAIN", "10:20@MAIN", "10:40@MAIN", "11:00@MAIN", "11:20@MAIN",
                "11:40@MAIN"), slots(s, MONDAY, "GP", 20));
        assertEquals("a Tuesday has no hours", List.of(), slots(s, MONDAY.plusDays(1), "GP", 20));
    }

    @Test
    public void aSlotThatWouldRunPastTheEndOfTheHoursIsNotOffered() {
        DoctorSchedule s = new DoctorSchedule(List.of(monday(9 * 60, 10 * 60, null)), List.of(), List.of());
        assertEquals(List.of("09:00@MAIN", "09:25@MAIN"), slots(s, MONDAY, "GP", 25));
    }

    @Test
    public void hoursForOtherServicesOnlyAndValidityDatesAreRespected() {
        Hours surgery = new Hours("h2", "OR-2", 1, 9 * 60, 10 * 60, LocalDate.of(2026, 12, 1),
                LocalDate.of(2026, 12, 10), Set.of("SURG"), List.of());
        DoctorSchedule s = new DoctorSchedule(List.of(surgery), List.of(), List.of());
        assertEquals(List.of(), slots(s, MONDAY, "GP", 30));
        assertEquals(List.of("09:00@OR-2", "09:30@OR-2"), slots(s, MONDAY, "SURG", 30));
        assertEquals("after validTo", List.of(), slots(s, MONDAY.plusWeeks(1), "SURG", 30));
    }

    @Test
    public void leaveAndAClosedDayRemoveTheHoursButAnOpenExceptionAddsSome() {
        Hours hours = monday(9 * 60, 12 * 60, null);
        DoctorSchedule onLeave = new DoctorSchedule(List.of(hours),
                List.of(new Leave("l1", MONDAY.minusDays(2), MONDAY, "holiday")), List.of());
        assertEquals(List.of(), slots(onLeave, MONDAY, "GP", 60));
        assertEquals(3, slots(onLeave, MONDAY.plusWeeks(1), "GP", 60).size());

        DoctorSchedule closed = new DoctorSchedule(List.of(hours), List.of(),
                List.of(new DayException("e1", MONDAY, DayException.CLOSED, null, null, null, "strike")));
        assertEquals(List.of(), slots(closed, MONDAY, "GP", 60));

        DoctorSchedule closedAtTen = new DoctorSchedule(List.of(hours), List.of(),
                List.of(new DayException("e2", MONDAY, DayException.CLOSED, 10 * 60, 11 * 60, null, "training")));
        assertEquals(List.of("09:00@MAIN", "11:00@MAIN"), slots(closedAtTen, MONDAY, "GP", 60));

        LocalDate saturday = MONDAY.plusDays(5);
        DoctorSchedule extraSaturday = new DoctorSchedule(List.of(hours), List.of(),
                List.of(new DayException("e3", saturday, DayException.OPEN, 8 * 60, 9 * 60, "ANNEX", null)));
        assertEquals(List.of("08:00@ANNEX", "08:30@ANNEX"), slots(extraSaturday, saturday, "GP", 30));
    }

    @Test
    public void onTheNightSummerTimeStartsTheMissingHourHasNoSlotsAndTheOthersKeepTheirWallClock() {
        LocalDate sunday = LocalDate.of(2026, 3, 29); // Berlin: 02:00 CET becomes 03:00 CEST
        Hours night = new Hours("h3", "ER", 7, 60, 4 * 60, null, null, null, List.of());
        DoctorSchedule s = new DoctorSchedule(List.of(night), List.of(), List.of());
        List<Long> starts = new ArrayList<>();
        DaySlots.slots(DaySlots.windows(s, sunday), sunday, BERLIN, "ER", 30, (w, st, e) -> starts.add(st));
        assertEquals(List.of(Instant.parse("2026-03-29T00:00:00Z").toEpochMilli(),
                Instant.parse("2026-03-29T00:30:00Z").toEpochMilli(),
                Instant.parse("2026-03-29T01:00:00Z").toEpochMilli(),
                Instant.parse("2026-03-29T01:30:00Z").toEpochMilli()), starts);
        // a summer Monday: 09:00 in Berlin is 07:00 UTC
        Hours summer = new Hours("h4", "MAIN", 1, 9 * 60, 10 * 60, null, null, null, List.of());
        List<Long> june = new ArrayList<>();
        LocalDate juneMonday = LocalDate.of(2026, 6, 1);
        DaySlots.slots(DaySlots.windows(new DoctorSchedule(List.of(summer), List.of(), List.of()), juneMonday),
                juneMonday, BERLIN, "GP", 60, (w, st, e) -> june.add(st));
        assertEquals(List.of(Instant.parse("2026-06-01T07:00:00Z").toEpochMilli()), june);
    }

    @Test
    public void checkNamesWhyATimeIsNoSlot() {
        DoctorSchedule s = new DoctorSchedule(List.of(monday(9 * 60, 12 * 60, null, new Interval(10 * 60, 10 * 60 + 30))),
                List.of(new Leave("l1", MONDAY.plusWeeks(1), MONDAY.plusWeeks(1), null)), List.of());
        assertEquals("MAIN", DaySlots.check(s, MONDAY, 9 * 60 + 20, "GP", 20).location());
        assertRefused("not a slot start", () -> DaySlots.check(s, MONDAY, 9 * 60 + 10, "GP", 20));
        assertRefused("break", () -> DaySlots.check(s, MONDAY, 10 * 60, "GP", 20));
        assertRefused("outside", () -> DaySlots.check(s, MONDAY, 13 * 60, "GP", 20));
        assertRefused("ends after", () -> DaySlots.check(s, MONDAY, 11 * 60 + 40, "GP", 40));
        assertRefused("leave", () -> DaySlots.check(s, MONDAY.plusWeeks(1), 9 * 60, "GP", 20));
    }

    private static void assertRefused(String words, Runnable r) {
        try {
            r.run();
            fail("expected a 400 about " + words);
        } catch (ProblemException e) {
            assertEquals(400, e.status());
            assertTrue(e.getMessage(), e.getMessage().contains(words));
        }
    }
}
