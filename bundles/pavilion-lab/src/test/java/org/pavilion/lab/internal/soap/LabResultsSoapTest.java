package org.pavilion.lab.internal.soap;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.fail;
import static org.pavilion.lab.internal.reading.AnasWeek.ANA;
import static org.pavilion.lab.internal.reading.ResultShelf.as;
import static org.pavilion.lab.internal.reading.ResultShelf.staff;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.testing.PrivilegeMatrix;
import org.pavilion.lab.internal.reading.AnasWeekReading;
import org.pavilion.lab.internal.reading.OrderResults;
import org.pavilion.lab.internal.reading.PatientResults;
import org.pavilion.lab.internal.result.ResultDto;

/**
 * The GP practice's system asks the hospital over SOAP for Ana's results: an order by its number with each test's
 * current released result, and her potassium results of a date range. Unknown orders, refused patients and bad
 * dates arrive as a LabResultsFault with the type and status a REST client would see. The SOAP class is called
 * directly on the real tables.
 */
public class LabResultsSoapTest extends AnasWeekReading {

    private LabResultsSoap soap;
    private final Caller gp = staff("gp-practice", "lab.soap.results");

    @Before
    public void setUp() throws Exception {
        soap = new LabResultsSoap(new OrderResults(shelf.db.emf, shelf.audit, null),
                new PatientResults(shelf.db.emf, shelf.audit, null));
    }

    @Test
    public void anOrderComesWithEachTestsCurrentReleasedResult() throws Exception {
        OrderResults.OrderWithResults tuesday = as(gp, () -> soap.getOrder(week.tuesday.orderNumber()));
        assertEquals(ANA, tuesday.patientId);
        assertEquals("URGENT", tuesday.priority);
        assertEquals(1, tuesday.items.size());
        ResultDto potassium = tuesday.items.get(0).result;
        assertEquals(week.tuesdayPotassium, potassium.id);
        assertEquals("5.2", potassium.value);
        assertEquals(true, potassium.corrected);

        OrderResults.OrderWithResults wednesday = as(gp, () -> soap.getOrder(" " + week.wednesday.orderNumber()));
        assertEquals(List.of("K", "UCULT"), wednesday.items.stream().map(i -> i.testCode).toList());
        assertNull("the potassium is entered, not released", wednesday.items.get(0).result);
        assertEquals("RESULTED", wednesday.items.get(0).status);
        assertEquals("No growth", wednesday.items.get(1).result.value);
        assertEquals("Urine culture", wednesday.items.get(1).testName);

        AuditEvent read = shelf.lastAudit();
        assertEquals("READ", read.action());
        assertEquals("lab-order", read.resourceType());
        assertEquals(week.wednesday.orderId(), read.resourceId());
        assertEquals(ANA, read.patientId());

        assertFault(404, "urn:pavilion:problem:not-found", () -> as(gp, () -> soap.getOrder("LAB-NOSUCH")));
        assertFault(400, "urn:pavilion:problem:validation", () -> as(gp, () -> soap.getOrder(" ")));
    }

    @Test
    public void resultsAreFoundByPatientTestAndDatesNewestFirst() throws Exception {
        List<ResultDto> potassium = as(gp, () -> soap.findResults(ANA, "K", "2026-11-30", "2026-12-02"));
        assertEquals(List.of(week.tuesdayPotassium, week.mondayPotassium), potassium.stream().map(r -> r.id).toList());
        assertEquals(List.of(week.culture, week.tuesdayPotassium, week.mondayGlucose, week.mondayPotassium),
                as(gp, () -> soap.findResults(ANA, " ", null, null)).stream().map(r -> r.id).toList());
        assertEquals(List.of(week.mondayGlucose), as(gp, () -> soap.findResults(ANA, "2345-7", "2026-11-30",
                "2026-11-30")).stream().map(r -> r.id).toList());
        assertEquals("SEARCH", shelf.lastAudit().action());
        assertEquals(ANA, shelf.lastAudit().patientId());

        assertFault(400, "urn:pavilion:problem:validation", () -> soap.findResults(ANA, "K", "30/11/2026", null));
        assertFault(400, "urn:pavilion:problem:validation",
                () -> soap.findResults(ANA, "K", "2026-12-02", "2026-11-30"));
        assertFault(400, "urn:pavilion:problem:validation", () -> soap.findResults("", "K", null, null));
        assertFault(404, "urn:pavilion:problem:not-found", () -> as(gp, () -> soap.findResults(ANA, "XYZ", null,
                null)));
    }

    @Test
    public void everyOperationNeedsTheSoapPrivilegeOfIntegrators() throws Exception {
        new PrivilegeMatrix().assertSoap(LabResultsSoap.class, Map.of("getOrder", Set.of("INTEGRATION"),
                "findResults", Set.of("INTEGRATION")));
    }

    interface Call {
        Object run() throws Exception;
    }

    private static void assertFault(int status, String type, Call call) throws Exception {
        try {
            call.run();
            fail("expected a fault " + status);
        } catch (LabResultsFault f) {
            assertEquals(f.getDetail(), status, f.getStatus());
            assertEquals(type, f.getProblemType());
        }
    }
}
