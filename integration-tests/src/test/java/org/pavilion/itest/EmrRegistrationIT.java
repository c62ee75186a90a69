package org.pavilion.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.Test;
import org.pavilion.testsupport.Await;
import org.pavilion.testsupport.Http;

/**
 * The EMR front desk through the real HTTP surface: registration with MRNs, search, duplicate warnings, bad
 * input, who may read a record (and the audit of refusals), the SOAP PatientRegistry, and concurrent clerks.
 * Each test uses its own users, names and birth dates, so they run in any order in one container.
 */
public class EmrRegistrationIT extends PavilionTestSupport {

    private static final String PATIENTS = "/api/v1/emr/patients";
    private static final Pattern MRN = Pattern.compile("[0-9]{10}");

    /**
     * The health check turns UP before every department has activated (EMR migrates its schema first), so wait,
     * bounded, until its REST and SOAP endpoints are published.
     */
    private static Http adminOnceEmrIsUp() throws Exception {
        Http admin = loginAsAdmin();
        Await.until("EMR REST and SOAP endpoints are published", BOOT_BOUND, () -> {
            // No criteria: a 400 from the EMR itself, nothing read or audited.
            assertEquals(400, admin.get(PATIENTS).status);
            HttpResponse<String> wsdl = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(baseUrl() + "/api/soap/emr/PatientRegistry?wsdl"))
                    .header("Authorization", "Bearer " + admin.token()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, wsdl.statusCode());
        });
        return admin;
    }

    private Http staff(Http admin, String username, String role) throws Exception {
        return user(admin, username, role, null);
    }

    private Http user(Http admin, String username, String role, String patientId) throws Exception {
        ObjectNode user = Http.json().createObjectNode().put("username", username).put("password", username + "-password-1");
        user.putArray("roles").add(role);
        if (patientId != null) {
            user.put("patientId", patientId);
        }
        Http.Response r = admin.post("/api/v1/platform/users", user);
        assertEquals(r.toString(), 201, r.status);
        return Http.login(baseUrl(), username, username + "-password-1");
    }

    private static ObjectNode patient(String given, String family, String sex, String birthDate) {
        return Http.json().createObjectNode().put("givenName", given).put("familyName", family).put("sex", sex)
                .put("birthDate", birthDate);
    }

    private static String register(Http clerk, ObjectNode body) throws Exception {
        Http.Response r = clerk.post(PATIENTS, body);
        assertEquals(r.toString(), 201, r.status);
        String mrn = r.json().path("mrn").asText();
        assertTrue(mrn, MRN.matcher(mrn).matches());
        return mrn;
    }

    private static JsonNode search(Http reader, String query) throws Exception {
        Http.Response r = reader.get(PATIENTS + "?" + query);
        assertEquals(r.toString(), 200, r.status);
        return r.json();
    }

    private static List<String> mrns(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.path("items").forEach(p -> out.add(p.path("mrn").asText()));
        return out;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
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

    @Test
    public void aClerkRegistersAPatientWhoIsThenFoundByNameBirthDateMrnAndPhone() throws Exception {
        Http admin = adminOnceEmrIsUp();
        Http clerk = staff(admin, "emr.rita", "RECEPTIONIST");
        ObjectNode body = patient("Zofia", "Żelazna-Kowalska", "female", "1961-02-03").put("nationalId", "ZK 610203")
                .put("email", "zofia@example.org").put("preferredLanguage", "pl");
        body.putArray("phones").add("+48 601-234-567");
        body.putObject("address").put("line", "ul. Długa 1").put("city", "Gdańsk").put("postalCode", "80-827")
                .put("country", "pl");
        Http.Response created = clerk.post(PATIENTS, body);
        assertEquals(created.toString(), 201, created.status);
        String mrn = created.json().path("mrn").asText();
        assertTrue(mrn, MRN.matcher(mrn).matches());
        assertEquals("emr.rita", created.json().path("registeredBy").asText());

        Http.Response read = clerk.get(PATIENTS + "/" + mrn);
        assertEquals(read.toString(), 200, read.status);
        JsonNode p = read.json();
        assertEquals("Żelazna-Kowalska", p.path("familyName").asText());
        assertEquals("FEMALE", p.path("sex").asText());
        assertEquals("1961-02-03", p.path("birthDate").asText());
        assertEquals("+48 601-234-567", p.path("phones").get(0).asText());
        assertEquals("PL", p.path("address").path("country").asText());

        // Prefix, case and accents do not matter; each criterion finds her.
        assertEquals(List.of(mrn), mrns(search(clerk, "name=" + enc("ZELAZ"))));
        assertEquals(List.of(mrn), mrns(search(clerk, "name=" + enc("zofia żel"))));
        assertEquals(List.of(mrn), mrns(search(clerk, "birthDate=1961-02-03")));
        assertEquals(List.of(mrn), mrns(search(clerk, "mrn=" + mrn)));
        assertEquals(List.of(mrn), mrns(search(clerk, "nationalId=" + enc("zk-610203"))));
        assertEquals(List.of(mrn), mrns(search(clerk, "phone=" + enc("+48601234567"))));
        assertEquals(List.of(), mrns(search(clerk, "name=zelazna&birthDate=1961-02-04")));
        assertEquals(400, clerk.get(PATIENTS).status);
        assertEquals(400, clerk.get(PATIENTS + "?birthDate=03.02.1961").status);

        // A typo in the MRN is caught by its check digits, not answered as "not found".
        String typo = mrn.substring(0, 7) + (char) ('0' + (mrn.charAt(7) - '0' + 1) % 10) + mrn.substring(8);
        Http.Response bad = clerk.get(PATIENTS + "/" + typo);
        assertEquals(bad.toString(), 400, bad.status);

        // Update: new phone replaces the old one and PatientUpdated is written with the change.
        body.putArray("phones").add("+48 700 000 001");
        Http.Response updated = clerk.put(PATIENTS + "/" + mrn, body.put("familyName", "Żelazna"));
        assertEquals(updated.toString(), 200, updated.status);
        assertEquals(List.of(mrn), mrns(search(clerk, "phone=" + enc("+48 700 000 001"))));
        assertEquals(List.of(), mrns(search(clerk, "phone=" + enc("+48601234567"))));
        assertEquals("Żelazna", clerk.get(PATIENTS + "/" + mrn).json().path("familyName").asText());
        assertEquals(1, outboxEvents("PatientRegistered", mrn));
        assertEquals(1, outboxEvents("PatientUpdated", mrn));

        List<String> actions = new ArrayList<>();
        for (JsonNode r : admin.get("/api/v1/platform/audit?size=200&patientId=" + mrn).json().path("items")) {
            assertEquals("emr.rita", r.path("actor").asText());
            actions.add(r.path("action").asText() + " " + r.path("resourceType").asText());
        }
        for (String expected : List.of("CREATE patient", "READ patient", "SEARCH patient", "UPDATE patient")) {
            assertTrue(actions.toString(), actions.contains(expected));
        }
    }

    @Test
    public void aPossibleDuplicateIsRefusedWithItsCandidatesUntilTheClerkConfirms() throws Exception {
        Http admin = adminOnceEmrIsUp();
        Http clerk = staff(admin, "emr.dora", "RECEPTIONIST");
        String first = register(clerk, patient("Olusegun", "Adeyemi", "MALE", "1970-05-05").put("nationalId", "NG-7070"));

        // Same national id, whatever the name.
        Http.Response sameId = clerk.post(PATIENTS, patient("Segun", "Ade", "MALE", "1971-01-01").put("nationalId", "ng 7070"));
        assertEquals(sameId.toString(), 409, sameId.status);
        assertEquals("urn:pavilion:problem:possible-duplicate", sameId.json().path("type").asText());
        assertEquals(first, sameId.json().path("candidates").get(0).path("mrn").asText());
        assertEquals("nationalId", sameId.json().path("candidates").get(0).path("reason").asText());

        // Same birth date and a mistyped name (also with given and family name swapped).
        ObjectNode typo = patient("Olusegun", "Adeyemy", "MALE", "1970-05-05");
        Http.Response similar = clerk.post(PATIENTS, typo);
        assertEquals(similar.toString(), 409, similar.status);
        assertEquals(first, similar.json().path("candidates").get(0).path("mrn").asText());
        assertEquals("nameAndBirthDate", similar.json().path("candidates").get(0).path("reason").asText());
        assertEquals(409, clerk.post(PATIENTS, patient("Adeyemi", "Olusegun", "MALE", "1970-05-05")).status);
        assertEquals("nothing was stored", List.of(first), mrns(search(clerk, "birthDate=1970-05-05")));

        // A different person with the same birth date is no duplicate.
        String other = register(clerk, patient("Chioma", "Okafor", "FEMALE", "1970-05-05"));

        Http.Response confirmed = clerk.post(PATIENTS + "?confirmDuplicate=true", typo);
        assertEquals(confirmed.toString(), 201, confirmed.status);
        String second = confirmed.json().path("mrn").asText();
        assertNotEquals(first, second);
        Set<String> all = new HashSet<>(mrns(search(clerk, "birthDate=1970-05-05")));
        assertEquals(Set.of(first, other, second), all);

        JsonNode created = admin.get("/api/v1/platform/audit?action=CREATE&patientId=" + second).json();
        assertTrue(created.toString(), created.path("items").get(0).path("detail").asText().contains(first));
        JsonNode refused = admin.get("/api/v1/platform/audit?actor=emr.dora&action=CREATE&outcome=FAILED").json();
        assertEquals(refused.toString(), 3, refused.path("total").asLong());
    }

    @Test
    public void badInputIsA400AndNothingIsStored() throws Exception {
        Http admin = adminOnceEmrIsUp();
        Http clerk = staff(admin, "emr.bea", "RECEPTIONIST");
        Http.Response noNames = clerk.post(PATIENTS, patient(" ", null, "FEMALE", "1955-06-07"));
        assertEquals(noNames.toString(), 400, noNames.status);
        assertTrue(noNames.contentType.startsWith("application/problem+json"));
        assertEquals("urn:pavilion:problem:validation", noNames.json().path("type").asText());
        assertTrue(noNames.toString(), noNames.json().path("detail").asText().contains("givenName"));
        assertTrue(noNames.toString(), noNames.json().path("detail").asText().contains("familyName"));
        assertFalse(noNames.body, noNames.body.contains("Exception"));

        String tomorrow = LocalDate.now().plusDays(2).toString();
        Http.Response future = clerk.post(PATIENTS, patient("Future", "Baby", "UNKNOWN", tomorrow));
        assertEquals(future.toString(), 400, future.status);
        assertTrue(future.toString(), future.json().path("detail").asText().contains("in the future"));

        Http.Response unknownField = clerk.post(PATIENTS, patient("Ina", "Field", "FEMALE", "1955-06-07").put("bloodType", "0+"));
        assertEquals(unknownField.toString(), 400, unknownField.status);

        assertEquals(0, search(admin, "birthDate=1955-06-07").path("total").asLong());
        assertEquals(0, search(admin, "birthDate=" + tomorrow).path("total").asLong());
        assertEquals(0, search(admin, "name=baby").path("total").asLong());
    }

    @Test
    public void aPatientReadsOnlyTheirOwnRecordAndTheRefusalIsAudited() throws Exception {
        Http admin = adminOnceEmrIsUp();
        Http clerk = staff(admin, "emr.pia", "RECEPTIONIST");
        String own = register(clerk, patient("Pablo", "Neruda-Reyes", "MALE", "1944-07-12"));
        String other = register(clerk, patient("Gabriela", "Mistral-Godoy", "FEMALE", "1945-04-07"));
        Http pablo = user(admin, "emr.pablo", "PATIENT", own);

        Http.Response mine = pablo.get(PATIENTS + "/" + own);
        assertEquals(mine.toString(), 200, mine.status);
        assertEquals("Neruda-Reyes", mine.json().path("familyName").asText());

        Http.Response theirs = pablo.get(PATIENTS + "/" + other);
        assertEquals(theirs.toString(), 403, theirs.status);
        assertEquals("urn:pavilion:problem:forbidden", theirs.json().path("type").asText());
        assertFalse(theirs.body, theirs.body.contains("Mistral"));
        // Neither search nor changes are open to patients.
        assertEquals(403, pablo.get(PATIENTS + "?name=mistral").status);
        assertEquals(403, pablo.put(PATIENTS + "/" + own, patient("Pablo", "Neruda", "MALE", "1944-07-12")).status);

        JsonNode denied = admin.get("/api/v1/platform/audit?patientId=" + other + "&outcome=DENIED").json();
        assertEquals(denied.toString(), 1, denied.path("total").asLong());
        JsonNode record = denied.path("items").get(0);
        assertEquals("emr.pablo", record.path("actor").asText());
        assertEquals("READ", record.path("action").asText());
        assertEquals("patient", record.path("resourceType").asText());
    }

    @Test
    public void billingReadsDemographicsButCannotRegisterOrChangeThem() throws Exception {
        Http admin = adminOnceEmrIsUp();
        Http clerk = staff(admin, "emr.cleo", "RECEPTIONIST");
        Http billing = staff(admin, "emr.bill", "BILLING");
        String mrn = register(clerk, patient("Ingrid", "Bergström", "FEMALE", "1915-08-29"));

        Http.Response read = billing.get(PATIENTS + "/" + mrn);
        assertEquals(read.toString(), 200, read.status);
        assertEquals("Bergström", read.json().path("familyName").asText());
        assertEquals(List.of(mrn), mrns(search(billing, "name=bergstrom")));
        assertEquals(403, billing.post(PATIENTS, patient("Greta", "Garbo", "FEMALE", "1905-09-18")).status);
        assertEquals(403, billing.put(PATIENTS + "/" + mrn, patient("Ingrid", "Berg", "FEMALE", "1915-08-29")).status);
        JsonNode reads = admin.get("/api/v1/platform/audit?actor=emr.bill&action=READ&patientId=" + mrn).json();
        assertEquals(reads.toString(), 1, reads.path("total").asLong());
    }

    @Test
    public void aLegacySystemRegistersAndReadsOverSoapWithHttpBasic() throws Exception {
        Http admin = adminOnceEmrIsUp();
        ObjectNode system = Http.json().createObjectNode().put("username", "emr-adt-feed").put("password", "emr-adt-feed-secret");
        system.putArray("roles").add("INTEGRATION");
        assertEquals(201, admin.post("/api/v1/platform/users", system).status);
        String basic = "emr-adt-feed:emr-adt-feed-secret";

        String register = envelope("<v1:register><demographics><givenName>Kwame</givenName><familyName>Mensah</familyName>"
                + "<sex>MALE</sex><birthDate>1988-12-24</birthDate><nationalId>GH-881224</nationalId>"
                + "<phones>+233 20 123 4567</phones></demographics><confirmDuplicate>false</confirmDuplicate></v1:register>");
        HttpResponse<String> ok = soap(register, basic);
        assertEquals(ok.body(), 200, ok.statusCode());
        Matcher m = Pattern.compile("<mrn>([0-9]{10})</mrn>").matcher(ok.body());
        assertTrue(ok.body(), m.find());
        String mrn = m.group(1);
        assertTrue(ok.body(), ok.body().contains("<registeredBy>emr-adt-feed</registeredBy>"));

        HttpResponse<String> read = soap(envelope("<v1:getByMrn><mrn>" + mrn + "</mrn></v1:getByMrn>"), basic);
        assertEquals(read.body(), 200, read.statusCode());
        assertTrue(read.body(), read.body().contains("<familyName>Mensah</familyName>"));
        assertTrue(read.body(), read.body().contains("<phones>+233 20 123 4567</phones>"));

        HttpResponse<String> found = soap(envelope("<v1:findByDemographics><criteria><birthDate>1988-12-24</birthDate>"
                + "<name>mens</name></criteria><page>0</page><size>10</size></v1:findByDemographics>"), basic);
        assertEquals(found.body(), 200, found.statusCode());
        assertTrue(found.body(), found.body().contains("<mrn>" + mrn + "</mrn>"));

        HttpResponse<String> again = soap(register, basic);
        assertEquals(again.body(), 500, again.statusCode());
        assertTrue(again.body(), again.body().contains("urn:pavilion:problem:possible-duplicate"));
        assertTrue(again.body(), again.body().contains(mrn));

        assertEquals(401, soap(register, null).statusCode());
        // The service description is for integrators who can sign in.
        HttpResponse<String> wsdl = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(baseUrl() + "/api/soap/emr/PatientRegistry?wsdl")).header("Authorization", "Basic "
                + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, wsdl.statusCode());
        assertTrue(wsdl.body().contains("findByDemographics"));
    }

    @Test
    public void twoClerksRegisteringAtOnceGetDistinctMrns() throws Exception {
        Http admin = adminOnceEmrIsUp();
        List<Http> clerks = List.of(staff(admin, "emr.cara", "RECEPTIONIST"), staff(admin, "emr.carl", "RECEPTIONIST"));
        int perClerk = 6;
        ExecutorService pool = Executors.newFixedThreadPool(clerks.size());
        List<String> mrns = new ArrayList<>();
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<List<String>>> results = new ArrayList<>();
            for (int c = 0; c < clerks.size(); c++) {
                Http clerk = clerks.get(c);
                int clerkNo = c;
                Callable<List<String>> work = () -> {
                    go.await();
                    List<String> mine = new ArrayList<>();
                    for (int i = 0; i < perClerk; i++) {
                        // Distinct birth dates: no duplicate warnings, only the counter is contended.
                        String dob = LocalDate.of(2001, 1 + clerkNo, 1 + i).toString();
                        mine.add(register(clerk, patient("Concurrent", "Clerk" + clerkNo + "Patient" + i, "OTHER", dob)));
                    }
                    return mine;
                };
                results.add(pool.submit(work));
            }
            go.countDown();
            for (Future<List<String>> f : results) {
                mrns.addAll(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(mrns.toString(), clerks.size() * perClerk, new HashSet<>(mrns).size());
        assertEquals(clerks.size() * perClerk, search(admin, "name=concurrent&size=50").path("total").asLong());
    }

    @Test
    public void nextOfKinAndInsuranceAreRegisteredAndBillingSeesTheCover() throws Exception {
        Http admin = adminOnceEmrIsUp();
        Http clerk = staff(admin, "emr.nora", "RECEPTIONIST");
        Http billing = staff(admin, "emr.bert", "BILLING");
        ObjectNode body = patient("Amara", "Diallo", "FEMALE", "1990-03-14");
        body.putArray("nextOfKin").addObject().put("name", "Moussa Diallo").put("relationship", "spouse")
                .put("phone", "+221 77 123 45 67");
        var cover = body.putArray("insurance");
        cover.addObject().put("insurer", "Mutuelle Santé Plus").put("policyNumber", "MSP-2024-0042").put("plan", "Gold")
                .put("validFrom", "2024-01-01");
        cover.addObject().put("insurer", "Old Insurer").put("policyNumber", "OLD 1").put("validFrom", "2015-01-01")
                .put("validTo", "2019-12-31").put("holderRelationship", "parent");
        String mrn = register(clerk, body);

        JsonNode read = billing.get(PATIENTS + "/" + mrn).json();
        assertEquals("Moussa Diallo", read.path("nextOfKin").get(0).path("name").asText());
        assertEquals("SPOUSE", read.path("nextOfKin").get(0).path("relationship").asText());
        JsonNode primary = read.path("insurance").get(0);
        assertEquals("MSP-2024-0042", primary.path("policyNumber").asText());
        assertEquals("SELF", primary.path("holderRelationship").asText());
        assertTrue(read.toString(), primary.path("active").asBoolean());
        assertFalse(read.toString(), read.path("insurance").get(1).path("active").asBoolean());

        // Every mistake of the form in one answer, and nothing stored.
        ObjectNode bad = patient("Awa", "Ndiaye", "FEMALE", "1992-04-15");
        bad.putArray("nextOfKin").addObject().put("name", "Someone").put("relationship", "neighbour");
        var badCover = bad.putArray("insurance");
        badCover.addObject().put("policyNumber", "X1").put("validFrom", "2025-01-01").put("validTo", "2024-01-01");
        badCover.addObject().put("insurer", "A").put("policyNumber", "P 1");
        badCover.addObject().put("insurer", "a").put("policyNumber", "p-1");
        Http.Response refused = clerk.post(PATIENTS, bad);
        assertEquals(refused.toString(), 400, refused.status);
        String detail = refused.json().path("detail").asText();
        for (String expected : List.of("nextOfKin[0].relationship", "nextOfKin[0] needs a phone or an email",
                "insurance[0].insurer", "insurance[0].validTo", "insurance[2] repeats")) {
            assertTrue(detail, detail.contains(expected));
        }
        assertEquals(0, search(admin, "birthDate=1992-04-15").path("total").asLong());
    }

    @Test
    public void anUnidentifiedEmergencyArrivalIsRegisteredThenMergedIntoTheRealRecord() throws Exception {
        Http admin = adminOnceEmrIsUp();
        Http nurse = staff(admin, "emr.ed.nurse", "NURSE");
        Http clerk = staff(admin, "emr.hana", "RECEPTIONIST");

        Http.Response arrival = nurse.post(PATIENTS + "/emergency", Http.json().createObjectNode().put("sex", "male")
                .put("approximateAgeYears", 40).put("arrivalNote", "Brought in unconscious by ambulance from the A6"));
        assertEquals(arrival.toString(), 201, arrival.status);
        JsonNode unknown = arrival.json();
        String emergencyMrn = unknown.path("mrn").asText();
        assertTrue(unknown.toString(), unknown.path("unidentified").asBoolean());
        assertTrue(unknown.toString(), unknown.path("birthDateEstimated").asBoolean());
        assertEquals((LocalDate.now().getYear() - 40) + "-01-01", unknown.path("birthDate").asText());
        assertTrue(mrns(search(clerk, "name=unidentified&size=200")).contains(emergencyMrn));
        Http.Response noAge = nurse.post(PATIENTS + "/emergency", Http.json().createObjectNode().put("sex", "MALE"));
        assertEquals(noAge.toString(), 400, noAge.status);
        assertTrue(noAge.body, noAge.json().path("detail").asText().contains("approximateAgeYears"));

        // He is identified: he was already registered last year. Merge the emergency record into his.
        ObjectNode real = patient("Henrik", "Lindqvist", "MALE", "1985-09-09");
        real.putArray("phones").add("+46 70 111 22 33");
        String realMrn = register(clerk, real);
        Http henrik = user(admin, "emr.henrik", "PATIENT", emergencyMrn);

        Http.Response merged = clerk.post(PATIENTS + "/" + realMrn + "/merge", Http.json().createObjectNode()
                .put("duplicateMrn", emergencyMrn).put("reason", "Identified by his wife at the bedside"));
        assertEquals(merged.toString(), 200, merged.status);
        assertEquals(realMrn, merged.json().path("survivor").path("mrn").asText());

        // The tombstone redirects, for staff and for the patient whose account names the old MRN.
        HttpResponse<String> tomb = raw(clerk, "GET", PATIENTS + "/" + emergencyMrn, null, null);
        assertEquals(tomb.body(), 308, tomb.statusCode());
        assertEquals(baseUrl() + "/api/v1/emr/patients/" + realMrn, tomb.headers().firstValue("Location").orElse(""));
        assertEquals(emergencyMrn, Http.json().readTree(tomb.body()).path("redirectedFrom").asText());
        assertEquals(200, henrik.get(PATIENTS + "/" + realMrn).status);
        assertFalse("merged duplicates are not search results",
                mrns(search(clerk, "name=unidentified&size=200")).contains(emergencyMrn));

        Http.Response again = clerk.post(PATIENTS + "/" + realMrn + "/merge", Http.json().createObjectNode()
                .put("duplicateMrn", emergencyMrn).put("reason", "Identified by his wife at the bedside"));
        assertEquals(again.toString(), 409, again.status);
        assertEquals(409, clerk.put(PATIENTS + "/" + emergencyMrn, real).status);
        assertEquals(400, clerk.post(PATIENTS + "/" + realMrn + "/merge", Http.json().createObjectNode()
                .put("duplicateMrn", realMrn).put("reason", "same record twice")).status);
        assertEquals(403, nurse.post(PATIENTS + "/" + realMrn + "/merge", Http.json().createObjectNode()
                .put("duplicateMrn", emergencyMrn).put("reason", "nurses do not merge")).status);

        DataSource ds = awaitService(DataSource.class, "(osgi.jndi.service.name=pavilion)", BOOT_BOUND);
        try (Connection c = ds.getConnection(); PreparedStatement st = c.prepareStatement(
                "SELECT payload, subject_key FROM events_outbox WHERE event_type = 'PatientsMerged'")) {
            String key = null;
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    JsonNode e = Http.json().readTree(rs.getString(1));
                    if (e.path("survivorMrn").asText().equals(realMrn) && e.path("duplicateMrn").asText().equals(emergencyMrn)) {
                        key = rs.getString(2);
                    }
                }
            }
            // Keyed by the record that goes away: subscribers get all of the emergency record's events before the merge.
            assertEquals("PatientsMerged in the outbox, keyed by the duplicate", "patient:" + emergencyMrn, key);
        }
        // The EMR's own record of the merge (departments that follow it audit theirs under their own resource types).
        JsonNode audit = admin.get("/api/v1/platform/audit?action=MERGE&outcome=SUCCESS&resourceType=patient&patientId="
                + realMrn).json();
        assertEquals(audit.toString(), 1, audit.path("total").asLong());
        assertTrue(audit.toString(), audit.path("items").get(0).path("detail").asText().contains("wife"));
    }

    @Test
    public void twoClerksEditingTheSameRecordCannotOverwriteEachOther() throws Exception {
        Http admin = adminOnceEmrIsUp();
        Http anna = staff(admin, "emr.anna", "RECEPTIONIST");
        Http ben = staff(admin, "emr.ben", "RECEPTIONIST");
        ObjectNode body = patient("Lucía", "Fernández", "FEMALE", "1977-11-30");
        String mrn = register(anna, body);
        HttpResponse<String> read = raw(anna, "GET", PATIENTS + "/" + mrn, null, null);
        String etag = read.headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> bens = raw(ben, "PUT", PATIENTS + "/" + mrn, body.put("email", "lucia@example.es"), etag);
        assertEquals(bens.body(), 200, bens.statusCode());
        HttpResponse<String> annas = raw(anna, "PUT", PATIENTS + "/" + mrn, body.put("email", "old@example.es"), etag);
        assertEquals(annas.body(), 412, annas.statusCode());
        assertTrue(annas.body(), annas.body().contains("urn:pavilion:problem:edit-conflict"));
        assertEquals("lucia@example.es", anna.get(PATIENTS + "/" + mrn).json().path("email").asText());
        String fresh = bens.headers().firstValue("ETag").orElseThrow();
        assertEquals(200, raw(anna, "PUT", PATIENTS + "/" + mrn, body.put("email", "new@example.es"), fresh).statusCode());
    }

    @Test
    public void aPatientExportsTheirRecordAndAnErasureRequestPseudonymisesWhatNoLawKeeps() throws Exception {
        Http admin = adminOnceEmrIsUp();
        Http clerk = staff(admin, "emr.gdpr.clerk", "RECEPTIONIST");
        ObjectNode body = patient("Margarethe", "Vestergaard", "FEMALE", "1969-06-21").put("nationalId", "DK-210669")
                .put("email", "mv@example.dk");
        body.putArray("phones").add("+45 20 30 40 50");
        body.putArray("nextOfKin").addObject().put("name", "Jens Vestergaard").put("relationship", "CHILD")
                .put("email", "jens@example.dk");
        body.putArray("insurance").addObject().put("insurer", "Sygeforsikring danmark").put("policyNumber", "SD-77");
        String mrn = register(clerk, body);
        String dup = register(clerk, patient("Margarete", "Vestergard", "FEMALE", "1969-06-22"));
        assertEquals(200, clerk.post(PATIENTS + "/" + mrn + "/merge", Http.json().createObjectNode()
                .put("duplicateMrn", dup).put("reason", "Same person, birth date mistyped")).status);
        Http margarethe = user(admin, "emr.margarethe", "PATIENT", mrn);
        String other = register(clerk, patient("Sven", "Olsen", "MALE", "1950-01-01"));

        // Right of access: the patient downloads everything the EMR holds on her, as one file.
        JsonNode export = exportOf(margarethe, mrn);
        assertEquals("pavilion-emr-patient-export", export.path("format").asText());
        assertEquals(mrn, export.path("mrn").asText());
        assertEquals(dup, export.path("mergedDuplicates").get(0).asText());
        JsonNode data = export.path("data");
        assertEquals(2, data.path("Patient").size());
        assertEquals("+45 20 30 40 50", data.path("PatientPhone").get(0).path("phone").asText());
        assertEquals("Jens Vestergaard", data.path("NextOfKin").get(0).path("name").asText());
        assertEquals("SD-77", data.path("InsurancePolicy").get(0).path("policyNumber").asText());
        assertEquals(403, exportStatus(margarethe, other));
        assertEquals(403, exportStatus(clerk, mrn));
        assertEquals(1, admin.get("/api/v1/platform/audit?action=EXPORT&outcome=SUCCESS&patientId=" + mrn).json()
                .path("total").asLong());

        // Right to erasure: with no clinical record to retain, she is pseudonymised and her contacts removed.
        assertEquals(403, clerk.post("/api/v1/emr/privacy/" + mrn + "/erasure",
                Http.json().createObjectNode().put("reason", "request 2026-17")).status);
        assertEquals(400, admin.post("/api/v1/emr/privacy/" + mrn + "/erasure", Http.json().createObjectNode()).status);
        Http.Response erased = admin.post("/api/v1/emr/privacy/" + mrn + "/erasure",
                Http.json().createObjectNode().put("reason", "GDPR request 2026-17"));
        assertEquals(erased.toString(), 200, erased.status);
        JsonNode report = erased.json();
        assertEquals("FULL", report.path("scope").asText());
        assertEquals(dup, report.path("mergedDuplicates").get(0).asText());
        assertTrue(report.toString(), report.path("kept").toString().contains("audit trail"));
        JsonNode after = admin.get(PATIENTS + "/" + mrn).json();
        assertEquals("Erased", after.path("givenName").asText());
        assertEquals("1969-01-01", after.path("birthDate").asText());
        assertTrue(after.toString(), after.path("nationalId").isNull() || after.path("nationalId").isMissingNode());
        assertEquals(0, after.path("phones").size());
        assertEquals(0, after.path("nextOfKin").size());
        assertEquals(0, after.path("insurance").size());
        assertEquals(0, search(admin, "name=vestergaard").path("total").asLong());
        assertEquals(0, search(admin, "nationalId=DK-210669").path("total").asLong());
        assertEquals(200, admin.get(PATIENTS + "/" + other).status);
        assertEquals("Olsen", admin.get(PATIENTS + "/" + other).json().path("familyName").asText());
        assertEquals(1, admin.get("/api/v1/platform/audit?action=ERASE&resourceType=patient-privacy&patientId=" + mrn)
                .json().path("total").asLong());
    }

    private static int exportStatus(Http who, String mrn) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(baseUrl() + "/api/v1/emr/privacy/" + mrn + "/export"))
                .header("Authorization", "Bearer " + who.token())
                // An administrator exporting another person's record gives a reason (docs/security-glass.md).
                .header("Pavilion-Break-Glass-Reason", "GDPR access request, ticket 4711").build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static JsonNode exportOf(Http who, String mrn) throws Exception {
        HttpResponse<byte[]> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(baseUrl() + "/api/v1/emr/privacy/" + mrn + "/export"))
                .header("Authorization", "Bearer " + who.token())
                // An administrator exporting another person's record gives a reason (docs/security-glass.md).
                .header("Pavilion-Break-Glass-Reason", "GDPR access request, ticket 4711").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(new String(r.body(), StandardCharsets.UTF_8), 200, r.statusCode());
        assertEquals("application/zip", r.headers().firstValue("Content-Type").orElse(""));
        try (java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(r.body()))) {
            java.util.zip.ZipEntry e = zip.getNextEntry();
            assertEquals("patient.json", e.getName());
            return Http.json().readTree(zip.readAllBytes());
        }
    }

    /** A request with the caller's token and an optional If-Match, answer headers kept (Http drops them). */
    private static HttpResponse<String> raw(Http who, String method, String path, Object body, String ifMatch)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Authorization", "Bearer " + who.token()).header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(Http.json().writeValueAsString(body)));
        if (ifMatch != null) {
            b.header("If-Match", ifMatch);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String envelope(String body) {
        return "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:v1=\"urn:pavilion:emr:v1\">"
                + "<soap:Body>" + body + "</soap:Body></soap:Envelope>";
    }

    private static HttpResponse<String> soap(String envelope, String basic) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + "/api/soap/emr/PatientRegistry"))
                .header("Content-Type", "text/xml; charset=UTF-8").header("SOAPAction", "\"\"")
                .POST(HttpRequest.BodyPublishers.ofString(envelope));
        if (basic != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
