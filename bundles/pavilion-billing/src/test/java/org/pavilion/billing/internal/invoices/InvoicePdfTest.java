package org.pavilion.billing.internal.invoices;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.pavilion.billing.internal.invoices.BillingDesk.CLERK;
import static org.pavilion.billing.internal.invoices.BillingDesk.as;
import static org.pavilion.billing.internal.invoices.BillingDesk.refused;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.billing.internal.access.PatientGate;
import org.pavilion.billing.internal.documents.Documents;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.testing.TestAccounts;

/**
 * The printed documents, read back with PDFBox's text extraction: the invoice Mr Nakamura takes home, its credit
 * note, the receipt of his payment, and the same invoice in his portal (not his neighbour's).
 */
public class InvoicePdfTest {

    private static final String NAKAMURA = "P-6006";
    private static final Caller HIS_ACCOUNT = TestAccounts.patientAccount("k.nakamura", NAKAMURA,
            PatientGate.VIEW_OWN);
    private static final Caller NEIGHBOUR = TestAccounts.patientAccount("j.berg", "P-6007", PatientGate.VIEW_OWN);

    private BillingDesk desk;

    @Before
    public void setUp() throws Exception {
        desk = new BillingDesk();
        desk.db.plan("MUTUELLE", null, "SANTE-PLUS", "0.80", "5.00", "CONSULTATION");
        desk.db.policy(NAKAMURA, "SANTE-PLUS", "M-991-04");
        desk.db.charge(NAKAMURA, "ENC-6", "CONS-DERM", "CONSULTATION", "1", "55.0000", "0", "2026-12-04");
        desk.db.charge(NAKAMURA, "ENC-6", "PH-CREAM30", "MEDICINE", "3", "4.1000", "0.0550", "2026-12-04");
    }

    @After
    public void tearDown() throws Exception {
        desk.close();
    }

    @Test
    public void theIssuedInvoiceShowsTheHospitalTheLinesTaxesSharesAndDueDate() throws Exception {
        InvoiceViews.Invoice draft = desk.draftOfEncounter(CLERK, NAKAMURA, "ENC-6");
        String draftText = text(as(CLERK, () -> desk.documents.invoice(draft.id)));
        assertTrue(draftText, draftText.contains("DRAFT"));
        assertFalse(draftText.contains("INV-"));

        InvoiceViews.Invoice invoice = as(CLERK, () -> desk.invoices.issue(draft.id));
        Documents.Pdf pdf = as(CLERK, () -> desk.documents.invoice(invoice.id));
        assertEquals("INV-2026-000001.pdf", pdf.fileName());
        String text = text(pdf);
        for (String expected : new String[] {"Pavilion General Hospital", "12 Rue de la Santé", "75014 Paris",
            "Tax number: FR 40 123456789", "INVOICE INV-2026-000001", "Date of issue: 2026-12-07",
            "Due date: 2027-01-06", "Patient (MRN): P-6006", "Encounter: ENC-6", "Insurer: MUTUELLE",
            "1 2026-12-04 CONS-DERM", "55.0000 55.00 0.00 0 % 0.00 55.00", "3 4.1000 12.30 0.00 5.5 % 0.68 12.98", "Tax 5.5 % on 12.30 0.68 EUR", "Total 67.98 EUR",
            "Insurance share 40.00 EUR", "Patient share 27.98 EUR", "Balance due by 2027-01-06 27.98 EUR"}) {
            assertTrue("missing '" + expected + "' in:\n" + text, text.contains(expected));
        }
        assertFalse(text.contains("DRAFT"));

        InvoiceViews.Invoice cn = desk.credit(invoice.id, "cream not dispensed", invoice.lines.get(1).id);
        String credit = text(as(CLERK, () -> desk.documents.invoice(cn.id)));
        for (String expected : new String[] {"CREDIT NOTE CN-2026-000001", "Credits invoice: INV-2026-000001",
            "Total credited -12.98 EUR"}) {
            assertTrue("missing '" + expected + "' in:\n" + credit, credit.contains(expected));
        }
    }

    @Test
    public void theReceiptShowsThePaymentAndWhatIsLeft() throws Exception {
        InvoiceViews.Invoice invoice = desk.issued(NAKAMURA, "ENC-6");
        String paymentId = desk.paid(invoice.id, "20.00", "RCPT-2026-000001");
        Documents.Pdf pdf = as(CLERK, () -> desk.documents.receipt(paymentId));
        assertEquals("RCPT-2026-000001.pdf", pdf.fileName());
        String text = text(pdf);
        for (String expected : new String[] {"Pavilion General Hospital", "RECEIPT RCPT-2026-000001",
            "Invoice: INV-2026-000001", "Method: CASH", "Cashier: cash.lambert", "Amount received 20.00 EUR",
            "Patient balance 7.98 EUR"}) {
            assertTrue("missing '" + expected + "' in:\n" + text, text.contains(expected));
        }
        assertEquals(404, refused(CLERK, () -> desk.documents.receipt("no-such-payment")).status());
    }

    @Test
    public void thePortalShowsAPatientHisOwnIssuedInvoicesOnly() throws Exception {
        InvoiceViews.Invoice draft = desk.draftOfEncounter(CLERK, NAKAMURA, "ENC-6");
        assertEquals("a draft is not his yet", 404, refused(HIS_ACCOUNT, () -> desk.documents.own(draft.id)).status());
        as(CLERK, () -> desk.invoices.issue(draft.id));
        String text = text(as(HIS_ACCOUNT, () -> desk.documents.own(draft.id)));
        assertTrue(text, text.contains("INVOICE INV-2026-000001"));
        assertEquals(403, refused(NEIGHBOUR, () -> desk.documents.own(draft.id)).status());
        assertEquals("staff use the staff path", 403, refused(CLERK, () -> desk.documents.own(draft.id)).status());
        assertEquals(404, refused(HIS_ACCOUNT, () -> desk.documents.own("no-such-invoice")).status());
    }

    private static String text(Documents.Pdf pdf) throws Exception {
        assertTrue(new String(pdf.bytes(), 0, 5, java.nio.charset.StandardCharsets.US_ASCII).startsWith("%PDF-"));
        try (PDDocument doc = Loader.loadPDF(pdf.bytes())) {
            return new PDFTextStripper().getText(doc);
        }
    }
}
