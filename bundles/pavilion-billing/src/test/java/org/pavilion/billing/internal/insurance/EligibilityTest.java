package org.pavilion.billing.internal.insurance;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.pavilion.billing.internal.insurance.InsuranceDesk.CLERK;
import static org.pavilion.billing.internal.insurance.InsuranceDesk.as;
import static org.pavilion.billing.internal.insurance.InsuranceDesk.rule;

import java.net.ServerSocket;
import java.time.Duration;
import java.time.ZoneOffset;

import org.hl7.fhir.r4.model.CoverageEligibilityRequest;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.billing.internal.fhir.FhirInsurerClient;
import org.pavilion.billing.internal.fhir.FhirR4;
import org.pavilion.core.testing.TestConstraints;

/** Reception books a visit; the billing office checks the patient's insurance with the insurer over FHIR. */
public class EligibilityTest {

    private InsuranceDesk desk;
    private PolicyDto policy;

    @Before
    public void setUp() throws Exception {
        desk = new InsuranceDesk(Duration.ofSeconds(10)); // a busy CI machine parses its first FHIR slowly
        desk.insurer("BARMER");
        desk.plan("BARMER-STD", "BARMER", rule("CONSULTATION", "0.8", "10.00", null));
        policy = desk.policy("MRN-3001", "BARMER-STD", "B-123456", "2026-01-01");
    }

    @After
    public void tearDown() throws Exception {
        desk.close();
    }

    @Test
    public void aMemberTheInsurerKnowsIsEligible() throws Exception {
        desk.insurer.members("B-123456");
        PolicyDto checked = as(CLERK, () -> desk.policies.checkEligibility(policy.id));
        assertEquals(checked.eligibilityDetail, "ELIGIBLE", checked.eligibility);
        assertEquals("member B-123456 covered", checked.eligibilityDetail);
        assertEquals("2026-12-07T10:00:00Z", checked.eligibilityCheckedAt);
        CoverageEligibilityRequest sent = (CoverageEligibilityRequest) desk.insurer.received().get(0);
        assertEquals("B-123456", sent.getPatient().getIdentifier().getValue());
        assertEquals(FhirR4.MEMBER_ID_SYSTEM, sent.getPatient().getIdentifier().getSystem());
        assertEquals("PAYER-BARMER", sent.getInsurer().getIdentifier().getValue());
        assertEquals(CoverageEligibilityRequest.EligibilityRequestPurpose.VALIDATION,
                sent.getPurpose().get(0).getValue());
        assertEquals("2026-12-07", sent.getServicedDateType().getValueAsString());
        assertTrue(desk.audit.of("bl-policy").stream().anyMatch(e -> "eligibility ELIGIBLE".equals(e.detail())));
    }

    @Test
    public void aMemberWhosePolicyLapsedIsNotEligible() throws Exception {
        PolicyDto checked = as(CLERK, () -> desk.policies.checkEligibility(policy.id));
        assertEquals("NOT_ELIGIBLE", checked.eligibility);
        assertEquals("no policy in force for member B-123456", checked.eligibilityDetail);
    }

    @Test
    public void anInsurerThatIsDownSlowOrGoneGivesErrorAndChangesNothingElse() throws Exception {
        desk.insurer.members("B-123456").down(true);
        PolicyDto down = as(CLERK, () -> desk.policies.checkEligibility(policy.id));
        assertEquals("ERROR", down.eligibility);
        assertEquals("insurer BARMER answered HTTP 503", down.eligibilityDetail);
        assertEquals("ACTIVE", down.status);

        desk.insurer.down(false).slow(Duration.ofSeconds(3));
        PolicyService impatient = new PolicyService(desk.db.emf, desk.audit,
                new FhirInsurerClient(Duration.ofSeconds(1), "Pavilion Hospital"), null, ZoneOffset.UTC,
                () -> InsuranceDesk.NOW, TestConstraints.platform());
        long start = System.nanoTime();
        PolicyDto slow = as(CLERK, () -> impatient.checkEligibility(policy.id));
        assertEquals("ERROR", slow.eligibility);
        assertEquals("insurer BARMER did not answer: timed out", slow.eligibilityDetail);
        assertTrue("gave up after the timeout", System.nanoTime() - start < Duration.ofMillis(2500).toNanos());

        // the insurer's server moved away: nothing listens at the address
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        InsurerDto moved = desk.catalogue.insurer("BARMER");
        moved.fhirBaseUrl = "http://127.0.0.1:" + port + "/fhir";
        as(CLERK, () -> desk.catalogue.putInsurer("BARMER", moved));
        PolicyDto gone = as(CLERK, () -> impatient.checkEligibility(policy.id));
        assertEquals("ERROR", gone.eligibility);
        assertTrue(gone.eligibilityDetail, gone.eligibilityDetail.startsWith("insurer BARMER did not answer"));
    }
}
