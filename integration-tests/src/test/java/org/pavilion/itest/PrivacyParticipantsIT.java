package org.pavilion.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.Test;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.ServiceRegistration;
import org.pavilion.core.api.privacy.ParticipantOutcome;
import org.pavilion.core.api.privacy.PrivacyParticipant;
import org.pavilion.core.api.privacy.PrivacySubject;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.emr.api.PatientDetails;
import org.pavilion.emr.api.PatientLookup;
import org.pavilion.testsupport.Await;
import org.pavilion.testsupport.HapiMllp;
import org.pavilion.testsupport.Http;

/**
 * A merge and an erasure reach every department, in the real container. Ingrid Halvorsen is registered twice by the
 * admissions system over HL7 (A04, HAPI's MLLP client), the second time with her birth date mistyped; her daughter
 * visits her under both records; a subscriber gave up on one of her events (parked). The clerk merges the records:
 * the visitor log and the ward board re-point their rows, the hub and the event store say they have nothing to re-point. The ward's
 * code reads her through PatientLookup (audited with its purpose). She asks for her data (the export carries the
 * departments' sections) and then for erasure: her stored HL7 messages no longer hold her name or birth date, the
 * visits and board lines are gone, the parked payload is redacted, and the report lists each department's outcome. A lab installed
 * meanwhile fails its first erasure: reported FAILED, the EMR keeps her identifiers until a second run completes it.
 */
public class PrivacyParticipantsIT extends PavilionTestSupport {

    @Override
    protected Option[] extraOptions() {
        int port;
        try {
            port = freePort();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return new Option[] {
            editConfigurationFilePut("etc/org.pavilion.hl7.listener-default.cfg", "port", String.valueOf(port)),
            systemProperty(Hl7InboundIT.PORT_PROPERTY).value(String.valueOf(port))};
    }

    @Test
    public void aMergeAndAnErasureReachTheVisitorLogTheWardBoardTheHubAndTheEventStore() throws Exception {
        Http admin = Hl7InboundIT.admin();
        int port = Integer.parseInt(System.getProperty(Hl7InboundIT.PORT_PROPERTY));
        try (HapiMllp adt = new HapiMllp("localhost", port)) {
            for (String[] m : List.of(new String[] {"PRIV-0001", "PRIV-1001", "19580704"},
                    new String[] {"PRIV-0002", "PRIV-1002", "19580407"})) {
                String text = Hl7InboundIT.a04("2.5.1", m[0], Hl7InboundIT.pid(m[1], "Halvorsen", "Ingrid", m[2], "F"));
                String ack = Await.value("the HL7 listener answers", BOOT_BOUND, () -> adt.send(text));
                assertEquals(ack, "AA", Hl7InboundIT.msa1(ack));
            }
        }
        PatientLookup lookup = awaitService(PatientLookup.class, null, BOOT_BOUND);
        Caller ward = Caller.inContainer("itest:ward-3b", Set.of(), "local");
        String survivor = CallerContext.runAs(ward, () -> lookup.byIdentifier("HOSP", "PRIV-1001",
                "visitor badge printing")).orElseThrow().mrn();
        String duplicate = CallerContext.runAs(ward, () -> lookup.byIdentifier("HOSP", "PRIV-1002",
                "visitor badge printing")).orElseThrow().mrn();
        assertFalse(survivor.equals(duplicate));

        WardBoard.awaitListening(admin, admin, WardBoard.DELIVERY_BOUND); // the board hears only later check-ins
        Http.Response visit = admin.post("/api/v1/example/visits", visitor("PRIV-B1", "Sigrid Halvorsen", duplicate));
        assertEquals(visit.toString(), 201, visit.status);
        assertEquals(201, admin.post("/api/v1/example/visits", visitor("PRIV-B2", "Sigrid Halvorsen", survivor)).status);
        String other = "P-PRIV-OTHER";
        assertEquals(201, admin.post("/api/v1/example/visits", visitor("PRIV-B3", "Tor Berg", other)).status);
        for (String badge : List.of("PRIV-B1", "PRIV-B2", "PRIV-B3")) {
            WardBoard.awaitEntry(admin, badge);
        }
        String parkedEvent = parkTheDuplicatesRegistration(duplicate);

        // The clerk merges the two records.
        Http.Response merged = admin.post("/api/v1/emr/patients/" + survivor + "/merge", Http.json().createObjectNode()
                .put("duplicateMrn", duplicate).put("reason", "Same person, birth date mistyped by admissions"));
        assertEquals(merged.toString(), 200, merged.status);
        JsonNode example = participant(merged.json().path("participants"), "example");
        assertEquals(merged.json().toString(), "DONE", example.path("status").asText());
        assertEquals(1, example.path("repointed").get(0).path("count").asLong());
        assertEquals("DONE", participant(merged.json().path("participants"), "hl7-hub").path("status").asText());
        assertTrue(participant(merged.json().path("participants"), "hl7-hub").path("kept").toString()
                .contains("nothing to re-point"));
        assertEquals(2, visitsOf(admin, survivor));
        // The visitor log asks PatientAccess, which follows the merge: the duplicate's MRN lists the survivor's visits.
        assertEquals(2, visitsOf(admin, duplicate));
        JsonNode board = participant(merged.json().path("participants"), "example-ward-board");
        assertEquals(board.toString(), "DONE", board.path("status").asText());
        assertEquals(1, board.path("repointed").get(0).path("count").asLong());

        // The ward's code reads her through the duplicate's MRN: the survivor answers, the read is audited.
        PatientDetails read = CallerContext.runAs(ward, () -> lookup.byMrn(duplicate, "visitor badge printing"))
                .orElseThrow();
        assertEquals(survivor, read.mrn());
        assertEquals(duplicate, read.requestedMrn());
        assertEquals("Halvorsen", read.familyName());
        assertEquals(List.of(new PatientDetails.Identifier("HOSP", "PRIV-1001"),
                new PatientDetails.Identifier("HOSP", "PRIV-1002")), read.identifiers());
        JsonNode audit = admin.get("/api/v1/platform/audit?action=READ&patientId=" + survivor + "&size=100").json();
        assertTrue(audit.toString(), audit.toString().contains("purpose: visitor badge printing")
                && audit.toString().contains("itest:ward-3b"));

        // Right of access: the export carries the visitor log's and the hub's sections next to the EMR's.
        JsonNode export = exportOf(admin, survivor);
        JsonNode departments = export.path("departments");
        assertEquals(export.toString(), 2, departments.path("example").path("data").path("visits").size());
        assertEquals(2, departments.path("hl7-hub").path("data").path("inboundMessages").size());
        assertEquals(2, departments.path("example-ward-board").path("data").path("boardLines").size());
        assertTrue(departments.path("events").path("data").path("events").size() >= 2);

        // A lab department installed meanwhile, whose database is unreachable at the first attempt.
        AtomicInteger labErasures = new AtomicInteger();
        ServiceRegistration<PrivacyParticipant> lab = bundleContext.registerService(PrivacyParticipant.class,
                new FlakyLab(labErasures), null);
        try {
            erasureReachesEveryDepartment(admin, survivor, other, parkedEvent, labErasures);
        } finally {
            lab.unregister();
        }
    }

    private void erasureReachesEveryDepartment(Http admin, String survivor, String other, String parkedEvent,
            AtomicInteger labErasures) throws Exception {
        // Right to erasure, in one run.
        Http.Response erased = admin.post("/api/v1/emr/privacy/" + survivor + "/erasure",
                Http.json().createObjectNode().put("reason", "GDPR request 2026-311"));
        assertEquals(erased.toString(), 200, erased.status);
        JsonNode report = erased.json();
        assertEquals("FULL", report.path("scope").asText());
        JsonNode failedLab = participant(report.path("participants"), "itest-lab");
        assertEquals("FAILED", failedLab.path("status").asText());
        assertTrue(failedLab.toString(), failedLab.path("error").asText().contains("lab database unreachable"));
        JsonNode keptIds = item(report.path("kept"), "PatientIdentifier");
        assertEquals(2, keptIds.path("count").asLong());
        assertTrue(keptIds.toString(), keptIds.path("why").asText().contains("run again"));
        JsonNode reportedExample = participant(report.path("participants"), "example");
        assertEquals(report.toString(), "DONE", reportedExample.path("status").asText());
        assertEquals(2, reportedExample.path("removed").get(0).path("count").asLong());
        JsonNode hub = participant(report.path("participants"), "hl7-hub");
        assertEquals("DONE", hub.path("status").asText());
        assertEquals(2, hub.path("anonymised").get(0).path("count").asLong());
        JsonNode events = participant(report.path("participants"), "events");
        assertEquals("DONE", events.path("status").asText());
        assertEquals(1, events.path("anonymised").get(1).path("count").asLong()); // the parked one

        for (String controlId : List.of("PRIV-0001", "PRIV-0002")) {
            String raw = one("SELECT raw_text FROM hl7_message WHERE control_id = ?", controlId);
            assertTrue(raw, raw.startsWith("MSH|"));
            assertFalse(raw, raw.contains("Halvorsen") || raw.contains("Ingrid") || raw.contains("19580704")
                    || raw.contains("19580407") || raw.contains("PRIV-100"));
            assertEquals("PROCESSED", one("SELECT status FROM hl7_message WHERE control_id = ?", controlId));
        }
        assertEquals(0, visitsOf(admin, survivor));
        assertEquals(1, visitsOf(admin, other));
        JsonNode board = participant(report.path("participants"), "example-ward-board");
        assertEquals(board.toString(), "DONE", board.path("status").asText());
        assertEquals(2, board.path("removed").get(0).path("count").asLong());
        assertEquals(0, WardBoard.entries(admin, "PRIV-B1") + WardBoard.entries(admin, "PRIV-B2"));
        assertEquals(1, WardBoard.entries(admin, "PRIV-B3"));
        String payload = one("SELECT payload FROM events_outbox WHERE id = ?", parkedEvent);
        assertTrue(payload, Http.json().readTree(payload).path("redacted").asBoolean());
        assertFalse(payload, payload.contains("Halvorsen"));
        assertEquals("PARKED", one("SELECT status FROM events_delivery WHERE event_id = ? AND subscriber = ?",
                parkedEvent, "itest-billing"));

        // Running it again completes it: the lab does its part, the others find nothing left, and now that every
        // department is done the EMR removes the identifiers they needed to find her.
        JsonNode again = admin.post("/api/v1/emr/privacy/" + survivor + "/erasure",
                Http.json().createObjectNode().put("reason", "GDPR request 2026-311, repeated")).json();
        assertEquals(again.toString(), "DONE", participant(again.path("participants"), "itest-lab").path("status")
                .asText());
        assertEquals(2, labErasures.get());
        assertEquals(0, participant(again.path("participants"), "example").path("removed").get(0).path("count")
                .asLong());
        assertEquals(0, participant(again.path("participants"), "hl7-hub").path("anonymised").get(0).path("count")
                .asLong());
        assertEquals(2, item(again.path("removed"), "PatientIdentifier").path("count").asLong());
        assertEquals(null, one("SELECT mrn FROM emr_patient_identifier WHERE id_value = ?", "PRIV-1001"));
    }

    /**
     * Reception merges Ole Dahl's two records while the pharmacy's database is unreachable: the merge answers the
     * pharmacy FAILED. The administrator sees it in the merge's follow-up and re-runs it alone; the visitor log is
     * not asked again. Billing, installed in the afternoon, is run the same way; the receptionist may not.
     */
    @Test
    public void aMergeAFailedDepartmentMissedIsCompletedForThatDepartmentAlone() throws Exception {
        Http admin = Hl7InboundIT.admin();
        String survivor = registerPatient(admin, "Ole", "Dahl", "1949-11-02");
        String duplicate = registerPatient(admin, "Olé", "Dahll", "1949-11-20");
        assertEquals(201, admin.post("/api/v1/example/visits", visitor("RERUN-B1", "Kari Dahl", duplicate)).status);
        Department pharmacy = new Department("itest-pharmacy", 1);
        pharmacy.rows.put(duplicate, 3);
        Department billing = new Department("itest-billing", 0);
        billing.rows.put(duplicate, 1);
        ServiceRegistration<PrivacyParticipant> pharmacyReg = bundleContext.registerService(PrivacyParticipant.class,
                pharmacy, null);
        ServiceRegistration<PrivacyParticipant> billingReg = null;
        try {
            Http.Response merged = admin.post("/api/v1/emr/patients/" + survivor + "/merge", Http.json()
                    .createObjectNode().put("duplicateMrn", duplicate).put("reason", "Same man, name mistyped"));
            assertEquals(merged.toString(), 200, merged.status);
            assertEquals("FAILED", participant(merged.json().path("participants"), "itest-pharmacy").path("status")
                    .asText());
            String followUp = "/api/v1/emr/merges/" + duplicate + "/participants";
            JsonNode before = admin.get(followUp).json();
            assertEquals(before.toString(), survivor, before.path("survivorMrn").asText());
            JsonNode failed = participant(before.path("participants"), "itest-pharmacy");
            assertEquals("FAILED", failed.path("status").asText());
            assertTrue(failed.toString(), failed.path("error").asText().contains("itest-pharmacy database unreachable"));
            assertEquals("DONE", participant(before.path("participants"), "example").path("status").asText());

            Http.Response retried = admin.post(followUp + "/retry", Http.json().createObjectNode());
            assertEquals(retried.toString(), 200, retried.status);
            JsonNode ran = retried.json().path("ran");
            assertEquals(ran.toString(), 1, ran.size());
            assertEquals("DONE", participant(ran, "itest-pharmacy").path("status").asText());
            assertEquals(Map.of(survivor, 3), pharmacy.rows);
            JsonNode pharmacyNow = participant(retried.json().path("participants"), "itest-pharmacy");
            assertEquals("DONE", pharmacyNow.path("status").asText());
            assertEquals(2, pharmacyNow.path("attempts").asInt());
            assertEquals(1, participant(retried.json().path("participants"), "example").path("attempts").asInt());
            assertEquals(1, visitsOf(admin, survivor));

            // Billing, installed after the merge, never ran it: run it by name.
            billingReg = bundleContext.registerService(PrivacyParticipant.class, billing, null);
            assertEquals("NOT_RUN", participant(admin.get(followUp).json().path("participants"), "itest-billing")
                    .path("status").asText());
            Http desk = receptionist(admin, "rerun.desk");
            assertEquals(403, desk.post(followUp + "/itest-billing/retry", Http.json().createObjectNode()).status);
            Http.Response billed = admin.post(followUp + "/itest-billing/retry", Http.json().createObjectNode());
            assertEquals(billed.toString(), "DONE", participant(billed.json().path("participants"), "itest-billing")
                    .path("status").asText());
            assertEquals(Map.of(survivor, 1), billing.rows);
            assertEquals(409, admin.post(followUp.replace(duplicate, survivor) + "/retry",
                    Http.json().createObjectNode()).status); // the survivor is no merged duplicate
            JsonNode audit = admin.get("/api/v1/platform/audit?action=MERGE_RETRY&patientId=" + survivor
                    + "&size=100").json();
            assertTrue(audit.toString(), audit.toString().contains("itest-pharmacy DONE")
                    && audit.toString().contains("itest-billing DONE"));
        } finally {
            pharmacyReg.unregister();
            if (billingReg != null) {
                billingReg.unregister();
            }
        }
    }

    private static String registerPatient(Http clerk, String given, String family, String birthDate) throws Exception {
        Http.Response r = clerk.post("/api/v1/emr/patients?confirmDuplicate=true", Http.json().createObjectNode()
                .put("givenName", given).put("familyName", family).put("sex", "MALE").put("birthDate", birthDate));
        assertEquals(r.toString(), 201, r.status);
        return r.json().path("mrn").asText();
    }

    private static Http receptionist(Http admin, String username) throws Exception {
        ObjectNode user = Http.json().createObjectNode().put("username", username)
                .put("password", username + "-password-1");
        user.putArray("roles").add("RECEPTIONIST");
        Http.Response r = admin.post("/api/v1/platform/users", user);
        assertEquals(r.toString(), 201, r.status);
        return Http.login(baseUrl(), username, username + "-password-1");
    }

    /** A department keeping rows per MRN that fails its first {@code failures} merges; re-pointing twice is a no-op. */
    private static final class Department implements PrivacyParticipant {
        final String name;
        final Map<String, Integer> rows = new ConcurrentHashMap<>();
        final AtomicInteger failuresLeft;

        Department(String name, int failures) {
            this.name = name;
            this.failuresLeft = new AtomicInteger(failures);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String title() {
            return name + " (integration test)";
        }

        @Override
        public ParticipantOutcome merge(String survivorMrn, String duplicateMrn) {
            if (failuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException(name + " database unreachable");
            }
            Integer moved = rows.remove(duplicateMrn);
            if (moved != null) {
                rows.merge(survivorMrn, moved, Integer::sum);
            }
            return ParticipantOutcome.builder().repointed("rows", moved == null ? 0 : moved, "to " + survivorMrn)
                    .build();
        }

        @Override
        public void export(PrivacySubject subject, OutputStream json) throws IOException {
            json.write("{}".getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public ParticipantOutcome erase(PrivacySubject subject) {
            return ParticipantOutcome.builder().removed("rows", 0, "none held").build();
        }
    }

    private static JsonNode item(JsonNode items, String what) {
        for (JsonNode i : items) {
            if (what.equals(i.path("what").asText())) {
                return i;
            }
        }
        throw new AssertionError("no item " + what + " in " + items);
    }

    /** A department that fails its first erasure (its database unreachable) and succeeds when run again. */
    private static final class FlakyLab implements PrivacyParticipant {
        private final AtomicInteger erasures;

        FlakyLab(AtomicInteger erasures) {
            this.erasures = erasures;
        }

        @Override
        public String name() {
            return "itest-lab";
        }

        @Override
        public String title() {
            return "Laboratory (integration test)";
        }

        @Override
        public ParticipantOutcome merge(String survivorMrn, String duplicateMrn) {
            return ParticipantOutcome.builder().repointed("lab orders", 0, "none held").build();
        }

        @Override
        public void export(PrivacySubject subject, OutputStream json) throws IOException {
            json.write("{}".getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public ParticipantOutcome erase(PrivacySubject subject) {
            if (erasures.incrementAndGet() == 1) {
                throw new IllegalStateException("lab database unreachable");
            }
            return ParticipantOutcome.builder().removed("lab orders", 0, "none held for " + subject.mrns()).build();
        }
    }

    private static ObjectNode visitor(String badge, String name, String patient) {
        return Http.json().createObjectNode().put("badge", badge).put("visitorName", name).put("patientId", patient)
                .put("ward", "WARD-3B");
    }

    private static long visitsOf(Http who, String patient) throws Exception {
        Http.Response r = who.get("/api/v1/example/visits?patientId=" + patient);
        assertEquals(r.toString(), 200, r.status);
        return r.json().path("total").asLong();
    }

    private static JsonNode participant(JsonNode participants, String name) {
        List<String> names = new ArrayList<>();
        for (JsonNode p : participants) {
            if (name.equals(p.path("name").asText())) {
                return p;
            }
            names.add(p.path("name").asText());
        }
        throw new AssertionError("no participant " + name + " among " + names);
    }

    /** A billing subscriber that gave up on the duplicate's PatientRegistered: its delivery is parked. */
    private String parkTheDuplicatesRegistration(String duplicate) throws Exception {
        String eventId = Await.value("the duplicate's PatientRegistered in the outbox", BOOT_BOUND, () -> {
            String id = one("SELECT id FROM events_outbox WHERE event_type = 'PatientRegistered' AND payload LIKE ?",
                    "%\"" + duplicate + "\"%");
            if (id == null) {
                throw new AssertionError("not yet");
            }
            return id;
        });
        try (Connection c = dataSource().getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO events_delivery (id, event_id, subscriber, status, attempts, next_attempt_ms, last_error,"
                        + " created_ms, updated_ms) VALUES (?, ?, 'itest-billing', 'PARKED', 5, 0, 'billing down', ?, ?)")) {
            s.setString(1, UUID.randomUUID().toString());
            s.setString(2, eventId);
            s.setLong(3, System.currentTimeMillis());
            s.setLong(4, System.currentTimeMillis());
            s.executeUpdate();
        }
        return eventId;
    }

    private DataSource dataSource() throws InterruptedException {
        return awaitService(DataSource.class, "(osgi.jndi.service.name=pavilion)", BOOT_BOUND);
    }

    private String one(String sql, String... args) throws Exception {
        try (Connection c = dataSource().getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setString(i + 1, args[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private static JsonNode exportOf(Http who, String mrn) throws Exception {
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(baseUrl() + "/api/v1/emr/privacy/" + mrn + "/export"))
                .header("Authorization", "Bearer " + who.token())
                // An administrator exporting another person's record gives a reason (docs/security-glass.md).
                .header("Pavilion-Break-Glass-Reason", "GDPR access request, ticket 4711").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(new String(r.body(), StandardCharsets.UTF_8), 200, r.statusCode());
        try (java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(
                new java.io.ByteArrayInputStream(r.body()))) {
            assertEquals("patient.json", zip.getNextEntry().getName());
            return Http.json().readTree(zip.readAllBytes());
        }
    }
}
