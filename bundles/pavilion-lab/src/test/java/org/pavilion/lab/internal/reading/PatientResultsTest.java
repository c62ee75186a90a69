package org.pavilion.lab.internal.reading;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.pavilion.lab.internal.reading.AnasWeek.ANA;
import static org.pavilion.lab.internal.reading.AnasWeek.BRUNO;
import static org.pavilion.lab.internal.reading.DoctorInboxTest.assertStatus;
import static org.pavilion.lab.internal.reading.DoctorInboxTest.ids;
import static org.pavilion.lab.internal.reading.ResultShelf.as;
import static org.pavilion.lab.internal.reading.ResultShelf.staff;

import java.util.List;

import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.security.Caller;
import org.pavilion.lab.internal.LabDatabase;
import org.pavilion.lab.internal.access.EmrPatientGate;
import org.pavilion.lab.internal.order.ItemStatus;

/**
 * Dr House opens Ana's chart on Thursday: her released results newest first (the twice-corrected potassium shows
 * its final value with the two it replaced), filtered by test or by day, and the potassium trend; the entered but
 * unverified potassium of Wednesday is nowhere. Bruno's record is restricted: opening it takes a reason.
 */
public class PatientResultsTest extends AnasWeekReading {

    private PatientResults results;
    private final Caller house = staff("dr.house", "lab.result.view");

    @Before
    public void setUp() throws Exception {
        results = new PatientResults(shelf.db.emf, shelf.audit, null);
    }

    private Page<ChartResult> chart(String mrn, String test, String from, String to, int page, int size)
            throws Exception {
        return as(house, () -> results.results(new PatientResults.Query(mrn, test, ReadingDates.window(from, to),
                null), PatientResults.VIEW, page, size));
    }

    @Test
    public void theChartShowsReleasedCurrentResultsNewestFirstWithCorrectionsHistory() throws Exception {
        Page<ChartResult> all = chart(ANA, null, null, null, 0, 50);
        assertEquals(List.of(week.culture, week.tuesdayPotassium, week.mondayGlucose, week.mondayPotassium),
                ids(all));
        ChartResult corrected = all.getItems().get(1);
        assertEquals("5.2", corrected.value);
        assertTrue(corrected.corrected);
        assertEquals(week.tuesdayFirstCorrection, corrected.correctsId);
        assertEquals(List.of("5.4", "5.9"), corrected.history.stream().map(h -> h.value).toList());
        assertTrue(corrected.history.stream().allMatch(h -> h.superseded));
        assertEquals(week.tuesday.orderNumber(), corrected.orderNumber);
        assertTrue(all.getItems().get(2).history.isEmpty());
        assertEquals("No growth", all.getItems().get(0).value);
        assertEquals("Urine culture", all.getItems().get(0).testName);

        AuditEvent search = shelf.lastAudit();
        assertEquals("SEARCH", search.action());
        assertEquals("lab-result", search.resourceType());
        assertEquals(ANA, search.patientId());
        assertEquals("results page 0: 4 of 4", search.detail());
    }

    @Test
    public void resultsAreFilteredByTestCodeOrLoincAndByDay() throws Exception {
        List<String> potassium = List.of(week.tuesdayPotassium, week.mondayPotassium);
        assertEquals(potassium, ids(chart(ANA, "K", null, null, 0, 50)));
        assertEquals(potassium, ids(chart(ANA, "2823-3", null, null, 0, 50)));
        assertEquals(List.of(week.tuesdayPotassium), ids(chart(ANA, null, "2026-12-01", "2026-12-01", 0, 50)));
        assertEquals(List.of(week.culture, week.tuesdayPotassium),
                ids(chart(ANA, null, "2026-12-01T08:00:00Z", null, 0, 50)));
        assertEquals(List.of(week.mondayGlucose, week.mondayPotassium),
                ids(chart(ANA, null, null, "2026-11-30T09:00:00Z", 0, 50)));
        assertStatus(404, () -> chart(ANA, "NOPE", null, null, 0, 50));
        assertStatus(400, () -> chart(ANA, null, "yesterday", null, 0, 50));
        assertStatus(400, () -> chart(ANA, null, "2026-12-02", "2026-12-01", 0, 50));
        assertStatus(400, () -> chart(" ", null, null, null, 0, 50));
    }

    @Test
    public void theChartIsPaged() throws Exception {
        Page<ChartResult> first = chart(ANA, null, null, null, 0, 3);
        Page<ChartResult> second = chart(ANA, null, null, null, 1, 3);
        assertEquals(3, first.getItems().size());
        assertEquals(List.of(week.mondayPotassium), ids(second));
        assertEquals(4, second.getTotal());
        assertEquals("results page 1: 1 of 4", shelf.lastAudit().detail());
        assertStatus(400, () -> chart(ANA, null, null, null, -1, 3));
    }

    @Test
    public void theTrendDrawsReleasedNumbersOldestFirstInTheTestsUnitWithItsRanges() throws Exception {
        Trend trend = as(house, () -> results.trend(ANA, "K", null));
        assertEquals("K", trend.testCode);
        assertEquals("Potassium", trend.testName);
        assertEquals("mmol/L", trend.unit);
        assertEquals(List.of("4", "5.2"), trend.points.stream().map(p -> p.value).toList());
        assertEquals(List.of("2026-11-30T08:00:00Z", "2026-12-01T08:00:00Z"),
                trend.points.stream().map(p -> p.at).toList());
        assertEquals("H", trend.points.get(1).flag);
        assertTrue(trend.points.get(1).corrected);
        assertFalse(trend.points.get(0).corrected);
        assertEquals(1, trend.ranges.size());
        Trend.Range range = trend.ranges.get(0);
        assertEquals("3.5", range.low);
        assertEquals("5.1", range.high);
        assertEquals("2.5", range.criticalLow);
        assertEquals("6.5", range.criticalHigh);
        assertNull(range.sex);
        assertEquals("3.5-5.1", trend.referenceRange);
        assertEquals("trend K: 2 points", shelf.lastAudit().detail());
        assertEquals(ANA, shelf.lastAudit().patientId());

        assertEquals(0, as(house, () -> results.trend(BRUNO, "GLU", null)).points.size());
        assertStatus(400, () -> as(house, () -> results.trend(ANA, "UCULT", null)));
        assertStatus(400, () -> as(house, () -> results.trend(ANA, " ", null)));
        assertStatus(404, () -> as(house, () -> results.trend(ANA, "NOPE", null)));
    }

    @Test
    public void aRestrictedRecordOpensOnlyWithABreakTheGlassReasonAndTheTrailSaysWhy() throws Exception {
        RestrictedRecords emr = new RestrictedRecords(BRUNO);
        results = new PatientResults(shelf.db.emf, shelf.audit, new EmrPatientGate(emr, shelf.audit));
        PatientResults.Query noReason = new PatientResults.Query(BRUNO, null, ReadingDates.window(null, null), null);
        assertStatus(403, () -> as(house, () -> results.results(noReason, PatientResults.VIEW, 0, 20)));
        assertEquals(AuditOutcome.DENIED, shelf.lastAudit().outcome());
        assertEquals(BRUNO, shelf.lastAudit().patientId());
        assertStatus(403, () -> as(house, () -> results.trend(BRUNO, "K", null)));

        String reason = "unconscious in the emergency room";
        Page<ChartResult> opened = as(house, () -> results.results(new PatientResults.Query(BRUNO, null,
                ReadingDates.window(null, null), reason), PatientResults.VIEW, 0, 20));
        assertEquals(List.of(week.brunoPotassium), ids(opened));
        AuditEvent glass = shelf.lastAudit();
        assertTrue(glass.emergencyAccess());
        assertEquals("break-the-glass: " + reason + "; results page 0: 1 of 1", glass.detail());
        assertEquals(reason, emr.reasons.get(emr.reasons.size() - 1));

        assertEquals(1, as(house, () -> results.trend(BRUNO, "K", reason)).points.size());
        assertTrue(shelf.lastAudit().emergencyAccess());
        // a nurse without the lab's view privilege is refused by the EMR's rules
        assertStatus(403, () -> as(staff("nurse.joy", "emr.record.view"), () -> results.results(
                new PatientResults.Query(ANA, null, ReadingDates.window(null, null), null), PatientResults.VIEW, 0,
                20)));
    }

    @Test
    public void aCorrectionNotYetReleasedLeavesTheReleasedValueShown() throws Exception {
        String carla = "0000005017";
        long friday = ResultShelf.MONDAY_0800 + 4 * AnasWeek.DAY;
        LabDatabase.SeededOrder order = shelf.db.order(carla, "dr.house", "ROUTINE", ItemStatus.RECEIVED, "K");
        String released = shelf.released(order, 0, "4.0", "N", false, friday);
        String correction = shelf.result(order, 0, "4.4", "N", false, "ENTERED", friday, released);
        assertEquals(List.of(released), ids(chart(carla, "K", null, null, 0, 50)));
        shelf.db.jpa.run(em -> {
            org.pavilion.lab.internal.result.ResultEntity r = em.find(
                    org.pavilion.lab.internal.result.ResultEntity.class, correction);
            r.setStatus("RELEASED");
            r.setVerifiedBy("tech.ben");
            r.setVerifiedMs(friday + AnasWeek.DAY);
            r.setReleasedMs(friday + AnasWeek.DAY);
        });
        assertEquals(List.of(correction), ids(chart(carla, "K", null, null, 0, 50)));
    }
}
