package org.pavilion.scheduling.internal.schedule;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.pavilion.scheduling.internal.schedule.Clinic.MONDAY;
import static org.pavilion.scheduling.internal.schedule.Clinic.at;

import java.sql.Connection;
import java.util.List;
import java.util.concurrent.Callable;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.testing.TestConstraints;
import org.pavilion.scheduling.internal.booking.AppointmentEntity;
import org.pavilion.scheduling.internal.schedule.ScheduleDtos.Change;
import org.pavilion.scheduling.internal.schedule.ScheduleDtos.TimeRange;
import org.pavilion.scheduling.internal.schedule.ScheduleDtos.WorkingHours;

/**
 * Reception keeps Dr. Ana Ruiz's schedule: Monday hours with lunch, refused nonsense (end before start, hours that
 * overlap, a break outside the hours, an unknown doctor), and leave over a booked Monday that lists the appointment
 * for rescheduling without cancelling it.
 */
public class ScheduleServiceTest {

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

    private static WorkingHours hours(int weekday, String start, String end, TimeRange... breaks) {
        WorkingHours h = new WorkingHours();
        h.location = "MAIN";
        h.weekday = weekday;
        h.start = start;
        h.end = end;
        h.breaks = List.of(breaks);
        return h;
    }

    @Test
    public void mondayHoursWithLunchAreStoredShownAndAudited() {
        Change c = clinic.schedules.addHours(ruiz, hours(1, "08:00", "16:00", new TimeRange("12:00", "12:30")));
        WorkingHours saved = (WorkingHours) c.change;
        assertEquals("08:00", saved.start);
        assertEquals(List.of(), c.conflicts);
        ScheduleDtos.Schedule s = clinic.schedules.schedule(ruiz);
        assertEquals(1, s.workingHours.size());
        assertEquals("12:30", s.workingHours.get(0).breaks.get(0).end);
        AuditEvent e = clinic.trail.get(0);
        assertEquals("UPDATE", e.action());
        assertEquals("schedule", e.resourceType());
        assertEquals(ruiz, e.resourceId());
        // the snapshot sees the new hours at once: the 12:20 slot touches lunch, 12:40 is the next one
        refused(400, "break", () -> clinic.slots.slotAt(ruiz, "GP", null, at(MONDAY, "12:20")));
        assertEquals("MAIN", clinic.slots.slotAt(ruiz, "GP", null, at(MONDAY, "12:40")).location());
    }

    @Test
    public void hoursWhoseAuditRecordCannotBeWrittenAreNotKept() {
        // The audit trail fails after the hours were written in the transaction: they must not stay unaudited.
        AuditService failing = new AuditService() {
            @Override
            public void record(AuditEvent event) {
                throw new IllegalStateException("the audit trail is unavailable");
            }

            @Override
            public <T> T recordAllCommittingWith(Connection transaction, List<AuditEvent> events, Callable<T> commit) {
                throw new IllegalStateException("the audit trail is unavailable");
            }
        };
        ScheduleService unaudited = new ScheduleService(clinic.db.emf, failing, clinic.snapshots, clinic.slots,
                TestConstraints.platform());
        assertThrows(IllegalStateException.class, () -> unaudited.addHours(ruiz, hours(1, "08:00", "16:00")));
        assertTrue(clinic.schedules.schedule(ruiz).workingHours.isEmpty());
    }

    @Test
    public void nonsenseIsRefusedWithAClearReason() {
        clinic.schedules.addHours(ruiz, hours(1, "08:00", "12:00"));
        refused(400, "must be after", () -> clinic.schedules.addHours(ruiz, hours(2, "12:00", "08:00")));
        refused(400, "5-minute", () -> clinic.schedules.addHours(ruiz, hours(2, "08:03", "12:00")));
        refused(400, "overlap", () -> clinic.schedules.addHours(ruiz, hours(1, "11:00", "15:00")));
        refused(400, "outside the working hours",
                () -> clinic.schedules.addHours(ruiz, hours(3, "08:00", "12:00", new TimeRange("12:00", "12:30"))));
        refused(404, "Doctor", () -> clinic.schedules.addHours("no-such-doctor", hours(1, "08:00", "12:00")));
        refused(400, "weekday", () -> clinic.schedules.addHours(ruiz, hours(8, "08:00", "12:00")));
        // hours that do not overlap in validity may share a weekday
        WorkingHours next = hours(1, "09:00", "13:00");
        next.validFrom = "2027-01-01";
        WorkingHours current = clinic.schedules.schedule(ruiz).workingHours.get(0);
        current.validTo = "2026-12-31";
        clinic.schedules.updateHours(ruiz, current.id, current);
        clinic.schedules.addHours(ruiz, next);
        assertEquals(2, clinic.schedules.schedule(ruiz).workingHours.size());
    }

    @Test
    public void leaveOverABookedMondayListsTheAppointmentAndKeepsItBooked() {
        clinic.schedules.addHours(ruiz, hours(1, "08:00", "16:00"));
        String booked = clinic.appointment(ruiz, "GP", at(MONDAY, "09:00"), 20, "BOOKED");
        clinic.appointment(ruiz, "GP", at(MONDAY, "10:00"), 20, "CANCELLED");
        String tuesday = clinic.appointment(ruiz, "GP", at(MONDAY.plusDays(1), "09:00"), 20, "BOOKED");
        assertEquals("the Tuesday one has no hours", List.of(tuesday),
                clinic.schedules.conflicts(ruiz).stream().map(c -> c.appointmentId).toList());

        ScheduleDtos.Leave leave = new ScheduleDtos.Leave();
        leave.from = MONDAY.toString();
        leave.to = MONDAY.toString();
        leave.reason = "conference";
        Change c = clinic.schedules.addLeave(ruiz, leave);
        assertEquals(List.of(booked, tuesday), c.conflicts.stream().map(x -> x.appointmentId).toList());
        assertEquals("2026-12-07T09:00", c.conflicts.get(0).localStart);
        assertEquals("BOOKED", new JpaTransactions(clinic.db.emf)
                .call(em -> em.find(AppointmentEntity.class, booked)).getStatus());

        Change removed = clinic.schedules.deleteLeave(ruiz, ((ScheduleDtos.Leave) c.change).id);
        assertNull(removed.change);
        assertEquals(List.of(tuesday), removed.conflicts.stream().map(x -> x.appointmentId).toList());
    }

    @Test
    public void aClosedMorningAndAnOpenSaturdayChangeWhatIsCovered() {
        clinic.schedules.addHours(ruiz, hours(1, "08:00", "16:00"));
        String nine = clinic.appointment(ruiz, "GP", at(MONDAY, "09:00"), 20, "CHECKED_IN");
        ScheduleDtos.DayException closed = new ScheduleDtos.DayException();
        closed.day = MONDAY.toString();
        closed.kind = "CLOSED";
        closed.start = "08:00";
        closed.end = "10:00";
        assertEquals(List.of(nine), clinic.schedules.addException(ruiz, closed).conflicts.stream()
                .map(x -> x.appointmentId).toList());

        String saturday = clinic.appointment(ruiz, "GP", at(MONDAY.plusDays(5), "10:00"), 20, "BOOKED");
        ScheduleDtos.DayException open = new ScheduleDtos.DayException();
        open.day = MONDAY.plusDays(5).toString();
        open.kind = "OPEN";
        open.start = "09:00";
        open.end = "12:00";
        open.location = "ANNEX";
        Change c = clinic.schedules.addException(ruiz, open);
        assertEquals(List.of(nine), c.conflicts.stream().map(x -> x.appointmentId).toList());
        assertTrue(clinic.schedules.conflicts(ruiz).stream().noneMatch(x -> x.appointmentId.equals(saturday)));

        ScheduleDtos.DayException bad = new ScheduleDtos.DayException();
        bad.day = MONDAY.toString();
        bad.kind = "OPEN";
        refused(400, "location", () -> clinic.schedules.addException(ruiz, bad));
    }

    @Test
    public void shorterHoursListTheLateAppointmentAndAnotherDoctorsHoursAreNotFound() {
        WorkingHours monday = (WorkingHours) clinic.schedules.addHours(ruiz, hours(1, "08:00", "16:00")).change;
        String late = clinic.appointment(ruiz, "GP", at(MONDAY, "15:00"), 20, "BOOKED");
        clinic.appointment(ruiz, "GP", at(MONDAY, "09:00"), 20, "BOOKED");
        Change shorter = clinic.schedules.updateHours(ruiz, monday.id, hours(1, "08:00", "12:00"));
        assertEquals(List.of(late), shorter.conflicts.stream().map(x -> x.appointmentId).toList());
        assertEquals("12:00", ((WorkingHours) shorter.change).end);

        String pena = clinic.db.doctor("Dr. Jorge Peña", null, "Cardiology");
        refused(404, "Working hours", () -> clinic.schedules.deleteHours(pena, monday.id));
        assertEquals(2, clinic.schedules.deleteHours(ruiz, monday.id).conflicts.size());
        assertEquals(List.of(), clinic.schedules.schedule(ruiz).workingHours);
    }

    static void refused(int status, String words, Runnable r) {
        try {
            r.run();
            fail("expected " + status + " about " + words);
        } catch (ProblemException e) {
            assertEquals(e.getMessage(), status, e.status());
            assertTrue(e.getMessage(), e.getMessage().contains(words));
        }
    }
}
