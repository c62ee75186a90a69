package org.pavilion.hl7.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.hl7.api.Hl7ContentException;
import org.pavilion.hl7.api.Hl7Error;
import org.pavilion.hl7.api.Hl7Handler;
import org.pavilion.hl7.api.Outcome;

/**
 * A morning at the hub while departments come and go: the scheduling system sends appointments before scheduling
 * is installed, the lab's analyser sends results to whichever department takes them, and two vendors both claim
 * the same message type.
 */
public class HandlerDispatchTest {

    private static final Hl7Processor.Settings SETTINGS = new Hl7Processor.Settings(StandardCharsets.UTF_8, 1 << 20);

    private InboundDatabase db;
    private MessageStore store;
    private final Handlers handlers = new Handlers();
    private Hl7Processor processor;
    /** What the scheduling department booked: appointment ids (SCH-1), in order. */
    private final List<String> booked = new CopyOnWriteArrayList<>();

    private final Hl7Handler scheduling = TestHandler.of("scheduling", Set.of("SIU^S12"), (m, completion) -> {
        completion.store();
        String appointment = m.field("SCH-1");
        if (appointment == null) {
            throw new Hl7ContentException(Hl7Error.at("SCH", 1, Hl7Error.REQUIRED_FIELD_MISSING,
                    "SCH-1 (placer appointment id) is required"));
        }
        booked.add(appointment);
        return Outcome.accepted(m.type() + " appointment " + appointment + " booked");
    });

    @Before
    public void open() throws Exception {
        db = new InboundDatabase();
        store = new MessageStore(db);
        processor = new Hl7Processor(store, handlers);
    }

    @After
    public void close() {
        store.close();
    }

    private String send(String type, String controlId, String body) {
        String text = "MSH|^~\\&|SCHEDSYS|GENHOSP|PAVILION|GENHOSP|20240601080000||" + type + "|" + controlId
                + "|P|2.5.1\r" + body;
        return new String(processor.receive("default", "10.1.2.3:40001", text.getBytes(StandardCharsets.UTF_8),
                SETTINGS), StandardCharsets.UTF_8);
    }

    /** A segment of the ACK; the texts in it are HL7-escaped (^ is \S\). */
    private static String segment(String ack, String id) {
        for (String s : ack.split("\r")) {
            if (s.startsWith(id + "|")) {
                return s;
            }
        }
        return null;
    }

    @Test
    public void anAppointmentBeforeSchedulingIsInstalledIsRejectedNamingSchedulingThenAcceptedOnceItIs() {
        String ack = send("SIU^S12^SIU_S12", "S-1", "SCH|APT-1\r");
        assertTrue(ack, segment(ack, "MSA").startsWith("MSA|AR|S-1"));
        assertTrue(ack, segment(ack, "ERR").contains("scheduling not installed: SIU\\S\\S12"));
        assertTrue(ack, segment(ack, "ERR").contains("|207^"));
        assertEquals(MessageStore.REJECTED, store.find(store.list(null, null, null, "S-1", 0, 1).get(0).id).status);

        handlers.add(scheduling); // the department's bundle starts: no restart of the hub
        ack = send("SIU^S12^SIU_S12", "S-2", "SCH|APT-2\r");
        assertTrue(ack, segment(ack, "MSA").startsWith("MSA|AA|S-2"));
        assertNull(ack, segment(ack, "ERR"));
        assertEquals(List.of("APT-2"), booked);
        StoredMessage row = store.find(store.list(null, null, null, "S-2", 0, 1).get(0).id);
        assertEquals(MessageStore.PROCESSED, row.status);
        assertEquals("SIU^S12 appointment APT-2 booked", row.outcome);

        ack = send("SIU^S14^SIU_S12", "S-3", "SCH|APT-2\r");
        assertTrue(ack, segment(ack, "MSA").startsWith("MSA|AR|S-3"));
        assertTrue("an event the department does not take names what it takes: " + ack,
                segment(ack, "ERR").contains("unsupported event SIU\\S\\S14; supported: SIU\\S\\S12"));

        handlers.remove(scheduling); // uninstalled
        ack = send("SIU^S12^SIU_S12", "S-4", "SCH|APT-4\r");
        assertTrue(ack, segment(ack, "MSA").startsWith("MSA|AR|S-4"));
        assertEquals(List.of("APT-2"), booked);
    }

    @Test
    public void aTypeNoDepartmentWouldTakeIsAnUnsupportedMessageType() {
        String ack = send("ZPV^Z01", "Z-1", "ZPV|1\r");
        assertTrue(ack, segment(ack, "MSA").startsWith("MSA|AR|Z-1"));
        assertTrue(ack, segment(ack, "ERR").contains("|200^"));
        assertTrue(ack, segment(ack, "ERR").contains("no installed department handles it"));
        ack = send("ADT^A01", "A-1", "PID|1||K-1\r");
        assertTrue(ack, segment(ack, "ERR").contains("EMR not installed: ADT\\S\\A01"));
        ack = send("DFT^P03", "D-1", "FT1|1\r");
        assertTrue(ack, segment(ack, "ERR").contains("billing not installed: DFT\\S\\P03"));
    }

    @Test
    public void contentTheDepartmentCannotTakeIsAnsweredAeAtItsLocationAndParked() {
        handlers.add(scheduling);
        String ack = send("SIU^S12^SIU_S12", "S-5", "SCH|\r");
        assertTrue(ack, segment(ack, "MSA").startsWith("MSA|AE|S-5"));
        assertTrue(ack, segment(ack, "ERR").startsWith("ERR||SCH^1^1|101^"));
        assertEquals(MessageStore.PARKED, store.find(store.list(null, null, null, "S-5", 0, 1).get(0).id).status);
        assertTrue(booked.isEmpty());
    }

    @Test
    public void anAcceptedMessageCarriesItsWarningsAsErrSegmentsOfSeverityW() {
        handlers.add(TestHandler.of("laboratory", Set.of("ORU^*"), (m, completion) -> {
            completion.store();
            return Outcome.accepted("result of " + m.field("OBR-4-1") + " recorded")
                    .withWarning(Hl7Error.at("OBX", 3, 1, Hl7Error.TABLE_VALUE_NOT_FOUND,
                            "unknown test code XYZ kept as text"));
        }));
        String ack = send("ORU^R01^ORU_R01", "L-1", "OBR|1||F-1|GLU^Glucose\rOBX|1|NM|XYZ||5.4\r");
        assertTrue(ack, segment(ack, "MSA").startsWith("MSA|AA|L-1"));
        String err = segment(ack, "ERR");
        assertEquals("ERR||OBX^1^3^1^1|103^Table value not found^HL70357|W||||unknown test code XYZ kept as text", err);
        StoredMessage row = store.find(store.list(null, null, null, "L-1", 0, 1).get(0).id);
        assertEquals(MessageStore.PROCESSED, row.status);
        assertEquals("result of GLU recorded; 1 warning(s)", row.outcome);
    }

    @Test
    public void anExactTypeWinsOverAWildcardAndTheSecondClaimOfATypeIsRefusedWhateverTheOrder() {
        Hl7Handler labAll = TestHandler.of("laboratory", Set.of("ORU^*", "ORM^O01"), (m, c) -> Outcome.accepted("lab"));
        Hl7Handler pathology = TestHandler.of("pathology", Set.of("ORU^R01"), (m, c) -> Outcome.accepted("path"));
        Hl7Handler otherLab = TestHandler.of("other lab", Set.of("ORM^O01"), (m, c) -> Outcome.accepted("other"));

        // registered later (higher service id) but bound first
        handlers.add(otherLab, 0, 20);
        handlers.add(labAll, 0, 10);
        handlers.add(pathology, 0, 30);
        assertSame(pathology, handlers.find("ORU", "R01").handler());
        assertSame(labAll, handlers.find("ORU", "R30").handler());
        assertSame("the first registered keeps ORM^O01", labAll, handlers.find("ORM", "O01").handler());

        handlers.remove(labAll);
        assertSame("the refused one takes over when the first goes", otherLab, handlers.find("ORM", "O01").handler());
        assertNull(handlers.find("ORU", "R30"));

        Hl7Handler ranked = TestHandler.of("ranked lab", Set.of("ORM^O01"), (m, c) -> Outcome.accepted("ranked"));
        handlers.add(ranked, 10, 40);
        assertSame("a higher service ranking wins", ranked, handlers.find("ORM", "O01").handler());
    }

    @Test
    public void typesThatAreNotMessageTypesAreIgnored() {
        Hl7Handler sloppy = TestHandler.of("sloppy", Set.of("SIU-S12", "siu^s13", "SIU^S15"), (m, c) -> null);
        handlers.add(sloppy);
        assertNull(handlers.find("SIU", "S12"));
        assertNull(handlers.find("SIU", "S13"));
        assertSame(sloppy, handlers.find("SIU", "S15").handler());
        String ack = send("SIU^S15", "S-6", "SCH|APT-6\r");
        assertTrue("a handler that returns no outcome parks the message: " + ack,
                segment(ack, "MSA").startsWith("MSA|AE|S-6"));
    }
}
