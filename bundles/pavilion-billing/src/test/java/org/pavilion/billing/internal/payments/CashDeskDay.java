package org.pavilion.billing.internal.payments;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

import org.pavilion.billing.internal.BillingDatabase;
import org.pavilion.billing.internal.access.PatientGate;
import org.pavilion.billing.internal.invoices.InvoiceEntity;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.core.testing.TestConstraints;

/**
 * A hospital's billing office for the payment tests: billing's real change log (H2, or PostgreSQL with
 * -Dpavilion.test.postgres), the real services, a clock in the hospital's zone (Europe/Berlin) that the test moves,
 * and the people at the desk.
 */
final class CashDeskDay implements AutoCloseable {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final String ANNA = "anna.cashier";
    static final String BEN = "ben.cashier";
    static final String FINANCE = "fiona.finance";
    static final Set<String> CASHIER = Set.of(PaymentsResource.RECORD, PatientGate.VIEW, PatientGate.WRITE);

    final BillingDatabase db;
    final RecordingAudit audit = new RecordingAudit();
    final CommittedEvents events = new CommittedEvents();
    final AtomicLong now = new AtomicLong(Instant.parse("2026-12-07T08:30:00Z").toEpochMilli());
    final PaymentService payments;
    final CashDesk desk;

    CashDeskDay() throws Exception {
        this(settings("", "", ""));
    }

    CashDeskDay(PaymentSettings settings) throws Exception {
        db = new BillingDatabase();
        payments = new PaymentService(db.emf, audit, events, settings, null, now::get,
                TestConstraints.platform());
        desk = new CashDesk(db.emf, audit, settings, now::get, TestConstraints.platform());
    }

    static PaymentSettings settings(String providerUrl, String key, String secret) {
        return new PaymentSettings("EUR", BERLIN, providerUrl, key, secret, "https://portal.example/bills");
    }

    /** Moves the clock to {@code instant} (ISO-8601). */
    void at(String instant) {
        now.set(Instant.parse(instant).toEpochMilli());
    }

    static Caller staff(String username, String... extra) {
        Set<String> privileges = new java.util.HashSet<>(CASHIER);
        privileges.addAll(Set.of(extra));
        return Caller.inContainer(username, privileges, "10.1.2.3");
    }

    static <T> T as(Caller caller, Callable<T> work) {
        try {
            return CallerContext.runAs(caller, work);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code cashier} takes {@code amount} by {@code method} on the invoice. */
    PaymentViews.Payment pay(String cashier, String invoiceId, String amount, String method, String reference) {
        PaymentBodies.Pay in = new PaymentBodies.Pay();
        in.invoiceId = invoiceId;
        in.amount = amount;
        in.method = method;
        in.reference = reference;
        return as(staff(cashier), () -> payments.record(in));
    }

    PaymentViews.Payment refund(String cashier, String paymentId, String amount, String reason) {
        PaymentBodies.Refund in = new PaymentBodies.Refund();
        in.amount = amount;
        in.reason = reason;
        return as(staff(cashier), () -> payments.refund(paymentId, in));
    }

    /** The status a call answers: "201" when it went through, else its problem's status. */
    static String status(Runnable call) {
        try {
            call.run();
            return "201";
        } catch (ProblemException e) {
            return String.valueOf(e.status());
        }
    }

    InvoiceEntity invoice(String id) {
        return db.jpa.call(em -> em.find(InvoiceEntity.class, id));
    }

    long rows(String table) throws Exception {
        try (Connection c = db.database.getConnection(); ResultSet rs = c.createStatement()
                .executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Account code -> debits minus credits over the whole journal. */
    Map<String, BigDecimal> balances() throws Exception {
        Map<String, BigDecimal> out = new TreeMap<>();
        try (Connection c = db.database.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT account, SUM(debit) - SUM(credit) FROM bl_journal_line GROUP BY account");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getBigDecimal(2).setScale(2));
            }
        }
        return out;
    }

    /** True when every journal entry's debits equal its credits. */
    boolean journalBalanced() throws Exception {
        try (Connection c = db.database.getConnection(); ResultSet rs = c.createStatement().executeQuery(
                "SELECT COUNT(*) FROM (SELECT entry_id FROM bl_journal_line GROUP BY entry_id"
                        + " HAVING SUM(debit) <> SUM(credit)) x")) {
            rs.next();
            return rs.getLong(1) == 0;
        }
    }

    @Override
    public void close() throws Exception {
        db.close();
    }
}
