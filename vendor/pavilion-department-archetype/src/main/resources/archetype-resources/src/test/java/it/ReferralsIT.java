package ${package}.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.Test;
import org.ops4j.pax.exam.Option;
import org.pavilion.testsupport.Await;
import org.pavilion.testsupport.Http;
import org.pavilion.testsupport.PavilionTestSupport;

/**
 * ${departmentTitle} in the real distribution, installed the way a hospital installs it: its KAR dropped into
 * {@code deploy/}. The department's privileges are in the catalogue and its module in the registry; a doctor refers a
 * patient the EMR registered and sees the EMR's name on the referral (its PatientRegistered subscription); the front
 * desk may read referrals but not open them; a referral without a reason answers 400 problem+json.
 */
public class ReferralsIT extends PavilionTestSupport {

    private static final String REFERRALS = "/api/v1/${departmentName}/referrals";

    @Override
    protected Option[] extraOptions() {
        return new Option[] { departmentKar() };
    }

    @Override
    protected List<String> publishedEndpoints() {
        return List.of(REFERRALS);
    }

    @Test
    public void theDepartmentIsInstalledWithItsPrivileges() throws Exception {
        Http admin = loginAsAdmin();
        JsonNode privileges = ok(admin.get("/api/v1/platform/privileges"));
        for (String name : List.of("${departmentName}.referral.open", "${departmentName}.referral.view")) {
            assertTrue(name + " in " + privileges, find(privileges, "name", name).path("available").asBoolean());
        }
        JsonNode module = find(ok(admin.get("/api/v1/platform/modules")), "name", "${departmentName}");
        assertEquals("${departmentTitle}", module.path("title").asText());
    }

    @Test
    public void aDoctorRefersARegisteredPatientAndSeesTheEmrsName() throws Exception {
        Http admin = loginAsAdmin();
        String mrn = registerPatient(admin, "Amara", "Okonkwo", "FEMALE", "1990-07-14");
        Http doctor = createUser(admin, "dr.${departmentName}.one", "DOCTOR", null);

        JsonNode referral = created(doctor.post(REFERRALS, obj().put("patientId", mrn)
                .put("reason", "Knee rehabilitation after surgery").put("referredBy", "Dr Okafor, orthopaedics")));
        String id = referral.path("id").asText();

        // The EMR's event reaches the department after its commit, at least once: wait for it, bounded.
        JsonNode named = Await.value("the referral shows the EMR's name", Duration.ofSeconds(60), () -> {
            JsonNode r = ok(doctor.get(REFERRALS + "/" + id));
            return r.path("patientName").isNull() || r.path("patientName").isMissingNode() ? null : r;
        });
        assertEquals("Amara Okonkwo", named.path("patientName").asText());
        assertEquals(1, ok(doctor.get(REFERRALS + "?patientId=" + mrn)).path("total").asInt());
    }

    @Test
    public void theFrontDeskReadsButDoesNotReferAndABadReferralIsRefused() throws Exception {
        Http admin = loginAsAdmin();
        Http desk = createUser(admin, "desk.${departmentName}.one", "RECEPTIONIST", null);
        Http doctor = createUser(admin, "dr.${departmentName}.two", "DOCTOR", null);

        problem(403, desk.post(REFERRALS, obj().put("patientId", "0000004269").put("reason", "Back pain")
                .put("referredBy", "Dr Okafor")));
        ok(desk.get(REFERRALS));
        JsonNode bad = problem(400, doctor.post(REFERRALS, obj().put("patientId", "0000004269")));
        assertTrue(bad.toString(), bad.path("detail").asText().contains("reason"));
        // Every broken rule NewReferral declares, listed by field.
        assertEquals(bad.toString(), "reason", bad.path("violations").path(0).path("field").asText());
        assertEquals(bad.toString(), "referredBy", bad.path("violations").path(1).path("field").asText());
        assertEquals(401, Http.anonymous(baseUrl()).get(REFERRALS).status);
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode n : array) {
            if (value.equals(n.path(field).asText())) {
                return n;
            }
        }
        throw new AssertionError("no " + field + "=" + value + " in " + array);
    }
}
