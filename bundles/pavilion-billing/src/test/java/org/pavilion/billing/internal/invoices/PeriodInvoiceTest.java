package org.pavilion.billing.internal.invoices;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.pavilion.billing.internal.invoices.BillingDesk.CLERK;
import static org.pavilion.billing.internal.invoices.BillingDesk.SUPERVISOR;
import static org.pavilion.billing.internal.invoices.BillingDesk.as;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.billing.internal.charges.ChargeEntity;

/**
 * A long-stay patient billed by period: the supplies of the first week of December on one invoice, a goodwill
 * discount on the whole invoice spread over its lines to the cent, and a ward stay long enough to print on two pages.
 */
public class PeriodInvoiceTest {

    private static final String PETIT = "P-7007";

    private BillingDesk desk;

    @Before
    public void setUp() throws Exception {
        desk = new BillingDesk();
    }

    @After
    public void tearDown() throws Exception {
        desk.close();
    }

    @Test
    public void aPeriodsChargesOfEveryEncounterWithAWholeInvoiceDiscountSpreadToTheCent() throws Exception {
        String november = desk.db.charge(PETIT, "ENC-7A", "SUP-GLOVES", "SUPPLY", "1", "1.0000", "0", "2026-11-20");
        desk.db.charge(PETIT, "ENC-7A", "SUP-GLOVES", "SUPPLY", "1", "1.0000", "0", "2026-12-01");
        desk.db.charge(PETIT, "ENC-7B", "SUP-SWABS", "SUPPLY", "1", "1.0000", "0", "2026-12-03");
        desk.db.charge(PETIT, null, "SUP-MASK", "SUPPLY", "1", "1.0000", "0", "2026-12-06");
        InvoiceBodies.Create c = new InvoiceBodies.Create();
        c.patientId = PETIT;
        c.from = "2026-12-01";
        c.to = "2026-12-06";
        InvoiceViews.Invoice draft = as(CLERK, () -> desk.invoices.create(c));
        assertEquals(List.of("2026-12-01", "2026-12-06"), List.of(draft.periodFrom, draft.periodTo));
        assertEquals(List.of("SUP-GLOVES", "SUP-SWABS", "SUP-MASK"), draft.lines.stream().map(l -> l.priceCode)
                .toList());
        assertEquals("OPEN", desk.db.jpa.call(em -> em.find(ChargeEntity.class, november).getStatus()));

        // 0.10 over three lines of 1.00: 0.03 each, the cent left over on the (first) largest line
        InvoiceViews.Discount goodwill = desk.askDiscount(CLERK, draft.id, null, "0.10", null, "goodwill");
        InvoiceViews.Invoice discounted = as(SUPERVISOR, () -> desk.invoices.decideDiscount(draft.id, goodwill.id,
                true));
        assertEquals(List.of("0.04", "0.03", "0.03"), discounted.lines.stream().map(l -> l.discount).toList());
        assertEquals(List.of("0.10", "2.90"), List.of(discounted.discountTotal, discounted.grossTotal));

        InvoiceViews.Invoice issued = as(CLERK, () -> desk.invoices.issue(draft.id));
        assertEquals(Map.of("1100", new BigDecimal("2.90"), "4300", new BigDecimal("-2.90")),
                desk.journal(issued.id, "INVOICE_ISSUED"));
    }

    @Test
    public void aPercentOffTheWholeInvoiceIsRoundedOnEachLine() throws Exception {
        for (int n = 0; n < 3; n++) {
            desk.db.charge(PETIT, "ENC-7C", "PH-PARA500", "MEDICINE", "1", "3.3500", "0", "2026-12-02");
        }
        InvoiceViews.Invoice draft = desk.draftOfEncounter(CLERK, PETIT, "ENC-7C");
        InvoiceViews.Discount tenth = desk.askDiscount(CLERK, draft.id, null, null, "10", "staff family");
        InvoiceViews.Invoice discounted = as(SUPERVISOR, () -> desk.invoices.decideDiscount(draft.id, tenth.id,
                true));
        // 10 % of 3.35 is 0.335, rounded half up once per line
        assertEquals(List.of("0.34", "0.34", "0.34"), discounted.lines.stream().map(l -> l.discount).toList());
        assertEquals(List.of("10.05", "1.02", "9.03"), List.of(discounted.netTotal, discounted.discountTotal,
                discounted.grossTotal));
    }

    @Test
    public void aLongStayPrintsOnAsManyPagesAsItNeeds() throws Exception {
        for (int day = 1; day <= 70; day++) {
            desk.db.charge(PETIT, "ENC-8", "BED-DAY-GENERAL", "BED_DAY", "1", "180.0000", "0",
                    java.time.LocalDate.of(2026, 9, 1).plusDays(day - 1).toString());
        }
        InvoiceViews.Invoice invoice = desk.issued(PETIT, "ENC-8");
        assertEquals("12600.00", invoice.grossTotal);
        byte[] pdf = as(CLERK, () -> desk.documents.invoice(invoice.id)).bytes();
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertTrue(doc.getNumberOfPages() > 1);
            String text = new PDFTextStripper().getText(doc);
            assertTrue(text, text.contains("70 2026-11-09 BED-DAY-GENERAL"));
            assertTrue(text, text.contains("Total 12600.00 EUR"));
        }
    }
}
