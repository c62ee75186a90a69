package org.pavilion.billing.internal.invoices;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.pavilion.billing.internal.invoices.BillingDesk.CLERK;
import static org.pavilion.billing.internal.invoices.BillingDesk.SUPERVISOR;
import static org.pavilion.billing.internal.invoices.BillingDesk.as;
import static org.pavilion.billing.internal.invoices.BillingDesk.refused;

import java.util.List;
import java.util.Map;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.billing.internal.charges.ChargeEntity;
import org.pavilion.billing.internal.insurance.ClaimEntity;
import org.pavilion.core.api.audit.AuditOutcome;

/** What the invoice desk refuses, and how: 400 malformed, 422 does not fit, 404 unknown, 409 wrong state. */
public class InvoiceRefusalsTest {

    private static final String DUBOIS = "P-5005";

    private BillingDesk desk;
    private String draftId;
    private String lineId;

    @Before
    public void setUp() throws Exception {
        desk = new BillingDesk();
        desk.db.charge(DUBOIS, "ENC-5", "CONS-GP", "CONSULTATION", "1", "25.0000", "0", "2026-12-07");
        desk.db.charge(DUBOIS, "ENC-5", "PH-RETURN", "MEDICINE", "-1", "4.0000", "0", "2026-12-07");
        InvoiceViews.Invoice draft = desk.draftOfEncounter(CLERK, DUBOIS, "ENC-5");
        draftId = draft.id;
        lineId = draft.lines.get(0).id;
    }

    @After
    public void tearDown() throws Exception {
        desk.close();
    }

    @Test
    public void aDraftNeedsAPatientAndEitherAnEncounterOrAPeriodWithOpenCharges() throws Exception {
        assertEquals(400, create(null, "ENC-5", null, null));
        assertEquals(400, create(DUBOIS, null, null, null));
        assertEquals("both an encounter and a period", 400, create(DUBOIS, "ENC-5", "2026-12-01", "2026-12-07"));
        assertEquals(400, create(DUBOIS, null, "2026-12-01", null));
        assertEquals(400, create(DUBOIS, null, "7.12.2026", "2026-12-31"));
        assertEquals(400, create(DUBOIS, null, "2026-12-31", "2026-12-01"));
        assertEquals("its charges are on the draft already", 422, create(DUBOIS, "ENC-5", null, null));
        assertEquals("nothing open in the period", 422, create(DUBOIS, null, "2026-11-01", "2026-11-30"));
        assertEquals("the refusals of a patient's draft are audited", 2, desk.audit.with("CREATE",
                AuditOutcome.FAILED).stream().filter(e -> e.detail().contains("no open charges")).count());
    }

    @Test
    public void aCarelessDraftAndDiscountNameEveryBrokenFieldAtOnce() throws Exception {
        InvoiceBodies.Create c = new InvoiceBodies.Create();
        c.patientId = " ";
        c.encounterId = "ENC-5";
        c.from = "1 Dec";
        assertEquals(List.of(Map.of("field", "encounterOrPeriod", "message",
                        "give either encounterId or from and to (a period of service dates)"),
                Map.of("field", "from", "message", "must be a date as yyyy-MM-dd"),
                Map.of("field", "patientId", "message", "must not be blank")),
                refused(CLERK, () -> desk.invoices.create(c)).extensions().get("violations"));
        assertEquals(List.of(Map.of("field", "amountOrPercent", "message", "give either amount or percent"),
                Map.of("field", "reason", "message", "must not be blank")),
                refused(CLERK, () -> desk.askDiscount(CLERK, draftId, lineId, "5.00", "10", null))
                        .extensions().get("violations"));
        assertTrue(desk.get(draftId).discounts.isEmpty());
    }

    @Test
    public void aReturnedMedicineIsACreditLineOfTheDraft() throws Exception {
        InvoiceViews.Invoice d = desk.get(draftId);
        assertEquals(List.of("25.00", "-4.00"), d.lines.stream().map(l -> l.gross).toList());
        assertEquals("21.00", d.grossTotal);
    }

    @Test
    public void discountsAreCheckedWhenAskedFor() throws Exception {
        assertEquals(400, discount(lineId, "2.00", "10", "both"));
        assertEquals(400, discount(lineId, null, null, "neither"));
        assertEquals(400, discount(lineId, "2.00", null, " "));
        assertEquals("cents only", 422, discount(lineId, "2.005", null, "too precise"));
        assertEquals(422, discount(lineId, "-2.00", null, "negative"));
        assertEquals(422, discount(lineId, "0", null, "nothing"));
        assertEquals(422, discount(lineId, null, "150", "more than all"));
        assertEquals(422, discount(lineId, null, "abc", "not a number"));
        assertEquals("more than the line's net", 422, discount(lineId, "25.01", null, "too much"));
        assertEquals("not a line of the invoice", 422, discount("no-such-line", "1.00", null, "which"));
        String reversal = desk.get(draftId).lines.get(1).id;
        assertEquals(422, discount(reversal, "1.00", null, "a credit line"));
        assertEquals(404, refused(CLERK, () -> desk.askDiscount(CLERK, "no-such-invoice", null, "1.00", null, "x"))
                .status());
        assertEquals(404, refused(SUPERVISOR, () -> desk.invoices.decideDiscount(draftId, "no-such-discount", true))
                .status());

        InvoiceViews.Discount asked = desk.askDiscount(CLERK, draftId, lineId, "5.00", null, "hardship");
        as(SUPERVISOR, () -> desk.invoices.decideDiscount(draftId, asked.id, true));
        assertEquals("decided already", 409,
                refused(SUPERVISOR, () -> desk.invoices.decideDiscount(draftId, asked.id, false)).status());
        assertEquals("with 5.00 off, 20.00 is left to discount", 422, discount(lineId, "20.01", null, "more"));

        as(CLERK, () -> desk.invoices.issue(draftId));
        assertEquals("issued: no more discounts", 409, discount(lineId, "1.00", null, "late"));
        assertEquals("issued once", 409, refused(CLERK, () -> desk.invoices.issue(draftId)).status());
    }

    @Test
    public void voidsAndCreditNotesNeedAReasonAndTheRightState() throws Exception {
        assertEquals(400, refused(CLERK, () -> desk.voided(draftId, null)).status());
        assertEquals(400, refused(CLERK, () -> desk.credit(draftId, "")).status());
        assertEquals("a draft is voided, not credited", 409,
                refused(CLERK, () -> desk.credit(draftId, "wrong")).status());
        assertEquals(404, refused(CLERK, () -> desk.voided("no-such-invoice", "x")).status());
        InvoiceViews.Invoice issued = as(CLERK, () -> desk.invoices.issue(draftId));
        assertEquals(422, refused(CLERK, () -> desk.credit(issued.id, "x", "no-such-line")).status());
        assertEquals("the consultation alone would credit more than the invoice after its returned medicine", 422,
                refused(CLERK, () -> desk.credit(issued.id, "consultation not held", lineId)).status());
        InvoiceViews.Invoice cn = desk.credit(issued.id, "consultation not held");
        assertEquals("-21.00", cn.grossTotal);
        assertEquals("a credit note is final", 409, refused(CLERK, () -> desk.voided(cn.id, "x")).status());
        assertEquals("a credit note is not credited", 409, refused(CLERK, () -> desk.credit(cn.id, "x")).status());
        assertEquals("a credited invoice is not voided", 409,
                refused(CLERK, () -> desk.voided(issued.id, "x")).status());
        assertEquals("INVOICED", desk.db.jpa.call(em -> em.createQuery("SELECT c FROM ChargeEntity c WHERE"
                + " c.priceCode = 'CONS-GP'", ChargeEntity.class).getSingleResult().getStatus()));
    }

    @Test
    public void listsAreFilteredAndPaged() throws Exception {
        as(CLERK, () -> desk.invoices.issue(draftId));
        desk.db.charge(DUBOIS, "ENC-6", "CONS-GP", "CONSULTATION", "1", "25.0000", "0", "2026-12-07");
        desk.draftOfEncounter(CLERK, DUBOIS, "ENC-6");
        assertEquals(2, as(CLERK, () -> desk.invoices.list(DUBOIS, null, null, null, null, 0, 50)).getTotal());
        assertEquals(1, as(CLERK, () -> desk.invoices.list(DUBOIS, "DRAFT", null, null, null, 0, 50)).getTotal());
        assertEquals(1, as(CLERK, () -> desk.invoices.list(null, "ISSUED", "INVOICE", "2026-12-07", "2026-12-07", 0,
                50)).getTotal());
        assertEquals(0, as(CLERK, () -> desk.invoices.list(null, null, null, "2026-12-08", null, 0, 50)).getTotal());
        assertEquals(null, as(CLERK, () -> desk.invoices.list(DUBOIS, null, null, null, null, 0, 1)).getItems()
                .get(0).lines);
        assertEquals(400, refused(CLERK, () -> desk.invoices.list(null, null, null, null, null, 0, 0)).status());
        assertEquals(400, refused(CLERK, () -> desk.invoices.list(null, null, null, "yesterday", null, 0, 5))
                .status());
    }

    @Test
    public void aClaimedInvoiceShowsItsClaimAndIsCreditedRatherThanVoided() throws Exception {
        desk.db.plan("MUTUELLE", null, "SANTE-PLUS", "0.80", "5.00", "CONSULTATION");
        String policy = desk.db.policy("P-5006", "SANTE-PLUS", "M-5006");
        desk.db.charge("P-5006", "ENC-51", "CONS-GP", "CONSULTATION", "1", "25.0000", "0", "2026-12-07");
        InvoiceViews.Invoice invoice = desk.issued("P-5006", "ENC-51");
        assertEquals("16.00", invoice.insuranceShare);
        desk.db.jpa.run(em -> { // as the insurance part submits it
            ClaimEntity c = new ClaimEntity();
            c.setId("claim-1");
            c.setNumber("CLM-2026-000001");
            c.setInvoiceId(invoice.id);
            c.setPolicyId(policy);
            c.setPatientId("P-5006");
            c.setStatus("SUBMITTED");
            c.setClaimedAmount(new java.math.BigDecimal("16.00"));
            c.setSubmittedMs(desk.clock.get());
            c.setSubmittedBy("bl.moreau");
            em.persist(c);
        });
        InvoiceViews.Claim claim = desk.get(invoice.id).claims.get(0);
        assertEquals(List.of("CLM-2026-000001", "SUBMITTED", "16.00", "SANTE-PLUS", "MUTUELLE", "INV-2026-000001"),
                List.of(claim.number, claim.status, claim.claimedAmount, claim.planCode, claim.insurerCode,
                        claim.invoiceNumber));
        assertEquals(409, refused(CLERK, () -> desk.voided(invoice.id, "wrong patient")).status());
        assertEquals("CREDIT_NOTE", desk.credit(invoice.id, "wrong patient").kind);
    }

    private int create(String patientId, String encounterId, String from, String to) throws Exception {
        InvoiceBodies.Create c = new InvoiceBodies.Create();
        c.patientId = patientId;
        c.encounterId = encounterId;
        c.from = from;
        c.to = to;
        return refused(CLERK, () -> desk.invoices.create(c)).status();
    }

    private int discount(String line, String amount, String percent, String reason) throws Exception {
        return refused(CLERK, () -> desk.askDiscount(CLERK, draftId, line, amount, percent, reason)).status();
    }
}
