package org.pavilion.lab.internal.hl7;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.hl7.api.Completion;
import org.pavilion.hl7.api.Hl7ContentException;
import org.pavilion.hl7.api.Hl7Error;
import org.pavilion.hl7.api.InboundMessage;
import org.pavilion.hl7.api.Outcome;
import org.pavilion.lab.internal.LabDatabase;
import org.pavilion.lab.internal.LabDatabase.SeededOrder;
import org.pavilion.lab.internal.order.ItemStatus;
import org.pavilion.lab.internal.order.LabOrderEntity;
import org.pavilion.lab.internal.order.OrderItemEntity;
import org.pavilion.lab.internal.result.ResultEntity;
import org.pavilion.lab.internal.result.ResultIntake;

import ca.uhn.hl7v2.model.v251.message.ORU_R01;
import ca.uhn.hl7v2.util.Terser;

/**
 * The hospital's external reference laboratory (LIS "REFLAB") and the ward analyser middleware ("COBAS-MW") report
 * results over ORU^R01 v2.5.1, built with HAPI as those systems would. The orders, catalogue and results are the real
 * change log's tables (H2, or PostgreSQL with -Dpavilion.test.postgres); the hub's record of the message is a table
 * of the test's own that the completion writes on the handler's connection, as the hub does.
 */
public class OruHandlerTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final String PATIENT = "0000004711";

    private static LabDatabase db;
    private OruHandler handler;
    /** The hub's completions that committed, by control id, with their outcomes. */
    private final List<String> committed = new ArrayList<>();

    /** The hub's side: stores the message with its outcome on the handler's connection; a stored one is refused. */
    private final Completion completion = new Completion() {
        @Override
        public void store() {
            throw new AssertionError("the ORU handler commits with the hub, it never stores first");
        }

        @Override
        public void commit(Connection c, Outcome outcome, Callable<Void> commit) throws Exception {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO hub_message (control_id, outcome) "
                    + "VALUES (?, ?)")) {
                s.setString(1, controlId);
                s.setString(2, outcome.toString());
                s.executeUpdate(); // a second delivery fails on the key, as the hub's does
            }
            commit.call();
            committed.add(controlId + " " + outcome.kind());
        }
    };
    private String controlId;

    @BeforeClass
    public static void database() throws Exception {
        db = new LabDatabase();
        db.starterTests();
        try (Connection c = db.database.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE hub_message (control_id VARCHAR(40) PRIMARY KEY, outcome VARCHAR(2000))");
        }
    }

    @AfterClass
    public static void close() throws Exception {
        db.close();
    }

    /** The audit records the handler committed with the results. */
    private static final List<AuditEvent> AUDITED = new CopyOnWriteArrayList<>();
    private static final AuditService RECORDED_AUDIT = AUDITED::add;

    /** Who the intake was called as: name and privileges. */
    private final List<String> callers = new ArrayList<>();

    @Before
    public void handler() {
        TableResultIntake tables = new TableResultIntake();
        handler = new OruHandler(db.emf, (em, key, observations, source, actor) -> {
            callers.add(CallerContext.current().map(c -> c.username() + " " + new TreeSet<>(c.privileges()))
                    .orElse("nobody"));
            return tables.receive(em, key, observations, source, actor);
        }, RECORDED_AUDIT, Set.of("REFLAB"), BERLIN);
    }

    /** An ORU^R01 from {@code sender} for {@code mrn}, its groups added by the test. */
    static Terser oru(String sender, String controlId, String mrn) throws Exception {
        ORU_R01 m = new ORU_R01();
        m.initQuickstart("ORU", "R01", "P");
        Terser t = new Terser(m);
        t.set("MSH-3-1", sender);
        t.set("MSH-4-1", "STMARY");
        t.set("MSH-5-1", "PAVILION");
        t.set("MSH-10", controlId);
        t.set("/PATIENT_RESULT/PATIENT/PID-1", "1");
        t.set("/PATIENT_RESULT/PATIENT/PID-3(0)-1", "REF-88231");
        t.set("/PATIENT_RESULT/PATIENT/PID-3(0)-5", "PI");
        t.set("/PATIENT_RESULT/PATIENT/PID-3(1)-1", mrn);
        t.set("/PATIENT_RESULT/PATIENT/PID-3(1)-4", "PAV");
        t.set("/PATIENT_RESULT/PATIENT/PID-3(1)-5", "MR");
        t.set("/PATIENT_RESULT/PATIENT/PID-5-1", "Okafor");
        t.set("/PATIENT_RESULT/PATIENT/PID-5-2", "Adaeze");
        return t;
    }

    /** Group {@code g}'s OBR naming {@code orderNumber} as placer order number. */
    static void obr(Terser t, int g, String orderNumber) throws Exception {
        String at = "/PATIENT_RESULT/ORDER_OBSERVATION(" + g + ")/";
        t.set(at + "ORC-1", "RE");
        t.set(at + "OBR-1", Integer.toString(g + 1));
        if (orderNumber != null) {
            t.set(at + "OBR-2-1", orderNumber);
        }
        t.set(at + "OBR-3-1", "RL-" + (7000 + g));
        t.set(at + "OBR-4-1", "CHEM");
        t.set(at + "OBR-25", "F");
    }

    /** OBX {@code o} of group {@code g}. */
    static void obx(Terser t, int g, int o, String type, String code, String value, String unit, String flag,
            String status) throws Exception {
        String at = "/PATIENT_RESULT/ORDER_OBSERVATION(" + g + ")/OBSERVATION(" + o + ")/OBX-";
        t.set(at + "1", Integer.toString(o + 1));
        t.set(at + "2", type);
        t.set(at + "3-1", code);
        t.set(at + "5", value);
        if (unit != null) {
            t.set(at + "6-1", unit);
        }
        if (flag != null) {
            t.set(at + "8", flag);
        }
        t.set(at + "11", status);
        t.set(at + "14", "20261204093000");
    }

    private Outcome handle(Terser t) throws Exception {
        controlId = t.get("MSH-10");
        return handler.handle(InboundMessage.parse(t.getFinder().getRoot().getMessage().encode()), completion);
    }

    private Hl7Error refused(Terser t) {
        return assertThrows(Hl7ContentException.class, () -> handle(t)).error();
    }

    private List<ResultEntity> results(SeededOrder o) {
        return db.jpa.call(em -> em.createQuery("SELECT r FROM ResultEntity r WHERE r.orderId = :o ORDER BY "
                + "r.testCode", ResultEntity.class).setParameter("o", o.orderId()).getResultList());
    }

    private String itemStatus(SeededOrder o, int item) {
        return db.jpa.call(em -> em.find(OrderItemEntity.class, o.itemIds().get(item)).getStatus());
    }

    private static int hubRows(String controlId) throws Exception {
        try (Connection c = db.database.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT COUNT(*) FROM hub_message WHERE control_id = ?")) {
            s.setString(1, controlId);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        }
    }

    @Test
    public void theReferenceLabsChemistryIsFiledAsEnteredResultsOfTheOrderInTheHubsCommit() throws Exception {
        SeededOrder order = db.order(PATIENT, "dr.berg", "URGENT", ItemStatus.RECEIVED, "K", "GLU", "UCULT");
        Terser t = oru("COBAS-MW", "MW-1001", PATIENT);
        obr(t, 0, order.orderNumber());
        obx(t, 0, 0, "NM", "K", "4.2", "mmol/L", "N", "F");
        obx(t, 0, 1, "NM", "2345-7", "126", "mg/dL", "H", "F"); // glucose by LOINC, in the other unit
        obx(t, 0, 2, "ST", "UCULT", "No growth after 48 h", null, null, "F");
        t.set("/PATIENT_RESULT/ORDER_OBSERVATION(0)/OBSERVATION(2)/NTE-3", "Mid-stream specimen");

        Outcome o = handle(t);

        assertEquals(Outcome.Kind.ACCEPTED, o.kind());
        assertEquals("ORU^R01 order " + order.orderNumber() + ": K 4.2 mmol/L N, GLU 126 mg/dL H, UCULT No growth "
                + "after 48 h", o.summary());
        assertEquals("the results and the hub's record in one commit", List.of("MW-1001 ACCEPTED"), committed);
        assertEquals(1, hubRows("MW-1001"));
        List<ResultEntity> r = results(order);
        assertEquals(3, r.size());
        ResultEntity glu = r.get(0);
        assertEquals("GLU", glu.getTestCode());
        assertEquals("126 mg/dL is 6.993 mmol/L", 0, glu.getValueNum().compareTo(new java.math.BigDecimal("6.993")));
        assertEquals("126", glu.getEnteredValue());
        assertEquals("mg/dL", glu.getEnteredUnit());
        assertEquals("H", glu.getFlag());
        assertEquals("HL7", glu.getSource());
        assertEquals("the middleware is not a verifying sender", "ENTERED", glu.getStatus());
        assertEquals("hl7:COBAS-MW", glu.getEnteredBy());
        assertEquals("OBX-14 in Berlin time", Instant.parse("2026-12-04T08:30:00Z").toEpochMilli(),
                glu.getObservedMs());
        assertEquals("K", r.get(1).getTestCode());
        assertEquals("N", r.get(1).getFlag());
        assertEquals("No growth after 48 h", r.get(2).getValueText());
        assertEquals("NTE after the OBX", "Mid-stream specimen", r.get(2).getComment());
        assertEquals("RESULTED", itemStatus(order, 0));
        assertEquals("the feed enters, it does not verify", "hl7:COBAS-MW [lab.order.view, lab.result.enter]",
                callers.get(0));
    }

    @Test
    public void anUnknownOrderNumberIsAnErrorAtObr2AndNothingIsKept() throws Exception {
        Terser t = oru("REFLAB", "RL-2001", PATIENT);
        obr(t, 0, "LAB-NOSUCH");
        obx(t, 0, 0, "NM", "K", "4.2", "mmol/L", null, "F");

        Hl7Error e = refused(t);

        assertEquals(new Hl7Error("OBR", 1, 2, 1, Hl7Error.UNKNOWN_KEY,
                "OBR-2 LAB-NOSUCH is no laboratory order number or specimen id"), e);
        assertEquals(List.of(), committed);
        assertEquals(0, hubRows("RL-2001"));
    }

    @Test
    public void textWhereOBX2SaysNumberIsADataTypeErrorAtObx5AndTheOtherResultsAreNotKeptEither() throws Exception {
        SeededOrder order = db.order(PATIENT, "dr.berg", "ROUTINE", ItemStatus.RECEIVED, "K", "GLU");
        Terser t = oru("COBAS-MW", "MW-3001", PATIENT);
        obr(t, 0, order.orderNumber());
        obx(t, 0, 0, "NM", "K", "4.4", "mmol/L", null, "F");
        obx(t, 0, 1, "NM", "GLU", "haemolysed", "mmol/L", null, "F");

        Hl7Error e = refused(t);

        assertEquals(new Hl7Error("OBX", 2, 5, 0, Hl7Error.DATA_TYPE_ERROR,
                "OBX-5 'haemolysed' of GLU is not a number, though OBX-2 says NM"), e);
        assertEquals(List.of(), results(order));
        assertEquals("RECEIVED", itemStatus(order, 0));
    }

    @Test
    public void textForANumericTestSentAsStringIsRefusedByTheLabAtObx5() throws Exception {
        SeededOrder order = db.order(PATIENT, "dr.berg", "ROUTINE", ItemStatus.RECEIVED, "K");
        Terser t = oru("COBAS-MW", "MW-3101", PATIENT);
        obr(t, 0, order.orderNumber());
        obx(t, 0, 0, "ST", "K", "see comment", null, null, "F");

        Hl7Error e = refused(t);

        assertEquals("OBX", e.segment());
        assertEquals(5, e.field());
        assertEquals(Hl7Error.DATA_TYPE_ERROR, e.code());
        assertEquals("laboratory refused OBX(1) K: 'see comment' is not a number for K", e.text());
        assertEquals(List.of(), results(order));
    }

    @Test
    public void aUnitTheTestDoesNotAcceptIsAnErrorAtObx6() throws Exception {
        SeededOrder order = db.order(PATIENT, "dr.berg", "ROUTINE", ItemStatus.RECEIVED, "K", "GLU");
        Terser t = oru("REFLAB", "RL-4001", PATIENT);
        obr(t, 0, order.orderNumber());
        obx(t, 0, 0, "NM", "K", "4.0", "mmol/L", null, "F");
        obx(t, 0, 1, "NM", "GLU", "1.1", "g/L", null, "F");

        Hl7Error e = refused(t);

        assertEquals(new Hl7Error("OBX", 2, 6, 1, Hl7Error.TABLE_VALUE_NOT_FOUND,
                "laboratory refused OBX(2) GLU: unit g/L is not one GLU accepts"), e);
        assertEquals("the potassium of the same message is not kept", List.of(), results(order));
        assertEquals(0, hubRows("RL-4001"));
    }

    @Test
    public void aSecondOrderObservationGroupFilesItsResultsOnTheOtherOrder() throws Exception {
        SeededOrder morning = db.order(PATIENT, "dr.berg", "ROUTINE", ItemStatus.RECEIVED, "K");
        SeededOrder ward = db.order(PATIENT, "dr.osei", "STAT", ItemStatus.IN_PROGRESS, "GLU");
        Terser t = oru("REFLAB", "RL-5001", PATIENT);
        obr(t, 0, morning.orderNumber());
        obx(t, 0, 0, "NM", "K", "6.9", "mmol/L", "HH", "P");
        obr(t, 1, ward.orderNumber());
        obx(t, 1, 0, "NM", "GLU", "5.0", "mmol/L", "N", "F");

        Outcome o = handle(t);

        assertEquals("ORU^R01 order " + morning.orderNumber() + ": K 6.9 mmol/L HH CRITICAL; order "
                + ward.orderNumber() + ": GLU 5.0 mmol/L N (verified by sender)", o.summary());
        assertEquals("a preliminary result of the verifying LIS is verified here", "ENTERED",
                results(morning).get(0).getStatus());
        assertEquals("its final one is taken as verified", "RELEASED", results(ward).get(0).getStatus());
        assertEquals("the feed, with the lab's privileges to enter and verify", "hl7:REFLAB [lab.order.view, "
                + "lab.result.enter, lab.result.verify]", callers.get(0));
        assertEquals("RELEASED", itemStatus(ward, 0));
    }

    @Test
    public void aPatientWhoIsNotTheOrdersIsAnErrorAtPid3AndNothingIsFiled() throws Exception {
        SeededOrder order = db.order(PATIENT, "dr.berg", "ROUTINE", ItemStatus.RECEIVED, "K");
        Terser t = oru("REFLAB", "RL-6001", "0000009999");
        obr(t, 0, order.orderNumber());
        obx(t, 0, 0, "NM", "K", "4.1", "mmol/L", null, "F");

        Hl7Error e = refused(t);

        assertEquals(new Hl7Error("PID", 1, 3, 1, Hl7Error.UNKNOWN_KEY, "PID-3 0000009999 is not the patient of "
                + "order " + order.orderNumber() + " named by OBR-2: results are not filed under another patient"), e);
        assertEquals(List.of(), results(order));
    }

    @Test
    public void aCancelledOrderTakesNoResults() throws Exception {
        SeededOrder order = db.order(PATIENT, "dr.berg", "ROUTINE", ItemStatus.CANCELLED, "K");
        db.jpa.run(em -> {
            LabOrderEntity o = em.find(LabOrderEntity.class, order.orderId());
            o.setStatus("CANCELLED");
            o.setCancelReason("patient discharged");
        });
        Terser t = oru("REFLAB", "RL-7001", PATIENT);
        obr(t, 0, order.orderNumber());
        obx(t, 0, 0, "NM", "K", "4.1", "mmol/L", null, "F");

        Hl7Error e = refused(t);

        assertEquals(new Hl7Error("OBR", 1, 2, 1, Hl7Error.APPLICATION_RECORD_LOCKED, "order "
                + order.orderNumber() + " is cancelled (patient discharged): no results are taken for it"), e);
    }

    @Test
    public void anOrderIsFoundByItsSpecimenIdWhenTheAnalyserSendsNoOrderNumber() throws Exception {
        SeededOrder order = db.order(PATIENT, "dr.berg", "STAT", ItemStatus.RECEIVED, "K");
        Terser t = oru("COBAS-MW", "MW-8001", PATIENT);
        obr(t, 0, null);
        t.set("/PATIENT_RESULT/ORDER_OBSERVATION(0)/OBR-3-1", "");
        obx(t, 0, 0, "NM", "K", "2.1", "mmol/L", "LL", "F");
        t.set("/PATIENT_RESULT/ORDER_OBSERVATION(0)/SPECIMEN/SPM-1", "1");
        t.set("/PATIENT_RESULT/ORDER_OBSERVATION(0)/SPECIMEN/SPM-2-1-1", order.specimenIds().get(0));

        Outcome o = handle(t);

        assertEquals(Outcome.Kind.ACCEPTED, o.kind());
        ResultEntity k = results(order).get(0);
        assertEquals("LL", k.getFlag());
        assertTrue(k.isCritical());
    }

    @Test
    public void aSecondDeliveryOfAnAnsweredMessageWritesNothing() throws Exception {
        SeededOrder order = db.order(PATIENT, "dr.berg", "ROUTINE", ItemStatus.RECEIVED, "K");
        Terser t = oru("REFLAB", "RL-9001", PATIENT);
        obr(t, 0, order.orderNumber());
        obx(t, 0, 0, "NM", "K", "3.9", "mmol/L", "N", "C");
        handle(t);

        assertThrows("the hub's completion refuses the redelivery", Exception.class, () -> handle(t));

        assertEquals("filed once", 1, results(order).size());
        assertEquals(List.of("RL-9001 ACCEPTED"), committed);
    }

    @Test
    public void aResultStatusTheLabDoesNotTakeIsAnErrorAtObx11() throws Exception {
        SeededOrder order = db.order(PATIENT, "dr.berg", "ROUTINE", ItemStatus.RECEIVED, "K");
        Terser t = oru("REFLAB", "RL-9101", PATIENT);
        obr(t, 0, order.orderNumber());
        obx(t, 0, 0, "NM", "K", "3.9", "mmol/L", null, "X");

        Hl7Error e = refused(t);

        assertEquals(new Hl7Error("OBX", 1, 11, 0, Hl7Error.TABLE_VALUE_NOT_FOUND,
                "OBX-11 result status X of K is not taken: send F, C, P or R"), e);
        assertNull(results(order).isEmpty() ? null : "kept");
    }

    @Test
    public void theAnalyserAndTheLisReportingTheSameItemAtOnceAreBothFiledOneAfterTheOther() throws Exception {
        SeededOrder order = db.order(PATIENT, "dr.berg", "STAT", ItemStatus.RECEIVED, "K");
        // Both messages read the item before either commits: the second commit finds it changed and tries again.
        CyclicBarrier bothRead = new CyclicBarrier(2);
        ThreadLocal<Boolean> waited = ThreadLocal.withInitial(() -> false);
        TableResultIntake tables = new TableResultIntake();
        OruHandler racing = new OruHandler(db.emf, (em, key, observations, source, actor) -> {
            List<ResultIntake.Taken> taken = tables.receive(em, key, observations, source, actor); // not flushed
            if (!waited.get()) {
                waited.set(true);
                try {
                    bothRead.await(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            return taken;
        }, RECORDED_AUDIT, Set.of(), BERLIN);
        Terser fromAnalyser = oru("COBAS-MW", "MW-9201", PATIENT);
        obr(fromAnalyser, 0, order.orderNumber());
        obx(fromAnalyser, 0, 0, "NM", "K", "4.0", "mmol/L", null, "F");
        Terser fromLis = oru("REFLAB", "RL-9202", PATIENT);
        obr(fromLis, 0, order.orderNumber());
        obx(fromLis, 0, 0, "NM", "K", "4.1", "mmol/L", null, "F");
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            List<Future<Outcome>> outcomes = new ArrayList<>();
            for (Terser t : List.of(fromAnalyser, fromLis)) {
                String text = t.getFinder().getRoot().getMessage().encode();
                String id = t.get("MSH-10");
                outcomes.add(two.submit(() -> racing.handle(InboundMessage.parse(text), hubFor(id))));
            }
            for (Future<Outcome> o : outcomes) {
                assertEquals(Outcome.Kind.ACCEPTED, o.get(30, TimeUnit.SECONDS).kind());
            }
        } finally {
            two.shutdown();
        }
        assertEquals("both results filed, none lost to the race", 2, results(order).size());
        assertEquals(1, hubRows("MW-9201"));
        assertEquals(1, hubRows("RL-9202"));
    }

    /** The hub's completion for one message, safe to use from its own thread. */
    private static Completion hubFor(String id) {
        return new Completion() {
            @Override
            public void store() {
                throw new AssertionError("never stores first");
            }

            @Override
            public void commit(Connection c, Outcome outcome, Callable<Void> commit) throws Exception {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO hub_message (control_id, outcome) "
                        + "VALUES (?, ?)")) {
                    s.setString(1, id);
                    s.setString(2, outcome.toString());
                    s.executeUpdate();
                }
                commit.call();
            }
        };
    }

    @Test
    public void aRefusalWithoutItsExtensionIsLocatedByItsStatus() {
        OruMessage.Group g = new OruMessage.Group(1, "L-1", "OBR", 1, 2, PATIENT, 1, List.of(), List.of());
        OruMessage.Obx glucose = new OruMessage.Obx(2, "NM", new ResultIntake.Observation("GLU", "1.1", "g/L", null,
                null, null));

        assertEquals(new Hl7Error("OBX", 2, 6, 1, Hl7Error.TABLE_VALUE_NOT_FOUND, "laboratory refused OBX(2) GLU: "
                + "Unit g/L is not accepted for GLU"), OruHandler.located(new ProblemException(422, "validation",
                "Invalid", "Unit g/L is not accepted for GLU"), g, glucose));
        assertEquals(new Hl7Error("OBX", 2, 5, 0, Hl7Error.DATA_TYPE_ERROR, "laboratory refused OBX(2) GLU: "
                + "GLU takes a number"), OruHandler.located(ProblemException.validation("GLU takes a number"), g,
                glucose));
        assertEquals(new Hl7Error("OBX", 2, 3, 1, Hl7Error.APPLICATION_RECORD_LOCKED, "laboratory refused OBX(2) "
                + "GLU: item is REJECTED"), OruHandler.located(ProblemException.conflict("item is REJECTED"), g,
                glucose));
        assertEquals(new Hl7Error("OBR", 1, 2, 1, Hl7Error.UNKNOWN_KEY, "laboratory refused OBX(2) GLU: Lab order "
                + "L-1 does not exist"), OruHandler.located(ProblemException.notFound("Lab order", "L-1"), g, glucose));
        assertEquals("PID", OruHandler.located(ProblemException.forbidden("restricted record"), g, glucose)
                .segment());
    }

    @Test
    public void aMessageOfAnotherTypeIsRejected() throws Exception {
        Outcome o = handler.handle(InboundMessage.parse("MSH|^~\\&|REFLAB|STMARY|PAVILION|STMARY|20261204||ORU^R30|"
                + "X1|P|2.5.1\r"), completion);
        assertEquals(Outcome.Kind.REJECTED, o.kind());
    }
}
