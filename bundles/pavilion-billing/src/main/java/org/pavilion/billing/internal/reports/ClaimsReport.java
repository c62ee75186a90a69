package org.pavilion.billing.internal.reports;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import javax.persistence.EntityManagerFactory;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.billing.internal.BillingConfig;
import org.pavilion.billing.internal.accounting.BusinessDays;
import org.pavilion.billing.internal.money.Amounts;
import org.pavilion.core.api.persistence.JpaTransactions;

/** Claims submitted in a period (by the day submitted, hospital's zone), counted and summed per status in SQL. */
@Component(service = ClaimsReport.class, configurationPid = BillingConfig.PID)
public class ClaimsReport {

    private final JpaTransactions jpa;
    private volatile BusinessDays days;
    private volatile String currency;

    @Activate
    public ClaimsReport(@Reference(target = "(osgi.unit.name=pavilion-billing)") EntityManagerFactory emf,
            BillingConfig config) {
        this(emf, BusinessDays.of(config.zone()), config.currency());
    }

    /** For tests on BillingDatabase. */
    public ClaimsReport(EntityManagerFactory emf, BusinessDays days, String currency) {
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
     * GET /reports/claims: {@code from} (default the first of this month) to {@code to} (default today), both
     * included; {@code approved} sums what insurers approved (nothing yet for SUBMITTED and ERROR claims).
     */
    public List<ReportViews.Claims> claims(String from, String to) {
        BusinessDays d = days;
        LocalDate today = d.today();
        LocalDate first = BusinessDays.day("from", from, today.withDayOfMonth(1));
        LocalDate last = BusinessDays.day("to", to, today);
        BusinessDays.ordered(first, last);
        String c = currency;
        List<Object[]> rows = jpa.call(em -> em.createQuery("SELECT c.status, COUNT(c), SUM(c.claimedAmount),"
                + " SUM(c.approvedAmount) FROM ClaimEntity c WHERE c.submittedMs >= :start AND c.submittedMs < :end"
                + " GROUP BY c.status ORDER BY c.status", Object[].class)
                .setParameter("start", d.startMs(first)).setParameter("end", d.startMs(last.plusDays(1)))
                .getResultList());
        List<ReportViews.Claims> answer = new ArrayList<>();
        for (Object[] r : rows) {
            ReportViews.Claims s = new ReportViews.Claims();
            s.status = (String) r[0];
            s.count = ((Number) r[1]).longValue();
            s.claimed = Amounts.text(Amounts.round(RevenueReport.decimal(r[2]), c));
            s.approved = Amounts.text(Amounts.round(RevenueReport.decimal(r[3]), c));
            answer.add(s);
        }
        return answer;
    }
}
