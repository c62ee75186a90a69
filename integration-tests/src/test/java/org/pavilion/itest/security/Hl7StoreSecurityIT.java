package org.pavilion.itest.security;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.Assume;
import org.junit.Test;
import org.pavilion.testsupport.Await;
import org.pavilion.testsupport.HapiMllp;
import org.pavilion.testsupport.Http;
import org.pavilion.itest.PavilionTestSupport;

/**
 * Issue #20, HL7 store: a control id reused with different content is answered AE and parked, never taken for a
 * duplicate; editing and replaying need hl7.message.replay, which the INTEGRATION role does not hold; reads of raw
 * messages are audited with their patient; edits and replays leave their audit records.
 */
public class Hl7StoreSecurityIT extends PavilionTestSupport {

    /** Sends one message in an MLLP frame (the listener awaited, bounded) and returns the ACK as sent. */
    private static String send(String text) throws Exception {
        return Await.value("the HL7 listener answers", BOOT_BOUND, () -> sendRaw(text));
    }

    private static String sendRaw(String text) throws Exception {
        return HapiMllp.sendFramed(Integer.parseInt(System.getProperty(HL7_PORT_PROPERTY)),
                text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }

    private static String adt(String trigger, String controlId, String pid3, String family) {
        return "MSH|^~\\&|PUBFEED|SAMPLEHOSP|PAVILION|HOSP|20240501083000||ADT^" + trigger + "|" + controlId
                + "|P|2.5.1\rEVN|" + trigger + "|20240501083000\rPID|1||" + pid3 + "^^^SAMPLEHOSP^MR||" + family
                + "^Ada||19800101|F\r"
                // an A04 without a visit is a registration only; the others carry the visit an A01 requires
                + (trigger.equals("A04") ? "" : "PV1|1|I|W1^101^A" + "|".repeat(16) + "V-" + pid3 + "^^^SAMPLEHOSP\r");
    }

    private static Http admin() throws Exception {
        // Eight builds share two cores: the first method may wait for the boot longer than BOOT_BOUND.
        Await.until("the container boots", BOOT_BOUND.multipliedBy(3), PavilionTestSupport::awaitHealthy);
        Http admin = loginAsAdmin();
        Await.until("HL7 and EMR REST published", BOOT_BOUND, () -> {
            assertEquals(200, admin.get("/api/v1/hl7/messages").status);
            assertEquals(400, admin.get("/api/v1/emr/patients").status);
        });
        return admin;
    }

    private static JsonNode messages(Http reader, String query) throws Exception {
        return ok(reader.get("/api/v1/hl7/messages?" + query));
    }

    private static JsonNode audit(Http admin, String query) throws Exception {
        return ok(admin.get("/api/v1/platform/audit?resourceType=hl7-message&size=200&" + query)).path("items");
    }

    @Test
    public void aControlIdReusedWithDifferentContentIsAnsweredAeParkedAndReplayedOnlyUnderANewControlId()
            throws Exception {
        Http admin = admin();
        String[] triggers = {"A01", "A02", "A05", "A11", "A13", "A31"};
        String first = send(adt("A01", "MSG00001", "SEC7001", "Reuse"));
        assertEquals(first, "AA", msa1(first));
        for (int i = 1; i < triggers.length; i++) {
            String ack = send(adt(triggers[i], "MSG00001", "SEC7001", "Reuse"));
            assertEquals(triggers[i] + ": " + ack, "AE", msa1(ack));
            assertTrue(ack, ack.contains("control id reused with different content"));
        }
        // The genuine redelivery of the first is still a duplicate: the original ACK, nothing stored again.
        assertEquals(first, send(adt("A01", "MSG00001", "SEC7001", "Reuse")));
        assertEquals(6, messages(admin, "sender=PUBFEED%7CSAMPLEHOSP&controlId=MSG00001").path("total").asLong());
        JsonNode parked = messages(admin, "status=PARKED&controlId=MSG00001&size=50").path("items");
        assertEquals(parked.toString(), 5, parked.size());
        String a31 = null;
        for (JsonNode m : parked) {
            assertTrue(m.toString(), m.path("controlIdReused").asBoolean());
            assertEquals("control id reused with different content", m.path("error").asText());
            if (m.path("messageType").asText().equals("ADT^A31")) {
                a31 = m.path("id").asText();
            }
        }
        // Not replayed as is without the integrator's word; a control id the sender used is refused.
        problem(409, admin.post("/api/v1/hl7/messages/" + a31 + "/replay", obj()));
        problem(409, admin.post("/api/v1/hl7/messages/" + a31 + "/replay", obj().put("controlId", "MSG00001")));
        Http.Response replayed = admin.post("/api/v1/hl7/messages/" + a31 + "/replay",
                obj().put("controlId", "MSG00001-A31"));
        JsonNode after = ok(replayed);
        assertEquals(after.toString(), "PROCESSED", after.path("status").asText());
        assertTrue(after.path("rawText").asText().contains("|MSG00001-A31|"));
        assertTrue(after.path("originalText").asText().contains("|MSG00001|"));
        assertEquals(4, messages(admin, "status=PARKED&controlId=MSG00001").path("total").asLong());
    }

    @Test
    public void replayingOrEditingNeedsTheReplayPrivilegeWhichTheIntegrationRoleDoesNotHold() throws Exception {
        Assume.assumeTrue("h2".equals(database()));
        Http admin = admin();
        Http integrator = createUser(admin, "sec.integrator", "INTEGRATION", null);
        String ack = send(adt("A04", "SEC-PRIV-1", "", "Nobody"));
        assertEquals(ack, "AE", msa1(ack));
        String id = messages(integrator, "status=PARKED&controlId=SEC-PRIV-1").path("items").get(0).path("id").asText();
        ok(integrator.get("/api/v1/hl7/messages/" + id)); // reading the monitor stays theirs
        Http.Response edit = integrator.put("/api/v1/hl7/messages/" + id + "/raw", obj().put("rawText",
                adt("A04", "SEC-PRIV-1", "SEC7101", "Nobody")));
        problem(403, edit);
        assertTrue(edit.body, edit.body.contains("hl7.message.replay"));
        problem(403, integrator.post("/api/v1/hl7/messages/" + id + "/replay", obj()));
        assertEquals("PARKED", ok(admin.get("/api/v1/hl7/messages/" + id)).path("status").asText());

        // A role the administrator builds with the privilege may.
        created(admin.post("/api/v1/platform/roles", obj().put("name", "hl7-repair").put("description", "HL7 repair")));
        ok(admin.put("/api/v1/platform/roles/hl7-repair/privileges/hl7.message.view", null));
        ok(admin.put("/api/v1/platform/roles/hl7-repair/privileges/hl7.message.replay", null));
        Http repairer = createUser(admin, "sec.repairer", "hl7-repair", null);
        ok(repairer.put("/api/v1/hl7/messages/" + id + "/raw", obj().put("rawText",
                adt("A04", "SEC-PRIV-1", "SEC7101", "Nobody"))));
        assertEquals("PROCESSED", ok(repairer.post("/api/v1/hl7/messages/" + id + "/replay", obj()))
                .path("status").asText());
    }

    @Test
    public void readingARawMessageIsAuditedWithItsPatient() throws Exception {
        Http admin = admin();
        Http integrator = createUser(admin, "sec.reader", "INTEGRATION", null);
        String ack = send(adt("A04", "SEC-READ-1", "SEC7201", "Audited"));
        assertEquals(ack, "AA", msa1(ack));
        JsonNode row = messages(integrator, "controlId=SEC-READ-1").path("items").get(0);
        assertTrue("a list carries no raw text", row.path("rawText").isMissingNode() || row.path("rawText").isNull());
        String id = row.path("id").asText();
        JsonNode one = ok(integrator.get("/api/v1/hl7/messages/" + id));
        assertTrue(one.path("rawText").asText().contains("SEC7201"));
        String mrn = ok(admin.get("/api/v1/emr/patients?name=" + URLEncoder.encode("Audited", StandardCharsets.UTF_8)))
                .path("items").get(0).path("mrn").asText();
        JsonNode reads = audit(admin, "action=HL7_MESSAGE_READ&actor=sec.reader");
        JsonNode found = null;
        for (JsonNode r : reads) {
            if (id.equals(r.path("resourceId").asText())) {
                found = r;
            }
        }
        assertTrue(reads.toString(), found != null);
        assertEquals(found.toString(), mrn, found.path("patientId").asText());
        assertEquals("SUCCESS", found.path("outcome").asText());
        assertFalse(found.toString(), found.path("clientAddress").asText().isEmpty());
    }

    @Test
    public void anEditAndAReplayLeaveTheirAuditRecordsWithThePatient() throws Exception {
        Http admin = admin();
        String ack = send(adt("A04", "SEC-EDIT-1", "", "Edited"));
        assertEquals(ack, "AE", msa1(ack));
        String id = messages(admin, "status=PARKED&controlId=SEC-EDIT-1").path("items").get(0).path("id").asText();
        ok(admin.put("/api/v1/hl7/messages/" + id + "/raw", obj().put("rawText",
                adt("A04", "SEC-EDIT-1", "SEC7301", "Edited"))));
        ok(admin.post("/api/v1/hl7/messages/" + id + "/replay", obj()));
        JsonNode records = audit(admin, "actor=admin");
        boolean edited = false;
        boolean replayed = false;
        for (JsonNode r : records) {
            if (id.equals(r.path("resourceId").asText())) {
                edited |= r.path("action").asText().equals("UPDATE") && r.path("patientId").asText().equals("SEC7301");
                replayed |= r.path("action").asText().equals("REPLAY") && !r.path("patientId").asText().isEmpty();
            }
        }
        assertTrue(records.toString(), edited && replayed);
    }
}
