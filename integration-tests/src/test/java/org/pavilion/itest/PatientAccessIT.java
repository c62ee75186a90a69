package org.pavilion.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.Test;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.emr.api.AccessDecision;
import org.pavilion.emr.api.AccessDecision.Outcome;
import org.pavilion.emr.api.DataPart;
import org.pavilion.emr.api.PatientAccess;
import org.pavilion.emr.api.PatientAccess.Action;
import org.pavilion.testsupport.Await;
import org.pavilion.testsupport.Http;

/**
 * Another department's code (this test bundle, standing in for a pharmacy) asks the EMR's PatientAccess in the real
 * container. Greta Lind was registered twice and the clerk merged the records; her own account names the
 * duplicate. Through the pharmacy she sees her own record by either MRN and nothing of her neighbour's; the
 * pharmacy's billing clerk sees demographics but not the clinical record. The pharmacy writes the audit records of
 * its decisions itself, and the refusal is in the platform's trail.
 */
public class PatientAccessIT extends PavilionTestSupport {

    private static final String PATIENTS = "/api/v1/emr/patients";
    private static final DataPart DISPENSING = DataPart.declaredBy("dispensing", "itest-pharmacy.dispensing.view",
            "itest-pharmacy.dispensing.record", "itest-pharmacy.dispensing.view-own", false);

    @Test
    public void aPatientAccountSeesOnlyItsOwnDataInAnotherDepartment() throws Exception {
        Http admin = loginAsAdmin();
        Await.until("EMR patients endpoint is published", BOOT_BOUND,
                () -> assertEquals(400, admin.get(PATIENTS).status));
        String greta = register(admin, "Greta", "Lind", "1971-02-14", false);
        String duplicate = register(admin, "Greta", "Lindh", "1971-02-14", true);
        String neighbour = register(admin, "Olof", "Berg", "1966-09-30", false);
        Http.Response merged = admin.post(PATIENTS + "/" + greta + "/merge", Http.json().createObjectNode()
                .put("duplicateMrn", duplicate).put("reason", "Same woman, family name misspelt"));
        assertEquals(merged.toString(), 200, merged.status);

        PatientAccess access = awaitService(PatientAccess.class, null, BOOT_BOUND);
        AuditService audit = awaitService(AuditService.class, null, BOOT_BOUND);
        Caller gretaAccount = patientAccount("itest.greta", duplicate, "emr.record.view-own", "emr.patient.view",
                "itest-pharmacy.dispensing.view-own");
        for (DataPart part : new DataPart[] {DataPart.CLINICAL_RECORD, DataPart.DEMOGRAPHICS, DISPENSING}) {
            for (String own : new String[] {greta, duplicate}) {
                AccessDecision d = CallerContext.runAs(gretaAccount, () -> access.decide(own, part, Action.READ));
                assertEquals(d.toString(), Outcome.ALLOWED, d.outcome());
                assertEquals(greta, d.mrn());
            }
            AccessDecision other = CallerContext.runAs(gretaAccount,
                    () -> access.decide(neighbour, part, Action.READ));
            assertEquals(other.toString(), Outcome.DENIED, other.outcome());
            assertEquals(Outcome.DENIED, CallerContext.runAs(gretaAccount,
                    () -> access.decide(greta, part, Action.WRITE)).outcome());
        }

        Caller billing = Caller.inContainer("itest:pharmacy-billing", Set.of("emr.patient.view-any"), "local");
        assertEquals(Outcome.ALLOWED, CallerContext.runAs(billing,
                () -> access.decide(neighbour, DataPart.DEMOGRAPHICS, Action.READ)).outcome());
        assertEquals(Outcome.DENIED, CallerContext.runAs(billing,
                () -> access.decide(neighbour, DataPart.CLINICAL_RECORD, Action.READ)).outcome());

        // The pharmacy audits its refusal itself, as the decision hands it over.
        CallerContext.runAs(gretaAccount, () -> {
            AccessDecision d = access.decide(neighbour, DISPENSING, Action.READ);
            audit.record(d.auditEvent("READ", "Dispensing").build());
            return null;
        });
        JsonNode denied = admin.get("/api/v1/platform/audit?patientId=" + neighbour + "&outcome=DENIED").json();
        assertTrue(denied.toString(), denied.toString().contains("Dispensing")
                && denied.toString().contains("not the caller's own record"));
    }

    private static String register(Http clerk, String given, String family, String birthDate, boolean duplicate)
            throws Exception {
        Http.Response r = clerk.post(PATIENTS + (duplicate ? "?confirmDuplicate=true" : ""), Http.json()
                .createObjectNode().put("givenName", given).put("familyName", family).put("sex", "FEMALE")
                .put("birthDate", birthDate));
        assertEquals(r.toString(), 201, r.status);
        return r.json().path("mrn").asText();
    }

    private static Caller patientAccount(String name, String patientId, String... privileges) {
        return new Caller() {
            public String username() {
                return name;
            }

            public Set<String> roles() {
                return Set.of("PATIENT");
            }

            public Set<String> privileges() {
                return Set.of(privileges);
            }

            public Optional<String> patientId() {
                return Optional.of(patientId);
            }

            public String clientAddress() {
                return "local";
            }
        };
    }
}
