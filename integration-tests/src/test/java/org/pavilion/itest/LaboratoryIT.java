package org.pavilion.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.karaf.features.Dependency;
import org.apache.karaf.features.Feature;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;
import org.ops4j.pax.exam.Option;
import org.osgi.framework.Bundle;
import org.pavilion.testsupport.Await;
import org.pavilion.testsupport.Http;

/**
 * The laboratory in the real container (issue 23's proof), driven only through its REST surface and HAPI's MLLP
 * client, on whichever database the suite runs. Dr Lena Novak orders a basic metabolic panel and a potassium for
 * Chinwe Abara; the ward nurse prints the label and collects the blood; technician Tomas receives it and enters a
 * potassium of 7.1 mmol/L (critical high); he may not verify his own result, his colleague Ines does, which releases
 * it. Chinwe reads it in the portal, her neighbour Pedro reads it by no path; Dr Novak finds it in her inbox and in
 * the EMR's record view. A critical result nobody acknowledges climbs to the on-call doctor and then to the head of
 * department; an acknowledged one stops climbing. An ORU^R01 over MLLP is answered AA only once its result is on the
 * order's item (released at once when the sender is the trusted reference LIS), AE for an order that does not exist
 * or a unit the test does not accept. Bad requests get a clear 4xx problem. No billing or
 * notifications department is there (none exists yet): the lab does not need one, nor the EMR (switched off last).
 * <p>
 * Escalation is configured at its shortest (one minute a level, a sweep every second), so the escalation test waits
 * about two minutes; the other tests do not wait for it.
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class LaboratoryIT extends PavilionTestSupport {

    private static final String API = "/api/v1/lab";
    private static final Duration BOUND = Duration.ofMinutes(2);
    /** Two escalation steps of one minute each, a sweep every second, and a loaded 2-core CI machine. */
    private static final Duration ESCALATION_BOUND = Duration.ofMinutes(4);
    private static final String ON_CALL = "dr.oncall";
    private static final String HEAD = "dr.head";
    private static final String TRUSTED_LIS = "REFLIS";
    private static final AtomicInteger CONTROL_IDS = new AtomicInteger();

    @Override
    protected Option[] extraOptions() {
        String lab = "etc/org.pavilion.lab.cfg";
        return new Option[] {
            editConfigurationFilePut(lab, "criticalEscalateMinutes", "1"),
            editConfigurationFilePut(lab, "criticalCheckSeconds", "1"),
            editConfigurationFilePut(lab, "criticalOnCall", ON_CALL),
            editConfigurationFilePut(lab, "criticalHead", HEAD),
            editConfigurationFilePut(lab, "releaseOnVerify", "true"),
            // The hospital trusts its reference lab's LIS to verify its own final results.
            editConfigurationFilePut(lab, "lisVerifiedSenders", TRUSTED_LIS)};
    }

    @Test
    public void t00_theLabStandsWithoutBillingOrNotifications() throws Exception {
        ready();
        // Its feature needs the platform only: no billing, no notifications (installed or not beside it).
        Feature lab = features().getFeature("pavilion-lab");
        assertNotNull("feature pavilion-lab", lab);
        assertTrue(features().isInstalled(lab));
        for (Dependency d : lab.getDependencies()) {
            assertFalse(d.getName(), d.getName().contains("billing") || d.getName().contains("notification"));
        }
        Bundle bundle = null;
        for (Bundle b : bundleContext.getBundles()) {
            if ("org.pavilion.lab".equals(b.getSymbolicName())) {
                bundle = b;
            }
        }
        assertNotNull("bundle org.pavilion.lab", bundle);
        assertEquals(Bundle.ACTIVE, bundle.getState());
        // Whatever it may use of them one day is optional.
        String imports = String.valueOf(bundle.getHeaders().get("Import-Package"));
        for (String clause : imports.split(",(?=[a-z])")) {
            if (clause.contains("billing") || clause.contains("notification")) {
                assertTrue(clause, clause.contains("resolution:=optional"));
            }
        }
    }

    @Test
    public void t01_aBmpFromOrderToThePortalTheInboxAndTheChart() throws Exception {
        Http admin = ready();
        Http novak = staff(admin, "dr.novak", "DOCTOR");
        Http nurse = staff(admin, "nurse.okoro", "NURSE");
        Http tomas = staff(admin, "tech.tomas", "LAB_TECHNICIAN");
        Http ines = staff(admin, "tech.ines", "LAB_TECHNICIAN");
        String chinwe = register(admin, "Chinwe", "Abara", "FEMALE", "1979-04-11");
        String pedroMrn = register(admin, "Pedro", "Alves", "MALE", "1981-07-30");
        Http patient = account(admin, "chinwe.abara." + chinwe, chinwe);
        Http pedro = account(admin, "pedro.alves." + pedroMrn, pedroMrn);

        // Dr Novak orders a basic metabolic panel and a potassium: the potassium is in the panel, ordered once;
        // all five tests are serum, so one tube.
        JsonNode order = created(novak.post(API + "/orders", order(chinwe, "URGENT", "BMP", "K")));
        String orderId = order.path("id").asText();
        assertEquals("ACTIVE", order.path("status").asText());
        assertEquals(chinwe, order.path("patientId").asText());
        assertEquals("dr.novak", order.path("orderingDoctor").asText());
        assertEquals(order.toString(), List.of("CL", "CREA", "GLU", "K", "NA"), sorted(codes(order.path("items"))));
        assertEquals(order.toString(), 1, order.path("specimens").size());
        JsonNode specimen = order.path("specimens").get(0);
        String specimenId = specimen.path("id").asText();
        assertEquals("SERUM", specimen.path("specimenType").asText());
        assertTrue(specimenId, specimenId.matches("S\\d{10}"));
        assertEquals("ORDERED", specimen.path("status").asText());

        // The nurse prints the label (a PNG) and draws the blood.
        HttpResponse<byte[]> label = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl()
                + API + "/specimens/" + specimenId + "/label.png")).header("Authorization", "Bearer " + nurse.token())
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, label.statusCode());
        assertTrue(label.headers().firstValue("Content-Type").orElse(""),
                label.headers().firstValue("Content-Type").orElse("").startsWith("image/png"));
        byte[] png = label.body();
        assertTrue("a PNG image", png.length > 8 && (png[0] & 0xff) == 0x89 && png[1] == 'P' && png[2] == 'N'
                && png[3] == 'G');
        assertEquals("COLLECTED", ok(nurse.post(API + "/specimens/" + specimenId + "/collect", obj()))
                .path("status").asText());

        // In the lab Tomas receives the tube; the potassium is on his worklist.
        assertEquals("RECEIVED", ok(tomas.post(API + "/specimens/" + specimenId + "/receive", obj()))
                .path("status").asText());
        JsonNode worklist = ok(tomas.get(API + "/worklist?size=200")).path("items");
        String kItem = item(order, "K").path("id").asText();
        assertTrue(worklist.toString(), worklist.toString().contains(kItem));
        assertEquals("IN_PROGRESS", ok(tomas.post(API + "/items/" + kItem + "/start", obj())).path("status").asText());

        // K 7.1 mmol/L: critical high, flagged as he types it and on entry.
        JsonNode flag = ok(tomas.get(API + "/flag?test=K&value=7.1&unit=mmol/L&patientId=" + chinwe));
        assertEquals("HH", flag.path("flag").asText());
        JsonNode entered = created(tomas.post(API + "/items/" + kItem + "/result",
                obj().put("value", "7.1").put("unit", "mmol/L").put("comment", "Not haemolysed")));
        String resultId = entered.path("id").asText();
        assertEquals("ENTERED", entered.path("status").asText());
        assertEquals("HH", entered.path("flag").asText());
        assertTrue(entered.toString(), entered.path("critical").asBoolean());
        assertEquals("MANUAL", entered.path("source").asText());
        // Entered, not released: the patient sees nothing yet.
        assertFalse(ok(patient.get(API + "/portal/results")).toString().contains(resultId));

        // Four eyes: Tomas may not verify his own result; Ines does, and that releases it.
        problem(409, tomas.post(API + "/results/" + resultId + "/verify", obj()));
        JsonNode verified = ok(ines.post(API + "/results/" + resultId + "/verify", obj()));
        assertEquals("RELEASED", verified.path("status").asText());
        assertEquals("tech.ines", verified.path("verifiedBy").asText());
        assertEquals("tech.tomas", verified.path("enteredBy").asText());

        // Chinwe reads it in the portal.
        JsonNode mine = ok(patient.get(API + "/portal/results")).path("items");
        JsonNode k = byId(mine, resultId);
        assertNotNull(mine.toString(), k);
        assertEquals(chinwe, k.path("patientId").asText());
        assertEquals("K", k.path("testCode").asText());
        assertEquals(0, new BigDecimal("7.1").compareTo(new BigDecimal(k.path("value").asText())));
        assertEquals("mmol/L", k.path("unit").asText());
        assertEquals("HH", k.path("flag").asText());

        // Pedro reads it by no path: his portal is his own, the staff's paths refuse him.
        JsonNode his = ok(pedro.get(API + "/portal/results")).path("items");
        assertNull(his.toString(), byId(his, resultId));
        for (JsonNode r : his) {
            assertEquals(pedroMrn, r.path("patientId").asText());
        }
        JsonNode evenIfHeAsks = ok(pedro.get(API + "/portal/results?patientId=" + chinwe)).path("items");
        assertNull(evenIfHeAsks.toString(), byId(evenIfHeAsks, resultId));
        problem(403, pedro.get(API + "/patients/" + chinwe + "/results"));
        problem(403, pedro.get(API + "/patients/" + chinwe + "/trend?test=K"));
        problem(403, pedro.get(API + "/orders/" + orderId));
        problem(403, pedro.get(API + "/orders?patientId=" + chinwe));
        problem(403, pedro.get(API + "/inbox"));
        assertEquals(403, pedro.get("/api/v1/emr/records/" + chinwe).status);

        // Dr Novak: in her inbox (criticals first) and in the EMR's record view through the lab's LabResultsSource.
        JsonNode inbox = ok(novak.get(API + "/inbox")).path("items");
        assertNotNull(inbox.toString(), byId(inbox, resultId));
        assertTrue(inbox.toString(), inbox.get(0).path("critical").asBoolean());
        JsonNode chart = ok(novak.get(API + "/patients/" + chinwe + "/results?test=K")).path("items");
        assertNotNull(chart.toString(), byId(chart, resultId));
        JsonNode record = ok(novak.get("/api/v1/emr/records/" + chinwe));
        assertTrue(record.toString(), record.path("labAvailable").asBoolean());
        boolean inRecord = false;
        for (JsonNode r : record.path("labResults")) {
            inRecord |= "Potassium".equals(r.path("name").asText()) && "HH".equals(r.path("flag").asText())
                    && r.path("value").asText().startsWith("7.1");
        }
        assertTrue(record.path("labResults").toString(), inRecord);

        // The critical value waits for her acknowledgement at level 0.
        JsonNode alert = alertOf(ok(novak.get(API + "/critical?mine=true")).path("items"), resultId);
        assertNotNull("Dr Novak's open critical alerts show the potassium", alert);
        assertEquals(0, alert.path("level").asInt());
        assertEquals("dr.novak", alert.path("notify").asText());

        // Every read of her results is in the audit trail under her MRN.
        JsonNode trail = ok(admin.get("/api/v1/platform/audit?size=200&patientId=" + chinwe));
        assertTrue(trail.toString(), trail.toString().contains("lab-result"));
    }

    @Test
    public void t02_aCriticalValueNobodyAcknowledgesClimbsAndAnAcknowledgedOneStops() throws Exception {
        Http admin = ready();
        Http novak = staff(admin, "dr.novak", "DOCTOR");
        Http onCall = staff(admin, ON_CALL, "DOCTOR");
        Http head = staff(admin, HEAD, "DOCTOR");
        Http tomas = staff(admin, "tech.tomas", "LAB_TECHNICIAN");
        Http ines = staff(admin, "tech.ines", "LAB_TECHNICIAN");
        String amir = register(admin, "Amir", "Haddad", "MALE", "1950-02-14");
        String birgit = register(admin, "Birgit", "Lund", "FEMALE", "1944-09-03");

        // Two critical potassiums released a moment apart, on Dr Novak's orders; she is in theatre.
        String amirsK = released(novak, tomas, ines, amir, "K", "7.3", "mmol/L");
        String birgitsK = released(novak, tomas, ines, birgit, "K", "2.1", "mmol/L");

        // A minute later both are the on-call doctor's.
        JsonNode amirsAlert = Await.value("Amir's critical potassium escalates to the on-call doctor",
                ESCALATION_BOUND, () -> {
                    JsonNode a = alertOf(ok(onCall.get(API + "/critical?mine=true&size=200")).path("items"), amirsK);
                    return a != null && a.path("level").asInt() == 1 ? a : null;
                });
        assertEquals(ON_CALL, amirsAlert.path("notify").asText());
        assertNull("no longer Dr Novak's to acknowledge",
                alertOf(ok(novak.get(API + "/critical?mine=true&size=200")).path("items"), amirsK));

        // The on-call doctor acknowledges Amir's; Birgit's is left waiting.
        JsonNode acked = ok(onCall.post(API + "/critical/" + amirsAlert.path("id").asText() + "/acknowledge",
                obj().put("note", "Calcium gluconate given, repeat in 2 h")));
        assertEquals(ON_CALL, acked.path("acknowledgedBy").asText());
        assertFalse(acked.path("acknowledgedAt").isNull());
        problem(409, head.post(API + "/critical/" + amirsAlert.path("id").asText() + "/acknowledge",
                obj().put("note", "late")));

        // Another minute: Birgit's reaches the head of department, Amir's stays acknowledged at level 1.
        JsonNode birgitsAlert = Await.value("Birgit's critical potassium escalates to the head", ESCALATION_BOUND,
                () -> {
                    JsonNode a = alertOf(ok(head.get(API + "/critical?mine=true&size=200")).path("items"), birgitsK);
                    return a != null && a.path("level").asInt() == 2 ? a : null;
                });
        assertEquals(HEAD, birgitsAlert.path("notify").asText());
        JsonNode open = ok(head.get(API + "/critical?size=200")).path("items");
        assertNull("an acknowledged alert is no longer open: " + open, alertOf(open, amirsK));
        assertEquals("ACKNOWLEDGE audited", true, ok(admin.get("/api/v1/platform/audit?size=200&patientId=" + amir))
                .toString().contains("lab-critical"));
        ok(head.post(API + "/critical/" + birgitsAlert.path("id").asText() + "/acknowledge",
                obj().put("note", "Potassium replacement started")));
        assertNull("acknowledged by the head",
                alertOf(ok(head.get(API + "/critical?size=200")).path("items"), birgitsK));
    }

    @Test
    public void t03_theReferenceLabsOruLandsOnItsItemAndAnUnknownOrderIsAe() throws Exception {
        Http admin = ready();
        Http novak = staff(admin, "dr.novak", "DOCTOR");
        Http nurse = staff(admin, "nurse.okoro", "NURSE");
        Http tomas = staff(admin, "tech.tomas", "LAB_TECHNICIAN");
        String dara = register(admin, "Dara", "Kelly", "FEMALE", "1990-05-05");

        // A glucose, a creatinine and a sodium, analysed outside the lab's own screens once received.
        JsonNode order = created(novak.post(API + "/orders", order(dara, "ROUTINE", "GLU", "CREA", "NA")));
        String orderId = order.path("id").asText();
        String orderNumber = order.path("orderNumber").asText();
        for (JsonNode s : order.path("specimens")) {
            ok(nurse.post(API + "/specimens/" + s.path("id").asText() + "/collect", obj()));
            ok(tomas.post(API + "/specimens/" + s.path("id").asText() + "/receive", obj()));
        }

        // The point-of-care middleware's ORU^R01 names the order by its placer order number: AA, and right after the
        // ACK the glucose is on its item, entered, waiting for verification here.
        String ack = send(oru("WARDPOC", orderNumber, dara, "GLU^Glucose^L", "6.2", "mmol/L"));
        assertEquals(ack, "AA", msa1(ack));
        JsonNode after = ok(tomas.get(API + "/orders/" + orderId));
        JsonNode glu = item(after, "GLU").path("result");
        assertFalse(after.toString(), glu.isMissingNode() || glu.isNull());
        assertEquals("HL7", glu.path("source").asText());
        assertEquals("ENTERED", glu.path("status").asText());
        assertEquals(0, new BigDecimal("6.2").compareTo(new BigDecimal(glu.path("value").asText())));
        assertEquals("H", glu.path("flag").asText());
        JsonNode crea = item(after, "CREA").path("result");
        assertTrue("the creatinine has no result yet: " + after, crea.isMissingNode() || crea.isNull());

        // An order nobody placed: AE naming OBR, nothing written anywhere.
        String unknown = send(oru("WARDPOC", "LAB-NOSUCH-" + UUID.randomUUID().toString().substring(0, 8), dara,
                "CREA^Creatinine^L", "0.9", "mg/dL"));
        assertEquals(unknown, "AE", msa1(unknown));
        assertTrue(unknown, segment(unknown, "ERR").contains("OBR"));
        JsonNode still = item(ok(tomas.get(API + "/orders/" + orderId)), "CREA").path("result");
        assertTrue(still.toString(), still.isMissingNode() || still.isNull());

        // A sodium in a unit sodium is not measured in: AE pointing at OBX-6, nothing kept.
        String badUnit = send(oru("WARDPOC", orderNumber, dara, "NA^Sodium^L", "3200", "mg/dL"));
        assertEquals(badUnit, "AE", msa1(badUnit));
        assertTrue(badUnit, field(segment(badUnit, "ERR"), 2).startsWith("OBX^1^6"));
        JsonNode sodium = item(ok(tomas.get(API + "/orders/" + orderId)), "NA").path("result");
        assertTrue(sodium.toString(), sodium.isMissingNode() || sodium.isNull());

        // The trusted reference LIS's final creatinine (by LOINC) is verified by its sender: released on the AA.
        String trusted = send(oru(TRUSTED_LIS, orderNumber, dara, "2160-0^Creatinine^LN", "0.84", "mg/dL"));
        assertEquals(trusted, "AA", msa1(trusted));
        JsonNode creatinine = item(ok(tomas.get(API + "/orders/" + orderId)), "CREA").path("result");
        assertEquals(creatinine.toString(), "RELEASED", creatinine.path("status").asText());
        assertEquals("HL7", creatinine.path("source").asText());
        JsonNode chart = ok(novak.get(API + "/patients/" + dara + "/results")).path("items");
        assertNotNull(chart.toString(), byId(chart, creatinine.path("id").asText()));
        // The glucose from the ward's point-of-care middleware still waits for this lab's verification.
        assertNull(chart.toString(), byId(chart, glu.path("id").asText()));
    }

    @Test
    public void t04_badInputIsAClearProblem() throws Exception {
        Http admin = ready();
        Http novak = staff(admin, "dr.novak", "DOCTOR");
        Http nurse = staff(admin, "nurse.okoro", "NURSE");
        Http tomas = staff(admin, "tech.tomas", "LAB_TECHNICIAN");
        String eamon = register(admin, "Eamon", "Byrne", "MALE", "1972-12-12");

        // A test the catalogue does not know.
        problem(422, novak.post(API + "/orders", order(eamon, "ROUTINE", "K", "NOSUCHTEST")));
        assertEquals(0, ok(novak.get(API + "/orders?patientId=" + eamon)).path("total").asInt());

        // A result for a cancelled order.
        JsonNode cancelled = created(novak.post(API + "/orders", order(eamon, "ROUTINE", "K")));
        ok(novak.post(API + "/orders/" + cancelled.path("id").asText() + "/cancel",
                obj().put("reason", "Duplicate of this morning's order")));
        problem(409, tomas.post(API + "/items/" + item(cancelled, "K").path("id").asText() + "/result",
                obj().put("value", "4.2").put("unit", "mmol/L")));

        // On a received sodium: words for a number, and a unit sodium is not measured in.
        JsonNode order = created(novak.post(API + "/orders", order(eamon, "ROUTINE", "NA", "GLU")));
        for (JsonNode s : order.path("specimens")) {
            ok(nurse.post(API + "/specimens/" + s.path("id").asText() + "/collect", obj()));
            ok(tomas.post(API + "/specimens/" + s.path("id").asText() + "/receive", obj()));
        }
        String na = item(order, "NA").path("id").asText();
        problem(422, tomas.post(API + "/items/" + na + "/result", obj().put("value", "haemolysed")
                .put("unit", "mmol/L")));
        problem(422, tomas.post(API + "/items/" + na + "/result", obj().put("value", "140").put("unit", "mg/dL")));
        // A unit the test accepts besides its own is converted, not refused: glucose in mg/dL.
        JsonNode glu = created(tomas.post(API + "/items/" + item(order, "GLU").path("id").asText() + "/result",
                obj().put("value", "90").put("unit", "mg/dL")));
        assertEquals("N", glu.path("flag").asText());
        // Nothing of the refused entries was kept.
        JsonNode now = item(ok(tomas.get(API + "/orders/" + order.path("id").asText())), "NA");
        assertEquals("RECEIVED", now.path("status").asText());
        assertTrue(now.toString(), now.path("result").isMissingNode() || now.path("result").isNull());
    }

    @Test
    public void t05_withoutTheEmrTheLabStillOrdersAndResults() throws Exception {
        Http admin = ready();
        Http novak = staff(admin, "dr.novak", "DOCTOR");
        Http tomas = staff(admin, "tech.tomas", "LAB_TECHNICIAN");
        Http ines = staff(admin, "tech.ines", "LAB_TECHNICIAN");
        // The operator switches the EMR off (the probe loads no lab or EMR class, so their refresh leaves it be).
        everyDepartmentItsOwnRootRequirement();
        withFeatures(f -> f.uninstallFeature("pavilion-emr"));
        Await.until("the EMR is gone", BOUND, () -> assertEquals(404, admin.get("/api/v1/emr/patients").status));
        // A walk-in known by the id the desk typed: ordered, resulted, verified and released without the EMR.
        String walkIn = "WALKIN-LAB-" + UUID.randomUUID().toString().substring(0, 6);
        Await.until("the lab answers again after the EMR left", BOUND, () -> assertEquals(200,
                novak.get(API + "/tests/K").status));
        String result = released(novak, tomas, ines, walkIn, "K", "6.9", "mmol/L");
        JsonNode chart = ok(novak.get(API + "/patients/" + walkIn + "/results")).path("items");
        assertNotNull(chart.toString(), byId(chart, result));

        withFeatures(f -> f.installFeature("pavilion-emr"));
        Await.until("the EMR is back", BOUND, () -> assertEquals(400, admin.get("/api/v1/emr/patients").status));
    }

    // ---- the hospital's set-up ----

    private Http ready() throws Exception {
        Http admin = loginAsAdmin();
        Await.until("the laboratory is published", BOOT_BOUND, () -> assertEquals(200,
                admin.get(API + "/tests/K").status));
        return admin;
    }

    /** A staff account with one of the seeded roles (created once; later tests of the class sign in again). */
    private static Http staff(Http admin, String username, String role) throws Exception {
        ObjectNode user = obj().put("username", username).put("password", username + "-password-1");
        user.putArray("roles").add(role);
        Http.Response r = admin.post("/api/v1/platform/users", user);
        assertTrue(r.toString(), r.status == 201 || r.status == 409);
        return Http.login(baseUrl(), username, username + "-password-1");
    }

    private static Http account(Http admin, String username, String mrn) throws Exception {
        ObjectNode user = obj().put("username", username).put("password", username + "-password-1")
                .put("patientId", mrn);
        user.putArray("roles").add("PATIENT");
        created(admin.post("/api/v1/platform/users", user));
        return Http.login(baseUrl(), username, username + "-password-1");
    }

    private static String register(Http clerk, String given, String family, String sex, String birthDate)
            throws Exception {
        return created(clerk.post("/api/v1/emr/patients", obj().put("givenName", given).put("familyName", family)
                .put("sex", sex).put("birthDate", birthDate))).path("mrn").asText();
    }

    private static ObjectNode order(String mrn, String priority, String... tests) {
        ObjectNode o = obj().put("patientId", mrn).put("priority", priority).put("clinicalNote", "Weakness, on ACE-I");
        for (String t : tests) {
            o.withArray("tests").add(t);
        }
        return o;
    }

    /** Orders {@code test}, collects, receives, enters and verifies it (released on verify); the result's id. */
    private static String released(Http doctor, Http enters, Http verifies, String mrn, String test, String value,
            String unit) throws Exception {
        JsonNode order = created(doctor.post(API + "/orders", order(mrn, "STAT", test)));
        for (JsonNode s : order.path("specimens")) {
            ok(enters.post(API + "/specimens/" + s.path("id").asText() + "/collect", obj()));
            ok(enters.post(API + "/specimens/" + s.path("id").asText() + "/receive", obj()));
        }
        JsonNode result = created(enters.post(API + "/items/" + item(order, test).path("id").asText() + "/result",
                obj().put("value", value).put("unit", unit)));
        assertTrue(result.toString(), result.path("critical").asBoolean());
        JsonNode done = ok(verifies.post(API + "/results/" + result.path("id").asText() + "/verify", obj()));
        assertEquals("RELEASED", done.path("status").asText());
        return done.path("id").asText();
    }

    private static JsonNode item(JsonNode order, String testCode) {
        for (JsonNode i : order.path("items")) {
            if (testCode.equals(i.path("testCode").asText())) {
                return i;
            }
        }
        throw new AssertionError("no item " + testCode + " in " + order);
    }

    private static List<String> codes(JsonNode items) {
        List<String> codes = new ArrayList<>();
        items.forEach(i -> codes.add(i.path("testCode").asText()));
        return codes;
    }

    private static List<String> sorted(List<String> list) {
        List<String> s = new ArrayList<>(list);
        s.sort(null);
        return s;
    }

    private static JsonNode byId(JsonNode items, String id) {
        for (JsonNode i : items) {
            if (id.equals(i.path("id").asText())) {
                return i;
            }
        }
        return null;
    }

    private static JsonNode alertOf(JsonNode alerts, String resultId) {
        for (JsonNode a : alerts) {
            if (resultId.equals(a.path("resultId").asText())) {
                return a;
            }
        }
        return null;
    }

    // ---- HL7 ----

    /** {@code sender}'s final (OBX-11 F) result for one test of the order {@code orderNumber}. */
    private static String oru(String sender, String orderNumber, String mrn, String test, String value, String unit) {
        String[] obr = new String[26];
        java.util.Arrays.fill(obr, "");
        obr[0] = "OBR";
        obr[1] = "1";
        obr[2] = orderNumber;
        obr[3] = "RL-" + CONTROL_IDS.get();
        obr[4] = "CHEM^Chemistry^L";
        obr[7] = "20261204083000";
        obr[25] = "F";
        return "MSH|^~\\&|" + sender + "|STMARY|PAVILION|GENHOSP|20261204093000||ORU^R01^ORU_R01|LAB-IT-"
                + CONTROL_IDS.incrementAndGet() + "|P|2.5.1\r"
                + "PID|1||" + mrn + "^^^PAV^MR||Patient^Test\r"
                + "ORC|RE|" + orderNumber + "\r"
                + String.join("|", obr) + "\r"
                + "OBX|1|NM|" + test + "||" + value + "|" + unit + "|||||F|||20261204083000\r";
    }

    private String send(String text) throws Exception {
        return Await.value("the HL7 listener answers", BOOT_BOUND, () -> hl7Client().send(text));
    }

}
