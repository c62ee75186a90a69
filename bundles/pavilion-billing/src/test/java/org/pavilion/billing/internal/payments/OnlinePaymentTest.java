package org.pavilion.billing.internal.payments;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.pavilion.billing.internal.payments.CashDeskDay.FINANCE;
import static org.pavilion.billing.internal.payments.CashDeskDay.as;
import static org.pavilion.billing.internal.payments.CashDeskDay.staff;
import static org.pavilion.billing.internal.payments.CashDeskDay.status;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.billing.api.PaymentReceived;
import org.pavilion.billing.internal.access.PatientGate;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.testing.TestAccounts;
import org.pavilion.core.testing.TestConstraints;

/**
 * Mrs Weber pays her bill from the portal: the real {@link HostedCheckoutProvider} opens a checkout at the local test
 * provider, which then POSTs its signed notification over HTTP to the hospital's webhook. Success records one ONLINE
 * payment however often (and however concurrently) it is told; failures, forgeries and refusals record none.
 */
public class OnlinePaymentTest {

    private static final String KEY = "sk_test_4f1c9a";
    private static final String SECRET = "whsec_test_77b2e0";
    private static final Caller WEBER = TestAccounts.patientAccount("weber", "MRN-2001", PatientGate.VIEW_OWN);

    private CashDeskDay day;
    private OnlinePayments online;
    private HospitalWebhook webhook;
    private TestCheckoutProvider provider;
    private ExecutorService threads;

    @Before
    public void setUp() throws Exception {
        day = new CashDeskDay();
        online = new OnlinePayments(day.db.emf, day.audit, day.events, CashDeskDay.settings("", "", ""), null,
                day.now::get, TestConstraints.platform());
        webhook = new HospitalWebhook(online);
        provider = new TestCheckoutProvider(KEY, SECRET, webhook.url(HostedCheckoutProvider.NAME));
        online.addProvider(new HostedCheckoutProvider(CashDeskDay.settings(provider.url(), KEY, SECRET)));
        threads = Executors.newFixedThreadPool(8);
    }

    @After
    public void tearDown() throws Exception {
        threads.shutdownNow();
        provider.close();
        webhook.close();
        day.close();
    }

    private PaymentViews.Checkout payNow(Caller patient, String invoiceId) {
        PaymentBodies.PayOnline in = new PaymentBodies.PayOnline();
        in.invoiceId = invoiceId;
        return as(patient, () -> online.start(in));
    }

    @Test
    public void aPatientPaysHerBillOnlineAndTheProvidersNotificationRecordsItOnce() throws Exception {
        // 80.00, of which her insurer owes 20.00: she pays her 60.00 from home
        String bill = day.db.issuedInvoice("MRN-2001", "INV-2026-000201", "80.00", "20.00", null);
        PaymentViews.Checkout checkout = payNow(WEBER, bill);
        assertEquals(provider.url() + "/pay/co_1", checkout.redirectUrl);
        assertEquals("Bearer " + KEY, provider.authorizations.get(0));
        TestCheckoutProvider.Checkout atProvider = provider.checkouts.get("co_1");
        assertEquals("60.00", atProvider.amount());
        assertEquals("EUR", atProvider.currency());
        assertEquals(checkout.intentId, atProvider.reference());
        assertEquals("https://portal.example/bills", atProvider.returnUrl());
        assertTrue(provider.requestBodies.get(0), provider.requestBodies.get(0).contains("\"amount\":\"60.00\""));
        PaymentIntentEntity intent = online.intent(checkout.intentId);
        assertEquals("CREATED", intent.getStatus());
        assertEquals("co_1", intent.getProviderRef());
        assertEquals(0, day.rows("bl_payment"));

        day.at("2026-12-07T19:40:00Z");
        TestCheckoutProvider.Delivery paid = provider.complete("co_1", "SUCCEEDED");
        assertEquals(paid.body(), 200, paid.status());
        assertTrue(paid.body(), paid.body().contains("\"replay\":false"));
        intent = online.intent(checkout.intentId);
        assertEquals("SUCCEEDED", intent.getStatus());
        assertEquals(new BigDecimal("60.00"), day.invoice(bill).getPaidByPatient());
        assertEquals("PARTIALLY_PAID", day.invoice(bill).getStatus()); // the insurer's 20.00 is still open
        PaymentViews.Payment p = as(staff(FINANCE, CashDesk.ANYONE), () -> day.payments.list(null, null, "MRN-2001",
                0, 10)).getItems().get(0);
        assertEquals(intent.getPaymentId(), p.id);
        assertEquals("ONLINE", p.method);
        assertEquals("online", p.cashier);
        assertEquals("hosted-checkout:co_1", p.reference);
        assertEquals("RCPT-2026-000001", p.receiptNumber);
        assertEquals(new BigDecimal("60.00"), day.balances().get("1030"));
        assertEquals(new BigDecimal("-60.00"), day.balances().get("1100"));

        // the provider did not hear our 200 and sends it again: nothing new
        TestCheckoutProvider.Delivery again = provider.complete("co_1", "SUCCEEDED");
        assertEquals(200, again.status());
        assertTrue(again.body(), again.body().contains("\"replay\":true"));
        // and a late FAILED for the same checkout does not undo it
        assertEquals(200, provider.complete("co_1", "FAILED").status());
        assertEquals(1, day.rows("bl_payment"));
        assertEquals("SUCCEEDED", online.intent(checkout.intentId).getStatus());
        assertEquals(1, day.events.of(PaymentReceived.TYPE, PaymentReceived.class).size());
        assertEquals("ONLINE", day.events.of(PaymentReceived.TYPE, PaymentReceived.class).get(0).method);
        assertEquals("60.00", as(staff(FINANCE, CashDesk.ANYONE), () -> day.desk.till("online", "2026-12-07")).online);
        assertEquals("409", status(() -> payNow(WEBER, bill))); // nothing left for her to pay
    }

    @Test
    public void eightDeliveriesOfOneNotificationAtOnceRecordOnePayment() throws Exception {
        String bill = day.db.issuedInvoice("MRN-2001", "INV-2026-000202", "45.00", "0.00", null);
        payNow(WEBER, bill);
        String body = provider.notification("co_1", "SUCCEEDED");
        String signature = provider.sign(body);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            answers.add(threads.submit((Callable<Integer>) () -> {
                go.await();
                return provider.deliver(body, signature).status();
            }));
        }
        go.countDown();
        for (Future<Integer> a : answers) {
            assertEquals(Integer.valueOf(200), a.get(60, TimeUnit.SECONDS));
        }
        assertEquals(1, day.rows("bl_payment"));
        assertEquals(1, day.events.of(PaymentReceived.TYPE, PaymentReceived.class).size());
        assertEquals("PAID", day.invoice(bill).getStatus());
        assertEquals(new BigDecimal("45.00"), day.balances().get("1030"));
    }

    @Test
    public void aDeclinedCardLeavesTheBillOpenAndTheNextTryPaysIt() throws Exception {
        String bill = day.db.issuedInvoice("MRN-2001", "INV-2026-000203", "35.00", "0.00", null);
        PaymentViews.Checkout first = payNow(WEBER, bill);
        assertEquals(200, provider.complete("co_1", "FAILED").status());
        PaymentIntentEntity failed = online.intent(first.intentId);
        assertEquals("FAILED", failed.getStatus());
        assertTrue(failed.getFailure(), failed.getFailure().contains("card declined"));
        assertNull(failed.getPaymentId());
        assertEquals(0, day.rows("bl_payment"));
        assertEquals("ISSUED", day.invoice(bill).getStatus());

        PaymentViews.Checkout second = payNow(WEBER, bill);
        assertEquals(provider.url() + "/pay/co_2", second.redirectUrl);
        assertEquals(200, provider.complete("co_2", "SUCCEEDED").status());
        assertEquals("PAID", day.invoice(bill).getStatus());
        assertEquals(1, day.rows("bl_payment"));
    }

    @Test
    public void moneyTakenOnlineAfterTheBillWasPaidAtTheDeskIsFlaggedForRefundNotBookedTwice() throws Exception {
        String bill = day.db.issuedInvoice("MRN-2001", "INV-2026-000208", "40.00", "0.00", null);
        PaymentViews.Checkout checkout = payNow(WEBER, bill);
        day.pay(CashDeskDay.ANNA, bill, "40.00", "CASH", null); // her husband paid at the desk meanwhile
        TestCheckoutProvider.Delivery late = provider.complete("co_1", "SUCCEEDED");
        assertEquals(late.body(), 200, late.status());
        PaymentIntentEntity intent = online.intent(checkout.intentId);
        assertEquals("FAILED", intent.getStatus());
        assertTrue(intent.getFailure(), intent.getFailure().startsWith("paid at hosted-checkout (co_1) but not "
                + "recorded"));
        assertEquals(200, provider.complete("co_1", "SUCCEEDED").status()); // a replay changes nothing
        assertEquals(1, day.rows("bl_payment"));
        assertEquals(new BigDecimal("40.00"), day.invoice(bill).getPaidByPatient());
        assertNull(day.balances().get("1030"));
        assertEquals(1, day.audit.events.stream().filter(e -> e.resourceId() != null
                && e.resourceId().equals(checkout.intentId) && e.outcome()
                == org.pavilion.core.api.audit.AuditOutcome.FAILED).count());
    }

    @Test
    public void forgedOrUnsignedNotificationsAre401AndChangeNothing() throws Exception {
        String bill = day.db.issuedInvoice("MRN-2001", "INV-2026-000204", "50.00", "0.00", null);
        PaymentViews.Checkout checkout = payNow(WEBER, bill);
        String genuine = provider.notification("co_1", "SUCCEEDED");
        String signature = provider.sign(genuine);

        String tampered = genuine.replace("\"50.00\"", "\"5.00\"");
        assertFalse(tampered.equals(genuine));
        assertEquals(401, provider.deliver(tampered, signature).status());
        assertEquals(401, provider.deliver(genuine, null).status());
        assertEquals(401, provider.deliver(genuine, "not-hex").status());
        String otherSecret = java.util.HexFormat.of().formatHex(HostedCheckoutProvider.sign("whsec_guess",
                genuine.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertEquals(401, provider.deliver(genuine, otherSecret).status());
        assertEquals("401", status(() -> online.notified("some-other-provider", genuine.getBytes(
                java.nio.charset.StandardCharsets.UTF_8), name -> signature)));
        // signed, but about a checkout the hospital never opened
        String stranger = genuine.replace("co_1", "co_999");
        assertEquals(404, provider.deliver(stranger, provider.sign(stranger)).status());

        assertEquals("CREATED", online.intent(checkout.intentId).getStatus());
        assertEquals(0, day.rows("bl_payment"));
        assertEquals(0, day.rows("bl_journal_line"));
        assertEquals(200, provider.deliver(genuine, signature).status()); // the genuine one still goes through
        assertEquals("PAID", day.invoice(bill).getStatus());
    }

    @Test
    public void thePortalPaysOnlyTheAccountsOwnOpenInvoiceWhileOnlinePaymentIsOn() throws Exception {
        String hers = day.db.issuedInvoice("MRN-2001", "INV-2026-000205", "50.00", "0.00", null);
        String his = day.db.issuedInvoice("MRN-2002", "INV-2026-000206", "70.00", "0.00", null);
        assertEquals("403", status(() -> payNow(WEBER, his)));
        assertEquals("403", status(() -> payNow(staff("anna.cashier"), hers)));
        assertEquals("404", status(() -> payNow(WEBER, "no-such-invoice")));
        assertEquals("400", status(() -> payNow(WEBER, null)));
        ProblemException tooLong = org.junit.Assert.assertThrows(ProblemException.class,
                () -> payNow(WEBER, hers + "-" + hers));
        assertEquals(List.of(Map.of("field", "invoiceId", "message", "size must be between 0 and 36")),
                tooLong.extensions().get("violations"));
        assertEquals("400", status(() -> as(WEBER, () -> online.start(null))));
        assertTrue(provider.checkouts.isEmpty());

        provider.refuseWith = 503; // the provider is down: nothing to pay with, the intent says why
        assertEquals("502", status(() -> payNow(WEBER, hers)));
        PaymentIntentEntity failed = day.db.jpa.call(em -> em.createQuery("SELECT i FROM PaymentIntentEntity i",
                PaymentIntentEntity.class).getSingleResult());
        assertEquals("FAILED", failed.getStatus());
        assertTrue(failed.getFailure(), failed.getFailure().contains("503"));

        // online payment switched off: the adapter is not configured
        OnlinePayments off = new OnlinePayments(day.db.emf, day.audit, day.events, CashDeskDay.settings("", "", ""),
                null, day.now::get, TestConstraints.platform());
        off.addProvider(new HostedCheckoutProvider(CashDeskDay.settings("", "", "")));
        assertEquals("409", status(() -> as(WEBER, () -> {
            PaymentBodies.PayOnline in = new PaymentBodies.PayOnline();
            in.invoiceId = hers;
            return off.start(in);
        })));
        assertEquals(0, day.rows("bl_payment"));
    }

    @Test
    public void aWrongApiKeyIsTheProvidersRefusalAndTheKeyIsNeverShown() throws Exception {
        String hers = day.db.issuedInvoice("MRN-2001", "INV-2026-000207", "50.00", "0.00", null);
        OnlinePayments wrongKey = new OnlinePayments(day.db.emf, day.audit, day.events,
                CashDeskDay.settings("", "", ""), null, day.now::get, TestConstraints.platform());
        PaymentSettings settings = CashDeskDay.settings(provider.url(), "sk_test_wrong", SECRET);
        wrongKey.addProvider(new HostedCheckoutProvider(settings));
        try {
            as(WEBER, () -> {
                PaymentBodies.PayOnline in = new PaymentBodies.PayOnline();
                in.invoiceId = hers;
                return wrongKey.start(in);
            });
            throw new AssertionError("a wrong key opened a checkout");
        } catch (org.pavilion.core.api.rest.ProblemException e) {
            assertEquals(502, e.status());
            assertFalse(e.detail(), e.detail().contains("sk_test_wrong"));
        }
        assertFalse(settings.toString(), settings.toString().contains("sk_test_wrong"));
        assertFalse(settings.toString(), settings.toString().contains(SECRET));
    }
}
