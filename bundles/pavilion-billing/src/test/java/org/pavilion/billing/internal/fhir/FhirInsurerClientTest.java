package org.pavilion.billing.internal.fhir;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.billing.internal.fhir.InsurerExchange.ClaimAnswer;
import org.pavilion.billing.internal.fhir.InsurerExchange.ClaimRequest;
import org.pavilion.billing.internal.fhir.InsurerExchange.Eligibility;
import org.pavilion.billing.internal.fhir.InsurerExchange.Insurer;
import org.pavilion.billing.internal.fhir.InsurerExchange.Item;
import org.pavilion.billing.internal.fhir.InsurerExchange.Outcome;

/** The FHIR adapter against the local insurer: answers inside Bundles, refusals as OperationOutcome, queued claims. */
public class FhirInsurerClientTest {

    private TestInsurer insurer;
    private FhirInsurerClient client;

    @Before
    public void setUp() throws Exception {
        insurer = new TestInsurer().members("M-1");
        client = new FhirInsurerClient(Duration.ofSeconds(10), "Pavilion Hospital");
    }

    @After
    public void tearDown() {
        insurer.close();
    }

    private static ClaimRequest claim(String number) {
        return new ClaimRequest(number, "INV-2026-000009", "M-1", "EUR", new BigDecimal("40.00"),
                List.of(new Item(1, "LAB-HB", "Haemoglobin", LocalDate.of(2026, 12, 7), new BigDecimal("1.000"),
                        new BigDecimal("25.0000"), new BigDecimal("20.00")),
                        new Item(2, "CONS-GP", "Consultation", LocalDate.of(2026, 12, 7), new BigDecimal("1.000"),
                                new BigDecimal("25.0000"), new BigDecimal("20.00"))));
    }

    @Test
    public void aRefusalAsOperationOutcomeIsAnErrorWithTheInsurersWords() {
        Insurer wrongPath = new Insurer("X", insurer.baseUrl() + "/r5", "X");
        var answer = client.checkEligibility(wrongPath, "M-1", LocalDate.of(2026, 12, 7));
        assertEquals(Eligibility.ERROR, answer.eligibility());
        assertEquals("unknown: POST r5/CoverageEligibilityRequest/$submit", answer.detail());
        var noServer = client.checkEligibility(new Insurer("Y", null, "Y"), "M-1", LocalDate.of(2026, 12, 7));
        assertEquals("insurer Y has no FHIR base URL", noServer.detail());
    }

    @Test
    public void aQueuedClaimIsFoundAgainBySearchingItsClaimResponse() throws Exception {
        Insurer x = new Insurer("X", insurer.baseUrl() + "/", "PAYER-X"); // a trailing slash is fine
        insurer.queue(true);
        ClaimAnswer queued = client.submitClaim(x, claim("CLM-2026-000009"));
        assertEquals(Outcome.QUEUED, queued.outcome());
        assertEquals("c1", queued.insurerClaimId());
        assertEquals(Outcome.QUEUED, client.claimResponse(x, "c1").get().outcome());
        insurer.queue(false).approvePercent(25);
        ClaimAnswer done = client.claimResponse(x, "c1").get();
        assertEquals(Outcome.COMPLETE, done.outcome());
        assertEquals(0, new BigDecimal("10.00").compareTo(done.approved()));
        assertEquals("rc1", done.responseId());
        assertTrue("an unknown claim has no answer yet", client.claimResponse(x, "c99").isEmpty());
    }
}
