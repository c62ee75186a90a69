package org.pavilion.billing.internal.payments;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.pavilion.billing.internal.payments.CashDeskDay.ANNA;
import static org.pavilion.billing.internal.payments.CashDeskDay.BEN;
import static org.pavilion.billing.internal.payments.CashDeskDay.status;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.billing.api.PaymentReceived;

/**
 * Two cashiers, on real threads and connections, take the last balance of one invoice at the same moment. To make
 * "the same moment" certain, the test holds the year's receipt counter row until both have read the invoice and wait
 * for it; then one payment goes through and the other is 409 (the invoice's version), with nothing of it written.
 */
public class TwoCashiersTest {

    private CashDeskDay day;
    private ExecutorService threads;

    @Before
    public void setUp() throws Exception {
        day = new CashDeskDay();
        threads = Executors.newFixedThreadPool(2);
    }

    @After
    public void tearDown() throws Exception {
        threads.shutdownNow();
        day.close();
    }

    @Test
    public void twoCashiersPayingTheLastBalanceAtOnceOneIs201TheOther409() throws Exception {
        String weber = day.db.issuedInvoice("MRN-1001", "INV-2026-000101", "120.00", "0.00", null);
        day.pay(ANNA, weber, "100.00", "CASH", null); // 20.00 left, and the year's receipt counter exists

        List<String> answers = new ArrayList<>();
        try (Connection holder = day.db.database.getConnection()) {
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.executeUpdate("UPDATE bl_receipt_number SET last_number = last_number WHERE number_year = 2026");
            }
            List<Future<String>> futures = new ArrayList<>();
            futures.add(threads.submit(() -> status(() -> day.pay(ANNA, weber, "20.00", "CASH", null))));
            futures.add(threads.submit(() -> status(() -> day.pay(BEN, weber, "20.00", "CARD", "SLIP-1"))));
            awaitBlocked(2);
            holder.rollback();
            for (Future<String> f : futures) {
                answers.add(f.get(60, TimeUnit.SECONDS));
            }
        }
        answers.sort(null);
        assertEquals(List.of("201", "409"), answers);
        assertEquals(2, day.rows("bl_payment"));
        assertEquals("PAID", day.invoice(weber).getStatus());
        assertEquals(new BigDecimal("120.00"), day.invoice(weber).getPaidByPatient());
        assertEquals(2, day.events.of(PaymentReceived.TYPE, PaymentReceived.class).size());
        assertEquals(new BigDecimal("-120.00"), day.balances().get("1100"));
        assertTrue(day.journalBalanced());
        // the loser's receipt number was given back: numbers stay gapless
        assertEquals(2L, scalar("SELECT last_number FROM bl_receipt_number WHERE number_year = 2026"));
    }

    /**
     * Anna closes her day while her last payment is still being written: the close waits for it, so the payment is
     * either in the close's expected cash or refused as after the close, never in the till but missing from the close.
     */
    @Test
    public void aCloseAndAPaymentAtTheSameMomentNeverLeaveAReceiptOutsideTheClose() throws Exception {
        String weber = day.db.issuedInvoice("MRN-1001", "INV-2026-000101", "120.00", "0.00", null);
        day.pay(ANNA, weber, "100.00", "CASH", null);
        Future<String> payment;
        Future<PaymentViews.CashClose> close;
        try (Connection holder = day.db.database.getConnection()) {
            holder.setAutoCommit(false);
            try (Statement s = holder.createStatement()) {
                s.executeUpdate("UPDATE bl_receipt_number SET last_number = last_number WHERE number_year = 2026");
            }
            payment = threads.submit(() -> status(() -> day.pay(ANNA, weber, "20.00", "CASH", null)));
            awaitBlocked(1);
            close = threads.submit(() -> CashDeskDay.as(CashDeskDay.staff(ANNA), () -> day.desk.close(ANNA,
                    "2026-12-07", CashDeskDayTest.close("120.00", null))));
            awaitBlocked(2);
            holder.rollback();
        }
        String paid = payment.get(60, TimeUnit.SECONDS);
        PaymentViews.CashClose closed = close.get(60, TimeUnit.SECONDS);
        PaymentViews.Till till = CashDeskDay.as(CashDeskDay.staff(ANNA), () -> day.desk.till(ANNA, "2026-12-07"));
        assertEquals(till.cash, closed.expectedCash);
        assertEquals(paid.equals("201") ? "120.00" : "100.00", closed.expectedCash);
        assertTrue(paid, paid.equals("201") || paid.equals("409"));
    }

    /** Waits (bounded) until {@code n} sessions wait for a lock. */
    private void awaitBlocked(int n) throws Exception {
        String sql = day.db.database.onPostgres()
                ? "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()"
                : "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID IS NOT NULL";
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Supplier<Long> blocked = () -> {
            try {
                return scalar(sql);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        while (blocked.get() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the two cashiers never both waited for the receipt counter");
            }
            Thread.sleep(10);
        }
    }

    private long scalar(String sql) throws Exception {
        try (Connection c = day.db.database.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
