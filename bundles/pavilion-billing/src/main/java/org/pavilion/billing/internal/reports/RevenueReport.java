package org.pavilion.billing.internal.reports;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.billing.internal.BillingConfig;
import org.pavilion.billing.internal.accounting.BusinessDays;
import org.pavilion.billing.internal.invoices.InvoiceBalances;
import org.pavilion.billing.internal.money.Amounts;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.ProblemException;

/**
 * Revenue from issued invoices' and credit notes' lines (a credit note's lines are negative), by the day they were
 * issued in the hospital's zone, as the journal books it: an invoice voided after issue counts on its issue day and
 * is taken off again on the day it was voided, so the report always agrees with the revenue accounts. Summed by the
 * database, grouped by department, doctor, or month (one query per month of the range).
 */
@Component(service = RevenueReport.class, configurationPid = BillingConfig.PID)
public class RevenueReport {

    /** The longest range {@code by=month} answers (ten years). */
    static final int MAX_MONTHS = 120;

    private final JpaTransactions jpa;
    private volatile BusinessDays days;
    private volatile String currency;

    @Activate
    public RevenueReport(@Reference(target = "(osgi.unit.name=pavilion-billing)") EntityManagerFactory emf,
            BillingConfig config) {
        this(emf, BusinessDays.of(config.zone()), config.currency());
    }

    /** For tests on BillingDatabase. */
    public RevenueReport(EntityManagerFactory emf, BusinessDays days, String currency) {
        this.jpa = new JpaTransactions(emf);
        this.days = days;
        this.currency = currency;
    }

    @Modified
    void modified(BillingConfig config) {
        days = BusinessDays.of(config.zone());
        currency = config.currency();
    }

    /**
     * GET /reports/revenue: {@code from} (default the first of this month) to {@code to} (default today), both
     * included; {@code by} department (default), doctor or month.
     */
    public List<ReportViews.Revenue> revenue(String from, String to, String by) {
        BusinessDays d = days;
        LocalDate today = d.today();
        LocalDate first = BusinessDays.day("from", from, today.withDayOfMonth(1));
        LocalDate last = BusinessDays.day("to", to, today);
        BusinessDays.ordered(first, last);
        String grouping = by == null || by.isBlank() ? "department" : by.strip().toLowerCase(Locale.ROOT);
        String c = currency;
        switch (grouping) {
            case "department":
                return jpa.call(em -> rows(sums(em, "l.department", d.startMs(first), d.startMs(last.plusDays(1))), c));
            case "doctor":
                return jpa.call(em -> rows(sums(em, "l.doctorId", d.startMs(first), d.startMs(last.plusDays(1))), c));
            case "month":
                return byMonth(d, first, last, c);
            default:
                throw ProblemException.validation("by must be department, doctor or month (was '" + by.strip() + "')");
        }
    }

    private List<ReportViews.Revenue> byMonth(BusinessDays d, LocalDate first, LocalDate last, String c) {
        YearMonth month = YearMonth.from(first);
        YearMonth end = YearMonth.from(last);
        if (ChronoUnit.MONTHS.between(month, end) >= MAX_MONTHS) {
            throw ProblemException.validation("by=month answers at most " + MAX_MONTHS + " months; ask for a shorter"
                    + " range");
        }
        List<ReportViews.Revenue> answer = new ArrayList<>();
        jpa.run(em -> {
            for (YearMonth m = month; !m.isAfter(end); m = m.plusMonths(1)) {
                LocalDate start = m.atDay(1).isBefore(first) ? first : m.atDay(1);
                LocalDate stop = m.atEndOfMonth().isAfter(last) ? last : m.atEndOfMonth();
                Map<String, BigDecimal[]> sums = sums(em, null, d.startMs(start), d.startMs(stop.plusDays(1)));
                BigDecimal[] total = sums.isEmpty() ? new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO,
                        BigDecimal.ZERO, BigDecimal.ZERO} : sums.values().iterator().next();
                answer.add(row(m.toString(), total, c));
            }
        });
        return answer;
    }

    /**
     * key -> [net, discount, tax, gross] of the lines issued in [startMs, endMs), less those of invoices voided then.
     * {@code key} is a line's column ({@code l.department}) or null for one total (PostgreSQL refuses a constant in
     * GROUP BY).
     */
    private static Map<String, BigDecimal[]> sums(EntityManager em, String key, long startMs, long endMs) {
        Map<String, BigDecimal[]> sums = new TreeMap<>(Comparator.nullsLast(Comparator.naturalOrder()));
        String select = "SELECT " + (key == null ? "" : key + ", ")
                + "SUM(l.net), SUM(l.discount), SUM(l.tax), SUM(l.gross), COUNT(l)"
                + " FROM InvoiceEntity i, InvoiceLineEntity l WHERE l.invoiceId = i.id AND i.issuedMs IS NOT NULL";
        String groupBy = key == null ? "" : " GROUP BY " + key;
        add(sums, key, em.createQuery(select + " AND i.status <> :draft AND i.issuedMs >= :start"
                + " AND i.issuedMs < :end" + groupBy, Object[].class).setParameter("draft", InvoiceBalances.DRAFT)
                .setParameter("start", startMs).setParameter("end", endMs).getResultList(), BigDecimal.ONE);
        add(sums, key, em.createQuery(select + " AND i.status = :voided AND i.voidedMs >= :start AND i.voidedMs < :end"
                + groupBy, Object[].class).setParameter("voided", InvoiceBalances.VOID)
                .setParameter("start", startMs).setParameter("end", endMs).getResultList(), BigDecimal.ONE.negate());
        return sums;
    }

    private static void add(Map<String, BigDecimal[]> sums, String key, List<Object[]> rows, BigDecimal sign) {
        int first = key == null ? 0 : 1;
        for (Object[] r : rows) {
            if (((Number) r[first + 4]).longValue() == 0) {
                continue; // an ungrouped total over no lines
            }
            BigDecimal[] s = sums.computeIfAbsent(key == null ? "" : (String) r[0], k -> new BigDecimal[] {
                    BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
            for (int i = 0; i < 4; i++) {
                s[i] = s[i].add(decimal(r[first + i]).multiply(sign));
            }
        }
    }

    private static List<ReportViews.Revenue> rows(Map<String, BigDecimal[]> sums, String currency) {
        List<ReportViews.Revenue> answer = new ArrayList<>();
        sums.forEach((key, s) -> answer.add(row(key, s, currency)));
        return answer;
    }

    private static ReportViews.Revenue row(String key, BigDecimal[] s, String currency) {
        ReportViews.Revenue r = new ReportViews.Revenue();
        r.key = key;
        r.net = Amounts.text(Amounts.round(s[0].subtract(s[1]), currency));
        r.tax = Amounts.text(Amounts.round(s[2], currency));
        r.gross = Amounts.text(Amounts.round(s[3], currency));
        return r;
    }

    static BigDecimal decimal(Object v) {
        return v == null ? BigDecimal.ZERO : new BigDecimal(v.toString());
    }
}
