package org.pavilion.billing.internal.payments;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.pavilion.billing.internal.payments.CashDeskDay.ANNA;
import static org.pavilion.billing.internal.payments.CashDeskDay.BEN;
import static org.pavilion.billing.internal.payments.CashDeskDay.FINANCE;
import static org.pavilion.billing.internal.payments.CashDeskDay.as;
import static org.pavilion.billing.internal.payments.CashDeskDay.staff;
import static org.pavilion.billing.internal.payments.CashDeskDay.status;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.billing.api.PaymentReceived;
import org.pavilion.billing.internal.invoices.InvoiceEntity;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.rest.ProblemException;

/** Anna's day at the cash desk: cash, card, transfer, the insurer's remittance, a refund, and the till closed short. */
public class CashDeskDayTest {

    private CashDeskDay day;

    @Before
    public void setUp() throws Exception {
        day = new CashDeskDay();
    }

    @After
    public void tearDown() throws Exception {
        day.close();
    }

    @Test
    public void aDayAtTheCashDeskEndsWithTheTillCountedAndClosedOnce() throws Exception {
        // Mrs Weber's consultation and lab: 120.00, all hers; she pays 50.00 cash, then the rest by card
        String weber = day.db.issuedInvoice("MRN-1001", "INV-2026-000101", "120.00", "0.00", null);
        day.at("2026-12-07T08:45:00Z");
        PaymentViews.Payment cash = day.pay(ANNA, weber, "50.00", "CASH", null);
        assertEquals("RCPT-2026-000001", cash.receiptNumber);
        assertEquals("INV-2026-000101", cash.invoiceNumber);
        assertEquals("PATIENT", cash.payer);
        assertEquals("2026-12-07", cash.day);
        assertEquals(ANNA, cash.cashier);
        assertEquals("PARTIALLY_PAID", day.invoice(weber).getStatus());
        PaymentViews.Payment card = day.pay(ANNA, weber, "70.00", "CARD", "SLIP-4711");
        assertEquals("RCPT-2026-000002", card.receiptNumber);
        assertEquals("PAID", day.invoice(weber).getStatus());

        // Mr Novak's stay: 200.00, his insurer owes 150.00; he transfers his 50.00, the insurer remits its share
        String novak = day.db.issuedInvoice("MRN-1002", "INV-2026-000102", "200.00", "150.00", null);
        day.at("2026-12-07T10:15:00Z");
        day.pay(ANNA, novak, "50.00", "BANK_TRANSFER", "SEPA-2026-889");
        assertEquals("PARTIALLY_PAID", day.invoice(novak).getStatus());
        PaymentViews.Payment insurer = day.pay(ANNA, novak, "150.00", "INSURANCE", "REMIT-77");
        assertEquals("INSURANCE", insurer.payer);
        InvoiceEntity settled = day.invoice(novak);
        assertEquals("PAID", settled.getStatus());
        assertEquals(new BigDecimal("150.00"), settled.getPaidByInsurance());

        // Ms Ito paid 30.00 cash for a dressing that was then not used: 10.00 back in cash
        String ito = day.db.issuedInvoice("MRN-1003", "INV-2026-000103", "30.00", "0.00", null);
        day.at("2026-12-07T14:00:00Z");
        PaymentViews.Payment itoCash = day.pay(ANNA, ito, "30.00", "CASH", null);
        PaymentViews.Payment back = day.refund(ANNA, itoCash.id, "10.00", "dressing not used");
        assertEquals("REFUND", back.kind);
        assertEquals("CASH", back.method);
        assertEquals(itoCash.id, back.refundOf);
        assertEquals("PARTIALLY_PAID", day.invoice(ito).getStatus());
        assertEquals(new BigDecimal("20.00"), day.invoice(ito).getPaidByPatient());

        // Ben, at the other desk, takes one card payment: not in Anna's till
        String lang = day.db.issuedInvoice("MRN-1004", "INV-2026-000104", "15.00", "0.00", null);
        day.pay(BEN, lang, "15.00", "CARD", "SLIP-9");

        // the till: what Anna's drawer and terminal should hold
        PaymentViews.Till till = as(staff(ANNA), () -> day.desk.till(ANNA, "2026-12-07"));
        assertEquals("70.00", till.cash);
        assertEquals("70.00", till.card);
        assertEquals("50.00", till.transfer);
        assertEquals("150.00", till.insurance);
        assertEquals("0.00", till.online);
        assertEquals("10.00", till.refunds);
        assertEquals(5, till.payments);
        assertNull(till.closed);

        // the list of her day, newest first
        Page<PaymentViews.Payment> list = as(staff(ANNA), () -> day.payments.list(ANNA, "2026-12-07", null, 0, 50));
        assertEquals(6, list.getTotal());
        assertEquals(back.id, list.getItems().get(0).id);
        assertEquals(3, day.audit.with("SEARCH", AuditOutcome.SUCCESS).size()); // one record per patient shown

        // she counts 69.50 in the drawer: 0.50 short
        day.at("2026-12-07T17:05:00Z");
        PaymentViews.CashClose closed = as(staff(ANNA), () -> day.desk.close(ANNA, "2026-12-07",
                close("69.50", "a 50-cent coin rolled away")));
        assertEquals("70.00", closed.expectedCash);
        assertEquals("69.50", closed.countedCash);
        assertEquals("-0.50", closed.difference);
        assertEquals("70.00", closed.expectedCard);
        assertEquals("200.00", closed.expectedTransfer);
        assertEquals(ANNA, closed.closedBy);
        assertEquals("409", status(() -> as(staff(ANNA), () -> day.desk.close(ANNA, "2026-12-07",
                close("70.00", "again")))));
        assertEquals("409", status(() -> day.pay(ANNA, ito, "5.00", "CASH", null)));
        assertEquals(closed.id, as(staff(ANNA), () -> day.desk.till(ANNA, "2026-12-07")).closed.id);

        // the journal: each method's account got its money, receivables went down by as much, all balanced
        assertTrue(day.journalBalanced());
        Map<String, BigDecimal> b = day.balances();
        assertEquals(new BigDecimal("70.00"), b.get("1000"));
        assertEquals(new BigDecimal("85.00"), b.get("1010"));
        assertEquals(new BigDecimal("200.00"), b.get("1020"));
        assertEquals(new BigDecimal("-205.00"), b.get("1100"));
        assertEquals(new BigDecimal("-150.00"), b.get("1110"));

        // one PaymentReceived per receipt, a refund's amount negative, about the invoice
        List<PaymentReceived> received = day.events.of(PaymentReceived.TYPE, PaymentReceived.class);
        assertEquals(7, received.size());
        PaymentReceived refunded = received.stream().filter(e -> e.paymentId.equals(back.id)).findFirst().get();
        assertEquals("-10.00", refunded.amount);
        assertEquals("REFUND", refunded.kind);
        assertEquals("10.00", refunded.patientBalance);
        assertEquals(7, day.audit.with("PAY", AuditOutcome.SUCCESS).size() + day.audit.with("REFUND",
                AuditOutcome.SUCCESS).size());
        assertEquals("MRN-1003", day.audit.with("REFUND", AuditOutcome.SUCCESS).get(0).patientId());
    }

    @Test
    public void aCashierSeesAndClosesOnlyTheirOwnTillTheFinanceOfficeAnyone() {
        String weber = day.db.issuedInvoice("MRN-1001", "INV-2026-000101", "40.00", "0.00", null);
        day.pay(ANNA, weber, "40.00", "CASH", null);
        assertEquals("403", status(() -> as(staff(BEN), () -> day.desk.till(ANNA, "2026-12-07"))));
        assertEquals("403", status(() -> as(staff(BEN), () -> day.desk.close(ANNA, "2026-12-07",
                close("40.00", null)))));
        PaymentViews.CashClose closed = as(staff(FINANCE, CashDesk.ANYONE), () -> day.desk.close(ANNA,
                "2026-12-07", close("40.00", "closed by the office")));
        assertEquals("0.00", closed.difference);
        assertEquals(FINANCE, closed.closedBy);
        assertEquals("422", status(() -> as(staff(ANNA), () -> day.desk.close(ANNA, "2026-12-09",
                close("0.00", "tomorrow")))));
        assertEquals("400", status(() -> as(staff(ANNA), () -> day.desk.till(ANNA, "7.12.2026"))));
    }

    @Test
    public void aCloseWithoutABodyOrWithAnEssayForANoteIsRefusedByField() throws Exception {
        ProblemException none = org.junit.Assert.assertThrows(ProblemException.class,
                () -> as(staff(ANNA), () -> day.desk.close(ANNA, "2026-12-07", null)));
        assertEquals(400, none.status());
        assertEquals(List.of(Map.of("field", "body", "message", "a request body is required")),
                none.extensions().get("violations"));
        ProblemException essay = org.junit.Assert.assertThrows(ProblemException.class,
                () -> as(staff(ANNA), () -> day.desk.close(ANNA, "2026-12-07", close("0.00",
                        "The drawer jammed. ".repeat(30)))));
        assertEquals(400, essay.status());
        assertEquals(List.of(Map.of("field", "note", "message", "size must be between 0 and 500")),
                essay.extensions().get("violations"));
        assertEquals("422", status(() -> as(staff(ANNA), () -> day.desk.close(ANNA, "2026-12-07",
                close("-1.00", null))))); // the counted cash is an amount: 422, as before
        assertEquals(0, day.rows("bl_cash_close"));
    }

    @Test
    public void twoClosesOfOneDayAtOnceOneIs201TheOther409() throws Exception {
        String weber = day.db.issuedInvoice("MRN-1001", "INV-2026-000101", "40.00", "0.00", null);
        day.pay(ANNA, weber, "40.00", "CASH", null);
        java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<String>> answers = new java.util.ArrayList<>();
            for (String counted : List.of("40.00", "39.00")) {
                answers.add(two.submit(() -> {
                    go.await();
                    return status(() -> as(staff(ANNA), () -> day.desk.close(ANNA, "2026-12-07",
                            close(counted, null))));
                }));
            }
            go.countDown();
            List<String> got = new java.util.ArrayList<>();
            for (java.util.concurrent.Future<String> f : answers) {
                got.add(f.get(60, java.util.concurrent.TimeUnit.SECONDS));
            }
            got.sort(null);
            assertEquals(List.of("201", "409"), got);
        } finally {
            two.shutdownNow();
        }
        assertEquals(1, day.rows("bl_cash_close"));
    }

    @Test
    public void theBusinessDayAndTheReceiptYearAreTheHospitalsNotUtc() {
        String weber = day.db.issuedInvoice("MRN-1001", "INV-2026-000101", "100.00", "0.00", null);
        day.at("2026-12-07T23:30:00Z"); // 00:30 on the 8th in Berlin
        assertEquals("2026-12-08", day.pay(ANNA, weber, "10.00", "CASH", null).day);
        day.at("2026-12-31T23:10:00Z"); // New Year's night in Berlin: a new year's counter on the way
        PaymentViews.Payment p = day.pay(ANNA, weber, "10.00", "CASH", null);
        assertEquals("2027-01-01", p.day);
        assertEquals("RCPT-2027-000001", p.receiptNumber);
        assertNotNull(as(staff(ANNA), () -> day.desk.till(ANNA, "2027-01-01")).cash);
        assertEquals("10.00", as(staff(ANNA), () -> day.desk.till(ANNA, "2027-01-01")).cash);
    }

    static PaymentBodies.Close close(String counted, String note) {
        PaymentBodies.Close c = new PaymentBodies.Close();
        c.countedCash = counted;
        c.note = note;
        return c;
    }
}
