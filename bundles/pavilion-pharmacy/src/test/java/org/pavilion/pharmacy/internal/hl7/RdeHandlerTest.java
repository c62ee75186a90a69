package org.pavilion.pharmacy.internal.hl7;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.hl7.api.Completion;
import org.pavilion.hl7.api.Hl7ContentException;
import org.pavilion.hl7.api.Hl7Error;
import org.pavilion.hl7.api.InboundMessage;
import org.pavilion.hl7.api.Outcome;
import org.pavilion.pharmacy.internal.PharmacyDatabase;
import org.pavilion.pharmacy.internal.dispensing.PrescriptionEntity;

import ca.uhn.hl7v2.model.v251.message.RDE_O11;
import ca.uhn.hl7v2.util.Terser;

/**
 * The diabetes clinic's order-entry system ("CLINIC-CPOE") sends its prescriptions to the hospital pharmacy as
 * RDE^O11 v2.5.1, built with HAPI as that system would. The queue is the real change log's {@code ph_prescription}
 * (H2, or PostgreSQL with -Dpavilion.test.postgres); the hub's record of the message is a table of the test's own
 * that the completion writes on the handler's connection, as the hub does.
 */
public class RdeHandlerTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final String SENDER = "CLINIC-CPOE";
    /** Our MRN of Ms Okafor, and the clinic's own number for her. */
    static final String MRN = "0000004711";
    static final String CLINIC_ID = "DC-88231";

    private static PharmacyDatabase db;
    private static final List<AuditEvent> AUDITED = new CopyOnWriteArrayList<>();
    /** The EMR's answers: our MRN, and the clinic's identifier of the same patient. */
    private static final PatientIdentities EMR = (value, authority, type, purpose) -> {
        if ("MR".equals(type) && MRN.equals(value)) {
            return Optional.of(MRN);
        }
        return "CLINIC".equals(authority) && CLINIC_ID.equals(value) ? Optional.of(MRN) : Optional.empty();
    };

    private final RdeHandler handler = new RdeHandler(db.emf, new TablePrescriptionIntake(),
            AUDITED::add, EMR, BERLIN);

    /** The hub's side: the message with its outcome on the handler's connection; a stored one fails on the key. */
    private static Completion completion(String controlId) {
        return new Completion() {
            @Override
            public void store() {
                throw new AssertionError("the RDE handler commits with the hub, it never stores first");
            }

            @Override
            public void commit(Connection c, Outcome outcome, Callable<Void> commit) throws Exception {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO hub_message (control_id, outcome) "
                        + "VALUES (?, ?)")) {
                    s.setString(1, controlId);
                    s.setString(2, outcome.toString());
                    s.executeUpdate();
                }
                commit.call();
            }
        };
    }

    @BeforeClass
    public static void database() throws Exception {
        db = new PharmacyDatabase();
        db.starter();
        try (Connection c = db.database.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE hub_message (control_id VARCHAR(40) PRIMARY KEY, outcome VARCHAR(2000))");
        }
    }

    @AfterClass
    public static void close() throws Exception {
        db.close();
    }

    /** An RDE^O11 from the clinic for the patient it knows by its own id and our MRN; orders added by the test. */
    static Terser rde(String controlId) throws Exception {
        RDE_O11 m = new RDE_O11();
        m.initQuickstart("RDE", "O11", "P");
        Terser t = new Terser(m);
        t.set("MSH-3-1", SENDER);
        t.set("MSH-4-1", "DIABETES-CLINIC");
        t.set("MSH-5-1", "PAVILION");
        t.set("MSH-7", "20261204083000");
        t.set("MSH-10", controlId);
        t.set("/PATIENT/PID-1", "1");
        t.set("/PATIENT/PID-3(0)-1", CLINIC_ID);
        t.set("/PATIENT/PID-3(0)-4", "CLINIC");
        t.set("/PATIENT/PID-3(0)-5", "PI");
        t.set("/PATIENT/PID-5-1", "Okafor");
        t.set("/PATIENT/PID-5-2", "Adaeze");
        return t;
    }

    /** Order {@code o}: ORC NW with the placer number, RXE give code, amount and units, dispense amount. */
    static void order(Terser t, int o, String control, String placer, String code, String name, String amount,
            String units, String dispense) throws Exception {
        String at = "/ORDER(" + o + ")/";
        t.set(at + "ORC-1", control);
        if (placer != null) {
            t.set(at + "ORC-2-1", placer);
            t.set(at + "ORC-2-2", SENDER);
        }
        t.set(at + "ORC-9", "20261204081500");
        t.set(at + "ORC-12-1", "D4410");
        t.set(at + "ORC-12-2", "Mensah");
        t.set(at + "ORC-12-3", "Kofi");
        if (code != null) {
            t.set(at + "RXE-2-1", code);
        }
        if (name != null) {
            t.set(at + "RXE-2-2", name);
        }
        if (amount != null) {
            t.set(at + "RXE-3", amount);
            t.set(at + "RXE-5-1", units);
        }
        if (dispense != null) {
            t.set(at + "RXE-10", dispense);
        }
    }

    static String text(Terser t) throws Exception {
        return t.getFinder().getRoot().getMessage().encode();
    }

    private Outcome handle(Terser t) throws Exception {
        return handler.handle(InboundMessage.parse(text(t)), completion(t.get("MSH-10")));
    }

    private Hl7Error refused(Terser t) {
        return assertThrows(Hl7ContentException.class, () -> handle(t)).error();
    }

    private static PrescriptionEntity prescription(String id) {
        return db.jpa.call(em -> em.find(PrescriptionEntity.class, id));
    }

    private static long prescriptions(String placer) {
        return db.jpa.call(em -> em.createQuery("SELECT COUNT(p) FROM PrescriptionEntity p WHERE "
                + "p.placerOrderNumber = :n", Long.class).setParameter("n", placer).getSingleResult());
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
    public void theClinicsParacetamolOrderIsQueuedForOurPatientWithEverythingTheMessageSaid() throws Exception {
        Terser t = rde("RDE-1001");
        order(t, 0, "NW", "ORD-1001", "PARA500", "Paracetamol 500 mg tablet", "1000", "mg", "20");
        t.set("/ORDER(0)/RXE-21(0)-2", "after meals");
        t.set("/ORDER(0)/RXE-21(1)-2", "no more than 4 g a day");
        t.set("/ORDER(0)/RXR(0)-1-1", "PO");
        t.set("/ORDER(0)/TIMING_ENCODED(0)/TQ1-3-1", "TID");
        t.set("/ORDER(0)/TIMING_ENCODED(0)/TQ1-6-1", "5");
        t.set("/ORDER(0)/TIMING_ENCODED(0)/TQ1-6-2-1", "d");

        Outcome outcome = handle(t);

        assertEquals(outcome.toString(), Outcome.Kind.ACCEPTED, outcome.kind());
        assertTrue(outcome.summary(), outcome.summary().contains("CLINIC-CPOE:ORD-1001 queued PARA500"));
        PrescriptionEntity p = prescription("CLINIC-CPOE:ORD-1001");
        assertEquals("HL7", p.getSource());
        assertEquals(MRN, p.getPatientId());
        assertEquals("PARA500", p.getItemCode());
        assertEquals("Paracetamol 500 mg tablet", p.getDrug());
        assertEquals("1000 mg", p.getDose());
        assertEquals("PO", p.getRoute());
        assertEquals("TID", p.getFrequency());
        assertEquals(Integer.valueOf(5), p.getDurationDays());
        assertEquals("after meals; no more than 4 g a day", p.getInstructions());
        assertEquals(0, new BigDecimal("20").compareTo(p.getQuantityPrescribed()));
        assertEquals("D4410", p.getPrescriber());
        assertEquals("PENDING", p.getStatus());
        assertEquals("ORD-1001", p.getPlacerOrderNumber());
        assertEquals(SENDER, p.getPlacerApplication());
        // ORC-9 08:15 in Berlin is 07:15 UTC
        assertEquals(java.time.Instant.parse("2026-12-04T07:15:00Z").toEpochMilli(), p.getIssuedMs());
        assertEquals("the queue entry and the hub's record committed together", 1, hubRows("RDE-1001"));
        assertTrue(AUDITED.stream().anyMatch(a -> "CREATE".equals(a.action())
                && "ph-prescription".equals(a.resourceType()) && "CLINIC-CPOE:ORD-1001".equals(a.resourceId())
                && MRN.equals(a.patientId())));
    }

    @Test
    public void aMedicineOutsideTheCatalogueIsQueuedByItsTextForThePharmacistToMatch() throws Exception {
        Terser t = rde("RDE-1002");
        order(t, 0, "NW", "ORD-1002", "NITRO100", "Nitrofurantoin 100 mg capsule", "100", "mg", "14");
        t.set("/ORDER(0)/RXE-1-2-1", "BID");
        t.set("/ORDER(0)/RXE-1-3", "D7");

        assertEquals(Outcome.Kind.ACCEPTED, handle(t).kind());

        PrescriptionEntity p = prescription("CLINIC-CPOE:ORD-1002");
        assertNull("not in the catalogue: matched later by the pharmacist", p.getItemCode());
        assertEquals("Nitrofurantoin 100 mg capsule", p.getDrug());
        assertEquals("RXE-1 interval when no TQ1", "BID", p.getFrequency());
        assertEquals(Integer.valueOf(7), p.getDurationDays());
    }

    @Test
    public void theSameOrderResentUnderANewControlIdIsAcceptedAndQueuedOnce() throws Exception {
        Terser first = rde("RDE-1003");
        order(first, 0, "NW", "ORD-1003", "AMOX500", null, "500", "mg", "21");
        assertEquals(Outcome.Kind.ACCEPTED, handle(first).kind());
        Terser resent = rde("RDE-1003-R");
        order(resent, 0, "NW", "ORD-1003", "AMOX500", null, "500", "mg", "21");

        Outcome again = handle(resent);

        assertEquals(Outcome.Kind.ACCEPTED, again.kind());
        assertTrue(again.summary(), again.summary().contains("ORD-1003 already queued"));
        assertEquals(1, prescriptions("ORD-1003"));
        assertEquals(1, hubRows("RDE-1003-R"));
        assertEquals("AMOX500", prescription("CLINIC-CPOE:ORD-1003").getDrug());
    }

    @Test
    public void aRedeliveryOfACompletedMessageWritesNothingAndLeavesItToTheHub() throws Exception {
        Terser t = rde("RDE-1004");
        order(t, 0, "NW", "ORD-1004", "PARA500", null, "500", "mg", "10");
        assertEquals(Outcome.Kind.ACCEPTED, handle(t).kind());

        // The hub's completion refuses a message it stored already; the handler rolls back and lets it through.
        assertThrows(Exception.class, () -> handle(t));

        assertEquals(1, prescriptions("ORD-1004"));
        assertEquals(1, hubRows("RDE-1004"));
    }

    @Test
    public void aPatientNobodyKnowsIsRejectedAndNothingIsQueued() throws Exception {
        Terser t = rde("RDE-1005");
        t.set("/PATIENT/PID-3(0)-1", "DC-00000");
        order(t, 0, "NW", "ORD-1005", "PARA500", null, "500", "mg", "10");

        Outcome outcome = handle(t);

        assertEquals(Outcome.Kind.REJECTED, outcome.kind());
        assertEquals("PID", outcome.error().segment());
        assertEquals(3, outcome.error().field());
        assertEquals(Hl7Error.UNKNOWN_KEY, outcome.error().code());
        assertTrue(outcome.error().text(), outcome.error().text().contains("DC-00000^^^CLINIC^PI"));
        assertEquals(0, prescriptions("ORD-1005"));
        assertEquals("a refusal before writing needs no completion", 0, hubRows("RDE-1005"));
    }

    @Test
    public void withoutTheEmrNoPatientCanBeToldAndTheMessageIsRejected() throws Exception {
        RdeHandler alone = new RdeHandler(db.emf, new TablePrescriptionIntake(), AUDITED::add, null, BERLIN);
        Terser t = rde("RDE-1006");
        t.set("/PATIENT/PID-3(1)-1", MRN);
        t.set("/PATIENT/PID-3(1)-5", "MR");
        order(t, 0, "NW", "ORD-1006", "PARA500", null, "500", "mg", "10");

        Outcome outcome = alone.handle(InboundMessage.parse(text(t)), completion("RDE-1006"));

        assertEquals(Outcome.Kind.REJECTED, outcome.kind());
        assertTrue(outcome.error().text(), outcome.error().text().contains("EMR is not installed"));
        assertEquals(0, prescriptions("ORD-1006"));
    }

    @Test
    public void ourOwnMrnInPid3FindsThePatientToo() throws Exception {
        Terser t = rde("RDE-1007");
        t.set("/PATIENT/PID-3(0)-1", MRN);
        t.set("/PATIENT/PID-3(0)-4", "PAV");
        t.set("/PATIENT/PID-3(0)-5", "MR");
        order(t, 0, "NW", "ORD-1007", "PARA500", null, "500", "mg", "10");

        assertEquals(Outcome.Kind.ACCEPTED, handle(t).kind());
        assertEquals(MRN, prescription("CLINIC-CPOE:ORD-1007").getPatientId());
    }

    @Test
    public void aMissingGiveCodeIsAnErrorNamingRxe2() throws Exception {
        Terser t = rde("RDE-1008");
        order(t, 0, "NW", "ORD-1008", null, null, "500", "mg", "10");

        Hl7Error e = refused(t);

        assertEquals("RXE", e.segment());
        assertEquals(2, e.field());
        assertEquals(Hl7Error.REQUIRED_FIELD_MISSING, e.code());
        assertTrue(e.text(), e.text().contains("RXE-2"));
        assertEquals(0, prescriptions("ORD-1008"));
    }

    @Test
    public void aMissingPlacerOrderNumberIsAnErrorNamingOrc2() throws Exception {
        Terser t = rde("RDE-1009");
        order(t, 0, "NW", null, "PARA500", null, "500", "mg", "10");

        Hl7Error e = refused(t);

        assertEquals("ORC", e.segment());
        assertEquals(2, e.field());
        assertEquals(Hl7Error.REQUIRED_FIELD_MISSING, e.code());
        assertTrue(e.text(), e.text().contains("ORC-2"));
    }

    @Test
    public void aDispenseAmountThatIsNoNumberOrMissingIsAnErrorNamingRxe10() throws Exception {
        Terser t = rde("RDE-1010");
        order(t, 0, "NW", "ORD-1010", "PARA500", null, "500", "mg", "987");
        // HAPI will not build it; some senders do
        String twenty = text(t).replace("|987", "|twenty");
        Hl7Error wrong = assertThrows(Hl7ContentException.class,
                () -> handler.handle(InboundMessage.parse(twenty), completion("RDE-1010"))).error();
        assertEquals("RXE", wrong.segment());
        assertEquals(10, wrong.field());
        assertEquals(Hl7Error.DATA_TYPE_ERROR, wrong.code());

        Terser none = rde("RDE-1010-B");
        order(none, 0, "NW", "ORD-1010", "PARA500", null, "500", "mg", null);
        Hl7Error missing = refused(none);
        assertEquals(10, missing.field());
        assertEquals(Hl7Error.REQUIRED_FIELD_MISSING, missing.code());
    }

    @Test
    public void oneBadOrderOfTwoLeavesBothUnqueued() throws Exception {
        Terser t = rde("RDE-1011");
        order(t, 0, "NW", "ORD-1011-A", "PARA500", null, "500", "mg", "10");
        order(t, 1, "CA", "ORD-1011-UNKNOWN", null, null, null, null, null);

        Hl7Error e = refused(t);

        assertEquals("ORC", e.segment());
        assertEquals(2, e.segmentRepetition());
        assertEquals(Hl7Error.UNKNOWN_KEY, e.code());
        assertEquals("one transaction: the first order rolled back with the second", 0, prescriptions("ORD-1011-A"));
        assertEquals(0, hubRows("RDE-1011"));
    }

    @Test
    public void theClinicCancelsAnOrderNotYetDispensedAndTheCancelIsIdempotent() throws Exception {
        Terser t = rde("RDE-1012");
        order(t, 0, "NW", "ORD-1012", "AMOX500", null, "500", "mg", "21");
        assertEquals(Outcome.Kind.ACCEPTED, handle(t).kind());
        Terser cancel = rde("RDE-1012-CA");
        order(cancel, 0, "CA", "ORD-1012", null, null, null, null, null);

        Outcome outcome = handle(cancel);

        assertEquals(Outcome.Kind.ACCEPTED, outcome.kind());
        assertTrue(outcome.summary(), outcome.summary().contains("CLINIC-CPOE:ORD-1012 cancelled"));
        PrescriptionEntity p = prescription("CLINIC-CPOE:ORD-1012");
        assertEquals("CANCELLED", p.getStatus());
        assertEquals("hl7:CLINIC-CPOE", p.getStoppedBy());
        assertTrue(AUDITED.stream().anyMatch(a -> "UPDATE".equals(a.action())
                && "CLINIC-CPOE:ORD-1012".equals(a.resourceId())));
        Terser again = rde("RDE-1012-CA2");
        order(again, 0, "CA", "ORD-1012", null, null, null, null, null);
        assertEquals(Outcome.Kind.ACCEPTED, handle(again).kind());
    }

    @Test
    public void aCancelAfterDispensingIsAnErrorAndThePrescriptionStays() throws Exception {
        Terser t = rde("RDE-1013");
        order(t, 0, "NW", "ORD-1013", "PARA500", null, "500", "mg", "20");
        assertEquals(Outcome.Kind.ACCEPTED, handle(t).kind());
        db.jpa.run(em -> {
            PrescriptionEntity p = em.find(PrescriptionEntity.class, "CLINIC-CPOE:ORD-1013");
            p.setQuantityDispensed(new BigDecimal("10"));
            p.setStatus("PARTIALLY_DISPENSED");
        });
        Terser cancel = rde("RDE-1013-CA");
        order(cancel, 0, "CA", "ORD-1013", null, null, null, null, null);

        Hl7Error e = refused(cancel);

        assertEquals("ORC", e.segment());
        assertEquals(1, e.field());
        assertEquals(Hl7Error.APPLICATION_RECORD_LOCKED, e.code());
        assertTrue(e.text(), e.text().contains("dispensed"));
        assertEquals("PARTIALLY_DISPENSED", prescription("CLINIC-CPOE:ORD-1013").getStatus());
    }

    @Test
    public void anOrderControlOtherThanNewOrCancelIsAnError() throws Exception {
        Terser t = rde("RDE-1014");
        order(t, 0, "XO", "ORD-1014", "PARA500", null, "500", "mg", "20");

        Hl7Error e = refused(t);

        assertEquals(1, e.field());
        assertEquals(Hl7Error.TABLE_VALUE_NOT_FOUND, e.code());
    }

    @Test
    public void otherMessageTypesAreRejected() throws Exception {
        Outcome o = handler.handle(InboundMessage.parse("MSH|^~\\&|" + SENDER + "|X|PAVILION|H|20261204||RDE^O25|X1|P"
                + "|2.5.1\rPID|1||" + MRN + "^^^PAV^MR\r"), completion("X1"));
        assertEquals(Outcome.Kind.REJECTED, o.kind());
        assertEquals(Hl7Error.UNSUPPORTED_EVENT_CODE, o.error().code());
    }

    @Test
    public void twoDeliveriesOfTheSameOrderAtOnceQueueItOnce() throws Exception {
        int senders = 4;
        CyclicBarrier start = new CyclicBarrier(senders);
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        try {
            List<Future<Outcome>> outcomes = new java.util.ArrayList<>();
            for (int i = 0; i < senders; i++) {
                Terser t = rde("RDE-1015-" + i);
                order(t, 0, "NW", "ORD-1015", "PARA500", null, "500", "mg", "20");
                String text = text(t);
                String controlId = "RDE-1015-" + i;
                outcomes.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return handler.handle(InboundMessage.parse(text), completion(controlId));
                }));
            }
            for (Future<Outcome> f : outcomes) {
                assertEquals(Outcome.Kind.ACCEPTED, f.get(60, TimeUnit.SECONDS).kind());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, prescriptions("ORD-1015"));
        for (int i = 0; i < senders; i++) {
            assertEquals(1, hubRows("RDE-1015-" + i));
        }
    }

    @Test
    public void theExampleOfDocsPharmacyHl7IsQueuedAsDocumented() throws Exception {
        String text = String.join("\r",
                "MSH|^~\\&|CLINIC-CPOE|DIABETES-CLINIC|PAVILION||20261204083000||RDE^O11^RDE_O11|RDE-DOC|P|2.5.1",
                "PID|1||DC-88231^^^CLINIC^PI||Okafor^Adaeze",
                "ORC|NW|ORD-DOC^CLINIC-CPOE|||||||20261204081500|||D4410^Mensah^Kofi",
                "RXE||PARA500^Paracetamol 500 mg tablet|1000||mg|||||20|||||||||||after meals",
                "TQ1|||TID|||5^d",
                "RXR|PO") + "\r";

        assertEquals(Outcome.Kind.ACCEPTED, handler.handle(InboundMessage.parse(text), completion("RDE-DOC")).kind());

        PrescriptionEntity p = prescription("CLINIC-CPOE:ORD-DOC");
        assertEquals("PARA500", p.getItemCode());
        assertEquals("1000 mg", p.getDose());
        assertEquals(0, new BigDecimal("20").compareTo(p.getQuantityPrescribed()));
        assertEquals("after meals", p.getInstructions());
        assertEquals("TID", p.getFrequency());
        assertEquals(Integer.valueOf(5), p.getDurationDays());
        assertEquals("PO", p.getRoute());
        assertEquals("D4410", p.getPrescriber());
    }

    @Test
    public void durationsReadAsDays() {
        assertEquals(Integer.valueOf(14), RdeMessage.days("2", "wk", "TQ1", 1, 6));
        assertEquals(Integer.valueOf(3), RdeMessage.days("3", "D", "TQ1", 1, 6));
        assertNull("hours are no course in days", RdeMessage.days("12", "h", "TQ1", 1, 6));
        assertEquals(Integer.valueOf(14), RdeMessage.legacyDuration("W2"));
        assertNull(RdeMessage.legacyDuration("X5"));
    }
}
