package org.pavilion.billing.internal.hl7;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.pavilion.billing.internal.BillingDatabase;
import org.pavilion.billing.internal.charges.ChargeEntity;
import org.pavilion.billing.internal.charges.ChargeRows;
import org.pavilion.billing.internal.charges.ParkedChargeEntity;
import org.pavilion.billing.internal.charges.RecordingAudit;
import org.pavilion.billing.internal.charges.TablePriceList;
import org.pavilion.hl7.api.Completion;
import org.pavilion.hl7.api.Hl7ContentException;
import org.pavilion.hl7.api.Hl7Error;
import org.pavilion.hl7.api.InboundMessage;
import org.pavilion.hl7.api.Outcome;

import ca.uhn.hl7v2.model.v251.message.DFT_P03;
import ca.uhn.hl7v2.util.Terser;

/**
 * The radiology system ("RIS") charges its examinations to billing as DFT^P03 v2.5.1, built with HAPI as that
 * system would, through the handler as the hub calls it. The hub's record of the message is a table of the test's own
 * that the completion writes on the handler's connection, as the hub does: the ACK's outcome commits with the charges.
 */
public class DftHandlerTest {

    static final String SENDER = "RIS";
    static final String MRN = "0000004711";
    static final String RIS_ID = "R-55012";

    private static BillingDatabase db;
    private static final RecordingAudit AUDIT = new RecordingAudit();
    private static final TablePriceList PRICES = new TablePriceList()
            .price("RAD-XR-CHEST", "Chest X-ray, two views", "PROCEDURE", "48.00", "EXEMPT", "0")
            .price("RAD-CT-HEAD", "CT head without contrast", "PROCEDURE", "210.00", "EXEMPT", "0");
    /** The EMR's answers: our MRN, and the radiology system's own number of the same patient. */
    private static final PatientIdentities EMR = (value, authority, type, purpose) -> {
        if ("MR".equals(type) && MRN.equals(value)) {
            return Optional.of(MRN);
        }
        return "RIS".equals(authority) && RIS_ID.equals(value) ? Optional.of(MRN) : Optional.empty();
    };

    private final DftHandler handler = new DftHandler(db.emf, PRICES, AUDIT, EMR);

    @BeforeClass
    public static void database() throws Exception {
        db = new BillingDatabase();
        try (Connection c = db.database.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE hub_message (control_id VARCHAR(40) PRIMARY KEY, outcome VARCHAR(2000))");
        }
    }

    @AfterClass
    public static void close() throws Exception {
        db.close();
    }

    /** The hub's side: the message with its outcome on the handler's connection; a stored one fails on the key. */
    private static Completion completion(String controlId) {
        return new Completion() {
            @Override
            public void store() {
                throw new AssertionError("the DFT handler commits with the hub, it never stores first");
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

    /** A DFT^P03 from the RIS for the patient it knows by its own id; FT1s added by the test. */
    static Terser dft(String controlId, String patientId, String authority) throws Exception {
        DFT_P03 m = new DFT_P03();
        m.initQuickstart("DFT", "P03", "P");
        Terser t = new Terser(m);
        t.set("MSH-3-1", SENDER);
        t.set("MSH-4-1", "RADIOLOGY");
        t.set("MSH-5-1", "PAVILION");
        t.set("MSH-7", "20261207110000");
        t.set("MSH-10", controlId);
        t.set("/EVN-1", "P03");
        t.set("/PID-1", "1");
        t.set("/PID-3(0)-1", patientId);
        t.set("/PID-3(0)-4", authority);
        t.set("/PID-3(0)-5", "PI");
        t.set("/PID-5-1", "Okafor");
        t.set("/PID-5-2", "Adaeze");
        t.set("/PV1-2", "O");
        t.set("/PV1-19-1", "ENC-RAD-7");
        return t;
    }

    static void ft1(Terser t, int i, String transactionId, String day, String code, String quantity)
            throws Exception {
        String at = "/FINANCIAL(" + i + ")/FT1-";
        t.set(at + "1", String.valueOf(i + 1));
        if (transactionId != null) {
            t.set(at + "2", transactionId);
        }
        t.set(at + "4-1-1", day);
        t.set(at + "6", "CG");
        t.set(at + "7-1", code);
        t.set(at + "7-3", "RIS-TARIFF");
        if (quantity != null) {
            t.set(at + "10", quantity);
        }
        t.set(at + "20-1", "dr.okoye");
    }

    static String text(Terser t) throws Exception {
        return t.getFinder().getRoot().getMessage().encode();
    }

    private Outcome handle(Terser t) throws Exception {
        return handler.handle(InboundMessage.parse(text(t)), completion(t.get("MSH-10")));
    }

    private static ChargeEntity charge(String sourceId) {
        return db.jpa.call(em -> ChargeRows.charged(em, "HL7", sourceId));
    }

    private static ParkedChargeEntity parked(String sourceId) {
        return db.jpa.call(em -> ChargeRows.parked(em, "HL7", sourceId));
    }

    private static long charges(String sourceIdPrefix) {
        return db.jpa.call(em -> em.createQuery("SELECT COUNT(c) FROM ChargeEntity c WHERE c.sourceType = 'HL7' AND "
                + "c.sourceId LIKE :p", Long.class).setParameter("p", sourceIdPrefix + "%").getSingleResult());
    }

    private static String hubOutcome(String controlId) throws Exception {
        try (Connection c = db.database.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT outcome FROM hub_message WHERE control_id = ?")) {
            s.setString(1, controlId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }

    @Test
    public void theChestXrayAndHeadCtAreChargedAndAcceptedAfterTheCommit() throws Exception {
        Terser t = dft("DFT-1001", RIS_ID, "RIS");
        ft1(t, 0, "TX-1001", "20261207", "RAD-XR-CHEST", null);
        ft1(t, 1, "TX-1002", "20261207", "RAD-CT-HEAD", "1");
        // yesterday's chest X-ray was repeated by mistake: the RIS credits it (FT1-6 CD)
        ft1(t, 2, "TX-0999-CR", "20261206", "RAD-XR-CHEST", "1");
        t.set("/FINANCIAL(2)/FT1-6", "CD");

        Outcome outcome = handle(t);

        assertEquals(outcome.toString(), Outcome.Kind.ACCEPTED, outcome.kind());
        assertTrue(outcome.summary(), outcome.summary().contains("RIS:TX-1001 charged RAD-XR-CHEST"));
        ChargeEntity xray = charge("RIS:TX-1001");
        assertEquals(MRN, xray.getPatientId());
        assertEquals("ENC-RAD-7", xray.getEncounterId());
        assertEquals("2026-12-07", xray.getServiceDate());
        assertEquals("1.000", xray.getQuantity().toPlainString());
        assertEquals("48.0000", xray.getUnitPrice().toPlainString());
        assertEquals("dr.okoye", xray.getDoctorId());
        assertEquals("hl7:RIS", xray.getPostedBy());
        assertEquals("OPEN", xray.getStatus());
        assertEquals("RAD-CT-HEAD", charge("RIS:TX-1002").getPriceCode());
        ChargeEntity credit = charge("RIS:TX-0999-CR");
        assertEquals("-1.000", credit.getQuantity().toPlainString());
        assertEquals("48.0000", credit.getUnitPrice().toPlainString());
        assertEquals("2026-12-06", credit.getServiceDate());
        assertTrue(hubOutcome("DFT-1001").startsWith("ACCEPTED"));
        assertTrue(AUDIT.count("CREATE", MRN) >= 2);
    }

    @Test
    public void aResentMessageIsAcceptedWithNothingNew() throws Exception {
        Terser first = dft("DFT-2001", MRN, null);
        first.set("/PID-3(0)-5", "MR");
        ft1(first, 0, "TX-2001", "20261207", "RAD-XR-CHEST", "2");
        assertEquals(Outcome.Kind.ACCEPTED, handle(first).kind());

        // the RIS did not get the ACK and sends the same transaction again under a new control id
        Terser again = dft("DFT-2001-R", MRN, null);
        again.set("/PID-3(0)-5", "MR");
        ft1(again, 0, "TX-2001", "20261207", "RAD-XR-CHEST", "2");
        Outcome resent = handle(again);
        assertEquals(Outcome.Kind.ACCEPTED, resent.kind());
        assertTrue(resent.summary(), resent.summary().contains("RIS:TX-2001 already charged"));
        assertEquals(1, charges("RIS:TX-2001"));
        assertEquals("2.000", charge("RIS:TX-2001").getQuantity().toPlainString());
    }

    @Test
    public void withoutTransactionIdsTheChargesAreKeyedByControlIdAndSetId() throws Exception {
        Terser t = dft("DFT-3001", RIS_ID, "RIS");
        ft1(t, 0, null, "20261207", "RAD-XR-CHEST", null);
        ft1(t, 1, null, "20261207", "RAD-XR-CHEST", null);
        assertEquals(Outcome.Kind.ACCEPTED, handle(t).kind());
        assertEquals(2, charges("RIS:DFT-3001-"));
        assertEquals("RAD-XR-CHEST", charge("RIS:DFT-3001-2").getPriceCode());
    }

    @Test
    public void anUnknownCodeIsAnsweredAeAtFt17AndTheMessagesChargesAreParkedThenPostedOnReplay() throws Exception {
        Terser t = dft("DFT-4001", RIS_ID, "RIS");
        ft1(t, 0, "TX-4001", "20261207", "RAD-XR-CHEST", null);
        ft1(t, 1, "TX-4002", "20261207", "RAD-MRI-KNEE", null);

        Outcome outcome = handle(t);

        assertEquals(Outcome.Kind.ERROR, outcome.kind());
        Hl7Error e = outcome.error();
        assertEquals("FT1", e.segment());
        assertEquals(2, e.segmentRepetition());
        assertEquals(7, e.field());
        assertEquals(Hl7Error.TABLE_VALUE_NOT_FOUND, e.code());
        assertTrue(e.text(), e.text().contains("RAD-MRI-KNEE"));
        assertTrue(hubOutcome("DFT-4001").startsWith("ERROR"));
        assertEquals(0, charges("RIS:TX-400"));
        ParkedChargeEntity knee = parked("RIS:TX-4002");
        assertEquals("PARKED", knee.getStatus());
        assertEquals("RAD-MRI-KNEE", knee.getPriceCode());
        assertEquals(MRN, knee.getPatientId());
        assertEquals("ENC-RAD-7", knee.getEncounterId());
        assertTrue(knee.getPayload().contains("RAD-MRI-KNEE"));
        assertTrue(parked("RIS:TX-4001").getReason().startsWith("parked with its message"));

        // the same message again (a resend): still AE, nothing new
        Terser resend = dft("DFT-4001-R", RIS_ID, "RIS");
        ft1(resend, 0, "TX-4001", "20261207", "RAD-XR-CHEST", null);
        ft1(resend, 1, "TX-4002", "20261207", "RAD-MRI-KNEE", null);
        assertEquals(Outcome.Kind.ERROR, handle(resend).kind());
        assertEquals(1L, (long) db.jpa.call(em -> em.createQuery("SELECT COUNT(p) FROM ParkedChargeEntity p WHERE "
                + "p.sourceId = 'RIS:TX-4002'", Long.class).getSingleResult()));

        // finance adds the knee MRI to the price list; the integrator replays the parked message
        PRICES.price("RAD-MRI-KNEE", "MRI knee", "PROCEDURE", "320.00", "EXEMPT", "0");
        Terser replay = dft("DFT-4001-replay", RIS_ID, "RIS");
        ft1(replay, 0, "TX-4001", "20261207", "RAD-XR-CHEST", null);
        ft1(replay, 1, "TX-4002", "20261207", "RAD-MRI-KNEE", null);
        assertEquals(Outcome.Kind.ACCEPTED, handle(replay).kind());
        assertEquals(2, charges("RIS:TX-400"));
        ParkedChargeEntity posted = parked("RIS:TX-4002");
        assertEquals("POSTED", posted.getStatus());
        assertEquals(charge("RIS:TX-4002").getId(), posted.getChargeId());
    }

    @Test
    public void aPatientTheEmrDoesNotKnowIsAeAtPid3WithTheChargesParked() throws Exception {
        Terser t = dft("DFT-5001", "R-00000", "RIS");
        ft1(t, 0, "TX-5001", "20261207", "RAD-XR-CHEST", null);
        Outcome outcome = handle(t);
        assertEquals(Outcome.Kind.ERROR, outcome.kind());
        assertEquals("PID", outcome.error().segment());
        assertEquals(3, outcome.error().field());
        assertEquals(Hl7Error.UNKNOWN_KEY, outcome.error().code());
        ParkedChargeEntity p = parked("RIS:TX-5001");
        assertNull(p.getPatientId());
        assertTrue(p.getReason().contains("unknown patient"));
        assertNull(charge("RIS:TX-5001"));
    }

    @Test
    public void withoutTheEmrPid3IsTakenAsTheMrn() throws Exception {
        DftHandler alone = new DftHandler(db.emf, PRICES, AUDIT, null);
        Terser t = dft("DFT-6001", "0000007777", null);
        t.set("/PID-3(0)-5", "MR");
        ft1(t, 0, "TX-6001", "20261208", "RAD-XR-CHEST", null);
        assertEquals(Outcome.Kind.ACCEPTED, alone.handle(InboundMessage.parse(text(t)), completion("DFT-6001"))
                .kind());
        assertEquals("0000007777", charge("RIS:TX-6001").getPatientId());
    }

    @Test
    public void unreadableContentIsAeAtItsFieldAndWritesNothing() throws Exception {
        Terser badQuantity = dft("DFT-7001", RIS_ID, "RIS");
        ft1(badQuantity, 0, "TX-7001", "20261207", "RAD-XR-CHEST", "-2");
        Hl7Error e = assertThrows(Hl7ContentException.class, () -> handle(badQuantity)).error();
        assertEquals("FT1", e.segment());
        assertEquals(10, e.field());
        Terser badDate = dft("DFT-7002", RIS_ID, "RIS");
        ft1(badDate, 0, "TX-7002", "20261207", "RAD-XR-CHEST", null);
        // a sender writing ISO dates where HL7 wants its own
        String isoDate = text(badDate).replace("20261207|", "2026-12-07|");
        assertEquals(4, assertThrows(Hl7ContentException.class, () -> handler.handle(InboundMessage.parse(isoDate),
                completion("DFT-7002"))).error().field());
        Terser noFt1 = dft("DFT-7003", RIS_ID, "RIS");
        assertThrows(Hl7ContentException.class, () -> handle(noFt1));
        assertEquals(0, charges("RIS:TX-700"));
        assertNull(parked("RIS:TX-7001"));
        assertNull(hubOutcome("DFT-7001"));

        Outcome notOurs = handler.handle(InboundMessage.parse(text(badQuantity).replace("DFT^P03", "DFT^P11")),
                completion("DFT-7004"));
        assertEquals(Outcome.Kind.REJECTED, notOurs.kind());
    }

    @Test
    public void twoDeliveriesOfTheSameTransactionsAtOnceChargeThemOnce() throws Exception {
        int n = 4;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CyclicBarrier start = new CyclicBarrier(n);
            List<Future<Outcome>> done = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Terser t = dft("DFT-8001-" + i, RIS_ID, "RIS");
                ft1(t, 0, "TX-8001", "20261207", "RAD-XR-CHEST", null);
                ft1(t, 1, "TX-8002", "20261207", "RAD-CT-HEAD", null);
                done.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    return handle(t);
                }));
            }
            for (Future<Outcome> f : done) {
                assertEquals(Outcome.Kind.ACCEPTED, f.get(60, TimeUnit.SECONDS).kind());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(2, charges("RIS:TX-800"));
    }
}
