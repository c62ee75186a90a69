package org.pavilion.billing.internal.insurance;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.pavilion.billing.internal.insurance.InsuranceDesk.CLERK;
import static org.pavilion.billing.internal.insurance.InsuranceDesk.SECOND_CLERK;
import static org.pavilion.billing.internal.insurance.InsuranceDesk.as;
import static org.pavilion.billing.internal.insurance.InsuranceDesk.newClaim;
import static org.pavilion.billing.internal.insurance.InsuranceDesk.rule;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.hl7.fhir.r4.model.Claim;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.billing.api.ClaimAdjudicated;
import org.pavilion.billing.api.ClaimSubmitted;
import org.pavilion.billing.internal.fhir.FhirR4;
import org.pavilion.billing.internal.invoices.InvoiceEntity;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.rest.ProblemException;

/**
 * After the patient's visit is invoiced, the billing office claims the insurer's share over FHIR and follows the
 * adjudication: what the insurer does not pay moves to the patient, in the journal too.
 */
public class ClaimsTest {

    private InsuranceDesk desk;
    private PolicyDto policy;

    @Before
    public void setUp() throws Exception {
        desk = new InsuranceDesk();
        desk.insurer("DAK");
        desk.plan("DAK-STD", "DAK", rule("CONSULTATION", "0.8", "10.00", null));
        policy = desk.policy("MRN-4001", "DAK-STD", "D-777", "2026-01-01");
        desk.insurer.members("D-777");
    }

    @After
    public void tearDown() throws Exception {
        desk.close();
    }

    private ClaimDto submit(String invoiceId) throws Exception {
        return as(CLERK, () -> desk.claims.submit(newClaim(invoiceId)));
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

    private InvoiceEntity invoice(String id) {
        return desk.db.jpa.call(em -> em.find(InvoiceEntity.class, id));
    }

    /** The CLAIM_ADJUDICATED journal lines of the claim: account, debit, credit. */
    private List<String> journal(String claimId) {
        return desk.db.jpa.call(em -> em.createQuery("select l.account, l.debit, l.credit from JournalLineEntity l,"
                + " JournalEntryEntity e where l.entryId = e.id and e.kind = 'CLAIM_ADJUDICATED'"
                + " and e.referenceId = :c order by l.account", Object[].class).setParameter("c", claimId)
                .getResultList().stream().map(r -> r[0] + " " + r[1] + " " + r[2]).toList());
    }

    @Test
    public void aClaimPaidInFullIsApprovedAtOnce() throws Exception {
        String inv = desk.issuedInvoice("MRN-4001", "100.00", "72.00", policy.id);
        ClaimDto c = submit(inv);
        assertEquals("CLM-2026-000001", c.number);
        assertEquals("APPROVED", c.status);
        assertEquals("72.00", c.claimedAmount);
        assertEquals("72.00", c.approvedAmount);
        assertEquals("DAK", c.insurerCode);
        assertEquals("DAK-STD", c.planCode);
        assertEquals("INV-2026-000001", c.invoiceNumber);
        assertEquals("2026-12-07T10:00:00Z", c.adjudicatedAt);
        assertEquals(List.of(), journal(c.id)); // nothing moves
        assertEquals(new BigDecimal("72.00"), invoice(inv).getInsuranceShare());

        // what the insurer got: a FHIR Claim for the line with the price code, member and payer ids
        Claim sent = (Claim) desk.insurer.received().get(0);
        assertEquals(Claim.Use.CLAIM, sent.getUse());
        assertEquals("CLM-2026-000001", sent.getIdentifierFirstRep().getValue());
        assertEquals("D-777", sent.getPatient().getIdentifier().getValue());
        assertEquals("PAYER-DAK", sent.getInsurer().getIdentifier().getValue());
        assertEquals(1, sent.getItem().size());
        assertEquals(FhirR4.PRICE_CODE_SYSTEM, sent.getItemFirstRep().getProductOrService().getCodingFirstRep()
                .getSystem());
        assertEquals("CONS-GP", sent.getItemFirstRep().getProductOrService().getCodingFirstRep().getCode());
        assertEquals(0, new BigDecimal("72.00").compareTo(sent.getItemFirstRep().getNet().getValue()));
        assertEquals(0, new BigDecimal("72.00").compareTo(sent.getTotal().getValue()));
        assertEquals("EUR", sent.getTotal().getCurrency());

        ClaimSubmitted submitted = desk.events.of(ClaimSubmitted.TYPE, ClaimSubmitted.class).get(0);
        assertEquals("CLM-2026-000001", submitted.claimNumber);
        assertEquals("b.meyer", submitted.actor);
        ClaimAdjudicated adjudicated = desk.events.of(ClaimAdjudicated.TYPE, ClaimAdjudicated.class).get(0);
        assertEquals("APPROVED", adjudicated.status);
        assertEquals("72.00", adjudicated.approvedAmount);
        assertTrue(desk.events.published.stream().allMatch(p -> ("bl-invoice:" + inv).equals(p.subjectKey())));
    }

    @Test
    public void aPartlyApprovedClaimMovesTheRestToThePatientAndTheJournal() throws Exception {
        desk.insurer.approvePercent(50);
        String inv = desk.issuedInvoice("MRN-4001", "100.00", "72.00", policy.id);
        ClaimDto c = submit(inv);
        assertEquals("PARTLY_APPROVED", c.status);
        assertEquals("36.00", c.approvedAmount);
        assertEquals("paid 50 %", c.reason);
        InvoiceEntity i = invoice(inv);
        assertEquals(new BigDecimal("36.00"), i.getInsuranceShare());
        assertEquals(new BigDecimal("64.00"), i.getPatientShare());
        assertEquals(List.of("1100 36.00 0.00", "1110 0.00 36.00"), journal(c.id));
    }

    @Test
    public void aDeniedClaimLeavesThePatientToPayAll() throws Exception {
        desk.insurer.deny("treatment not covered by the plan");
        String inv = desk.issuedInvoice("MRN-4001", "100.00", "72.00", policy.id);
        ClaimDto c = submit(inv);
        assertEquals("DENIED", c.status);
        assertEquals("0.00", c.approvedAmount);
        assertEquals("treatment not covered by the plan", c.reason);
        InvoiceEntity i = invoice(inv);
        assertEquals(0, i.getInsuranceShare().signum());
        assertEquals(new BigDecimal("100.00"), i.getPatientShare());
        assertEquals(List.of("1100 72.00 0.00", "1110 0.00 72.00"), journal(c.id));
        assertEquals("DENIED", desk.events.of(ClaimAdjudicated.TYPE, ClaimAdjudicated.class).get(0).status);
        assertEquals(409, status(() -> desk.claims.refresh(c.id)));
    }

    @Test
    public void aQueuedClaimIsAdjudicatedWhenAskedAgain() throws Exception {
        desk.insurer.queue(true);
        String inv = desk.issuedInvoice("MRN-4001", "100.00", "72.00", policy.id);
        ClaimDto c = submit(inv);
        assertEquals("SUBMITTED", c.status);
        assertEquals("queued for manual review", c.reason);
        assertEquals(List.of(), desk.events.of(ClaimAdjudicated.TYPE, ClaimAdjudicated.class));

        assertEquals("SUBMITTED", as(CLERK, () -> desk.claims.refresh(c.id)).status); // still in review
        desk.insurer.queue(false).approvePercent(75);
        ClaimDto refreshed = as(SECOND_CLERK, () -> desk.claims.refresh(c.id));
        assertEquals("PARTLY_APPROVED", refreshed.status);
        assertEquals("54.00", refreshed.approvedAmount);
        assertEquals(1, desk.insurer.received().size()); // asked for its answer, not sent again
        assertEquals("j.owusu", desk.events.of(ClaimAdjudicated.TYPE, ClaimAdjudicated.class).get(0).actor);
        assertEquals(List.of("1100 18.00 0.00", "1110 0.00 18.00"), journal(c.id));
    }

    @Test
    public void anInsurerThatIsDownLeavesTheClaimSubmittedUntilARefreshSendsItAgain() throws Exception {
        desk.insurer.down(true);
        String inv = desk.issuedInvoice("MRN-4001", "100.00", "72.00", policy.id);
        ClaimDto c = submit(inv);
        assertEquals("SUBMITTED", c.status);
        assertEquals("insurer DAK answered HTTP 503", c.reason);
        assertNull(c.approvedAmount);
        assertEquals(new BigDecimal("72.00"), invoice(inv).getInsuranceShare());
        assertEquals(409, status(() -> desk.claims.submit(newClaim(inv)))); // it is still open

        desk.insurer.down(false);
        ClaimDto refreshed = as(CLERK, () -> desk.claims.refresh(c.id));
        assertEquals("APPROVED", refreshed.status);
        assertEquals(c.number, refreshed.number);
        assertEquals(1, desk.events.of(ClaimSubmitted.TYPE, ClaimSubmitted.class).size());
    }

    @Test
    public void aClaimWithoutInvoiceIsRefusedNamingTheFieldAndWritesNothing() throws Exception {
        // What POST /claims passes on: the body as it came, or none.
        for (ClaimResource.NewClaim in : Arrays.asList(newClaim(null), newClaim(" \t"))) {
            ProblemException refused = refusal(() -> desk.claims.submit(in));
            assertEquals(refused.detail(), 400, refused.status());
            assertEquals("urn:pavilion:problem:validation", refused.type());
            assertEquals(List.of(Map.of("field", "invoiceId", "message", "must not be blank")),
                    refused.extensions().get("violations"));
        }
        assertEquals(List.of(Map.of("field", "body", "message", "a request body is required")),
                refusal(() -> desk.claims.submit(null)).extensions().get("violations"));
        assertEquals(0L, (long) desk.db.jpa.call(em -> em.createQuery("select count(c) from ClaimEntity c",
                Long.class).getSingleResult()));
        assertEquals(0, desk.events.of(ClaimSubmitted.TYPE, ClaimSubmitted.class).size());
    }

    private static ProblemException refusal(Callable<?> work) throws Exception {
        try {
            as(CLERK, work);
        } catch (ProblemException e) {
            return e;
        }
        throw new AssertionError("expected a problem");
    }

    @Test
    public void anUninsuredPatientsInvoiceIsNotClaimed() throws Exception {
        String inv = desk.issuedInvoice("MRN-4002", "80.00", "0.00", null);
        assertEquals(422, status(() -> desk.claims.submit(newClaim(inv))));
        assertEquals(404, status(() -> desk.claims.submit(newClaim("no-such-invoice"))));
        assertEquals(0L, (long) desk.db.jpa.call(em -> em.createQuery("select count(c) from ClaimEntity c",
                Long.class).getSingleResult()));
    }

    @Test
    public void aSecondClaimWhileOneIsOpenIsAConflictButARefusedOneMayBeSentAgain() throws Exception {
        // the insurer does not know the member yet: the claim is refused (ERROR), not adjudicated
        PolicyDto newcomer = desk.policy("MRN-4003", "DAK-STD", "D-900", "2026-01-01");
        String inv = desk.issuedInvoice("MRN-4003", "100.00", "72.00", newcomer.id);
        ClaimDto refused = submit(inv);
        assertEquals("ERROR", refused.status);
        assertEquals("member D-900 unknown", refused.reason);
        assertEquals(new BigDecimal("72.00"), invoice(inv).getInsuranceShare());

        desk.insurer.members("D-900").queue(true);
        ClaimDto second = submit(inv);
        assertEquals("SUBMITTED", second.status);
        assertEquals("CLM-2026-000002", second.number);
        assertEquals(409, status(() -> desk.claims.submit(newClaim(inv))));

        Page<ClaimDto> open = desk.claims.list("SUBMITTED", "DAK", "2026-12-01", "2026-12-31", 0, 50);
        assertEquals(List.of("CLM-2026-000002"), open.getItems().stream().map(x -> x.number).toList());
        assertEquals(2, desk.claims.list(null, null, null, null, 0, 50).getTotal());
        assertEquals(0, desk.claims.list(null, "AOK", null, null, 0, 50).getTotal());
    }

    @Test
    public void twoClerksClaimingOneInvoiceAtOnceMakeOneClaim() throws Exception {
        String inv = desk.issuedInvoice("MRN-4001", "100.00", "72.00", policy.id);
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (var clerk : List.of(CLERK, SECOND_CLERK)) {
                results.add(pool.submit(() -> {
                    together.await();
                    try {
                        as(clerk, () -> desk.claims.submit(newClaim(inv)));
                        return 201;
                    } catch (ProblemException e) {
                        return e.status();
                    }
                }));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : results) {
                statuses.add(f.get());
            }
            statuses.sort(null);
            assertEquals(List.of(201, 409), statuses);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1L, (long) desk.db.jpa.call(em -> em.createQuery("select count(c) from ClaimEntity c",
                Long.class).getSingleResult()));
    }
}
