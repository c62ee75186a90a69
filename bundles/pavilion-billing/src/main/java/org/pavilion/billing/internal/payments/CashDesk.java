package org.pavilion.billing.internal.payments;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.LongSupplier;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.PersistenceException;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.billing.internal.BillingConfig;
import org.pavilion.billing.internal.BillingTransactions;
import org.pavilion.billing.internal.money.Amounts;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditService;
import org.pavilion.core.api.persistence.AuditedTransaction;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.DeclaredConstraints;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;

/**
 * A cashier's till: what the day's payments and refunds say it should hold, per method, and the day's close (once per
 * cashier and day, with the counted cash and the difference). A closed day takes no more payments from that cashier.
 * Cashiers see and close their own day; {@value #ANYONE} sees and closes anyone's.
 */
@Component(service = CashDesk.class, configurationPid = BillingConfig.PID)
public class CashDesk {

    /** Reconciling other cashiers' tills (the finance office). */
    static final String ANYONE = "billing.accounting.view";
    static final String RESOURCE = "bl-cash-close";

    private final EntityManagerFactory emf;
    private final AuditService audit;
    private final LongSupplier clock;
    private final DeclaredConstraints constraints;
    private volatile PaymentSettings settings;

    @Activate
    public CashDesk(@Reference(target = "(osgi.unit.name=pavilion-billing)") EntityManagerFactory emf,
            @Reference AuditService audit, BillingConfig config, @Reference DeclaredConstraints constraints) {
        this(emf, audit, PaymentSettings.of(config), System::currentTimeMillis, constraints);
    }

    /** For tests. */
    public CashDesk(EntityManagerFactory emf, AuditService audit, PaymentSettings settings, LongSupplier clock,
            DeclaredConstraints constraints) {
        this.constraints = constraints;
        this.emf = emf;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
    }

    @Modified
    void modified(BillingConfig config) {
        settings = PaymentSettings.of(config);
    }

    /** GET /cash/{cashier}/{day}. */
    public PaymentViews.Till till(String cashier, String day) {
        String c = mayReconcile(cashier);
        LocalDate d = PaymentInputs.day(day);
        return new JpaTransactions(emf).call(em -> {
            PaymentViews.Till till = sums(em, c, d, settings.currency());
            CashCloseEntity closed = closeOf(em, c, d);
            till.closed = closed == null ? null : PaymentViews.CashClose.of(closed);
            return till;
        });
    }

    /** POST /cash/{cashier}/{day}/close. */
    public PaymentViews.CashClose close(String cashier, String day, PaymentBodies.Close in) {
        String c = mayReconcile(cashier);
        LocalDate d = PaymentInputs.day(day);
        constraints.check(in); // what Close declares, every broken field in one 400; then the counted cash (422)
        String currency = settings.currency();
        BigDecimal counted = Amounts.parse("countedCash", in.countedCash, currency, false);
        String note = in.note == null || in.note.isBlank() ? null : in.note.strip();
        long now = clock.getAsLong();
        if (d.isAfter(settings.day(now))) {
            throw ProblemException.unprocessable("the day " + d + " has not begun yet: it cannot be closed");
        }
        String actor = CallerContext.current().map(Caller::username).orElse("system");
        try {
            return BillingTransactions.run(emf, audit, "the day of " + c, em -> {
                holdReceipts(em, d.getYear());
                if (closeOf(em, c, d) != null) {
                    throw alreadyClosed(c, d);
                }
                PaymentViews.Till till = sums(em, c, d, currency);
                CashCloseEntity close = new CashCloseEntity();
                close.setId(UUID.randomUUID().toString());
                close.setCashier(c);
                close.setBusinessDay(d.toString());
                close.setExpectedCash(new BigDecimal(till.cash));
                close.setCountedCash(counted);
                close.setDifference(counted.subtract(close.getExpectedCash()));
                close.setExpectedCard(new BigDecimal(till.card));
                close.setExpectedTransfer(new BigDecimal(till.transfer).add(new BigDecimal(till.insurance)));
                close.setNote(note);
                close.setClosedMs(now);
                close.setClosedBy(actor);
                em.persist(close);
                em.flush(); // the unique (cashier, day) refuses a concurrent second close here
                return AuditedTransaction.Done.of(PaymentViews.CashClose.of(close), AuditEvent.of("CLOSE", RESOURCE)
                        .resourceId(close.getId()).detail("closed the day " + d + " of " + c + ": expected cash "
                                + close.getExpectedCash() + ", counted " + counted + ", difference "
                                + close.getDifference()).build());
            });
        } catch (PersistenceException e) {
            if (uniqueViolation(e)) {
                throw alreadyClosed(c, d);
            }
            throw e;
        }
    }

    /**
     * Holds the year's receipt counter row until the close commits. Every payment and refund takes that row before
     * checking {@link #requireOpen}, so a receipt is either in the close's sums or refused as after the close; none
     * slips in between. Nothing is counted (no number is used); without a row for the year there was no receipt.
     */
    private static void holdReceipts(EntityManager em, int year) {
        try (Connection c = JpaTransactions.connection(em); PreparedStatement s = c.prepareStatement(
                "UPDATE bl_receipt_number SET last_number = last_number WHERE number_year = ?")) {
            s.setInt(1, year);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new PersistenceException("could not hold the receipt counter of " + year, e);
        }
    }

    /** 409 when {@code cashier}'s {@code day} is closed: the till was counted, nothing more goes in or out. */
    static void requireOpen(EntityManager em, String cashier, LocalDate day) {
        if (closeOf(em, cashier, day) != null) {
            throw ProblemException.conflict("the day " + day + " of cashier " + cashier + " is closed: no more "
                    + "payments or refunds on it");
        }
    }

    private static CashCloseEntity closeOf(EntityManager em, String cashier, LocalDate day) {
        List<CashCloseEntity> found = em.createQuery("SELECT c FROM CashCloseEntity c WHERE c.cashier = :cashier AND"
                + " c.businessDay = :day", CashCloseEntity.class).setParameter("cashier", cashier)
                .setParameter("day", day.toString()).getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

    /** Per method, payments minus refunds of the cashier's day. */
    private static PaymentViews.Till sums(EntityManager em, String cashier, LocalDate day, String currency) {
        BigDecimal zero = Amounts.zero(currency);
        BigDecimal cash = zero;
        BigDecimal card = zero;
        BigDecimal transfer = zero;
        BigDecimal online = zero;
        BigDecimal insurance = zero;
        BigDecimal refunds = zero;
        int payments = 0;
        for (Object[] row : em.createQuery("SELECT p.method, p.kind, SUM(p.amount), COUNT(p) FROM PaymentEntity p"
                + " WHERE p.cashier = :cashier AND p.businessDay = :day GROUP BY p.method, p.kind", Object[].class)
                .setParameter("cashier", cashier).setParameter("day", day.toString()).getResultList()) {
            boolean refund = Receipts.REFUND.equals(row[1]);
            BigDecimal sum = Amounts.round((BigDecimal) row[2], currency);
            BigDecimal signed = refund ? sum.negate() : sum;
            if (refund) {
                refunds = refunds.add(sum);
            } else {
                payments += ((Number) row[3]).intValue();
            }
            switch ((String) row[0]) {
                case Receipts.CASH -> cash = cash.add(signed);
                case Receipts.CARD -> card = card.add(signed);
                case Receipts.BANK_TRANSFER -> transfer = transfer.add(signed);
                case Receipts.ONLINE -> online = online.add(signed);
                default -> insurance = insurance.add(signed);
            }
        }
        PaymentViews.Till t = new PaymentViews.Till();
        t.cashier = cashier;
        t.day = day.toString();
        t.currency = currency;
        t.cash = Amounts.text(cash);
        t.card = Amounts.text(card);
        t.transfer = Amounts.text(transfer);
        t.online = Amounts.text(online);
        t.insurance = Amounts.text(insurance);
        t.refunds = Amounts.text(refunds);
        t.payments = payments;
        return t;
    }

    /** The cashier named, if the caller may see and close that till (their own, or anyone's with {@value #ANYONE}). */
    private static String mayReconcile(String cashier) {
        String c = PaymentInputs.required(cashier, "cashier", 100);
        Caller caller = CallerContext.current().orElse(null);
        if (caller != null && !caller.username().equals(c) && !caller.hasPrivilege(ANYONE)) {
            throw ProblemException.forbidden("a cashier sees and closes their own day; another's needs " + ANYONE);
        }
        return c;
    }

    private static ProblemException alreadyClosed(String cashier, LocalDate day) {
        return ProblemException.conflict("the day " + day + " of cashier " + cashier + " is already closed");
    }

    private static boolean uniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException s && "23505".equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
