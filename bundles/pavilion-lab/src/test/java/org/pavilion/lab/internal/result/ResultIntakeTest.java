package org.pavilion.lab.internal.result;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.lab.api.CriticalLabResult;
import org.pavilion.lab.api.LabResultReleased;
import org.pavilion.lab.api.LabTestCompleted;
import org.pavilion.lab.internal.LabDatabase;
import org.pavilion.lab.internal.order.ItemStatus;
import org.pavilion.lab.internal.order.LabOrderEntity;
import org.pavilion.lab.internal.order.OrderItemEntity;
import org.pavilion.lab.internal.result.ResultIntake.Observation;
import org.pavilion.lab.internal.result.ResultIntake.Taken;

/**
 * The chemistry analyser and the reference lab's LIS report into the same rules as the bench: by order number or
 * specimen id, test by code or LOINC; a verified sender's results are released at once, others wait for a
 * technician. A message that does not fit is refused whole.
 */
public class ResultIntakeTest {

    private static Lab lab;
    private static ResultIntakeService intake;

    @BeforeClass
    public static void open() throws Exception {
        lab = new Lab(true);
        intake = new ResultIntakeService(lab.events, new Results.Settings(true, 15), lab.now::get);
    }

    @AfterClass
    public static void close() throws Exception {
        lab.close();
    }

    private static List<Taken> receive(String ref, boolean verified, Observation... obs) {
        List<Observation> marked = Arrays.stream(obs).map(o -> new Observation(o.testCode(), o.value(), o.unit(),
                o.senderFlag(), o.observedMs(), o.comment(), verified ? "F" : null, verified)).toList();
        return lab.db.jpa.call(em -> intake.receive(em, ref, marked, "HL7", "LIS-REFLAB"));
    }

    private static ProblemException refused(String ref, Observation... obs) {
        try {
            receive(ref, false, obs);
            throw new AssertionError("expected a problem");
        } catch (ProblemException p) {
            return p;
        }
    }

    private static Observation obs(String test, String value, String unit) {
        return new Observation(test, value, unit, null, 1_796_370_000_000L, null);
    }

    @Test
    public void theAnalyserReportsByLoincAndTheResultsWaitForATechnician() throws Exception {
        LabDatabase.SeededOrder o = lab.db.order("MRN-4", "dr.foreman", "ROUTINE", ItemStatus.RECEIVED, "K", "GLU");
        List<Taken> taken = lab.db.jpa.call(em -> intake.receive(em, o.orderNumber(),
                List.of(obs("2823-3", "2.1", "mmol/L"), obs("GLU", "100", "mg/dL")), "ANALYSER", "cobas-1"));
        assertEquals(2, taken.size());
        assertEquals("LL", taken.get(0).flag());
        assertTrue(taken.get(0).critical());
        assertEquals(o.itemIds().get(0), taken.get(0).itemId());
        assertEquals("H", taken.get(1).flag());
        ResultEntity k = lab.row(ResultEntity.class, taken.get(0).resultId());
        assertEquals("ANALYSER", k.getSource());
        assertEquals("ENTERED", k.getStatus());
        assertEquals("cobas-1", k.getEnteredBy());
        assertEquals(1_796_370_000_000L, k.getObservedMs());
        assertEquals("RESULTED", lab.row(OrderItemEntity.class, o.itemIds().get(0)).getStatus());

        // A technician verifies the analyser's work like any other.
        assertEquals("RELEASED", Lab.as(Lab.ANNA, () -> lab.results.verify(k.getId())).status);
        assertEquals(1, lab.events.published.stream().filter(p -> p.type().equals(CriticalLabResult.TYPE)
                && ((CriticalLabResult) p.payload()).resultId.equals(k.getId())).count());
    }

    @Test
    public void aVerifiedSendersResultsAreReleasedAtOnceBySpecimenId() {
        LabDatabase.SeededOrder o = lab.db.order("MRN-5", "dr.chase", "URGENT", ItemStatus.IN_PROGRESS, "K");
        int released = lab.events.of(LabResultReleased.TYPE, LabResultReleased.class).size();
        int completed = lab.events.of(LabTestCompleted.TYPE, LabTestCompleted.class).size();
        List<Taken> taken = receive(o.specimenIds().get(0), true, obs("K", "4.1", null));
        ResultEntity r = lab.row(ResultEntity.class, taken.get(0).resultId());
        assertEquals("RELEASED", r.getStatus());
        assertEquals("HL7", r.getSource());
        assertEquals("LIS-REFLAB", r.getVerifiedBy());
        assertEquals(released + 1, lab.events.of(LabResultReleased.TYPE, LabResultReleased.class).size());
        assertEquals(completed + 1, lab.events.of(LabTestCompleted.TYPE, LabTestCompleted.class).size());
        assertEquals("COMPLETED", lab.row(LabOrderEntity.class, o.orderId()).getStatus());
    }

    @Test
    public void anUnknownOrderACancelledOneOrABadValueRefusesTheWholeMessage() {
        assertEquals(404, refused("LAB-1999-404", obs("K", "4.0", null)).status());
        LabDatabase.SeededOrder cancelled = lab.db.order("MRN-6", "dr.chase", "ROUTINE", ItemStatus.RECEIVED, "K");
        lab.db.jpa.run(em -> em.find(LabOrderEntity.class, cancelled.orderId()).setStatus("CANCELLED"));
        assertEquals(409, refused(cancelled.orderNumber(), obs("K", "4.0", null)).status());

        LabDatabase.SeededOrder o = lab.db.order("MRN-6", "dr.chase", "ROUTINE", ItemStatus.RECEIVED, "K", "GLU");
        assertEquals(422, refused(o.orderNumber(), obs("K", "4.0", null), obs("GLU", "high", "mmol/L")).status());
        assertEquals(422, refused(o.orderNumber(), obs("K", "4.0", "mEq/dL")).status());
        assertEquals(422, refused(o.orderNumber(), obs("UCULT", "no growth", null)).status());
        assertEquals("nothing of a refused message is kept", 0L,
                lab.count("SELECT COUNT(r) FROM ResultEntity r WHERE r.orderId = ?1", o.orderId()));
        assertEquals("RECEIVED", lab.row(OrderItemEntity.class, o.itemIds().get(0)).getStatus());
    }
}
