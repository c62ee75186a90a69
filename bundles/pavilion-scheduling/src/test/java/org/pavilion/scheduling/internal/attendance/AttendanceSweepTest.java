package org.pavilion.scheduling.internal.attendance;

import static org.junit.Assert.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.scheduling.internal.LifecycleDatabase;
import org.pavilion.scheduling.internal.ScriptedAppointmentBook;
import org.pavilion.scheduling.internal.booking.Appointment;
import org.pavilion.scheduling.internal.booking.AppointmentBook;

/**
 * Dr Ortiz's morning as the sweep sees it at 09:20 (grace 15 minutes, no-show after 30): the 09:00 patient has not
 * come and is late; the 08:00 and 08:40 patients are no-shows, handed to the book; the 08:20 patient checked in and
 * the 08:30 one cancelled, so both are left alone; the 09:10 patient is not late yet (each with one of the
 * practice's doctors). The book is a fake that
 * records its calls and marks the row as the booking part would.
 */
public class AttendanceSweepTest {

    private static final long NINE = 1_796_000_000_000L - 1_796_000_000_000L % 3_600_000L;
    private static final long NOW = NINE + 20 * 60_000L;
    private static final AttendanceSweep.Settings SETTINGS = new AttendanceSweep.Settings(15, 30, 200);

    private LifecycleDatabase db;
    private final List<String> noShows = new ArrayList<>();
    private final List<String> refuse = new ArrayList<>();
    private AttendanceSweep sweep;

    @Before
    public void setUp() throws Exception {
        db = new LifecycleDatabase();
        db.service("GP", "General practice", "Family medicine");
        db.doctor("doc-ortiz", "Dr Elena Ortiz");
        AppointmentBook book = new ScriptedAppointmentBook() {
            @Override
            public Appointment markNoShow(String id, Channel channel) {
                assertEquals(Channel.SYSTEM, channel);
                if (refuse.contains(id)) {
                    throw ProblemException.conflict("checked in meanwhile");
                }
                noShows.add(id);
                db.update("UPDATE sched_appointment SET status = 'NO_SHOW' WHERE id = ?", id);
                return null;
            }
        };
        sweep = new AttendanceSweep(db.emf, book, () -> NOW);
    }

    @After
    public void tearDown() throws Exception {
        db.close();
    }

    @Test
    public void theLatePatientIsMarkedOnceAndTheNoShowsGoToTheBook() {
        at("a-0800", 0, -60, "BOOKED");
        at("a-0820", 0, -40, "CHECKED_IN");
        at("a-0830", 0, -30, "CANCELLED");
        at("a-0840", 0, -20, "BOOKED");
        at("a-0900", 0, 0, "BOOKED");
        at("a-0910", 0, 10, "BOOKED");

        AttendanceSweep.Result first = sweep.run(SETTINGS);
        assertEquals(1, first.late());
        assertEquals(2, first.noShows());
        assertEquals(List.of("a-0800", "a-0840"), noShows);
        assertEquals(List.of("a-0900"), db.column("SELECT id FROM sched_appointment WHERE late = ? ORDER BY id", true));
        assertEquals(List.of("a-0900"), db.column("SELECT appointment_id FROM sched_appointment_history"
                + " WHERE action = 'LATE'"));
        assertEquals("BOOKED", db.value("SELECT status FROM sched_appointment WHERE id = 'a-0900'"));
        assertEquals("2", db.value("SELECT version FROM sched_appointment WHERE id = 'a-0900'"));

        AttendanceSweep.Result again = sweep.run(SETTINGS);
        assertEquals(new AttendanceSweep.Result(0, 0), again);
        assertEquals(1L, db.count("SELECT COUNT(*) FROM sched_appointment_history WHERE action = 'LATE'"));
        assertEquals("CHECKED_IN", db.value("SELECT status FROM sched_appointment WHERE id = 'a-0820'"));
        assertEquals("CANCELLED", db.value("SELECT status FROM sched_appointment WHERE id = 'a-0830'"));
    }

    @Test
    public void aLongerGraceFromTheConfigurationAppliesOnTheNextRun() {
        at("a-0900", 0, 0, "BOOKED");
        assertEquals(0, sweep.run(new AttendanceSweep.Settings(25, 30, 200)).late());
        assertEquals(1, sweep.run(new AttendanceSweep.Settings(20, 30, 200)).late());
    }

    @Test
    public void aBacklogIsWorkedOffOldestFirstInBatches() {
        for (int i = 0; i < 5; i++) {
            at("a-backlog-" + i, -1, i * 20, "BOOKED"); // yesterday morning, after downtime
        }
        AttendanceSweep.Settings small = new AttendanceSweep.Settings(15, 30, 2);
        assertEquals(2, sweep.run(small).noShows());
        assertEquals(List.of("a-backlog-0", "a-backlog-1"), noShows);
        assertEquals(2, sweep.run(small).noShows());
        assertEquals(1, sweep.run(small).noShows());
        assertEquals(List.of("a-backlog-0", "a-backlog-1", "a-backlog-2", "a-backlog-3", "a-backlog-4"), noShows);
    }

    @Test
    public void oneAppointmentTheBookRefusesDoesNotStopTheOthers() {
        at("a-0800", 0, -60, "BOOKED");
        at("a-0820", 0, -40, "BOOKED");
        refuse.add("a-0800");
        assertEquals(1, sweep.run(SETTINGS).noShows());
        assertEquals(List.of("a-0820"), noShows);
    }

    /** An appointment {@code days} from today, {@code minutes} after 09:00 (each with a doctor of the practice). */
    private void at(String id, int days, int minutes, String status) {
        db.appointment(id, "doc-" + id, "GP", "00000042" + id.length(), NINE + days * 86_400_000L + minutes * 60_000L,
                status);
    }
}
