package org.pavilion.billing.internal.portal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.fail;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.billing.internal.invoices.InvoiceViews;
import org.pavilion.billing.internal.BillingDatabase;
import org.pavilion.billing.internal.access.EmrPatientGate;
import org.pavilion.billing.internal.access.PatientGate;
import org.pavilion.billing.internal.privacy.PatientBills;
import org.pavilion.billing.internal.privacy.RecordingAudit;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.core.testing.TestAccounts;
import org.pavilion.emr.api.AccessDecision;
import org.pavilion.emr.api.DataPart;
import org.pavilion.emr.api.PatientAccess;

/**
 * The portal's bills page: Ana was seen in October and December, insured with Mutual Care; her December invoice is
 * still a draft at the billing desk. She sees her issued invoices newest first, with what she paid and what her
 * insurer was asked for; never Ben's, never the draft.
 */
public class PortalInvoicesTest {

    private static final String ANA = "MRN-0001";
    private static final String BEN = "MRN-0002";
    private static final String ANA_OLD = "MRN-0003";
    private static final Caller ANA_PORTAL = TestAccounts.patientAccount("ana", ANA, PatientGate.VIEW_OWN);
    private static final Caller BEN_PORTAL = TestAccounts.patientAccount("ben", BEN, PatientGate.VIEW_OWN);
    private static final Caller CASHIER = Caller.inContainer("cashier.1", Set.of(PatientGate.VIEW), "10.0.0.7");

    private BillingDatabase db;
    private RecordingAudit audit;
    private PortalInvoices portal;
    private String october;
    private String november;
    private String december;
    private String bens;

    @Before
    public void open() throws Exception {
        db = new BillingDatabase();
        audit = new RecordingAudit();
        portal = new PortalInvoices(db.emf, audit, null);
        PatientBills bills = new PatientBills(db);
        db.plan("MUTUAL", null, "MUTUAL-BASIC", "0.8000", "5.00", "CONSULTATION");
        String policy = db.policy(ANA, "MUTUAL-BASIC", "MC-778");
        Instant now = Instant.now();
        october = bills.issued(ANA, "INV-2026-000001", "60.00", "40.00", policy, now.minus(60, ChronoUnit.DAYS));
        bills.payment(october, "RCPT-2026-000001", "20.00", "CARD", null, now.minus(59, ChronoUnit.DAYS));
        bills.claim(october, policy, "CLM-2026-000001", "SUBMITTED", null, now.minus(58, ChronoUnit.DAYS));
        november = bills.issued(ANA, "INV-2026-000002", "15.50", "0", null, now.minus(20, ChronoUnit.DAYS));
        december = bills.draft(ANA, "12.00");
        bens = bills.issued(BEN, "INV-2026-000003", "30.00", "0", null, now.minus(10, ChronoUnit.DAYS));
    }

    @After
    public void close() throws Exception {
        db.close();
    }

    @Test
    public void aPatientSeesHerIssuedInvoicesNewestFirstWithoutTheDraft() throws Exception {
        Page<InvoiceViews.Invoice> own = as(ANA_PORTAL, () -> portal.own(0, 50));
        assertEquals(2, own.getTotal());
        assertEquals(List.of("INV-2026-000002", "INV-2026-000001"), own.getItems().stream().map(i -> i.number)
                .toList());
        assertNull("a list carries no lines", own.getItems().get(0).lines);
        assertEquals(List.of("INV-2026-000003"), as(BEN_PORTAL, () -> portal.own(0, 50)).getItems().stream()
                .map(i -> i.number).toList());
        assertEquals(1, as(ANA_PORTAL, () -> portal.own(1, 1)).getItems().size());

        InvoiceViews.Invoice oct = as(ANA_PORTAL, () -> portal.one(october));
        assertEquals("PARTIALLY_PAID", oct.status);
        assertEquals("60.00", oct.grossTotal);
        assertEquals("20.00", oct.patientShare);
        assertEquals("0.00", oct.patientBalance);
        assertEquals("40.00", oct.insuranceBalance);
        assertEquals("MUTUAL", oct.insurerCode);
        assertEquals("CONS-GP", oct.lines.get(0).priceCode);
        assertEquals("60.00", oct.lines.get(0).gross);
        assertEquals("RCPT-2026-000001", oct.payments.get(0).receiptNumber);
        assertEquals("CARD", oct.payments.get(0).method);
        assertEquals("CLM-2026-000001", oct.claims.get(0).number);
        assertEquals("MUTUAL-BASIC", oct.claims.get(0).planCode);
        assertEquals(0, as(ANA_PORTAL, () -> portal.one(november)).payments.size());
        assertEquals(3, audit.with("SEARCH", AuditOutcome.SUCCESS).size());
        assertEquals(october, audit.with("READ", AuditOutcome.SUCCESS).get(0).resourceId());
    }

    @Test
    public void anotherPatientsInvoiceIsForbiddenAndAnUnknownOneOrADraftNotFound() throws Exception {
        assertProblem(403, () -> as(ANA_PORTAL, () -> portal.one(bens)));
        assertProblem(403, () -> as(BEN_PORTAL, () -> portal.one(october)));
        assertProblem(404, () -> as(ANA_PORTAL, () -> portal.one("no-such-invoice")));
        assertProblem(404, () -> as(ANA_PORTAL, () -> portal.one(december)));
        assertProblem(403, () -> as(CASHIER, () -> portal.own(0, 50)));
        assertProblem(403, () -> as(CASHIER, () -> portal.one(october)));
        assertProblem(400, () -> as(ANA_PORTAL, () -> portal.own(-1, 50)));
        assertEquals("Ben's, Ana's and the cashier's refusals", 3, audit.with("READ", AuditOutcome.DENIED).size());
        assertEquals(1, audit.with("SEARCH", AuditOutcome.DENIED).size());
    }

    @Test
    public void withTheEmrHerMergedRecordsBillsAreHersAndBensStayForbidden() throws Exception {
        PatientBills bills = new PatientBills(db);
        String old = bills.issued(ANA_OLD, "INV-2026-000004", "9.00", "0", null, Instant.now());
        PortalInvoices withEmr = new PortalInvoices(db.emf, audit, new EmrPatientGate(
                new MergedRecords(Map.of(ANA_OLD, ANA), Set.of(ANA, BEN, ANA_OLD)), audit));

        assertEquals("her old record's invoice, through the merge", "INV-2026-000004",
                as(ANA_PORTAL, () -> withEmr.one(old)).number);
        assertEquals(2, as(ANA_PORTAL, () -> withEmr.own(0, 50)).getTotal());
        assertProblem(403, () -> as(ANA_PORTAL, () -> withEmr.one(bens)));
        assertProblem(403, () -> as(CASHIER, () -> withEmr.own(0, 50)));
    }

    private static <T> T as(Caller caller, Callable<T> work) throws Exception {
        return CallerContext.runAs(caller, work);
    }

    private static void assertProblem(int status, Callable<?> call) throws Exception {
        try {
            call.call();
            fail("expected " + status);
        } catch (ProblemException e) {
            assertEquals(e.detail(), status, e.status());
        }
    }

    /**
     * PatientAccess by docs/patient-access.md for a non-clinical part: staff by the part's privileges, a patient
     * account its own record (duplicates followed to their survivor).
     */
    private record MergedRecords(Map<String, String> mergedInto, Set<String> known) implements PatientAccess {

        @Override
        public AccessDecision decide(String mrn, DataPart part, Action action, String breakGlassReason) {
            Caller c = CallerContext.current().orElse(null);
            String survivor = mergedInto.getOrDefault(mrn, mrn);
            if (c != null && c.patientId().isPresent()) {
                String own = mergedInto.getOrDefault(c.patientId().get(), c.patientId().get());
                boolean allowed = action == Action.READ && c.hasPrivilege(part.ownPatient())
                        && own.equals(survivor) && known.contains(mrn);
                return decision(allowed ? AccessDecision.Outcome.ALLOWED : AccessDecision.Outcome.DENIED, mrn,
                        allowed ? survivor : null, part, action);
            }
            if (c != null && !c.hasPrivilege(action == Action.WRITE ? part.anyPatientWrite() : part.anyPatient())) {
                return decision(AccessDecision.Outcome.DENIED, mrn, null, part, action);
            }
            return known.contains(mrn) ? decision(AccessDecision.Outcome.ALLOWED, mrn, survivor, part, action)
                    : decision(AccessDecision.Outcome.NOT_FOUND, mrn, null, part, action);
        }

        private static AccessDecision decision(AccessDecision.Outcome o, String requested, String mrn, DataPart part,
                Action action) {
            return new AccessDecision(o, o == AccessDecision.Outcome.ALLOWED ? null : "refused", requested, mrn, part,
                    action, false, null);
        }
    }
}
