package org.pavilion.lab.internal.reading;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.pavilion.lab.internal.reading.ResultShelf.HOUR;
import static org.pavilion.lab.internal.reading.ResultShelf.MONDAY_0800;
import static org.pavilion.lab.internal.reading.ResultShelf.as;
import static org.pavilion.lab.internal.reading.ResultShelf.staff;

import java.util.List;

import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.Caller;
import org.pavilion.lab.internal.LabDatabase.SeededOrder;
import org.pavilion.lab.internal.order.ItemStatus;
import org.pavilion.lab.internal.result.ResultDto;

/**
 * Monday on the ward: Dr House ordered potassium and glucose for Ana and potassium for Bruno; Dr Wilson ordered
 * glucose for Ana too. The lab releases, corrects, leaves some results unverified; Dr House's inbox shows his own
 * orders' released results, the critical glucose on top, then the newest release.
 */
public class DoctorInboxTest {

    static final String ANA = "0000004269";
    static final String BRUNO = "0000004463";

    private static ResultShelf shelf;
    private DoctorInbox inbox;
    private final Caller house = staff("dr.house", "lab.result.view");
    private String anaGlucose;
    private String anaPotassiumCorrected;
    private String brunoPotassium;
    private SeededOrder anaOrder;

    @BeforeClass
    public static void openShelf() throws Exception {
        shelf = new ResultShelf();
    }

    @AfterClass
    public static void closeShelf() throws Exception {
        shelf.close();
    }

    @Before
    public void setUp() throws Exception {
        shelf.clear();
        inbox = new DoctorInbox(shelf.db.emf, shelf.audit);
        anaOrder = shelf.db.order(ANA, "dr.house", "URGENT", ItemStatus.RECEIVED, "K", "GLU");
        SeededOrder bruno = shelf.db.order(BRUNO, "dr.house", "ROUTINE", ItemStatus.RECEIVED, "K", "GLU");
        SeededOrder wilsons = shelf.db.order(ANA, "dr.wilson", "ROUTINE", ItemStatus.RECEIVED, "GLU");

        String anaPotassium = shelf.released(anaOrder, 0, "5.9", "H", false, MONDAY_0800);
        anaGlucose = shelf.released(anaOrder, 1, "27.0", "HH", true, MONDAY_0800 + HOUR);
        shelf.alert(anaGlucose, anaOrder.orderId(), ANA, "dr.house", null);
        brunoPotassium = shelf.released(bruno, 0, "4.1", "N", false, MONDAY_0800 + 2 * HOUR);
        shelf.result(bruno, 1, "5.0", "N", false, "VERIFIED", MONDAY_0800 + 2 * HOUR, null);
        // the haemolysed potassium of Ana is corrected at 11:00: only the correction is in the inbox
        anaPotassiumCorrected = shelf.result(anaOrder, 0, "4.4", "N", false, "RELEASED", MONDAY_0800 + 3 * HOUR,
                anaPotassium);
        shelf.released(wilsons, 0, "6.1", "H", false, MONDAY_0800 + 4 * HOUR);
    }

    @Test
    public void theDoctorSeesHisOwnOrdersReleasedResultsCriticalsFirstThenNewest() throws Exception {
        Page<ResultDto> page = as(house, () -> inbox.inbox(false, 0, 50));
        assertEquals(List.of(anaGlucose, anaPotassiumCorrected, brunoPotassium), ids(page));
        assertEquals(3, page.getTotal());
        ResultDto critical = page.getItems().get(0);
        assertTrue(critical.critical);
        assertEquals(ANA, critical.patientId);
        assertEquals("Glucose", critical.testName);
        assertEquals(anaOrder.orderNumber(), critical.orderNumber);
        assertEquals("27", critical.value);
        ResultDto correction = page.getItems().get(1);
        assertTrue(correction.corrected);
        assertFalse(correction.superseded);
        assertEquals(BRUNO, page.getItems().get(2).patientId);

        AuditEvent search = shelf.lastAudit();
        assertEquals(1, shelf.trail.size());
        assertEquals("SEARCH", search.action());
        assertEquals("lab-result", search.resourceType());
        assertNull("two patients on the page: named in the detail", search.patientId());
        assertTrue(search.detail(), search.detail().contains(ANA + "," + BRUNO));

        Page<ResultDto> wilsons = as(staff("dr.wilson", "lab.result.view"), () -> inbox.inbox(false, 0, 50));
        assertEquals(1, wilsons.getTotal());
        assertEquals(ANA, shelf.lastAudit().patientId());
    }

    @Test
    public void unacknowledgedShowsTheCriticalsStillWaitingForTheDoctor() throws Exception {
        assertEquals(List.of(anaGlucose), ids(as(house, () -> inbox.inbox(true, 0, 50))));
        shelf.db.jpa.run(em -> em.createQuery("SELECT a FROM CriticalAlertEntity a", 
                org.pavilion.lab.internal.critical.CriticalAlertEntity.class).getResultList().forEach(a -> {
                    a.setAcknowledgedMs(MONDAY_0800 + 5 * HOUR);
                    a.setAcknowledgedBy("dr.house");
                }));
        Page<ResultDto> none = as(house, () -> inbox.inbox(true, 0, 50));
        assertEquals(0, none.getTotal());
        assertTrue(none.getItems().isEmpty());
        assertEquals("acknowledged, it stays in the plain inbox", 3, as(house, () -> inbox.inbox(false, 0, 50))
                .getTotal());
    }

    @Test
    public void theInboxIsPagedAndEachPageIsOneSearchRecord() throws Exception {
        Page<ResultDto> first = as(house, () -> inbox.inbox(false, 0, 2));
        Page<ResultDto> second = as(house, () -> inbox.inbox(false, 1, 2));
        assertEquals(List.of(anaGlucose, anaPotassiumCorrected), ids(first));
        assertEquals(List.of(brunoPotassium), ids(second));
        assertEquals(3, second.getTotal());
        assertEquals(1, second.getPage());
        assertEquals(2, shelf.trail.size());
        assertEquals(BRUNO, shelf.lastAudit().patientId());
        assertTrue(shelf.lastAudit().detail(), shelf.lastAudit().detail().startsWith("inbox page 1: 1 of 3"));
        assertStatus(400, () -> as(house, () -> inbox.inbox(false, -1, 2)));
        assertStatus(400, () -> as(house, () -> inbox.inbox(false, 0, 0)));
        assertStatus(400, () -> as(house, () -> inbox.inbox(false, 0, Page.MAX_SIZE + 1)));
    }

    static List<String> ids(Page<? extends ResultDto> page) {
        return page.getItems().stream().map(r -> r.id).toList();
    }

    interface Call {
        Object run() throws Exception;
    }

    static void assertStatus(int status, Call call) throws Exception {
        try {
            call.run();
            fail("expected " + status);
        } catch (ProblemException e) {
            assertEquals(e.detail(), status, e.status());
        }
    }
}
