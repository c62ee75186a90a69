package org.pavilion.scheduling.internal.schedule;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.pavilion.scheduling.internal.schedule.Clinic.MONDAY;
import static org.pavilion.scheduling.internal.schedule.Clinic.at;
import static org.pavilion.scheduling.internal.schedule.ScheduleServiceTest.refused;

import java.sql.Connection;
import java.util.List;
import java.util.Map;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.scheduling.internal.booking.SlotHolds;
import org.pavilion.scheduling.internal.schedule.SlotRules.Slot;

/**
 * Slots on the real database: Dr. Ana Ruiz (general practice, English) and Dr. Jorge Peña (cardiology, Spanish and
 * English) work Monday to Friday 08:00-12:00. A booked 09:00 appointment hides Ruiz's 09:00 slot from the search;
 * slotAt refuses the past, far future, services a doctor does not offer and visit types a service has not.
 */
public class SlotEngineTest {

    private Clinic clinic;
    private String ruiz;
    private String pena;

    @Before
    public void setUp() throws Exception {
        clinic = new Clinic();
        ruiz = clinic.db.doctorWithWeekdayHours("Dr. Ana Ruiz", "GP", 20, "MAIN", "08:00", "12:00");
        clinic.db.service("CARDIO", "Cardiology consultation", "Cardiology", 30, "IN_PERSON");
        pena = clinic.db.doctor("Dr. Jorge Peña", null, "Cardiology", "CARDIO");
        for (int weekday = 1; weekday <= 5; weekday++) {
            clinic.db.weeklyHours(pena, "HEART-1", weekday, "08:00", "12:00");
        }
        new JpaTransactions(clinic.db.emf).run(em -> em.createNativeQuery(
                "INSERT INTO sched_doctor_language (doctor_id, language) VALUES (?, 'es')").setParameter(1, pena)
                .executeUpdate());
        clinic.snapshots.changed();
    }

    @After
    public void tearDown() throws Exception {
        clinic.close();
    }

    private void hold(String doctorId, long startsMs, long endsMs, String holder) {
        new JpaTransactions(clinic.db.emf).run(em -> {
            try (Connection c = JpaTransactions.connection(em)) {
                SlotHolds.hold(c, doctorId, startsMs, endsMs, holder);
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    public void slotAtGivesTheSlotWithItsNamesAndRefusesWhatIsNoSlot() {
        Slot s = clinic.slots.slotAt(ruiz, "GP", "video", at(MONDAY, "08:20"));
        assertEquals("Dr. Ana Ruiz", s.doctorName());
        assertEquals("General practice", s.specialty());
        assertEquals("VIDEO", s.visitType());
        assertEquals("MAIN", s.location());
        assertEquals(at(MONDAY, "08:40"), s.endsMs());
        assertEquals("IN_PERSON", clinic.slots.slotAt(ruiz, "GP", null, at(MONDAY, "08:20")).visitType());

        refused(400, "past", () -> clinic.slots.slotAt(ruiz, "GP", null, at(MONDAY.minusWeeks(1), "08:20")));
        refused(400, "days ahead", () -> clinic.slots.slotAt(ruiz, "GP", null, at(MONDAY.plusYears(1), "08:20")));
        refused(400, "does not offer", () -> clinic.slots.slotAt(ruiz, "CARDIO", null, at(MONDAY, "08:00")));
        refused(400, "VIDEO", () -> clinic.slots.slotAt(pena, "CARDIO", "VIDEO", at(MONDAY, "08:00")));
        refused(400, "outside", () -> clinic.slots.slotAt(ruiz, "GP", null, at(MONDAY, "13:00")));
        refused(400, "slot start", () -> clinic.slots.slotAt(ruiz, "GP", null, at(MONDAY, "08:10")));
        refused(404, "Doctor", () -> clinic.slots.slotAt("nobody", "GP", null, at(MONDAY, "08:00")));
        refused(404, "Service", () -> clinic.slots.slotAt(ruiz, "XRAY", null, at(MONDAY, "08:00")));
    }

    @Test
    public void anExternalTimeIsTakenAsGivenButNeedsAKnownDoctorAndService() {
        Slot s = clinic.slots.externalSlot(ruiz, "GP", null, at(MONDAY, "08:07"), at(MONDAY, "08:19"));
        assertEquals("MAIN", s.location());
        assertEquals(at(MONDAY, "08:07"), s.startsMs());
        Slot past = clinic.slots.externalSlot(ruiz, "GP", null, at(MONDAY.minusWeeks(2), "18:00"),
                at(MONDAY.minusWeeks(2), "18:30"));
        assertEquals(null, past.location());
        refused(400, "empty", () -> clinic.slots.externalSlot(ruiz, "GP", null, at(MONDAY, "08:00"), at(MONDAY, "08:00")));
        refused(404, "Doctor", () -> clinic.slots.externalSlot("nobody", "GP", null, at(MONDAY, "08:00"),
                at(MONDAY, "08:20")));
    }

    @Test
    public void theSearchLeavesOutHeldTimesAndFilters() {
        hold(ruiz, at(MONDAY, "08:00"), at(MONDAY, "08:20"), "appointment-1");
        hold(ruiz, at(MONDAY, "08:40"), at(MONDAY, "08:45"), "offer:7");
        List<Slot> monday = clinic.slots.find(new FreeSlots.Query(ruiz, null, null, null, null, MONDAY, MONDAY, 500));
        assertEquals(10, monday.size()); // 12 slots of 20 minutes, less 08:00 and the one touching the held 08:40
        assertEquals(at(MONDAY, "08:20"), monday.get(0).startsMs());
        assertEquals(at(MONDAY, "09:00"), monday.get(1).startsMs());

        List<Slot> spanish = clinic.slots.find(new FreeSlots.Query(null, null, null, "ES", null, MONDAY, MONDAY, 500));
        assertTrue(spanish.stream().allMatch(s -> s.doctorId().equals(pena)));
        assertEquals(8, spanish.size());
        List<Slot> cardio = clinic.slots.find(new FreeSlots.Query(null, "cardiology", null, null, null, MONDAY,
                MONDAY.plusDays(4), 3));
        assertEquals(3, cardio.size());
        assertEquals(at(MONDAY, "08:30"), cardio.get(1).startsMs());
        assertEquals(List.of(), clinic.slots.find(new FreeSlots.Query(null, null, "CARDIO", null, "VIDEO", MONDAY,
                MONDAY, 10)));
        List<Slot> both = clinic.slots.find(new FreeSlots.Query(null, null, null, null, null, MONDAY, MONDAY, 2));
        assertEquals("earliest first, then by name", List.of(pena, ruiz), both.stream().map(Slot::doctorId).toList());

        refused(400, "92", () -> clinic.slots.find(new FreeSlots.Query(null, null, null, null, null, MONDAY,
                MONDAY.plusDays(93), 10)));
        refused(400, "limit", () -> clinic.slots.find(new FreeSlots.Query(null, null, null, null, null, MONDAY,
                MONDAY, 0)));
        refused(404, "Doctor", () -> clinic.slots.find(new FreeSlots.Query("nobody", null, null, null, null, MONDAY,
                MONDAY, 10)));
    }

    @Test
    public void nextFreeSlotsStartAfterNowAndSkipTheWeekend() {
        Map<String, List<Slot>> next = clinic.slots.nextFree(List.of(ruiz, pena), 3, 14);
        assertEquals(3, next.get(ruiz).size());
        assertEquals("Friday 09:00 Berlin is now: the 09:00 slot has begun", at(MONDAY.minusDays(3), "09:20"),
                next.get(ruiz).get(0).startsMs());
        assertEquals(at(MONDAY.minusDays(3), "09:30"), next.get(pena).get(0).startsMs());
    }

    @Test
    public void aChangeThroughTheScheduleServiceIsSeenByTheNextSearch() {
        ScheduleDtos.Leave leave = new ScheduleDtos.Leave();
        leave.from = MONDAY.toString();
        leave.to = MONDAY.toString();
        clinic.schedules.addLeave(ruiz, leave);
        assertEquals(List.of(), clinic.slots.find(new FreeSlots.Query(ruiz, null, null, null, null, MONDAY, MONDAY,
                10)));
        refused(400, "leave", () -> clinic.slots.slotAt(ruiz, "GP", null, at(MONDAY, "08:00")));
    }
}
