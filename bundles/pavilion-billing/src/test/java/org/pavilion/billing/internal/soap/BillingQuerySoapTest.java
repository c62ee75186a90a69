package org.pavilion.billing.internal.soap;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.billing.internal.BillingDatabase;
import org.pavilion.billing.internal.accounting.BusinessDays;
import org.pavilion.billing.internal.accounting.ClinicBooks;
import org.pavilion.billing.internal.accounting.NovemberAtTheClinic;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.core.testing.PrivilegeMatrix;
import org.pavilion.core.testing.TestAccounts;

/**
 * The hospital's finance system asks BillingQuery over SOAP for November's invoices and claims: an invoice with its
 * lines and balances, a credit note naming what it credits, a patient's invoices newest first, claims by status and
 * period with the insurer and plan. Unknown numbers, a missing number, a bad status or day arrive as a
 * BillingQueryFault with the type and status a REST client would see; each patient shown leaves an audit record. The
 * SOAP class is called directly on the real tables.
 */
public class BillingQuerySoapTest {

    private BillingDatabase db;
    private NovemberAtTheClinic clinic;
    private final List<AuditEvent> audit = new CopyOnWriteArrayList<>();
    private BillingQuerySoap soap;

    @Before
    public void setUp() throws Exception {
        db = new BillingDatabase();
        clinic = new NovemberAtTheClinic(db);
        AuditService trail = audit::add;
        soap = new BillingQuerySoap(new BillingQueries(db.emf, trail, null,
                new BusinessDays(Clock.fixed(Instant.parse("2026-11-30T09:00:00Z"), ClinicBooks.ZONE))));
    }

    @After
    public void tearDown() throws Exception {
        db.close();
    }

    @Test
    public void anInvoiceWithItsLinesAndBalances() throws Exception {
        // Chloe's stay: 80 % insured, the insurer approved 300.00 of 324.00 and the rest moved to her
        InvoiceRecord chloe = soap.getInvoice("inv-2026-000004");
        assertEquals("INV-2026-000004", chloe.number);
        assertEquals("INVOICE", chloe.kind);
        assertEquals(clinic.chloe, chloe.patientId);
        assertEquals("ISSUED", chloe.status);
        assertEquals("EUR", chloe.currency);
        assertEquals("415.00", chloe.netTotal);
        assertEquals("10.00", chloe.discountTotal);
        assertEquals("405.00", chloe.grossTotal);
        assertEquals("300.00", chloe.insuranceShare);
        assertEquals("105.00", chloe.patientShare);
        assertEquals("105.00", chloe.patientBalance);
        assertEquals("300.00", chloe.insuranceBalance);
        assertEquals("MUTUALIA", chloe.insurerCode);
        assertEquals("2026-12-12", chloe.dueDate);
        assertEquals("2026-11-12T09:00:00Z", chloe.issuedAt);
        assertEquals(List.of("1 CONS-CARDIO CONSULTATIONS dr.okafor 1.000 80.0000 80.00 10.00 70.00 56.00 14.00",
                "2 PROC-ECG PROCEDURES null 1.000 35.0000 35.00 0.00 35.00 28.00 7.00",
                "3 BED-DAY-GENERAL WARDS null 2.000 150.0000 300.00 0.00 300.00 240.00 60.00"),
                chloe.lines.stream().map(l -> l.lineNo + " " + l.priceCode + " " + l.department + " " + l.doctorId + " "
                        + l.quantity + " " + l.unitPrice + " " + l.net + " " + l.discount + " " + l.gross + " "
                        + l.insuranceShare + " " + l.patientShare).toList());

        // the paracetamol Bob brought back: a credit note of Bob's paid invoice
        InvoiceRecord credit = soap.getInvoice("CN-2026-000001");
        assertEquals("CREDIT_NOTE", credit.kind);
        assertEquals("INV-2026-000003", credit.creditedInvoiceNumber);
        assertEquals("-3.17", credit.grossTotal);
        assertEquals("-0.17", credit.lines.get(0).tax);
        assertEquals("PAID", soap.getInvoice("INV-2026-000003").status);
        assertNull(soap.getInvoice("INV-2026-000003").insurerCode);

        List<AuditEvent> reads = audit.stream().filter(e -> e.action().equals("READ")).toList();
        assertEquals(4, reads.size());
        assertEquals(clinic.chloe, reads.get(0).patientId());
        assertEquals("bl-invoice", reads.get(0).resourceType());
        assertEquals(clinic.inv3, reads.get(0).resourceId());
    }

    @Test
    public void aPatientsInvoicesNewestFirst() throws Exception {
        List<InvoiceRecord> bob = soap.listPatientInvoices(" " + clinic.bob + " ");
        // the voided one too (a finance system reconciles it), the August seed last; no lines in a list
        assertEquals(List.of("INV-2026-000006 VOID", "CN-2026-000001 ISSUED", "INV-2026-000003 PAID",
                "INV-2026-000090 ISSUED"), bob.stream().map(i -> i.number + " " + i.status).toList());
        assertTrue(bob.get(0).lines.isEmpty());
        assertEquals(List.of(), soap.listPatientInvoices("MRN-9999"));
        AuditEvent search = audit.get(0);
        assertEquals("SEARCH", search.action());
        assertEquals(clinic.bob, search.patientId());
    }

    @Test
    public void claimsByNumberAndByStatusAndPeriod() throws Exception {
        ClaimRecord chloe = soap.getClaim("CLM-2026-000002");
        assertEquals("INV-2026-000004", chloe.invoiceNumber);
        assertEquals("MUTUALIA", chloe.insurerCode);
        assertEquals("MUTUALIA-80", chloe.planCode);
        assertEquals("PARTLY_APPROVED", chloe.status);
        assertEquals("324.00", chloe.claimedAmount);
        assertEquals("300.00", chloe.approvedAmount);
        assertEquals("not covered in full", chloe.reason);
        assertEquals("2026-11-13T09:00:00Z", chloe.submittedAt);
        assertEquals("2026-11-20T09:00:00Z", chloe.adjudicatedAt);

        // the default period is this month (the clock says 30 November): December's claim is not in it
        assertEquals(List.of("CLM-2026-000001 APPROVED", "CLM-2026-000002 PARTLY_APPROVED"),
                soap.listClaims(null, null, null).stream().map(c -> c.number + " " + c.status).toList());
        assertEquals(List.of("CLM-2026-000003"), soap.listClaims("submitted", "2026-12-01", "2026-12-31").stream()
                .map(c -> c.number).toList());
        ClaimRecord waiting = soap.listClaims("SUBMITTED", "2026-12-01", "2026-12-31").get(0);
        assertNull(waiting.approvedAmount);
        assertNull(waiting.adjudicatedAt);
        assertEquals(List.of(), soap.listClaims("DENIED", "2026-01-01", "2026-12-31"));
        // one record per patient shown
        List<AuditEvent> searches = audit.stream().filter(e -> e.action().equals("SEARCH")).toList();
        assertEquals(List.of(clinic.alice, clinic.chloe, clinic.chloe, clinic.chloe),
                searches.stream().map(AuditEvent::patientId).toList());
        assertTrue(searches.stream().allMatch(e -> e.resourceType().equals("bl-claim")));
    }

    @Test
    public void unknownNumbersAndBadQuestionsAreFaults() throws Exception {
        assertFault(404, "urn:pavilion:problem:not-found", "INV-2026-999999", () -> soap.getInvoice("INV-2026-999999"));
        assertFault(404, "urn:pavilion:problem:not-found", "CLM-2026-000042", () -> soap.getClaim("CLM-2026-000042"));
        assertFault(400, "urn:pavilion:problem:validation", "number", () -> soap.getInvoice(" "));
        assertFault(400, "urn:pavilion:problem:validation", "number", () -> soap.getClaim(null));
        assertFault(400, "urn:pavilion:problem:validation", "mrn", () -> soap.listPatientInvoices(""));
        assertFault(400, "urn:pavilion:problem:validation", "status", () -> soap.listClaims("PAID", null, null));
        assertFault(400, "urn:pavilion:problem:validation", "from", () -> soap.listClaims(null, "1 Nov", null));
        assertFault(400, "urn:pavilion:problem:validation", "after", () -> soap.listClaims(null, "2026-12-01",
                "2026-11-01"));
        assertTrue("nothing read, nothing audited", audit.isEmpty());
    }

    /** A patient's own account holding the SOAP privilege still reaches only its own invoices and claims. */
    @Test
    public void aPatientAccountReadsOnlyItsOwn() throws Exception {
        CallerContext.runAs(TestAccounts.patientAccount("alice", clinic.alice, "billing.soap.query"), () -> {
            assertEquals(1, soap.listPatientInvoices(clinic.alice).size());
            assertFault(403, "urn:pavilion:problem:forbidden", "own", () -> soap.getInvoice("INV-2026-000004"));
            assertFault(403, "urn:pavilion:problem:forbidden", "own", () -> soap.listPatientInvoices(clinic.bob));
            assertFault(403, "urn:pavilion:problem:forbidden", "own", () -> soap.listClaims(null, "2026-11-01",
                    "2026-11-30"));
            assertEquals("CLM-2026-000001", soap.getClaim("CLM-2026-000001").number);
            return null;
        });
        assertEquals(3, audit.stream().filter(e -> e.outcome() == AuditOutcome.DENIED).count());
    }

    @Test
    public void onlyIntegrationAccountsMayAsk() throws Exception {
        new PrivilegeMatrix().assertSoap(BillingQuerySoap.class, Map.of("getInvoice", Set.of("INTEGRATION"),
                "listPatientInvoices", Set.of("INTEGRATION"), "getClaim", Set.of("INTEGRATION"),
                "listClaims", Set.of("INTEGRATION")));
    }

    interface Call {
        Object run() throws Exception;
    }

    private static void assertFault(int status, String type, String detailPart, Call call) throws Exception {
        try {
            call.run();
            fail("expected a fault " + status);
        } catch (BillingQueryFault f) {
            assertEquals(f.getDetail(), status, f.getStatus());
            assertEquals(type, f.getProblemType());
            assertTrue(f.getDetail(), f.getDetail().contains(detailPart));
        }
    }
}
