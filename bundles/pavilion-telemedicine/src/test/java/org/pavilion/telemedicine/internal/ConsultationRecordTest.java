package org.pavilion.telemedicine.internal;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.pavilion.telemedicine.internal.ConsultationDayTest.as;
import static org.pavilion.telemedicine.internal.ConsultationDayTest.booking;
import static org.pavilion.telemedicine.internal.ConsultationDayTest.expect;
import static org.pavilion.telemedicine.internal.ConsultationDayTest.json;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.testing.TestAccounts;

/**
 * Dr House's video clinic writes into the patients' EMR records (H2, and PostgreSQL with
 * {@code -Dpavilion.test.postgres}): admitting Ana opens her TELECONSULTATION encounter, she shares a photo of her
 * rash with her consent, hanging up closes the encounter. The EMR here is a recording stand-in for
 * {@link EmrRecordLink} (which the container test drives against the real EMR); what is under test is what the
 * consultation does with it, and without it.
 */
public class ConsultationRecordTest {

    private static final byte[] PNG = bytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'},
            "a rash on the forearm");

    private final Caller drHouse = Caller.inContainer("dr.house", Set.of(ConsultationResource.HOST), "10.1.1.7");
    private final Caller drWilson = Caller.inContainer("dr.wilson", Set.of(ConsultationResource.HOST), "10.1.1.8");
    private final Caller ana = TestAccounts.patientAccount("ana", "MRN-ANA", MyConsultationResource.JOIN);
    private final Caller bob = TestAccounts.patientAccount("bob", "MRN-BOB", MyConsultationResource.JOIN);

    private TelemedicineDatabase db;
    private RecordingEmr emr;

    /** The EMR as the consultation sees it: encounters by visit number, documents read to their end like the EMR's. */
    static final class RecordingEmr implements EmrRecord {
        final Map<String, String> open = new java.util.concurrent.ConcurrentHashMap<>();
        final List<String> closed = new CopyOnWriteArrayList<>();
        final List<Object[]> documents = new CopyOnWriteArrayList<>();
        RuntimeException refuseOpen;
        RuntimeException refuseClose;

        @Override
        public Encounter open(String mrn, String appointmentId, String attending, String reason) {
            if (refuseOpen != null) {
                throw refuseOpen;
            }
            return new Encounter(mrn, open.computeIfAbsent(appointmentId, k -> "ENC-" + mrn + "-" + open.size()));
        }

        @Override
        public void close(String appointmentId) {
            if (refuseClose != null) {
                throw refuseClose;
            }
            closed.add(appointmentId);
        }

        @Override
        public String attach(String mrn, String encounterId, String title, String contentType, long contentLength,
                InputStream content) {
            byte[] body;
            try {
                body = content.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String id = "DOC-" + (documents.size() + 1);
            documents.add(new Object[] {id, mrn, encounterId, title, contentType, body});
            return id;
        }
    }

    @Before
    public void open() throws Exception {
        db = new TelemedicineDatabase();
        emr = new RecordingEmr();
        db.service.emr = emr;
    }

    @After
    public void close() throws Exception {
        db.close();
    }

    // ------------------------------------------------------------------ the encounter

    @Test
    public void admittingAnaOpensHerTeleconsultationEncounterAndHangingUpClosesIt() throws Exception {
        String id = waitingRoom("APPT-1", "MRN-ANA", ana);
        Consultation inCall = as(drHouse, () -> db.service.admit(id));
        assertEquals("ENC-MRN-ANA-0", inCall.encounterId);
        assertEquals("OPEN", inCall.encounterStatus);
        assertEquals("MRN-ANA", inCall.patientMrn);
        assertNull(inCall.encounterNote);
        Consultation seen = as(drHouse, () -> db.service.get(id));
        assertEquals("the host's view names what the EMR REST needs", "ENC-MRN-ANA-0", seen.encounterId);
        assertEquals("MRN-ANA", seen.patientMrn);
        assertTrue(db.audit.of("ADMIT").get(0).detail().contains("EMR encounter ENC-MRN-ANA-0"));

        expect(409, () -> as(drWilson, () -> db.service.admit(id)));
        assertEquals("a second admission opens nothing new", 1, emr.open.size());

        Consultation ended = as(drHouse, () -> db.service.end(id));
        assertEquals("the appointment's visit is closed", List.of("APPT-1"), emr.closed);
        assertEquals("CLOSED", ended.encounterStatus);
        assertEquals("CLOSED", as(drHouse, () -> db.service.get(id)).encounterStatus);
        expect(409, () -> as(drHouse, () -> db.service.end(id)));
        assertEquals("ending twice closes once", 1, emr.closed.size());
    }

    @Test
    public void withoutTheEmrTheCallGoesOnAndTheViewSaysWhyThereIsNoEncounter() throws Exception {
        db.service.emr = null;
        String id = waitingRoom("APPT-1", "MRN-ANA", ana);
        Consultation inCall = as(drHouse, () -> db.service.admit(id));
        assertEquals("IN_CALL", inCall.state);
        assertNull(inCall.encounterId);
        assertNull(inCall.encounterStatus);
        assertEquals(ConsultationService.NO_EMR, inCall.encounterNote);
        expect(503, () -> as(ana, () -> db.service.shareAsPatient(id, true, "Rash", "image/png", PNG.length,
                new ByteArrayInputStream(PNG))));
        assertEquals("ENDED", as(drHouse, () -> db.service.end(id)).state);
    }

    @Test
    public void anEmrThatRefusesLeavesItsReasonOnTheConsultationNotInTheWay() throws Exception {
        emr.refuseOpen = new IllegalArgumentException("unknown MRN MRN-ANA");
        String id = waitingRoom("APPT-1", "MRN-ANA", ana);
        Consultation inCall = as(drHouse, () -> db.service.admit(id));
        assertEquals("IN_CALL", inCall.state);
        assertNull(inCall.encounterId);
        assertEquals("the EMR refused the encounter: unknown MRN MRN-ANA", inCall.encounterNote);

        emr.refuseOpen = null;
        String other = waitingRoom("APPT-2", "MRN-BOB", bob);
        as(drHouse, () -> db.service.admit(other));
        emr.refuseClose = new IllegalStateException("database unavailable");
        Consultation ended = as(drHouse, () -> db.service.end(other));
        assertEquals("ENDED", ended.state);
        assertEquals("OPEN", ended.encounterStatus);
        assertEquals("encounter left open, closing it is retried: database unavailable", as(drHouse,
                () -> db.service.get(other)).encounterNote);
    }

    @Test
    public void anEncounterLeftOpenByAnEmrOutageClosesOnALaterRunAndIsAuditedOnce() throws Exception {
        // Dr House hangs up at 09:00 while the EMR's database is down: the call ends, the encounter stays owed.
        String id = inCall("APPT-1", "MRN-ANA", ana);
        emr.refuseClose = new IllegalStateException("database unavailable");
        Consultation ended = as(drHouse, () -> db.service.end(id));
        assertEquals("ENDED", ended.state);
        assertEquals("OPEN", ended.encounterStatus);
        assertEquals(List.of(), emr.closed);
        assertEquals("not due again before its back-off", 0, db.service.closeDueEncounters());

        // 09:00:30, still down: tried, failed, backed off to a minute.
        db.clock.ms.addAndGet(ConsultationService.CLOSE_RETRY_MS);
        assertEquals(0, db.service.closeDueEncounters());
        db.clock.ms.addAndGet(ConsultationService.CLOSE_RETRY_MS);
        assertEquals("backed off: 60 s after the second failure", 0, db.service.closeDueEncounters());
        assertEquals("OPEN", as(drHouse, () -> db.service.get(id)).encounterStatus);

        // The EMR is back; the next due run closes the encounter, once, with one audit record.
        emr.refuseClose = null;
        db.clock.ms.addAndGet(2 * ConsultationService.CLOSE_RETRY_MS);
        assertEquals(1, db.service.closeDueEncounters());
        assertEquals(List.of("APPT-1"), emr.closed);
        Consultation seen = as(drHouse, () -> db.service.get(id));
        assertEquals("CLOSED", seen.encounterStatus);
        assertNull(seen.encounterNote);
        db.clock.ms.addAndGet(ConsultationService.CLOSE_RETRY_MAX_MS);
        assertEquals("nothing owed any more", 0, db.service.closeDueEncounters());
        assertEquals(List.of("APPT-1"), emr.closed);
        List<AuditEvent> closes = db.audit.of("CLOSE");
        assertEquals(1, closes.size());
        assertEquals(ConsultationService.ENCOUNTER, closes.get(0).resourceType());
        assertEquals("MRN-ANA", closes.get(0).patientId());
        assertEquals("EMR encounter ENC-MRN-ANA-0 closed after 2 failed attempts", closes.get(0).detail());
    }

    @Test
    public void aCloseTheEmrRefusesIsNotRetriedAndIsAuditedAsFailedOnce() throws Exception {
        // Ana's record was erased while the call went on: her visit is unknown to the EMR when Dr House hangs up.
        String id = inCall("APPT-1", "MRN-ANA", ana);
        emr.refuseClose = new IllegalArgumentException("unknown visit number APPT-1 (pavilion-scheduling)");
        Consultation ended = as(drHouse, () -> db.service.end(id));
        assertEquals("ENDED", ended.state);
        assertEquals("OPEN", ended.encounterStatus);
        assertEquals(ConsultationService.CLOSE_REFUSED + "unknown visit number APPT-1 (pavilion-scheduling)",
                ended.encounterNote);

        // Nothing is owed: the worker never asks again, even once the EMR would say yes.
        emr.refuseClose = null;
        db.clock.ms.addAndGet(ConsultationService.CLOSE_RETRY_MAX_MS);
        assertEquals(0, db.service.closeDueEncounters());
        assertEquals(List.of(), emr.closed);
        List<AuditEvent> closes = db.audit.of("CLOSE");
        assertEquals(1, closes.size());
        assertEquals(AuditOutcome.FAILED, closes.get(0).outcome());
        assertEquals("MRN-ANA", closes.get(0).patientId());
    }

    @Test
    public void anEncounterWhoseEmrWasUninstalledAtHangUpClosesWhenTheEmrIsBack() throws Exception {
        String id = inCall("APPT-1", "MRN-ANA", ana);
        db.service.emr = null;
        Consultation ended = as(drHouse, () -> db.service.end(id));
        assertEquals("OPEN", ended.encounterStatus);
        assertEquals("encounter left open, closing it is retried: " + ConsultationService.NO_EMR, ended.encounterNote);

        db.service.emr = emr;
        db.clock.ms.addAndGet(ConsultationService.CLOSE_RETRY_MS);
        assertEquals(1, db.service.closeDueEncounters());
        assertEquals("CLOSED", as(drHouse, () -> db.service.get(id)).encounterStatus);
        assertEquals(List.of("APPT-1"), emr.closed);
    }

    @Test
    public void hangingUpWithTheEmrUpClosesAtOnceAndLeavesNothingForTheWorker() throws Exception {
        String id = inCall("APPT-1", "MRN-ANA", ana);
        assertEquals("CLOSED", as(drHouse, () -> db.service.end(id)).encounterStatus);
        db.clock.ms.addAndGet(ConsultationService.CLOSE_RETRY_MAX_MS);
        assertEquals(0, db.service.closeDueEncounters());
        assertEquals("the EMR is asked once", List.of("APPT-1"), emr.closed);
        assertEquals(1, db.audit.of("CLOSE").size());
        // A call without an encounter (the EMR refused it at admission) owes nothing.
        emr.refuseOpen = new IllegalArgumentException("unknown MRN MRN-BOB");
        String other = inCall("APPT-2", "MRN-BOB", bob);
        as(drHouse, () -> db.service.end(other));
        db.clock.ms.addAndGet(ConsultationService.CLOSE_RETRY_MAX_MS);
        assertEquals(0, db.service.closeDueEncounters());
        assertEquals(1, db.audit.of("CLOSE").size());
    }

    // ------------------------------------------------------------------ files shared in the call

    @Test
    public void anaSharesAPhotoWithHerConsentAndItLandsInHerRecordUnderTheEncounter() throws Exception {
        String id = inCall("APPT-1", "MRN-ANA", ana);
        expect(400, () -> as(ana, () -> db.service.shareAsPatient(id, false, "Rash", "image/png", PNG.length,
                new ByteArrayInputStream(PNG))));
        assertTrue("nothing stored without consent", emr.documents.isEmpty());
        assertEquals(AuditOutcome.FAILED, db.audit.of("SHARE").get(0).outcome());

        SharedFile shared = as(ana, () -> db.service.shareAsPatient(id, true, "Rash since Sunday",
                "image/PNG; charset=binary", PNG.length, new ByteArrayInputStream(PNG)));
        assertEquals("DOC-1", shared.documentId);
        assertEquals("ENC-MRN-ANA-0", shared.encounterId);
        assertEquals("PATIENT", shared.sharedBy);
        assertEquals(PNG.length, shared.sizeBytes);
        Object[] stored = emr.documents.get(0);
        assertEquals("MRN-ANA", stored[1]);
        assertEquals("ENC-MRN-ANA-0", stored[2]);
        assertEquals("Rash since Sunday", stored[3]);
        assertEquals("image/png", stored[4]);
        assertArrayEquals(PNG, (byte[]) stored[5]);

        AuditEvent audited = db.audit.of("SHARE").get(1);
        assertEquals(AuditOutcome.SUCCESS, audited.outcome());
        assertEquals("MRN-ANA", audited.patientId());
        assertEquals("PATIENT shared EMR document DOC-1 (image/png, " + PNG.length + " bytes)", audited.detail());
        assertTrue("who shared what, never the content", db.audit.events.stream()
                .noneMatch(e -> String.valueOf(e.detail()).contains("rash on the forearm")));

        SharedFile letter = as(drHouse, () -> db.service.shareAsHost(id, null, "application/pdf", -1,
                new ByteArrayInputStream("%PDF-1.7 sick note".getBytes(StandardCharsets.US_ASCII))));
        assertEquals("HOST", letter.sharedBy);
        assertEquals(ConsultationService.DEFAULT_FILE_TITLE, letter.title);
    }

    @Test
    public void filesAreRefusedBeforeAnythingIsStored() throws Exception {
        String id = inCall("APPT-1", "MRN-ANA", ana);
        long cap = TelemedicineSettings.defaults().maxFileBytes();
        expect(415, () -> as(ana, () -> db.service.shareAsPatient(id, true, "Setup", "application/x-msdownload", 10,
                new ByteArrayInputStream(new byte[10]))));
        expect(415, () -> as(ana, () -> db.service.shareAsPatient(id, true, "No type", null, 10,
                new ByteArrayInputStream(new byte[10]))));
        expect(413, () -> as(ana, () -> db.service.shareAsPatient(id, true, "Scan", "application/pdf", cap + 1,
                new ByteArrayInputStream(new byte[1]))));
        // Chunked, no length declared: counted as it streams.
        expect(413, () -> as(ana, () -> db.service.shareAsPatient(id, true, "Scan", "application/pdf", -1,
                new ByteArrayInputStream(new byte[(int) cap + 1]))));
        assertTrue(emr.documents.isEmpty());
        assertEquals(4, db.audit.of("SHARE").stream().filter(e -> e.outcome() == AuditOutcome.FAILED).count());

        expect(403, () -> as(bob, () -> db.service.shareAsPatient(id, true, "Not mine", "image/png", PNG.length,
                new ByteArrayInputStream(PNG))));
        expect(403, () -> as(drWilson, () -> db.service.shareAsHost(id, "Not my call", "image/png", PNG.length,
                new ByteArrayInputStream(PNG))));
        as(drHouse, () -> db.service.end(id));
        expect(409, () -> as(ana, () -> db.service.shareAsPatient(id, true, "Too late", "image/png", PNG.length,
                new ByteArrayInputStream(PNG))));
        assertTrue(emr.documents.isEmpty());
    }

    // ------------------------------------------------------------------ privacy

    @Test
    public void aMergeRepointsTheRoomsAndErasureRemovesThemWithTheirGuestLinks() throws Exception {
        TelemedicinePrivacy privacy = new TelemedicinePrivacy(db.emf, db.rooms);
        String anas = inCall("APPT-1", "MRN-ANA", ana);
        GuestLinkRequest interpreter = new GuestLinkRequest();
        interpreter.guestLabel = "Interpreter (Portuguese)";
        String token = as(drHouse, () -> db.service.createGuestLink(anas, interpreter)).token;
        db.service.redeem(token, "192.0.2.10");
        String duplicate = waitingRoom("APPT-2", "MRN-ANA-DUP", TestAccounts.patientAccount("ana2", "MRN-ANA-DUP",
                MyConsultationResource.JOIN));

        assertEquals(1L, privacy.merge("MRN-ANA", "MRN-ANA-DUP").items().get(0).count().longValue());
        assertEquals(0L, privacy.merge("MRN-ANA", "MRN-ANA-DUP").items().get(0).count().longValue());
        assertEquals("the survivor now has both", 2, as(ana, () -> db.service.mine()).size());
        assertEquals("MRN-ANA", as(drHouse, () -> db.service.get(duplicate)).patientMrn);

        org.pavilion.core.api.privacy.PrivacySubject subject = new org.pavilion.core.api.privacy.PrivacySubject(
                List.of("MRN-ANA", "MRN-ANA-DUP"), List.of(), List.of(), List.of("1980-02-03"), null,
                java.time.Instant.parse("2026-12-07T12:00:00Z"));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        privacy.export(subject, out);
        com.fasterxml.jackson.databind.JsonNode export = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(out.toByteArray());
        assertEquals(2, export.path("consultations").size());
        com.fasterxml.jackson.databind.JsonNode call = export.path("consultations").get(0);
        if (!anas.equals(call.path("id").asText())) {
            call = export.path("consultations").get(1);
        }
        assertEquals("IN_CALL", call.path("state").asText());
        assertEquals(List.of("PATIENT", "HOST", "GUEST"), List.of(call.path("participants").get(0).path("role")
                .asText(), call.path("participants").get(1).path("role").asText(), call.path("participants").get(2)
                .path("role").asText()));
        String text = out.toString(StandardCharsets.UTF_8);
        assertFalse("no tokens or their hashes", text.contains(token) || text.contains(Tokens.hash(token)));
        assertFalse("no addresses", text.contains("192.0.2.10"));

        var erased = privacy.erase(subject);
        assertEquals(1L, erased.items().get(0).count().longValue());
        assertEquals(2L, erased.items().get(1).count().longValue());
        expect(404, () -> as(drHouse, () -> db.service.get(anas)));
        assertEquals("a repeated erasure finds nothing left", 0L,
                privacy.erase(subject).items().get(1).count().longValue());
        out.reset();
        privacy.export(subject, out);
        assertEquals("{\"consultations\":[]}", out.toString(StandardCharsets.UTF_8));
    }

    // ------------------------------------------------------------------ helpers

    private String waitingRoom(String appointmentId, String mrn, Caller patient) throws Exception {
        assertTrue(db.service.onAppointmentEvent(UUID.randomUUID().toString(), "AppointmentBooked",
                json(booking(appointmentId, mrn, "VIDEO", "2026-12-07T09:30:00Z"))));
        String id = db.service.list(null, 0, 100).getItems().stream()
                .filter(c -> c.appointmentId.equals(appointmentId)).findFirst().orElseThrow().id;
        as(patient, () -> db.service.arrive(id));
        return id;
    }

    private String inCall(String appointmentId, String mrn, Caller patient) throws Exception {
        String id = waitingRoom(appointmentId, mrn, patient);
        as(drHouse, () -> db.service.admit(id));
        return id;
    }

    private static byte[] bytes(byte[] head, String rest) {
        byte[] tail = rest.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[head.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }
}
