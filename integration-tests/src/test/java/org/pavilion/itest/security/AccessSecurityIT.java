package org.pavilion.itest.security;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.Test;
import org.ops4j.pax.exam.Option;
import org.pavilion.testsupport.Await;
import org.pavilion.testsupport.Http;
import org.pavilion.itest.PavilionTestSupport;

/**
 * Break-the-glass and data minimisation (issue #20, docs/security-glass.md), on H2 and PostgreSQL: lifting a
 * restriction, a restricted patient's contact data (not shown, not findable by a withheld field), an administrator's GDPR export of someone else's record, an
 * administrator granting themself clinical access, and a user paging through patients. The bulk-access guard is
 * set to a small threshold; each test reads patients as its own users, so their windows do not mix.
 */
public class AccessSecurityIT extends PavilionTestSupport {

    private static final String PATIENTS = "/api/v1/emr/patients/";
    private static final String RECORDS = "/api/v1/emr/records/";
    private static final String REASON_HEADER = "Pavilion-Break-Glass-Reason";
    private static final int HARVEST_LIMIT = 6;

    /** A small harvest limit, so a few reads cross it. */
    @Override
    protected Option[] extraOptions() {
        return new Option[] {
            editConfigurationFilePut("etc/org.pavilion.emr.harvest.cfg", "harvestDistinctPatients",
                    String.valueOf(HARVEST_LIMIT)),
            editConfigurationFilePut("etc/org.pavilion.emr.harvest.cfg", "harvestWindowMinutes", "10")};
    }

    private static Http admin() throws Exception {
        Http admin = loginAsAdmin();
        Await.until("EMR patients endpoint is published", BOOT_BOUND,
                () -> assertEquals(400, admin.get("/api/v1/emr/patients").status));
        return admin;
    }

    private static String restrictedPatient(Http admin, String family) throws Exception {
        JsonNode p = created(admin.post("/api/v1/emr/patients", obj().put("givenName", "Vera").put("familyName",
                family).put("sex", "FEMALE").put("birthDate", "1968-03-0" + (1 + Math.abs(family.hashCode()) % 8))
                .put("nationalId", "NID-" + family)
                .set("address", obj().put("line", "1 Quiet Lane").put("city", "Lyon"))));
        String mrn = p.path("mrn").asText();
        ok(admin.put(PATIENTS + mrn, obj().put("givenName", "Vera").put("familyName", family).put("sex", "FEMALE")
                .put("birthDate", p.path("birthDate").asText()).put("nationalId", "NID-" + family)
                .set("address", obj().put("line", "1 Quiet Lane").put("city", "Lyon"))));
        ok(admin.put(RECORDS + mrn + "/restriction", obj().put("restricted", true)));
        return mrn;
    }

    private static HttpResponse<String> get(Http who, String path, String reason) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .header("Authorization", "Bearer " + who.token());
        if (reason != null) {
            b.header(REASON_HEADER, reason);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The audit records of {@code action} about patient {@code mrn} (or by resource id when mrn is null). */
    private static JsonNode audit(Http admin, String query) throws Exception {
        return ok(admin.get("/api/v1/platform/audit?size=50&" + query)).path("items");
    }

    @Test
    public void liftingARestrictionNeedsAReasonAndIsAuditedAsEmergencyAccess() throws Exception {
        Http admin = admin();
        Http doctor = createUser(admin, "glass.dr.lift", "DOCTOR", null);
        String mrn = restrictedPatient(admin, "Lifted");

        Http.Response without = doctor.put(RECORDS + mrn + "/restriction", obj().put("restricted", false));
        problem(422, without);
        problem(422, doctor.put(RECORDS + mrn + "/restriction", obj().put("restricted", false).put("reason", "x")));
        assertEquals(403, get(doctor, RECORDS + mrn, null).statusCode()); // still restricted

        ok(doctor.put(RECORDS + mrn + "/restriction", obj().put("restricted", false)
                .put("reason", "Patient asked to lift it at the desk, consent form signed")));
        assertEquals(200, get(doctor, RECORDS + mrn, null).statusCode());
        JsonNode lifted = audit(admin, "patientId=" + mrn + "&action=RESTRICTION_LIFTED");
        assertEquals(lifted.toString(), 1, lifted.size());
        assertTrue(lifted.toString(), lifted.get(0).path("emergency").asBoolean());
        assertEquals("glass.dr.lift", lifted.get(0).path("actor").asText());
        assertTrue(lifted.toString(), lifted.get(0).path("detail").asText().contains("consent form signed"));
        // Restricting again needs no reason.
        ok(doctor.put(RECORDS + mrn + "/restriction", obj().put("restricted", true)));
    }

    @Test
    public void aRestrictedPatientsContactDataIsHiddenFromRolesWithoutThePrivilegeAndShownWithIt() throws Exception {
        Http admin = admin();
        Http billing = createUser(admin, "glass.billing", "BILLING", null);
        Http clerk = createUser(admin, "glass.clerk", "RECEPTIONIST", null);
        Http doctor = createUser(admin, "glass.dr.contact", "DOCTOR", null);
        String mrn = restrictedPatient(admin, "Hidden");

        JsonNode hidden = Http.json().readTree(get(billing, PATIENTS + mrn, null).body());
        assertTrue(hidden.toString(), hidden.path("nationalId").isMissingNode() || hidden.path("nationalId").isNull());
        assertTrue(hidden.toString(), hidden.path("address").isMissingNode() || hidden.path("address").isNull());
        assertEquals(hidden.toString(), "[\"address\",\"phones\",\"nationalId\"]", hidden.path("hidden").toString());
        assertEquals("Hidden", hidden.path("familyName").asText());
        JsonNode found = ok(billing.get("/api/v1/emr/patients?name=Vera%20Hidden")).path("items");
        assertTrue(found.toString(), found.size() >= 1);
        for (JsonNode hit : found) {
            if (hit.path("mrn").asText().equals(mrn)) {
                assertFalse(hit.toString(), hit.path("nationalId").isTextual());
                assertTrue(hit.toString(), hit.path("hidden").isArray());
            }
        }

        JsonNode shown = Http.json().readTree(get(clerk, PATIENTS + mrn, null).body());
        assertEquals("NID-Hidden", shown.path("nationalId").asText());
        assertEquals("Lyon", shown.path("address").path("city").asText());
        assertFalse(shown.toString(), shown.path("hidden").isArray());

        // A clinician may break the glass for the request: shown, and the read flagged.
        JsonNode glass = Http.json().readTree(get(doctor, PATIENTS + mrn,
                "Patient collapsed, need to call the family now").body());
        assertEquals("NID-Hidden", glass.path("nationalId").asText());
        boolean flagged = false;
        for (JsonNode a : audit(admin, "patientId=" + mrn + "&action=READ")) {
            flagged |= a.path("actor").asText().equals("glass.dr.contact") && a.path("emergency").asBoolean()
                    && a.path("detail").asText().contains("call the family");
        }
        assertTrue("the doctor's emergency read is flagged", flagged);
    }

    @Test
    public void aWithheldFieldDoesNotFindARestrictedPatientForRolesWithoutThePrivilege() throws Exception {
        Http admin = admin();
        Http billing = createUser(admin, "glass.billing.oracle", "BILLING", null);
        Http clerk = createUser(admin, "glass.clerk.oracle", "RECEPTIONIST", null);
        Http doctor = createUser(admin, "glass.dr.oracle", "DOCTOR", null);
        String mrn = restrictedPatient(admin, "Oracle");

        // Searching by the withheld national id would confirm it: no hit, also when the name narrows it down.
        assertEquals(0, ok(billing.get("/api/v1/emr/patients?nationalId=NID-Oracle")).path("total").asInt());
        assertEquals(0, ok(doctor.get("/api/v1/emr/patients?nationalId=nid%20oracle&name=Vera")).path("total")
                .asInt());
        // By name (how reception and the wards find people) it is found, its contact data withheld.
        JsonNode byName = ok(billing.get("/api/v1/emr/patients?name=Vera%20Oracle")).path("items");
        boolean seen = false;
        for (JsonNode hit : byName) {
            if (hit.path("mrn").asText().equals(mrn)) {
                seen = true;
                assertEquals(hit.toString(), "[\"address\",\"phones\",\"nationalId\"]", hit.path("hidden").toString());
            }
        }
        assertTrue(byName.toString(), seen);
        // Reception holds the privilege and finds it by the national id.
        JsonNode reception = ok(clerk.get("/api/v1/emr/patients?nationalId=NID-Oracle")).path("items");
        assertEquals(reception.toString(), 1, reception.size());
        assertEquals(mrn, reception.get(0).path("mrn").asText());
        // Breaking the glass for the clinical record does not reveal the contact data in it either.
        HttpResponse<String> record = get(doctor, RECORDS + mrn, "Unconscious on arrival, checking his allergies");
        assertEquals(record.body(), 200, record.statusCode());
        JsonNode patient = Http.json().readTree(record.body()).path("patient");
        assertEquals(patient.toString(), "[\"address\",\"phones\",\"nationalId\"]", patient.path("hidden").toString());
        assertFalse(patient.toString(), patient.path("nationalId").isTextual());
    }

    @Test
    public void anAdministratorsExportOfAnotherPersonsRecordNeedsAReasonAndIsFlagged() throws Exception {
        Http admin = admin();
        String mrn = registerPatient(admin, "Export", "Subject", "FEMALE", "1980-01-02");
        String path = "/api/v1/emr/privacy/" + mrn + "/export";

        HttpResponse<String> without = get(admin, path, null);
        assertEquals(without.body(), 422, without.statusCode());
        assertTrue(without.body(), without.headers().firstValue("Content-Type").orElse("").contains("problem+json"));
        assertEquals(422, get(admin, path, "short").statusCode());

        HttpResponse<String> with = get(admin, path, "Subject access request SAR-2026-113 by post");
        assertEquals(200, with.statusCode());
        JsonNode exports = audit(admin, "patientId=" + mrn + "&action=EXPORT&outcome=SUCCESS");
        assertEquals(exports.toString(), 1, exports.size());
        assertTrue(exports.toString(), exports.get(0).path("emergency").asBoolean());
        assertTrue(exports.toString(), exports.get(0).path("detail").asText().contains("SAR-2026-113"));

        // The patient's own export (right of access) needs no reason and is not flagged.
        Http own = createUser(admin, "glass.export.own", "PATIENT", mrn);
        assertEquals(200, get(own, path, null).statusCode());
        boolean plain = false;
        for (JsonNode a : audit(admin, "patientId=" + mrn + "&action=EXPORT&outcome=SUCCESS")) {
            plain |= a.path("actor").asText().equals("glass.export.own") && !a.path("emergency").asBoolean();
        }
        assertTrue("the patient's own export is audited, not flagged", plain);
    }

    @Test
    public void anAdministratorGrantingThemselvesClinicalAccessIsAuditedAndFlagged() throws Exception {
        Http admin = admin();
        Http.Response created = admin.post("/api/v1/platform/roles", obj().put("name", "GLASS_SELF")
                .put("description", "an administrator's extra role"));
        assertEquals(created.toString(), 201, created.status);
        Http other = createUser(admin, "glass.other.admin", "ADMIN", null);
        // Granting a clinical privilege to a role the administrator does not hold: no flag.
        ok(other.put("/api/v1/platform/roles/GLASS_SELF/privileges/emr.record.clinical.view", obj()));
        assertEquals(0, audit(admin, "action=SELF_GRANT_CLINICAL&actor=glass.other.admin").size());
        // Giving themself the role (roles of their own account), then clinical privileges to a role they hold.
        ok(other.put("/api/v1/platform/users/glass.other.admin/roles", obj().set("roles",
                Http.json().createArrayNode().add("ADMIN").add("GLASS_SELF"))));
        Http again = Http.login(baseUrl(), "glass.other.admin", "glass.other.admin-password-1");
        ok(again.put("/api/v1/platform/roles/GLASS_SELF/privileges/emr.record.break-glass", obj()));

        JsonNode flagged = audit(admin, "action=SELF_GRANT_CLINICAL");
        int mine = 0;
        for (JsonNode a : flagged) {
            if (a.path("actor").asText().equals("glass.other.admin")) {
                mine++;
                assertTrue(a.toString(), a.path("emergency").asBoolean());
            }
        }
        assertEquals(flagged.toString(), 2, mine);
        // The change itself stands: an administrator may be a doctor too.
        assertTrue(ok(admin.get("/api/v1/platform/roles/GLASS_SELF")).toString().contains("emr.record.break-glass"));
    }

    @Test
    public void aUserPagingThroughPatientsIsSlowedAndOneAlertIsAudited() throws Exception {
        Http admin = admin();
        String[] mrns = new String[HARVEST_LIMIT + 3];
        for (int i = 0; i < mrns.length; i++) {
            mrns[i] = registerPatient(admin, "Harvest", "Person" + (char) ('a' + i), "MALE",
                    "1990-05-" + String.format("%02d", i + 1));
        }
        Http nosy = createUser(admin, "glass.nosy", "BILLING", null);
        for (int i = 0; i <= HARVEST_LIMIT; i++) {
            assertEquals(200, get(nosy, PATIENTS + mrns[i], null).statusCode());
        }
        HttpResponse<String> slowed = get(nosy, PATIENTS + mrns[HARVEST_LIMIT + 1], null);
        assertEquals(slowed.body(), 429, slowed.statusCode());
        assertTrue(slowed.headers().firstValue("Retry-After").isPresent());
        assertTrue(slowed.body(), slowed.body().contains("too-many-patients"));
        assertEquals(429, get(nosy, "/api/v1/emr/patients?name=Harvest", null).statusCode());

        JsonNode alerts = audit(admin, "action=BULK_ACCESS_ALERT");
        int mine = 0;
        for (JsonNode a : alerts) {
            if (a.path("actor").asText().equals("glass.nosy")) {
                mine++;
                assertTrue(a.toString(), a.path("emergency").asBoolean());
            }
        }
        assertEquals("one alert per window", 1, mine);
        // Another user is not slowed by the first one's window.
        Http clerk = createUser(admin, "glass.clerk.harvest", "RECEPTIONIST", null);
        assertEquals(200, get(clerk, PATIENTS + mrns[0], null).statusCode());
    }
}
