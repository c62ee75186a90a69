package org.pavilion.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.Test;
import org.pavilion.testsupport.Await;
import org.pavilion.testsupport.Http;

/**
 * The clinical record through the real HTTP surface: a hospital's day (register → encounter → vitals →
 * ICD-10 diagnosis → prescription → record view → close) over REST and over SOAP, bad input refused with nothing
 * stored, who may see the record (billing and other patients refused and audited), and break-the-glass on a
 * restricted record. Each test uses its own users and patients, so they run in any order in one container.
 */
public class EmrClinicalRecordIT extends PavilionTestSupport {

    private static final String PATIENTS = "/api/v1/emr/patients";
    private static final String RECORDS = "/api/v1/emr/records/";
    private static final String BREAK_GLASS = "Pavilion-Break-Glass-Reason";

    private static Http adminOnceRecordIsUp() throws Exception {
        Http admin = loginAsAdmin();
        Await.until("EMR record REST and SOAP endpoints are published", BOOT_BOUND, () -> {
            assertEquals(400, admin.get("/api/v1/emr/icd10").status);
            assertEquals(200, HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(baseUrl() + "/api/soap/emr/ClinicalRecord?wsdl"))
                    .header("Authorization", "Bearer " + admin.token()).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode());
            assertEquals(400, admin.get(PATIENTS).status);
        });
        return admin;
    }

    private static Http user(Http admin, String username, String role, String patientId) throws Exception {
        ObjectNode user = Http.json().createObjectNode().put("username", username).put("password", username + "-password-1");
        user.putArray("roles").add(role);
        if (patientId != null) {
            user.put("patientId", patientId);
        }
        Http.Response r = admin.post("/api/v1/platform/users", user);
        assertEquals(r.toString(), 201, r.status);
        return Http.login(baseUrl(), username, username + "-password-1");
    }

    private static String register(Http clerk, String given, String family, String birthDate) throws Exception {
        Http.Response r = clerk.post(PATIENTS, Http.json().createObjectNode().put("givenName", given)
                .put("familyName", family).put("sex", "FEMALE").put("birthDate", birthDate));
        assertEquals(r.toString(), 201, r.status);
        return r.json().path("mrn").asText();
    }

    /** GET with the break-the-glass header (Http has no custom headers). */
    private static Http.Response getWithReason(Http who, String path, String reason) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Accept", "application/json").header("Authorization", "Bearer " + who.token())
                .header(BREAK_GLASS, reason).GET().build(), HttpResponse.BodyHandlers.ofString());
        return new Http.Response(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""));
    }

    /** Event rows the EMR wrote to the outbox for this MRN (the relay keeps them after delivery). */
    private long outboxEvents(String type, String mrn) throws Exception {
        DataSource ds = awaitService(DataSource.class, "(osgi.jndi.service.name=pavilion)", BOOT_BOUND);
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT payload FROM events_outbox WHERE event_type = ? AND source = 'org.pavilion.emr'")) {
            s.setString(1, type);
            long n = 0;
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    if (Http.json().readTree(rs.getString(1)).path("mrn").asText().equals(mrn)) {
                        n++;
                    }
                }
            }
            return n;
        }
    }

    private static JsonNode payloadOf(DataSource ds, String type, String mrn) throws Exception {
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT payload FROM events_outbox WHERE event_type = ? AND source = 'org.pavilion.emr'")) {
            s.setString(1, type);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    JsonNode p = Http.json().readTree(rs.getString(1));
                    if (p.path("mrn").asText().equals(mrn)) {
                        return p;
                    }
                }
            }
        }
        throw new AssertionError("no " + type + " for " + mrn);
    }

    /** Types of the EMR's events keyed {@code patient:<mrn>}, in publishing order; fails on one about it keyed otherwise. */
    private static List<String> eventsAbout(DataSource ds, String mrn) throws Exception {
        List<String> types = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT event_type, subject_key, payload FROM events_outbox WHERE source = 'org.pavilion.emr' ORDER BY id")) {
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    boolean keyed = ("patient:" + mrn).equals(rs.getString(2));
                    boolean about = mrn.equals(Http.json().readTree(rs.getString(3)).path("mrn").asText());
                    assertEquals(rs.getString(1) + " " + rs.getString(3), about, keyed);
                    if (keyed) {
                        types.add(rs.getString(1));
                    }
                }
            }
        }
        return types;
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.path(field).asText()));
        return out;
    }

    @Test
    public void aHospitalDayOverRest() throws Exception {
        Http admin = adminOnceRecordIsUp();
        Http clerk = user(admin, "rec.rita", "RECEPTIONIST", null);
        Http doctor = user(admin, "rec.dr.house", "DOCTOR", null);
        Http nurse = user(admin, "rec.nurse.joy", "NURSE", null);
        String mrn = register(clerk, "Amaka", "Obi", "1968-04-12");
        String base = RECORDS + mrn;

        JsonNode encounter = created(doctor.post(base + "/encounters", obj().put("kind", "outpatient")
                .put("reason", "Thirst and polyuria for three weeks")));
        String encounterId = encounter.path("id").asText();
        assertEquals("OPEN", encounter.path("status").asText());
        assertEquals("OUTPATIENT", encounter.path("kind").asText());
        assertEquals("rec.dr.house", encounter.path("attending").asText());

        // Vitals by the nurse; an implausible one (Fahrenheit sent as Celsius) is refused and not stored.
        created(nurse.post(base + "/observations", obj().put("code", "heart-rate").put("value", 92).put("unit", "/min")
                .put("encounterId", encounterId)));
        created(nurse.post(base + "/observations", obj().put("code", "body-temperature").put("value", 37.2)
                .put("encounterId", encounterId)));
        Http.Response fahrenheit = nurse.post(base + "/observations", obj().put("code", "body-temperature").put("value", 98.6)
                .put("unit", "Cel"));
        assertEquals(fahrenheit.toString(), 400, fahrenheit.status);
        assertTrue(fahrenheit.body, fahrenheit.json().path("detail").asText().contains("Fahrenheit"));
        Http.Response future = nurse.post(base + "/observations", obj().put("code", "heart-rate").put("value", 80)
                .put("effectiveAt", "2999-01-01T00:00:00Z"));
        assertEquals(future.toString(), 400, future.status);
        assertEquals(2, nurse.get(base + "/observations").json().size());

        // The picker finds the code; an unknown code is a 400 naming it, and nothing is stored.
        JsonNode found = doctor.get("/api/v1/emr/icd10?q=diab").json();
        assertTrue(found.toString(), texts(found.path("items"), "code").contains("E11.9"));
        Http.Response unknown = doctor.post(base + "/problems", obj().put("code", "E11.99").put("encounterId", encounterId));
        assertEquals(unknown.toString(), 400, unknown.status);
        assertTrue(unknown.body, unknown.json().path("detail").asText().contains("E11.99"));
        assertEquals(0, doctor.get(base + "/problems").json().size());
        assertEquals("only doctors diagnose", 403, nurse.post(base + "/problems", obj().put("code", "E11.9")).status);

        JsonNode diagnosis = created(doctor.post(base + "/problems", obj().put("code", "e119").put("encounterId", encounterId)
                .put("onsetDate", "2024-01-15")));
        assertEquals("E11.9", diagnosis.path("code").asText());
        assertEquals("Type 2 diabetes mellitus without complications", diagnosis.path("title").asText());
        assertEquals("ACTIVE", diagnosis.path("status").asText());

        created(nurse.post(base + "/allergies", obj().put("substance", "Penicillin").put("reaction", "Urticaria")
                .put("severity", "moderate")));
        created(nurse.post(base + "/notes", obj().put("text", "Patient educated on glucose monitoring.").put("kind", "NURSING")
                .put("encounterId", encounterId)));

        assertEquals("only doctors prescribe", 403, nurse.post(base + "/prescriptions", obj().put("drug", "Metformin")).status);
        JsonNode prescription = created(doctor.post(base + "/prescriptions", obj().put("drug", "Metformin").put("dose", "500 mg")
                .put("route", "oral").put("frequency", "twice daily").put("durationDays", 30)
                .put("instructions", "With meals").put("encounterId", encounterId)));
        assertTrue(prescription.path("current").asBoolean());
        Http.Response badDuration = doctor.post(base + "/prescriptions", obj().put("drug", "Metformin").put("dose", "500 mg")
                .put("route", "oral").put("frequency", "daily").put("durationDays", 0));
        assertEquals(badDuration.toString(), 400, badDuration.status);

        Http.Response view = doctor.get(base);
        assertEquals(view.toString(), 200, view.status);
        JsonNode r = view.json();
        assertEquals("Obi", r.path("patient").path("familyName").asText());
        assertEquals(List.of("E11.9"), texts(r.path("activeProblems"), "code"));
        assertEquals(List.of("Penicillin"), texts(r.path("allergies"), "substance"));
        assertEquals(List.of("Metformin"), texts(r.path("currentMedications"), "drug"));
        assertTrue(r.toString(), texts(r.path("latestVitals"), "code").containsAll(List.of("heart-rate", "body-temperature")));
        assertEquals(List.of(encounterId), texts(r.path("recentEncounters"), "id"));
        // The laboratory (in pavilion-all) answers for the record view: no results for her yet. Without it the view
        // says labAvailable false (LaboratoryIT's walk-in with the EMR alone, EMR LabLinkTest).
        assertTrue(r.toString(), r.path("labAvailable").asBoolean(false));
        assertTrue(r.toString(), r.path("labResults").isArray() && r.path("labResults").isEmpty());

        // Metformin upset her stomach: stopped. The problem was closed by mistake at review and opened again.
        assertEquals(200, doctor.post(base + "/prescriptions/" + prescription.path("id").asText() + "/stop", obj()).status);
        String diagnosisId = diagnosis.path("id").asText();
        assertEquals(200, doctor.put(base + "/problems/" + diagnosisId + "/status", obj().put("status", "RESOLVED")).status);
        assertEquals(200, doctor.put(base + "/problems/" + diagnosisId + "/status", obj().put("status", "ACTIVE")).status);

        JsonNode closed = doctor.post(base + "/encounters/" + encounterId + "/close", obj()).json();
        assertEquals("CLOSED", closed.path("status").asText());
        assertEquals(409, doctor.post(base + "/encounters/" + encounterId + "/close", obj()).status);
        assertEquals("no entries into a closed encounter", 409, nurse.post(base + "/observations",
                obj().put("code", "heart-rate").put("value", 80).put("encounterId", encounterId)).status);

        for (String type : List.of("EncounterOpened", "DiagnosisRecorded", "PrescriptionIssued", "EncounterClosed",
                "AllergyRecorded", "NoteAdded", "PrescriptionStopped")) {
            assertEquals(type, 1, outboxEvents(type, mrn));
        }
        assertEquals("the refused observation published nothing", 2, outboxEvents("ObservationRecorded", mrn));
        assertEquals(2, outboxEvents("ProblemStatusChanged", mrn));
        assertEquals("an outpatient visit ends; nobody is discharged", 0, outboxEvents("PatientDischarged", mrn));
        DataSource platform = awaitService(DataSource.class, "(osgi.jndi.service.name=pavilion)", BOOT_BOUND);
        assertEquals("every EMR event about the patient carries the patient's subject key, in publishing order",
                List.of("PatientRegistered", "EncounterOpened", "ObservationRecorded", "ObservationRecorded",
                        "DiagnosisRecorded", "AllergyRecorded", "NoteAdded", "PrescriptionIssued", "PrescriptionStopped",
                        "ProblemStatusChanged", "ProblemStatusChanged", "EncounterClosed"),
                eventsAbout(platform, mrn));
        assertEquals("Penicillin", payloadOf(platform, "AllergyRecorded", mrn).path("substance").asText());
        assertEquals("MODERATE", payloadOf(platform, "AllergyRecorded", mrn).path("severity").asText());
        JsonNode note = payloadOf(platform, "NoteAdded", mrn);
        assertEquals("NURSING", note.path("kind").asText());
        assertFalse("the note's text stays in the record", note.toString().contains("glucose"));
        assertEquals("Metformin", payloadOf(platform, "PrescriptionStopped", mrn).path("drug").asText());
        assertEquals(encounterId, payloadOf(platform, "ObservationRecorded", mrn).path("encounterId").asText());
        JsonNode issued = payloadOf(awaitService(DataSource.class, "(osgi.jndi.service.name=pavilion)", BOOT_BOUND),
                "PrescriptionIssued", mrn);
        assertEquals("Metformin", issued.path("drug").asText());
        assertEquals("ORAL", issued.path("route").asText());
        assertEquals(30, issued.path("durationDays").asInt());
        assertEquals("rec.dr.house", issued.path("prescriber").asText());
        assertEquals(encounterId, issued.path("encounterId").asText());

        List<String> trail = new ArrayList<>();
        for (JsonNode a : admin.get("/api/v1/platform/audit?size=200&patientId=" + mrn).json().path("items")) {
            trail.add(a.path("action").asText() + " " + a.path("resourceType").asText() + " " + a.path("outcome").asText());
        }
        for (String expected : List.of("CREATE encounter SUCCESS", "CREATE observation SUCCESS", "CREATE observation FAILED",
                "CREATE diagnosis SUCCESS", "CREATE diagnosis FAILED", "CREATE prescription SUCCESS",
                "READ clinical-record SUCCESS", "UPDATE encounter SUCCESS", "UPDATE encounter FAILED")) {
            assertTrue(expected + " in " + trail, trail.contains(expected));
        }
    }

    @Test
    public void theSamePathOverSoap() throws Exception {
        Http admin = adminOnceRecordIsUp();
        Http clerk = user(admin, "rec.soap.clerk", "RECEPTIONIST", null);
        // A clinician signs in for a bearer token (HTTP Basic is for integration accounts only).
        String basic = "Bearer " + user(admin, "rec.soap.doctor", "DOCTOR", null).token();
        String mrn = register(clerk, "Kofi", "Annan-Soap", "1950-02-02");

        HttpResponse<String> opened = soap("<r:openEncounter><mrn>" + mrn + "</mrn><encounter><kind>EMERGENCY</kind>"
                + "<reason>Chest pain</reason></encounter></r:openEncounter>", basic);
        assertEquals(opened.body(), 200, opened.statusCode());
        Matcher id = Pattern.compile("<id>([0-9a-f-]{36})</id>").matcher(opened.body());
        assertTrue(opened.body(), id.find());
        String encounterId = id.group(1);

        HttpResponse<String> unknown = soap("<r:recordDiagnosis><mrn>" + mrn + "</mrn><diagnosis><code>Q99.999</code>"
                + "</diagnosis></r:recordDiagnosis>", basic);
        assertEquals(unknown.body(), 500, unknown.statusCode());
        assertTrue(unknown.body(), unknown.body().contains("urn:pavilion:problem:validation"));

        HttpResponse<String> diagnosed = soap("<r:recordDiagnosis><mrn>" + mrn + "</mrn><diagnosis><code>E11.9</code>"
                + "<encounterId>" + encounterId + "</encounterId></diagnosis></r:recordDiagnosis>", basic);
        assertEquals(diagnosed.body(), 200, diagnosed.statusCode());
        assertTrue(diagnosed.body(), diagnosed.body().contains("Type 2 diabetes mellitus without complications"));

        HttpResponse<String> prescribed = soap("<r:prescribe><mrn>" + mrn + "</mrn><prescription><drug>Aspirin</drug>"
                + "<dose>300 mg</dose><route>ORAL</route><frequency>once</frequency><durationDays>1</durationDays>"
                + "<encounterId>" + encounterId + "</encounterId></prescription></r:prescribe>", basic);
        assertEquals(prescribed.body(), 200, prescribed.statusCode());

        HttpResponse<String> record = soap("<r:getRecord><mrn>" + mrn + "</mrn></r:getRecord>", basic);
        assertEquals(record.body(), 200, record.statusCode());
        assertTrue(record.body(), record.body().contains("<code>E11.9</code>"));
        assertTrue(record.body(), record.body().contains("<drug>Aspirin</drug>"));
        assertTrue(record.body(), record.body().contains("<labAvailable>true</labAvailable>"));

        HttpResponse<String> closed = soap("<r:closeEncounter><mrn>" + mrn + "</mrn><encounterId>" + encounterId
                + "</encounterId></r:closeEncounter>", basic);
        assertEquals(closed.body(), 200, closed.statusCode());
        assertTrue(closed.body(), closed.body().contains("<status>CLOSED</status>"));
        assertEquals(1, outboxEvents("PrescriptionIssued", mrn));
        JsonNode discharged = payloadOf(awaitService(DataSource.class, "(osgi.jndi.service.name=pavilion)", BOOT_BOUND),
                "PatientDischarged", mrn);
        assertEquals("closing an emergency encounter discharges the patient", encounterId, discharged.path("encounterId").asText());
        assertEquals("EMERGENCY", discharged.path("kind").asText());
        assertTrue("the SOAP close names no disposition", discharged.path("disposition").isNull());
        assertEquals(401, soap("<r:getRecord><mrn>" + mrn + "</mrn></r:getRecord>", null).statusCode());
    }

    @Test
    public void aMergedDuplicatesRecordMovesToTheSurvivorAndAnErasureKeepsWhatRetentionRequires() throws Exception {
        Http admin = adminOnceRecordIsUp();
        Http clerk = user(admin, "rec.merge.clerk", "RECEPTIONIST", null);
        Http doctor = user(admin, "rec.dr.merge", "DOCTOR", null);
        String survivor = register(clerk, "Ngozi", "Eze", "1959-10-01");
        Http.Response dupR = clerk.post(PATIENTS + "?confirmDuplicate=true", obj().put("givenName", "Ngozi")
                .put("familyName", "Ezeh").put("sex", "FEMALE").put("birthDate", "1959-10-01").put("email", "ngozi@example.ng"));
        String duplicate = created(dupR).path("mrn").asText();

        // Care recorded under the duplicate before anyone noticed.
        String encounterId = created(doctor.post(RECORDS + duplicate + "/encounters", obj().put("kind", "EMERGENCY")
                .put("reason", "Chest pain"))).path("id").asText();
        created(doctor.post(RECORDS + duplicate + "/problems", obj().put("code", "I10").put("encounterId", encounterId)));
        byte[] pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        HttpResponse<String> upload = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl()
                + "/api/v1/emr/documents?mrn=" + duplicate + "&title=ECG&category=LAB_REPORT"))
                .header("Authorization", "Bearer " + doctor.token()).header("Content-Type", "application/pdf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(pdf)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(upload.body(), 201, upload.statusCode());
        String documentId = Http.json().readTree(upload.body()).path("id").asText();

        Http.Response merged = clerk.post(PATIENTS + "/" + survivor + "/merge", obj().put("duplicateMrn", duplicate)
                .put("reason", "Same woman, family name misspelt"));
        assertEquals(merged.toString(), 200, merged.status);
        JsonNode moved = merged.json().path("moved");
        for (String kind : List.of("Encounter", "Diagnosis", "Document")) {
            assertEquals(moved.toString(), 1, moved.path(kind).asInt());
        }
        JsonNode record = doctor.get(RECORDS + survivor).json();
        assertEquals(List.of("I10"), texts(record.path("activeProblems"), "code"));
        assertEquals(List.of(encounterId), texts(record.path("recentEncounters"), "id"));
        // The duplicate's MRN still leads a clinician to the one record.
        assertEquals(List.of("I10"), texts(doctor.get(RECORDS + duplicate).json().path("activeProblems"), "code"));

        // GDPR export holds the clinical record and the document's bytes.
        HttpResponse<byte[]> export = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl()
                + "/api/v1/emr/privacy/" + survivor + "/export")).header("Authorization", "Bearer " + admin.token())
                // An administrator exporting another person's record gives a reason (docs/security-glass.md).
                .header("Pavilion-Break-Glass-Reason", "GDPR access request, ticket 4711").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, export.statusCode());
        JsonNode exported = null;
        byte[] exportedPdf = null;
        try (java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(export.body()))) {
            for (java.util.zip.ZipEntry e; (e = zip.getNextEntry()) != null;) {
                if (e.getName().equals("patient.json")) {
                    exported = Http.json().readTree(zip.readAllBytes());
                } else if (e.getName().equals("documents/" + documentId + ".pdf")) {
                    exportedPdf = zip.readAllBytes();
                }
            }
        }
        assertEquals(1, exported.path("data").path("Encounter").size());
        assertEquals("I10", exported.path("data").path("Diagnosis").get(0).path("code").asText());
        assertEquals(duplicate, exported.path("mergedDuplicates").get(0).asText());
        assertTrue("the document's bytes are in the export", java.util.Arrays.equals(pdf, exportedPdf));

        // Erasure while the record is under retention: contact data goes, the medical record stays, and why.
        JsonNode report = admin.post("/api/v1/emr/privacy/" + survivor + "/erasure", obj().put("reason", "GDPR request 88"))
                .json();
        assertEquals(report.toString(), "PARTIAL", report.path("scope").asText());
        assertEquals(java.time.LocalDate.now(java.time.ZoneOffset.UTC).plusYears(20).toString(),
                report.path("retainedUntil").asText());
        assertTrue(report.toString(), texts(report.path("kept"), "what").containsAll(List.of("Encounter", "Diagnosis", "Document")));
        JsonNode after = admin.get(PATIENTS + "/" + survivor).json();
        assertEquals("Eze", after.path("familyName").asText());
        assertEquals(List.of("I10"), texts(doctor.get(RECORDS + survivor).json().path("activeProblems"), "code"));
        HttpResponse<String> stillThere = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl()
                + "/api/v1/emr/documents/" + documentId + "/content")).header("Authorization", "Bearer " + doctor.token())
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, stillThere.statusCode());
        assertTrue(after.toString(), after.path("email").isMissingNode() || after.path("email").isNull());
    }

    @Test
    public void afterTheRetentionPeriodAnErasureDeletesTheClinicalRecordAndPseudonymisesThePerson() throws Exception {
        Http admin = adminOnceRecordIsUp();
        Http clerk = user(admin, "rec.erase.clerk", "RECEPTIONIST", null);
        Http doctor = user(admin, "rec.dr.erase", "DOCTOR", null);
        String mrn = register(clerk, "Rosalind", "Achterberg", "1931-02-02");
        String other = register(clerk, "Wilhelmina", "Achterberg", "1933-03-03");
        String base = RECORDS + mrn;
        String encounterId = created(doctor.post(base + "/encounters", obj().put("kind", "ADMISSION")
                .put("reason", "Fall at home"))).path("id").asText();
        created(doctor.post(base + "/problems", obj().put("code", "I10").put("encounterId", encounterId)));
        created(doctor.post(base + "/observations", obj().put("code", "heart-rate").put("value", 70).put("encounterId", encounterId)));
        created(doctor.post(base + "/notes", obj().put("text", "Admitted for observation").put("encounterId", encounterId)));
        created(doctor.post(base + "/allergies", obj().put("substance", "Latex").put("severity", "MILD")));
        created(doctor.post(base + "/prescriptions", obj().put("drug", "Paracetamol").put("dose", "1 g").put("route", "oral")
                .put("frequency", "every 6 hours").put("durationDays", 3).put("encounterId", encounterId)));
        created(doctor.post(RECORDS + other + "/encounters", obj().put("kind", "OUTPATIENT").put("reason", "Check-up")));
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0};
        HttpResponse<String> upload = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl()
                + "/api/v1/emr/documents?mrn=" + mrn + "&title=Wound&category=IMAGE"))
                .header("Authorization", "Bearer " + doctor.token()).header("Content-Type", "image/png")
                .POST(HttpRequest.BodyPublishers.ofByteArray(png)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(upload.body(), 201, upload.statusCode());
        String documentId = Http.json().readTree(upload.body()).path("id").asText();

        // The records office sets the retention this test needs (years after the last clinical activity) in etc/,
        // as an operator would: none.
        java.nio.file.Path cfg = java.nio.file.Paths.get(System.getProperty("karaf.etc")).resolve("org.pavilion.emr.privacy.cfg");
        String original = java.nio.file.Files.readString(cfg, StandardCharsets.UTF_8);
        JsonNode[] report = new JsonNode[1];
        try {
            java.nio.file.Files.writeString(cfg, original.replaceAll("(?m)^retentionYears\\s*=.*$", "retentionYears = 0"),
                    StandardCharsets.UTF_8);
            Await.until("the erasure runs with no retention", BOOT_BOUND, () -> {
                report[0] = admin.post("/api/v1/emr/privacy/" + mrn + "/erasure", obj().put("reason", "GDPR request 91"))
                        .json();
                assertEquals(report[0].toString(), "FULL", report[0].path("scope").asText());
            });
        } finally {
            java.nio.file.Files.writeString(cfg, original, StandardCharsets.UTF_8);
        }
        List<String> removed = texts(report[0].path("removed"), "what");
        assertTrue(removed.toString(), removed.containsAll(List.of("Encounter", "Diagnosis", "Observation", "ClinicalNote",
                "Allergy", "Prescription", "Document")));
        JsonNode person = admin.get(PATIENTS + "/" + mrn).json();
        assertEquals("Erased", person.path("givenName").asText());
        assertEquals("1931-01-01", person.path("birthDate").asText());
        JsonNode record = doctor.get(base).json();
        assertEquals(0, record.path("activeProblems").size());
        assertEquals(0, record.path("recentEncounters").size());
        assertEquals(0, record.path("currentMedications").size());
        assertEquals(404, doctor.get("/api/v1/emr/documents/" + documentId).status);
        // The other Achterberg keeps everything.
        assertEquals(1, doctor.get(RECORDS + other).json().path("recentEncounters").size());
        assertEquals("Wilhelmina", admin.get(PATIENTS + "/" + other).json().path("givenName").asText());
    }

    @Test
    public void billingIsDeniedTheClinicalRecordAndTheDenialIsAudited() throws Exception {
        Http admin = adminOnceRecordIsUp();
        Http clerk = user(admin, "rec.cleo", "RECEPTIONIST", null);
        Http billing = user(admin, "rec.bill", "BILLING", null);
        String mrn = register(clerk, "Ines", "Billed", "1977-07-07");

        Http.Response r = billing.get(RECORDS + mrn);
        assertEquals(r.toString(), 403, r.status);
        assertEquals(403, billing.get(RECORDS + mrn + "/problems").status);
        assertEquals(403, clerk.post(RECORDS + mrn + "/encounters", obj().put("kind", "OUTPATIENT")).status);
        assertEquals(403, admin.get(RECORDS + mrn).status);

        JsonNode denied = admin.get("/api/v1/platform/audit?size=50&patientId=" + mrn + "&outcome=DENIED").json();
        List<String> who = new ArrayList<>();
        denied.path("items").forEach(a -> who.add(a.path("actor").asText() + " " + a.path("action").asText() + " "
                + a.path("resourceType").asText()));
        assertTrue(who.toString(), who.contains("rec.bill READ clinical-record"));
        assertTrue(who.toString(), who.contains("rec.bill READ diagnosis"));
        assertTrue(who.toString(), who.contains("rec.cleo UPDATE encounter"));
        assertTrue(who.toString(), who.contains("admin READ clinical-record"));
    }

    @Test
    public void aPatientReadsTheirOwnRecordOnly() throws Exception {
        Http admin = adminOnceRecordIsUp();
        Http clerk = user(admin, "rec.pia", "RECEPTIONIST", null);
        Http doctor = user(admin, "rec.dr.who", "DOCTOR", null);
        String own = register(clerk, "Pat", "Own-Record", "1990-09-09");
        String other = register(clerk, "Oth", "Other-Record", "1991-09-09");
        created(doctor.post(RECORDS + own + "/problems", obj().put("code", "I10")));
        Http patient = user(admin, "rec.pat", "PATIENT", own);

        Http.Response mine = patient.get(RECORDS + own);
        assertEquals(mine.toString(), 200, mine.status);
        assertEquals(List.of("I10"), texts(mine.json().path("activeProblems"), "code"));
        Http.Response theirs = patient.get(RECORDS + other);
        assertEquals(theirs.toString(), 403, theirs.status);
        assertFalse(theirs.body, theirs.body.contains("Other-Record"));
        assertEquals("patients do not write their record", 403,
                patient.post(RECORDS + own + "/allergies", obj().put("substance", "Latex").put("severity", "MILD")).status);
        JsonNode denied = admin.get("/api/v1/platform/audit?patientId=" + other + "&outcome=DENIED").json();
        assertEquals(denied.toString(), 1, denied.path("total").asLong());
        assertEquals("rec.pat", denied.path("items").get(0).path("actor").asText());
    }

    @Test
    public void aRestrictedRecordNeedsBreakingTheGlassWhichIsFlaggedInTheAuditTrail() throws Exception {
        Http admin = adminOnceRecordIsUp();
        Http clerk = user(admin, "rec.vip.clerk", "RECEPTIONIST", null);
        Http doctor = user(admin, "rec.dr.strange", "DOCTOR", null);
        String mrn = register(clerk, "Famous", "Person-Vip", "1960-06-06");

        assertEquals(403, clerk.put(RECORDS + mrn + "/restriction", obj().put("restricted", true)).status);
        Http.Response restricted = admin.put(RECORDS + mrn + "/restriction", obj().put("restricted", true));
        assertEquals(restricted.toString(), 200, restricted.status);

        Http.Response refused = doctor.get(RECORDS + mrn);
        assertEquals(refused.toString(), 403, refused.status);
        assertEquals("urn:pavilion:problem:break-the-glass-required", refused.json().path("type").asText());
        assertEquals(400, getWithReason(doctor, RECORDS + mrn, "short").status);

        Http.Response emergency = getWithReason(doctor, RECORDS + mrn, "Unconscious in the emergency room, need allergies");
        assertEquals(emergency.toString(), 200, emergency.status);
        assertEquals("Person-Vip", emergency.json().path("patient").path("familyName").asText());

        boolean flagged = false;
        for (JsonNode a : admin.get("/api/v1/platform/audit?size=50&patientId=" + mrn).json().path("items")) {
            if (a.path("actor").asText().equals("rec.dr.strange") && a.path("outcome").asText().equals("SUCCESS")
                    && a.path("resourceType").asText().equals("clinical-record")) {
                assertTrue(a.toString(), a.path("emergency").asBoolean());
                assertTrue(a.toString(), a.path("detail").asText().contains("Unconscious"));
                flagged = true;
            }
        }
        assertTrue("the emergency read is in the trail", flagged);
        JsonNode change = admin.get("/api/v1/platform/audit?patientId=" + mrn + "&action=UPDATE").json();
        assertTrue(change.toString(), change.toString().contains("patient-restriction"));
    }

    private static HttpResponse<String> soap(String body, String authorization) throws Exception {
        String envelope = "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\" "
                + "xmlns:r=\"urn:pavilion:emr:record:v1\"><soap:Body>" + body + "</soap:Body></soap:Envelope>";
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + "/api/soap/emr/ClinicalRecord"))
                .header("Content-Type", "text/xml; charset=UTF-8").header("SOAPAction", "\"\"")
                .POST(HttpRequest.BodyPublishers.ofString(envelope));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
