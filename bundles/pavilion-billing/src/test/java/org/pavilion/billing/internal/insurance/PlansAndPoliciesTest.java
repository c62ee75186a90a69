package org.pavilion.billing.internal.insurance;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.pavilion.billing.internal.insurance.InsuranceDesk.CLERK;
import static org.pavilion.billing.internal.insurance.InsuranceDesk.as;
import static org.pavilion.billing.internal.insurance.InsuranceDesk.rule;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.api.rest.ProblemException;

/** The billing office sets up an insurer, its plan and a patient's policy. */
public class PlansAndPoliciesTest {

    private InsuranceDesk desk;

    @Before
    public void setUp() throws Exception {
        desk = new InsuranceDesk();
    }

    @After
    public void tearDown() throws Exception {
        desk.close();
    }

    private static int status(Callable<?> work) throws Exception {
        try {
            as(CLERK, work);
            fail("expected a problem");
            return 0;
        } catch (ProblemException e) {
            return e.status();
        }
    }

    @Test
    public void anInsurerAndItsPlanWithRulesAreKeptAndReplacedByVersion() throws Exception {
        InsurerDto tk = desk.insurer("TK");
        assertTrue(tk.version != null);
        assertEquals("PAYER-TK", tk.payerId);
        PlanDto plan = desk.plan("TK-PLUS", "TK", rule("CONSULTATION", "0.9", "5.00", null),
                rule("LAB_TEST", "1", "0", "250.00"));
        assertEquals(2, plan.rules.size());
        PlanDto read = desk.catalogue.plan("TK-PLUS");
        assertEquals("CONSULTATION", read.rules.get(0).category);
        assertEquals("0.9000", read.rules.get(0).coveredPercent);
        assertEquals("5.00", read.rules.get(0).copay);
        assertNull(read.rules.get(0).annualLimit);
        assertEquals("250.00", read.rules.get(1).annualLimit);
        assertEquals(List.of("TK-PLUS"), desk.catalogue.plans("TK").stream().map(p -> p.code).toList());

        // replace the rules: only medicines now
        read.rules = List.of(rule("MEDICINE", "0.5", "0", null));
        PlanDto replaced = as(CLERK, () -> desk.catalogue.putPlan("TK-PLUS", read));
        assertEquals(1, replaced.rules.size());
        assertTrue(replaced.version > read.version);
        // a second editor with the old version loses
        assertEquals(409, status(() -> desk.catalogue.putPlan("TK-PLUS", read)));
        // an insurer replaced without a version is refused too
        InsurerDto again = new InsurerDto();
        again.name = "TK";
        assertEquals(409, status(() -> desk.catalogue.putInsurer("TK", again)));
    }

    @Test
    public void rulesThatDoNotFitAreRefused() throws Exception {
        desk.insurer("TK");
        assertEquals(422, status(() -> desk.plan("TK-A", "TK", rule("CONSULTATION", "1.2", "0", null))));
        assertEquals(422, status(() -> desk.plan("TK-B", "TK", rule("CONSULTATION", "0.8", "-5.00", null))));
        assertEquals(422, status(() -> desk.plan("TK-C", "TK", rule("CONSULTATION", "0.8", "5.001", null))));
        assertEquals(422, status(() -> desk.plan("TK-D", "TK", rule("DIAGNOSIS", "0.8", "0", null))));
        assertEquals(422, status(() -> desk.plan("TK-E", "NOBODY", rule("CONSULTATION", "0.8", "0", null))));
        assertEquals(404, status(() -> desk.catalogue.plan("TK-A")));
    }

    @Test
    public void anInsurerTypedInAHurryNamesEveryBrokenFieldAtOnceAndWritesNothing() throws Exception {
        InsurerDto hurried = new InsurerDto();
        hurried.name = " ";
        hurried.fhirBaseUrl = "ftp://fhir.tk.example/r4";
        ProblemException e = problem(() -> as(CLERK, () -> desk.catalogue.putInsurer("TK NORD", hurried)));
        assertEquals(400, e.status());
        assertEquals("urn:pavilion:problem:validation", e.type());
        assertEquals(List.of(Map.of("field", "code", "message", "must be 1 to 40 letters, digits, . _ or -"),
                Map.of("field", "fhirBaseUrl", "message", "must be an http(s) URL"),
                Map.of("field", "name", "message", "must not be blank")),
                e.extensions().get("violations"));
        assertEquals("3 invalid fields: code must be 1 to 40 letters, digits, . _ or -; fhirBaseUrl must be an "
                + "http(s) URL; name must not be blank", e.detail());

        hurried.name = "Techniker Krankenkasse";
        hurried.code = "AOK";
        hurried.fhirBaseUrl = "https://fhir tk example"; // no URL at all
        assertEquals(List.of(Map.of("field", "code", "message", "is AOK, not the code of the address (TK)"),
                Map.of("field", "fhirBaseUrl", "message", "must be an http(s) URL")),
                problem(() -> as(CLERK, () -> desk.catalogue.putInsurer("TK", hurried))).extensions()
                        .get("violations"));
        assertEquals(400, status(() -> desk.catalogue.putInsurer("TK", null)));
        assertTrue(desk.catalogue.insurers().isEmpty());

        hurried.code = null;
        hurried.fhirBaseUrl = " https://fhir.tk.example/r4 ";
        assertEquals("https://fhir.tk.example/r4", as(CLERK, () -> desk.catalogue.putInsurer("TK", hurried))
                .fhirBaseUrl);
    }

    @Test
    public void aPlanMissingItsHeadIs400AndItsRulesThatDoNotFitAre422EachNamedOnce() throws Exception {
        desk.insurer("TK");
        PlanDto plan = new PlanDto();
        plan.insurerCode = " ";
        plan.rules = Arrays.asList(rule("CONSULTATION", null, "0", null), rule("DIAGNOSIS", "0.8", "0",
                null));
        ProblemException malformed = problem(() -> as(CLERK, () -> desk.catalogue.putPlan("TK-PLUS", plan)));
        assertEquals(400, malformed.status());
        assertEquals(List.of(Map.of("field", "insurerCode", "message", "must not be blank"),
                Map.of("field", "name", "message", "must not be blank"),
                Map.of("field", "rules[0].coveredPercent", "message", "must not be blank")),
                malformed.extensions().get("violations")); // the category is a rule that does not fit: after

        plan.name = "TK Plus";
        plan.insurerCode = "TK";
        plan.rules = Arrays.asList(rule("CONSULTATION", "1.2", "0", null),
                rule("DIAGNOSIS", "0.8", "-5.00", null), rule("CONSULTATION", "0.8", "5.001", null), null,
                rule(" ", "0.5", "0", "12,50"));
        ProblemException unfit = problem(() -> as(CLERK, () -> desk.catalogue.putPlan("TK-PLUS", plan)));
        assertEquals(422, unfit.status());
        assertEquals("urn:pavilion:problem:validation", unfit.type());
        assertEquals(List.of(
                Map.of("field", "rules[0].coveredPercent", "message",
                        "is a fraction from 0 to 1 with at most 4 decimals (0.055 is 5.5 %)"),
                Map.of("field", "rules[1].category", "message", "must be one of BED_DAY, CONSULTATION, LAB_TEST, "
                        + "MEDICINE, OTHER, PROCEDURE, SUPPLY"),
                Map.of("field", "rules[1].copay", "message", "must not be negative"),
                Map.of("field", "rules[2].category", "message",
                        "CONSULTATION has a rule already: one rule per category"),
                Map.of("field", "rules[2].copay", "message", "has more decimals than EUR allows (2)"),
                Map.of("field", "rules[3]", "message", "must not be null"),
                Map.of("field", "rules[4].annualLimit", "message", "is not a decimal number: 12,50"),
                Map.of("field", "rules[4].category", "message", "must not be blank")),
                unfit.extensions().get("violations"));
        assertEquals(404, status(() -> desk.catalogue.plan("TK-PLUS")));

        plan.rules = List.of(rule("CONSULTATION", "0.8", "5.00", null));
        plan.code = "TK-PLUS";
        assertEquals(1, as(CLERK, () -> desk.catalogue.putPlan("TK-PLUS", plan)).rules.size());
    }

    @Test
    public void aPatientsPolicyIsAddedListedAndEnded() throws Exception {
        desk.insurer("TK");
        desk.plan("TK-PLUS", "TK", rule("CONSULTATION", "0.9", "5.00", null));
        PolicyDto p = desk.policy("MRN-2001", "TK-PLUS", "T-0001", "2026-01-01");
        assertEquals("ACTIVE", p.status);
        assertEquals("TK", p.insurerCode);
        assertNull(p.eligibility);
        List<PolicyDto> listed = as(CLERK, () -> desk.policies.list("MRN-2001"));
        assertEquals(List.of(p.id), listed.stream().map(x -> x.id).toList());
        assertEquals(List.of("bl-policy"), desk.audit.of("bl-policy").stream().map(e -> e.resourceType()).distinct()
                .toList());
        assertTrue("the create and the list are audited against the patient", desk.audit.of("bl-policy").stream()
                .allMatch(e -> "MRN-2001".equals(e.patientId())));

        PolicyDto end = new PolicyDto();
        end.status = "ENDED";
        end.version = p.version;
        PolicyDto ended = as(CLERK, () -> desk.policies.update(p.id, end));
        assertEquals("ENDED", ended.status);
        assertEquals("2026-12-07", ended.validTo); // ended today when no date is given
        end.status = "ACTIVE";
        end.version = ended.version;
        assertEquals(409, status(() -> desk.policies.update(p.id, end)));

        assertEquals(422, status(() -> desk.policy("MRN-2001", "NO-PLAN", "T-0002", "2026-01-01")));
        assertEquals(400, status(() -> desk.policy("MRN-2001", "TK-PLUS", "T-0002", "1st of May")));
    }

    @Test
    public void aPolicyTypedInAHurryNamesEveryBrokenFieldAndAnUpdateWithoutItsVersionIsRefused() throws Exception {
        desk.insurer("TK");
        desk.plan("TK-PLUS", "TK", rule("CONSULTATION", "0.9", "5.00", null));
        PolicyDto hurried = new PolicyDto();
        hurried.memberId = "T-".repeat(51);
        hurried.validFrom = "1st of May";
        hurried.validTo = "soon";
        ProblemException e = problem(() -> as(CLERK, () -> desk.policies.create("MRN-2002", hurried)));
        assertEquals(400, e.status());
        assertEquals("urn:pavilion:problem:validation", e.type());
        assertEquals(List.of(Map.of("field", "memberId", "message", "size must be between 0 and 100"),
                Map.of("field", "planCode", "message", "must not be blank"),
                Map.of("field", "validFrom", "message", "must be a date as yyyy-MM-dd"),
                Map.of("field", "validTo", "message", "must be a date as yyyy-MM-dd")),
                e.extensions().get("violations"));
        assertTrue(as(CLERK, () -> desk.policies.list("MRN-2002")).isEmpty());

        PolicyDto p = desk.policy("MRN-2002", "TK-PLUS", "T-0003", "2026-01-01");
        PolicyDto end = new PolicyDto();
        end.status = "ENDED"; // the create's required fields are not asked again, the version read is
        assertEquals(List.of(Map.of("field", "version", "message", "must not be null")),
                problem(() -> as(CLERK, () -> desk.policies.update(p.id, end))).extensions().get("violations"));
        end.version = p.version;
        assertEquals("ENDED", as(CLERK, () -> desk.policies.update(p.id, end)).status);
    }

    private static ProblemException problem(Callable<?> call) {
        try {
            call.call();
        } catch (ProblemException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        fail("accepted");
        return null;
    }
}
