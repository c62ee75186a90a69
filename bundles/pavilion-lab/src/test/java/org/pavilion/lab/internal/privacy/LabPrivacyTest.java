package org.pavilion.lab.internal.privacy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;
import org.pavilion.core.api.privacy.ParticipantOutcome;
import org.pavilion.core.api.privacy.ParticipantOutcome.Action;
import org.pavilion.core.api.privacy.PrivacySubject;
import org.pavilion.lab.internal.LabDatabase;
import org.pavilion.lab.internal.critical.CriticalAlertEntity;
import org.pavilion.lab.internal.order.ItemStatus;
import org.pavilion.lab.internal.result.ResultEntity;

/**
 * María López was registered twice (0000004269 and 0000004366). Under the duplicate she had a potassium last week,
 * released critical (7.2) with its alert acknowledged; under the survivor a glucose ordered today, not yet resulted.
 * Pedro (0000004463) has an order of his own. The merge moves María's orders, results and alert to the survivor, the
 * export lists them, and the erasure keeps them while they are under retention (PARTIAL, or FULL with recent lab
 * care) and deletes every row of hers, with items, specimens and history, once the retention has passed; each runs
 * again without harm and Pedro's data is never touched.
 */
public class LabPrivacyTest {

    private static final String SURVIVOR = "0000004269";
    private static final String DUPLICATE = "0000004366";
    private static final String PEDRO = "0000004463";
    private static final long DAY = 86_400_000L;

    private static LabDatabase db;
    private LabPrivacy privacy;
    private LabDatabase.SeededOrder potassium;
    private LabDatabase.SeededOrder glucose;
    private LabDatabase.SeededOrder pedros;
    private final long now = System.currentTimeMillis();

    @BeforeClass
    public static void openDatabase() throws Exception {
        db = new LabDatabase();
    }

    @Before
    public void setUp() throws Exception {
        db.jpa.run(em -> { // each test starts without orders (the catalogue stays)
            for (String entity : List.of("CriticalAlertEntity", "ResultEntity", "OrderHistoryEntity",
                    "OrderItemEntity", "SpecimenEntity", "LabOrderEntity")) {
                em.createQuery("DELETE FROM " + entity + " x").executeUpdate();
            }
        });
        db.starterTests();
        privacy = new LabPrivacy(db.emf, 20);
        potassium = db.order(DUPLICATE, "dr.house", "STAT", ItemStatus.RELEASED, "K");
        glucose = db.order(SURVIVOR, "dr.house", "ROUTINE", ItemStatus.ORDERED, "GLU");
        pedros = db.order(PEDRO, "dr.wilson", "ROUTINE", ItemStatus.RELEASED, "GLU");
        String resultId = result(potassium, DUPLICATE, "K", "7.2", "HH", now - 7 * DAY);
        result(pedros, PEDRO, "GLU", "5.0", "N", now - DAY);
        db.jpa.run(em -> {
            CriticalAlertEntity a = new CriticalAlertEntity();
            a.setId("alert-maria");
            a.setResultId(resultId);
            a.setOrderId(potassium.orderId());
            a.setPatientId(DUPLICATE);
            a.setNotify("dr.house");
            a.setRaisedMs(now - 7 * DAY);
            a.setAcknowledgedMs(now - 7 * DAY + 600_000L);
            a.setAcknowledgedBy("dr.house");
            em.persist(a);
        });
        db.jpa.run(em -> {
            org.pavilion.lab.internal.order.OrderHistoryEntity h = new org.pavilion.lab.internal.order.OrderHistoryEntity();
            h.setId("h-maria");
            h.setOrderId(potassium.orderId());
            h.setStatus("RELEASED");
            h.setAtMs(now - 7 * DAY);
            h.setActor("tech.ben");
            em.persist(h);
        });
    }

    @AfterClass
    public static void closeDatabase() throws Exception {
        db.close();
    }

    @Test
    public void aMergeRepointsOrdersResultsAndAlertsAndRepeatingItMovesNothing() {
        int versionBefore = db.jpa.call(em -> em.find(CriticalAlertEntity.class, "alert-maria").getVersion());
        ParticipantOutcome first = privacy.merge(SURVIVOR, DUPLICATE);
        assertEquals(List.of(1L, 1L, 1L), counts(first, Action.REPOINTED));
        assertEquals(2L, count("SELECT COUNT(o) FROM LabOrderEntity o WHERE o.patientId = '" + SURVIVOR + "'"));
        assertEquals(1L, count("SELECT COUNT(r) FROM ResultEntity r WHERE r.patientId = '" + SURVIVOR + "'"));
        assertEquals(SURVIVOR, db.jpa.call(em -> em.find(CriticalAlertEntity.class, "alert-maria").getPatientId()));
        // the version moves on, so an acknowledgement loaded before the merge cannot write the old MRN back
        assertEquals(versionBefore + 1, (int) db.jpa.call(em -> em.find(CriticalAlertEntity.class, "alert-maria")
                .getVersion()));

        assertEquals(List.of(0L, 0L, 0L), counts(privacy.merge(SURVIVOR, DUPLICATE), Action.REPOINTED));
        assertEquals(1L, count("SELECT COUNT(o) FROM LabOrderEntity o WHERE o.patientId = '" + PEDRO + "'"));
    }

    @Test
    public void theExportListsOrdersWithTheirTestsResultsAndAlertsOfEveryMrn() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        privacy.export(subject(null, now), out);
        String text = out.toString(StandardCharsets.UTF_8);
        JsonNode data = new ObjectMapper().readTree(text);
        assertEquals(2, data.get("orders").size());
        // Both orders were seeded in the same millisecond: found by number, not by position.
        int k = potassium.orderNumber().equals(data.get("orders").get(0).get("orderNumber").asText()) ? 0 : 1;
        JsonNode first = data.get("orders").get(k);
        assertEquals(potassium.orderNumber(), first.get("orderNumber").asText());
        assertEquals("Potassium", first.get("items").get(0).get("testName").asText());
        assertEquals("RELEASED", first.get("items").get(0).get("status").asText());
        assertEquals("ORDERED", data.get("orders").get(1 - k).get("items").get(0).get("status").asText());
        JsonNode result = data.get("results").get(0);
        assertEquals(1, data.get("results").size());
        assertEquals("7.2", result.get("value").asText());
        assertEquals("HH", result.get("flag").asText());
        assertTrue(result.get("critical").asBoolean());
        assertEquals(Instant.ofEpochMilli(now - 7 * DAY).toString(), result.get("releasedAt").asText());
        assertEquals("dr.house", data.get("criticalAlerts").get(0).get("acknowledgedBy").asText());
        assertFalse(text.contains(PEDRO));
        assertFalse(text.contains(pedros.orderId()));
    }

    @Test
    public void underRetentionTheErasureKeepsTheLabRecordAndSaysWhy() {
        ParticipantOutcome partial = privacy.erase(subject("PARTIAL", now));
        assertEquals(List.of(2L, 1L, 1L), counts(partial, Action.KEPT));
        assertTrue(partial.items(Action.KEPT).get(0).why().contains("medical record"));
        assertEquals(0, partial.items(Action.REMOVED).size());

        // FULL for the EMR, but the lab's own care of last week is still under its retention
        ParticipantOutcome full = privacy.erase(subject("FULL", now));
        assertEquals(List.of(2L, 1L, 1L), counts(full, Action.KEPT));
        assertTrue(full.items(Action.KEPT).get(1).why(), full.items(Action.KEPT).get(1).why().contains("until "));
        assertEquals(3L, count("SELECT COUNT(o) FROM LabOrderEntity o"));
        assertEquals(2L, count("SELECT COUNT(r) FROM ResultEntity r"));
    }

    @Test
    public void pastRetentionAFullErasureDeletesEveryRowOfHersOnceAndLeavesPedroAlone() {
        long in21Years = now + 21L * 366 * DAY;
        ParticipantOutcome first = privacy.erase(subject("FULL", in21Years));
        assertEquals(List.of(2L, 1L, 1L), counts(first, Action.REMOVED));
        assertEquals(0, first.items(Action.KEPT).size());
        for (String entity : List.of("LabOrderEntity", "ResultEntity", "CriticalAlertEntity")) {
            assertEquals(0L, count("SELECT COUNT(x) FROM " + entity + " x WHERE x.patientId IN ('" + SURVIVOR
                    + "', '" + DUPLICATE + "')"));
        }
        for (String entity : List.of("OrderItemEntity", "SpecimenEntity", "OrderHistoryEntity")) {
            assertEquals(0L, count("SELECT COUNT(x) FROM " + entity + " x WHERE x.orderId IN ('"
                    + potassium.orderId() + "', '" + glucose.orderId() + "')"));
            assertTrue(count("SELECT COUNT(x) FROM " + entity + " x WHERE x.orderId = '" + pedros.orderId() + "'")
                    >= (entity.equals("OrderHistoryEntity") ? 0 : 1));
        }
        assertEquals(1L, count("SELECT COUNT(r) FROM ResultEntity r WHERE r.patientId = '" + PEDRO + "'"));

        assertEquals(List.of(0L, 0L, 0L), counts(privacy.erase(subject("FULL", in21Years)), Action.REMOVED));
    }

    private String result(LabDatabase.SeededOrder order, String patient, String test, String value, String flag,
            long releasedMs) {
        String id = "r-" + order.orderId().substring(0, 8);
        db.jpa.run(em -> {
            ResultEntity r = new ResultEntity();
            r.setId(id);
            r.setItemId(order.itemIds().get(0));
            r.setOrderId(order.orderId());
            r.setPatientId(patient);
            r.setTestCode(test);
            r.setValueText(value);
            r.setValueNum(new java.math.BigDecimal(value));
            r.setUnit("mmol/L");
            r.setFlag(flag);
            r.setCritical(flag.length() == 2);
            r.setSource("MANUAL");
            r.setStatus("RELEASED");
            r.setEnteredMs(releasedMs - 3_600_000L);
            r.setEnteredBy("tech.ana");
            r.setReleasedMs(releasedMs);
            r.setObservedMs(releasedMs - 3_600_000L);
            em.persist(r);
        });
        return id;
    }

    private long count(String jpql) {
        return db.jpa.call(em -> em.createQuery(jpql, Long.class).getSingleResult());
    }

    private static List<Long> counts(ParticipantOutcome outcome, Action action) {
        return outcome.items(action).stream().map(ParticipantOutcome.Item::count).toList();
    }

    private static PrivacySubject subject(String scope, long requestedAt) {
        return new PrivacySubject(List.of(SURVIVOR, DUPLICATE), List.of(),
                List.of(new PrivacySubject.Name("María", "López")), List.of("1984-03-01"), scope,
                Instant.ofEpochMilli(requestedAt));
    }
}
