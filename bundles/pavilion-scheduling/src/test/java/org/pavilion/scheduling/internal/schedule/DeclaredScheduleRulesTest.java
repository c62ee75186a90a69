package org.pavilion.scheduling.internal.schedule;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.scheduling.internal.schedule.ScheduleDtos.DayException;
import org.pavilion.scheduling.internal.schedule.ScheduleDtos.Leave;
import org.pavilion.scheduling.internal.schedule.ScheduleDtos.TimeRange;
import org.pavilion.scheduling.internal.schedule.ScheduleDtos.WorkingHours;

/**
 * The working-hours, leave and exception bodies declare their rules: a form with several mistakes comes back as one
 * 400 naming each field as the client sent it, checked before the doctor is looked up, and nothing is written.
 */
public class DeclaredScheduleRulesTest {

    private Clinic clinic;
    private String ruiz;

    @Before
    public void setUp() throws Exception {
        clinic = new Clinic();
        clinic.db.service("GP", "General consultation", "General practice", 20, "IN_PERSON,VIDEO");
        ruiz = clinic.db.doctor("Dr. Ana Ruiz", "aruiz", "General practice", "GP");
    }

    @After
    public void tearDown() throws Exception {
        clinic.close();
    }

    @Test
    public void hoursWithAMistakeInEveryFieldAreOneAnswerNamingEachField() {
        WorkingHours h = new WorkingHours();
        h.location = " ";
        h.weekday = 8;
        h.start = "8am";
        h.end = "24:05";
        h.validFrom = "2027-02-30";
        h.validTo = "next year";
        h.breaks = Arrays.asList(null, new TimeRange("12:00", "12:03"), new TimeRange(null, "13:00"));
        assertViolations(List.of(
                violation("breaks[0]", "needs start and end"),
                violation("breaks[1].end", "must be on a 5-minute boundary (e.g. 09:05); was 12:03"),
                violation("breaks[2].start", "must be a time of day such as 09:00"),
                violation("end", "must be between 00:00 and 24:00; was 24:05"),
                violation("location", "is required"),
                violation("start", "must be a time of day such as 09:00"),
                violation("validFrom", "must be a day such as 2026-12-07"),
                violation("validTo", "must be a day such as 2026-12-07"),
                violation("weekday", "must be 1 (Monday) to 7 (Sunday)")),
                () -> clinic.schedules.addHours(ruiz, h));
        // The body's rules come first: an unknown doctor with a broken body is still the 400.
        assertEquals(400, refusal(() -> clinic.schedules.addHours("no-such-doctor", h)).status());
        assertViolations(List.of(violation("body", "a request body is required")),
                () -> clinic.schedules.addHours(ruiz, null));
        assertNothingWritten();
    }

    @Test
    public void hoursWhoseFieldsDisagreeAreNamedOnTheFieldToFix() {
        WorkingHours h = hours("12:00", "08:00");
        h.validFrom = "2027-01-01";
        h.validTo = "2026-12-31";
        h.breaks = List.of(new TimeRange("10:30", "10:00"));
        assertViolations(List.of(
                violation("breaks[0].end", "must be after start (10:30)"),
                violation("end", "must be after start (12:00)"),
                violation("validTo", "must not be before validFrom")),
                () -> clinic.schedules.addHours(ruiz, h));

        WorkingHours lunches = hours("08:00", "16:00");
        lunches.breaks = List.of(new TimeRange("12:00", "12:30"), new TimeRange("12:15", "12:45"),
                new TimeRange("15:30", "16:30"), new TimeRange("07:00", "07:30"));
        assertViolations(List.of(
                violation("breaks[1]", "overlaps the break 12:00-12:30"),
                violation("breaks[2]", "lies outside the working hours 08:00-16:00"),
                violation("breaks[3]", "lies outside the working hours 08:00-16:00")),
                () -> clinic.schedules.addHours(ruiz, lunches));

        WorkingHours everything = hours("08:00", "16:00");
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < 41; i++) {
            codes.add("SERVICE-" + i);
        }
        everything.services = codes;
        assertViolations(List.of(violation("services", "are too many: at most 400 characters of codes in all")),
                () -> clinic.schedules.addHours(ruiz, everything));
        assertNothingWritten();
    }

    @Test
    public void rulesThatNeedTheDatabaseStillComeAfterTheBodysOwn() {
        clinic.schedules.addHours(ruiz, hours("08:00", "12:00"));
        WorkingHours overlapping = hours(" 11:00 ", "15:00");
        ProblemException overlap = refusal(() -> clinic.schedules.addHours(ruiz, overlapping));
        assertEquals(400, overlap.status());
        assertTrue(overlap.getMessage(), overlap.getMessage().contains("overlap the doctor's hours 08:00-12:00"));
        WorkingHours cardiology = hours("13:00", "17:00");
        cardiology.services = List.of("CARDIO");
        assertTrue(refusal(() -> clinic.schedules.addHours(ruiz, cardiology)).getMessage()
                .contains("does not offer service CARDIO"));

        // Trimmed, blank entries dropped, each service once; 24:00 ends the day.
        WorkingHours evening = hours("20:00", "24:00");
        evening.location = "  ANNEX ";
        evening.services = Arrays.asList(" GP", "", null, "GP ");
        evening.breaks = List.of(new TimeRange("22:00", "22:15"));
        WorkingHours saved = (WorkingHours) clinic.schedules.addHours(ruiz, evening).change;
        assertEquals("ANNEX", saved.location);
        assertEquals(List.of("GP"), saved.services);
        assertEquals("24:00", saved.end);
        assertEquals("22:15", saved.breaks.get(0).end);
    }

    @Test
    public void leaveAndExceptionsNameEachBrokenField() {
        Leave backwards = new Leave();
        backwards.from = "2026-12-20";
        backwards.to = "2026-12-10";
        backwards.reason = "r".repeat(201);
        assertViolations(List.of(
                violation("reason", "is longer than 200 characters"),
                violation("to", "must not be before from")),
                () -> clinic.schedules.addLeave(ruiz, backwards));
        assertViolations(List.of(
                violation("from", "is required (e.g. 2026-12-07)"),
                violation("to", "must be a day such as 2026-12-07")),
                () -> clinic.schedules.addLeave(ruiz, leave(null, "20.12.2026")));

        DayException open = new DayException();
        open.day = "2026-13-01";
        open.kind = "open";
        open.end = "09:00";
        assertViolations(List.of(
                violation("day", "must be a day such as 2026-12-07"),
                violation("location", "is required for OPEN hours"),
                violation("start", "is required for OPEN hours (e.g. 09:00)")),
                () -> clinic.schedules.addException(ruiz, open));
        DayException halfClosed = new DayException();
        halfClosed.kind = "CLOSED";
        halfClosed.start = "10:00";
        halfClosed.location = "L".repeat(65);
        assertViolations(List.of(
                violation("day", "is required (e.g. 2026-12-07)"),
                violation("end", "is required with start (give both, or neither for the whole day)"),
                violation("location", "is longer than 64 characters")),
                () -> clinic.schedules.addException(ruiz, halfClosed));
        DayException holiday = new DayException();
        holiday.day = "2026-12-24";
        holiday.kind = "HOLIDAY";
        holiday.start = "14:00";
        holiday.end = "13:00";
        assertViolations(List.of(
                violation("end", "must be after start (14:00)"),
                violation("kind", "must be CLOSED or OPEN")),
                () -> clinic.schedules.addException(ruiz, holiday));
        assertNothingWritten();

        DayException closedAllDay = new DayException();
        closedAllDay.day = " 2026-12-24 ";
        closedAllDay.kind = " closed ";
        closedAllDay.start = " ";
        DayException saved = (DayException) clinic.schedules.addException(ruiz, closedAllDay).change;
        assertEquals("CLOSED", saved.kind);
        assertEquals("2026-12-24", saved.day);
        assertEquals(null, saved.start);
    }

    private static WorkingHours hours(String start, String end) {
        WorkingHours h = new WorkingHours();
        h.location = "MAIN";
        h.weekday = 1;
        h.start = start;
        h.end = end;
        return h;
    }

    private static Leave leave(String from, String to) {
        Leave l = new Leave();
        l.from = from;
        l.to = to;
        return l;
    }

    private void assertNothingWritten() {
        ScheduleDtos.Schedule s = clinic.schedules.schedule(ruiz);
        assertEquals(List.of(), s.workingHours);
        assertEquals(List.of(), s.leave);
        assertEquals(List.of(), s.exceptions);
        assertEquals("nothing audited", List.of(), clinic.trail);
    }

    private static ProblemException refusal(Runnable work) {
        try {
            work.run();
        } catch (ProblemException e) {
            return e;
        }
        throw new AssertionError("should have been refused");
    }

    private static void assertViolations(List<Map<String, String>> expected, Runnable work) {
        ProblemException refused = refusal(work);
        assertNotNull(refused);
        assertEquals(refused.detail(), 400, refused.status());
        assertEquals("urn:pavilion:problem:validation", refused.type());
        assertEquals(expected, refused.extensions().get("violations"));
    }

    private static Map<String, String> violation(String field, String message) {
        return Map.of("field", field, "message", message);
    }
}
