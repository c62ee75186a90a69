package org.pavilion.billing.internal.invoices;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.pavilion.billing.internal.invoices.BillingDesk.CLERK;
import static org.pavilion.billing.internal.invoices.BillingDesk.CLERK_2;
import static org.pavilion.billing.internal.invoices.BillingDesk.SUPERVISOR;
import static org.pavilion.billing.internal.invoices.BillingDesk.SUPERVISOR_2;
import static org.pavilion.billing.internal.invoices.BillingDesk.as;
import static org.pavilion.billing.internal.invoices.BillingDesk.refused;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.billing.api.InvoiceIssued;
import org.pavilion.billing.internal.charges.ChargeEntity;
import org.pavilion.core.api.rest.ProblemException;

/**
 * Mrs Laurent's stay: a consultation, a blood count and paracetamol are charged to her encounter; the billing desk
 * drafts the invoice, asks a supervisor for a 10 % discount on the consultation, issues the invoice (numbered,
 * posted, announced), and later credits the blood count; a second encounter is invoiced on its own. Her plan pays
 * 80 % of consultations and lab tests after a 5.00 co-pay; medicines are hers.
 */
public class InvoiceDayTest {

    private static final String LAURENT = "P-1001";

    private BillingDesk desk;

    @Before
    public void setUp() throws Exception {
        desk = new BillingDesk();
        desk.db.plan("MUTUELLE", null, "SANTE-PLUS", "0.80", "5.00", "CONSULTATION", "LAB_TEST");
        desk.db.policy(LAURENT, "SANTE-PLUS", "M-778-01");
    }

    @After
    public void tearDown() throws Exception {
        desk.close();
    }

    @Test
    public void anEncounterIsDraftedDiscountedIssuedAndCredited() throws Exception {
        String consultation = desk.db.charge(LAURENT, "ENC-1", "CONS-GP", "CONSULTATION", "1", "60.0000", "0",
                "2026-12-05");
        String bloodCount = desk.db.charge(LAURENT, "ENC-1", "LAB-HB", "LAB_TEST", "1", "12.5000", "0", "2026-12-05");
        String paracetamol = desk.db.charge(LAURENT, "ENC-1", "PH-PARA500", "MEDICINE", "2", "3.3500", "0.0550",
                "2026-12-06");
        String bedDay = desk.db.charge(LAURENT, "ENC-2", "BED-DAY-GENERAL", "BED_DAY", "1", "180.0000", "0",
                "2026-12-06");

        InvoiceViews.Invoice draft = desk.draftOfEncounter(CLERK, LAURENT, "ENC-1");
        assertEquals("DRAFT", draft.status);
        assertNull(draft.number);
        assertEquals(3, draft.lines.size());
        InvoiceViews.Line line1 = draft.lines.get(0);
        assertEquals(List.of("60.00", "0.00", "60.00", "44.00", "16.00"),
                List.of(line1.net, line1.tax, line1.gross, line1.insuranceShare, line1.patientShare));
        InvoiceViews.Line line3 = draft.lines.get(2);
        // 2 x 3.35 = 6.70, tax 5.5 % = 0.3685 rounded once on the line: 0.37
        assertEquals(List.of("6.70", "0.37", "7.07", "0.00", "7.07"),
                List.of(line3.net, line3.tax, line3.gross, line3.insuranceShare, line3.patientShare));
        assertEquals(List.of("79.20", "0.00", "0.37", "79.57", "50.00", "29.57"), List.of(draft.netTotal,
                draft.discountTotal, draft.taxTotal, draft.grossTotal, draft.insuranceShare, draft.patientShare));
        assertEquals("MUTUELLE", draft.insurerCode);
        assertEquals("INVOICED", status(consultation));
        assertEquals(draft.id, invoiceOf(paracetamol));
        assertEquals("the other encounter's charge stays open", "OPEN", status(bedDay));

        // The desk asks for 10 % off the consultation; it cannot issue before a supervisor decided
        InvoiceViews.Discount tenPercent = desk.askDiscount(CLERK, draft.id, line1.id, null, "10",
                "long wait in the emergency department");
        assertEquals("REQUESTED", tenPercent.status);
        assertEquals(409, refused(CLERK, () -> desk.invoices.issue(draft.id)).status());
        assertEquals("a clerk does not approve", 403,
                refused(CLERK_2, () -> desk.invoices.decideDiscount(draft.id, tenPercent.id, true)).status());
        InvoiceViews.Invoice discounted = as(SUPERVISOR,
                () -> desk.invoices.decideDiscount(draft.id, tenPercent.id, true));
        InvoiceViews.Line cons = discounted.lines.get(0);
        // 60.00 - 6.00 = 54.00; the insurer pays 80 % of 54.00 - 5.00
        assertEquals(List.of("6.00", "54.00", "39.20", "14.80"),
                List.of(cons.discount, cons.gross, cons.insuranceShare, cons.patientShare));

        // The supervisor's own request needs someone else
        InvoiceViews.Discount own = desk.askDiscount(SUPERVISOR, draft.id, null, "1.00", null, "rounding gesture");
        ProblemException sameUser = refused(SUPERVISOR, () -> desk.invoices.decideDiscount(draft.id, own.id, true));
        assertEquals(409, sameUser.status());
        assertEquals("urn:pavilion:problem:same-user-approval", sameUser.type());
        as(SUPERVISOR_2, () -> desk.invoices.decideDiscount(draft.id, own.id, false));

        InvoiceViews.Invoice invoice = as(CLERK, () -> desk.invoices.issue(draft.id));
        assertEquals("INV-2026-000001", invoice.number);
        assertEquals("ISSUED", invoice.status);
        assertEquals("2027-01-06", invoice.dueDate);
        assertEquals("bl.moreau", invoice.issuedBy);
        assertEquals(List.of("79.20", "6.00", "0.37", "73.57", "45.20", "28.37", "28.37"), List.of(invoice.netTotal,
                invoice.discountTotal, invoice.taxTotal, invoice.grossTotal, invoice.insuranceShare,
                invoice.patientShare, invoice.patientBalance));
        assertEquals(List.of("APPROVED", "REJECTED"), invoice.discounts.stream().map(d -> d.status).toList());

        // Journal: receivables against the departments' revenue and the tax, balanced
        Map<String, BigDecimal> posted = desk.journal(invoice.id, "INVOICE_ISSUED");
        assertEquals(Map.of("1100", new BigDecimal("28.37"), "1110", new BigDecimal("45.20"),
                "4100", new BigDecimal("-54.00"), "4200", new BigDecimal("-12.50"), "4300", new BigDecimal("-6.70"),
                "2100", new BigDecimal("-0.37")), posted);
        assertEquals(0, posted.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add).signum());

        List<RecordingEvents.Published> issuedEvents = desk.events.published.stream()
                .filter(p -> p.type().equals(InvoiceIssued.TYPE)).toList();
        assertEquals(1, issuedEvents.size());
        assertEquals("bl-invoice:" + invoice.id, issuedEvents.get(0).subjectKey());
        InvoiceIssued event = (InvoiceIssued) issuedEvents.get(0).payload();
        assertEquals(List.of("INV-2026-000001", "INVOICE", "73.57", "28.37", "2027-01-06"),
                List.of(event.invoiceNumber, event.kind, event.grossTotal, event.patientShare, event.dueDate));

        // The next invoice takes the next number
        assertEquals("INV-2026-000002", desk.issued(LAURENT, "ENC-2").number);

        // The blood count was run twice by mistake: credited
        String labLine = invoice.lines.get(1).id;
        InvoiceViews.Invoice cn = desk.credit(invoice.id, "blood count charged twice", labLine);
        assertEquals(List.of("CN-2026-000001", "CREDIT_NOTE", "ISSUED", invoice.id),
                List.of(cn.number, cn.kind, cn.status, cn.creditedInvoiceId));
        assertEquals(List.of("-1.000", "-12.50", "-6.00", "-6.50", labLine), List.of(cn.lines.get(0).quantity,
                cn.lines.get(0).gross, cn.lines.get(0).insuranceShare, cn.lines.get(0).patientShare,
                cn.lines.get(0).creditedLineId));
        assertEquals(Map.of("1100", new BigDecimal("-6.50"), "1110", new BigDecimal("-6.00"),
                "4200", new BigDecimal("12.50")), desk.journal(cn.id, "CREDIT_NOTE"));
        InvoiceViews.Invoice after = desk.get(invoice.id);
        assertEquals(List.of("39.20", "21.87", "21.87"), List.of(after.insuranceShare, after.patientShare,
                after.patientBalance));
        assertEquals("a line is credited once", 409,
                refused(CLERK, () -> desk.credit(invoice.id, "again", labLine)).status());

        // The rest of the invoice: the lines not yet credited
        InvoiceViews.Invoice rest = desk.credit(invoice.id, "patient transferred, billed by the clinic");
        assertEquals("CN-2026-000002", rest.number);
        assertEquals(List.of(1, 3), rest.lines.stream().map(l -> Integer.valueOf(
                invoice.lines.stream().filter(o -> o.id.equals(l.creditedLineId)).findFirst().orElseThrow().lineNo))
                .toList());
        InvoiceViews.Invoice nothingLeft = desk.get(invoice.id);
        assertEquals(List.of("0.00", "0.00"), List.of(nothingLeft.insuranceShare, nothingLeft.patientShare));
        assertEquals(2, desk.events.published.stream().filter(p -> p.payload() instanceof InvoiceIssued i
                && "CREDIT_NOTE".equals(i.kind)).count());
    }

    @Test
    public void voidingOpensTheChargesAgainAndReversesAnIssuedInvoice() throws Exception {
        String xray = desk.db.charge(LAURENT, "ENC-3", "PROC-XRAY", "PROCEDURE", "1", "45.0000", "0", "2026-12-06");
        desk.db.charge(LAURENT, "ENC-3", "SUP-BANDAGE", "SUPPLY", "3", "1.2000", "0.2000", "2026-12-06");

        InvoiceViews.Invoice draft = desk.draftOfEncounter(CLERK, LAURENT, "ENC-3");
        InvoiceViews.Invoice voidDraft = desk.voided(draft.id, "wrong encounter picked");
        assertEquals("VOID", voidDraft.status);
        assertEquals("OPEN", status(xray));
        assertNull(invoiceOf(xray));
        assertTrue("a draft posts nothing", desk.journal(draft.id, null).isEmpty());

        InvoiceViews.Invoice issued = desk.issued(LAURENT, "ENC-3");
        assertEquals("INV-2026-000001", issued.number);
        InvoiceViews.Invoice voidIssued = desk.voided(issued.id, "patient's insurance card was presented late");
        assertEquals("VOID", voidIssued.status);
        assertEquals("OPEN", status(xray));
        Map<String, BigDecimal> reversal = desk.journal(issued.id, "INVOICE_VOIDED");
        Map<String, BigDecimal> issue = desk.journal(issued.id, "INVOICE_ISSUED");
        issue.forEach((account, v) -> assertEquals(account, v.negate(), reversal.get(account)));
        assertEquals(issue.keySet(), reversal.keySet());
        assertEquals(409, refused(CLERK, () -> desk.voided(issued.id, "again")).status());

        // Invoiced again, paid in part: no void any more
        InvoiceViews.Invoice again = desk.issued(LAURENT, "ENC-3");
        assertEquals("INV-2026-000002", again.number);
        desk.paid(again.id, "10.00", "RCPT-2026-000001");
        ProblemException paid = refused(CLERK, () -> desk.voided(again.id, "changed mind"));
        assertEquals(409, paid.status());
        assertTrue(paid.detail(), paid.detail().contains("refund"));
        assertEquals("PARTIALLY_PAID", desk.get(again.id).status);
    }

    @Test
    public void aPaidInvoiceCreditedLeavesARefundDue() throws Exception {
        String uninsured = "P-2002";
        desk.db.charge(uninsured, "ENC-9", "CONS-CARDIO", "CONSULTATION", "1", "40.0000", "0", "2026-12-07");
        InvoiceViews.Invoice invoice = desk.issued(uninsured, "ENC-9");
        assertNull(invoice.policyId);
        assertEquals("40.00", invoice.patientShare);
        desk.paid(invoice.id, "40.00", "RCPT-2026-000001");
        assertEquals("PAID", desk.get(invoice.id).status);

        desk.credit(invoice.id, "consultation cancelled by the hospital after payment");
        InvoiceViews.Invoice credited = desk.get(invoice.id);
        assertEquals(List.of("PAID", "0.00", "40.00", "-40.00"), List.of(credited.status, credited.patientShare,
                credited.paidByPatient, credited.patientBalance));

        // The cashier refunds the payment: the balance is settled
        desk.paid(invoice.id, "-40.00", "RCPT-2026-000002");
        InvoiceViews.Invoice refunded = desk.get(invoice.id);
        assertEquals(List.of("0.00", "0.00"), List.of(refunded.paidByPatient, refunded.patientBalance));
        assertEquals(2, refunded.payments.size());
        assertEquals("REFUND", refunded.payments.get(1).kind);
    }

    private String status(String chargeId) {
        return desk.db.jpa.call(em -> em.find(ChargeEntity.class, chargeId).getStatus());
    }

    private String invoiceOf(String chargeId) {
        return desk.db.jpa.call(em -> em.find(ChargeEntity.class, chargeId).getInvoiceId());
    }
}
