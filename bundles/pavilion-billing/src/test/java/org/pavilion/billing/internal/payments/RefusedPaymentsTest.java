package org.pavilion.billing.internal.payments;

import static org.junit.Assert.assertEquals;
import static org.pavilion.billing.internal.payments.CashDeskDay.ANNA;
import static org.pavilion.billing.internal.payments.CashDeskDay.status;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.testing.TestConstraints;

/** What the cash desk refuses, and that a refusal leaves no receipt, no journal line, no event. */
public class RefusedPaymentsTest {

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
    public void overPaymentsBadAmountsAndMissingReferencesAreRefusedWithNothingWritten() throws Exception {
        String weber = day.db.issuedInvoice("MRN-1001", "INV-2026-000101", "120.00", "20.00", null);
        assertEquals("422", status(() -> day.pay(ANNA, weber, "100.01", "CASH", null))); // her share is 100.00
        assertEquals("422", status(() -> day.pay(ANNA, weber, "20.01", "INSURANCE", "R-1"))); // the insurer's 20.00
        assertEquals("422", status(() -> day.pay(ANNA, weber, "10.005", "CASH", null)));
        assertEquals("422", status(() -> day.pay(ANNA, weber, "0.00", "CASH", null)));
        assertEquals("422", status(() -> day.pay(ANNA, weber, "-5.00", "CASH", null)));
        assertEquals("422", status(() -> day.pay(ANNA, weber, "10.00", "CARD", null)));
        assertEquals("422", status(() -> day.pay(ANNA, weber, "10.00", "BANK_TRANSFER", " ")));
        assertEquals("422", status(() -> day.pay(ANNA, weber, "10.00", "ONLINE", "x")));
        assertEquals("422", status(() -> day.pay(ANNA, weber, "ten", "CASH", null)));
        assertEquals("400", status(() -> day.pay(ANNA, null, "10.00", "CASH", null)));
        assertEquals("404", status(() -> day.pay(ANNA, "no-such-invoice", "10.00", "CASH", null)));
        assertEquals(0, day.rows("bl_payment"));
        assertEquals(0, day.rows("bl_journal_line"));
        assertEquals(0, day.events.committed.size());
        assertEquals(new BigDecimal("0.00"), day.invoice(weber).getPaidByPatient());
        assertEquals(2, day.audit.with("PAY", AuditOutcome.FAILED).size()); // the over-payments, after the gate

        // exactly the balance is fine, and then nothing more
        day.pay(ANNA, weber, "100.00", "CASH", null);
        assertEquals("422", status(() -> day.pay(ANNA, weber, "0.01", "CASH", null)));
        assertEquals(1, day.rows("bl_payment"));
    }

    @Test
    public void aHalfFilledPaymentFormNamesEveryMissingFieldAtOnceAndWritesNothing() throws Exception {
        String weber = day.db.issuedInvoice("MRN-1001", "INV-2026-000101", "120.00", "20.00", null);
        ProblemException e = org.junit.Assert.assertThrows(ProblemException.class,
                () -> day.pay(ANNA, " ", "10.00", null, "Slip 4471 ".repeat(13)));
        assertEquals(400, e.status());
        assertEquals("urn:pavilion:problem:validation", e.type());
        assertEquals(List.of(Map.of("field", "invoiceId", "message", "must not be blank"),
                Map.of("field", "method", "message", "must not be blank"),
                Map.of("field", "reference", "message", "size must be between 0 and 120")),
                e.extensions().get("violations"));
        PaymentViews.Payment paid = day.pay(ANNA, weber, "40.00", "CASH", null);
        ProblemException refund = org.junit.Assert.assertThrows(ProblemException.class,
                () -> day.refund(ANNA, paid.id, "1.00", "Changed her mind. ".repeat(30)));
        assertEquals(List.of(Map.of("field", "reason", "message", "size must be between 0 and 500")),
                refund.extensions().get("violations"));
        assertEquals(1, day.rows("bl_payment"));
    }

    @Test
    public void aRefundAboveWhatWasPaidIsRefused() throws Exception {
        String ito = day.db.issuedInvoice("MRN-1003", "INV-2026-000103", "30.00", "0.00", null);
        PaymentViews.Payment paid = day.pay(ANNA, ito, "30.00", "CASH", null);
        assertEquals("422", status(() -> day.refund(ANNA, paid.id, "30.01", "too much")));
        day.refund(ANNA, paid.id, "25.00", "one item not given");
        assertEquals("422", status(() -> day.refund(ANNA, paid.id, "5.01", "more than is left")));
        PaymentViews.Payment last = day.refund(ANNA, paid.id, "5.00", "the rest");
        assertEquals("422", status(() -> day.refund(ANNA, last.id, "1.00", "a refund of a refund")));
        assertEquals("400", status(() -> day.refund(ANNA, paid.id, "1.00", null)));
        assertEquals("404", status(() -> day.refund(ANNA, "no-such-payment", "1.00", "?")));
        assertEquals(3, day.rows("bl_payment"));
        assertEquals(new BigDecimal("0.00"), day.invoice(ito).getPaidByPatient());
        assertEquals("ISSUED", day.invoice(ito).getStatus());
        assertEquals(new BigDecimal("0.00"), day.balances().get("1000"));
    }

    @Test
    public void aPatientTheGateRefusesGetsNoPaymentAndTheRefusalIsTheGates() throws Exception {
        String vip = day.db.issuedInvoice("MRN-1009", "INV-2026-000109", "90.00", "0.00", null);
        // the EMR's answer for a record the cashier may not touch (a restricted VIP record)
        org.pavilion.billing.internal.access.PatientGate restricted = (patientId, write, action, type) -> {
            throw org.pavilion.core.api.rest.ProblemException.forbidden("restricted record");
        };
        PaymentService guarded = new PaymentService(day.db.emf, day.audit, day.events,
                CashDeskDay.settings("", "", ""), restricted, day.now::get, TestConstraints.platform());
        PaymentBodies.Pay in = new PaymentBodies.Pay();
        in.invoiceId = vip;
        in.amount = "90.00";
        in.method = "CASH";
        assertEquals("403", status(() -> CashDeskDay.as(CashDeskDay.staff(ANNA), () -> guarded.record(in))));
        assertEquals("403", status(() -> CashDeskDay.as(CashDeskDay.staff(ANNA), () -> guarded.list(null, null,
                "MRN-1009", 0, 10))));
        assertEquals(0, day.rows("bl_payment"));
        assertEquals("ISSUED", day.invoice(vip).getStatus());
    }

    @Test
    public void aDraftOrVoidInvoiceTakesNoPayment() throws Exception {
        String draft = day.db.issuedInvoice("MRN-1005", "INV-2026-000105", "50.00", "0.00", null);
        day.db.jpa.run(em -> em.find(org.pavilion.billing.internal.invoices.InvoiceEntity.class, draft)
                .setStatus("VOID"));
        assertEquals("409", status(() -> day.pay(ANNA, draft, "10.00", "CASH", null)));
        assertEquals(0, day.rows("bl_payment"));
    }
}
