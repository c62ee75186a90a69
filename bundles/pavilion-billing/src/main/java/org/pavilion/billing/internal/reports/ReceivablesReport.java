package org.pavilion.billing.internal.reports;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

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

/**
 * What patients and insurers still owe on issued invoices (not credit notes: a credit note lowers its invoice's
 * shares), aged by days past the due date on a given day. The database sums the balances per due date (a few hundred
 * rows at most: one per day of the year), and those sums are put in their buckets here. Balances are today's: the
 * day only decides the age and leaves out invoices issued after it.
 */
@Component(service = ReceivablesReport.class, configurationPid = BillingConfig.PID)
public class ReceivablesReport {

    /** Bucket labels and the most days past due each holds (the last holds the rest). */
    static final List<String> AGES = List.of("0-30", "31-60", "61-90", "90+");
    private static final int[] LIMITS = {30, 60, 90};

    private final JpaTransactions jpa;
    private volatile BusinessDays days;
    private volatile String currency;

    @Activate
    public ReceivablesReport(@Reference(target = "(osgi.unit.name=pavilion-billing)") EntityManagerFactory emf,
            BillingConfig config) {
        this(emf, BusinessDays.of(config.zone()), config.currency());
    }

    /** For tests on BillingDatabase. */
    public ReceivablesReport(EntityManagerFactory emf, BusinessDays days, String currency) {
        this.jpa = new JpaTransactions(emf);
        this.days = days;
        this.currency = currency;
    }

    @Modified
    void modified(BillingConfig config) {
        days = BusinessDays.of(config.zone());
        currency = config.currency();
    }

    /** GET /reports/receivables: aged on {@code on} (default today); not yet due counts as 0-30. */
    public ReportViews.Receivables receivables(String on) {
        BusinessDays d = days;
        LocalDate day = BusinessDays.day("on", on, d.today());
        String c = currency;
        List<Object[]> byDueDate = jpa.call(em -> em.createQuery("SELECT i.dueDate, SUM(i.patientShare),"
                + " SUM(i.paidByPatient), SUM(i.insuranceShare), SUM(i.paidByInsurance) FROM InvoiceEntity i"
                + " WHERE i.kind = 'INVOICE' AND i.status IN :open AND i.issuedMs < :end GROUP BY i.dueDate",
                Object[].class)
                .setParameter("open", List.of(InvoiceBalances.ISSUED, InvoiceBalances.PARTIALLY_PAID))
                .setParameter("end", d.startMs(day.plusDays(1))).getResultList());
        BigDecimal[] patient = new BigDecimal[AGES.size()];
        BigDecimal[] insurance = new BigDecimal[AGES.size()];
        for (int i = 0; i < AGES.size(); i++) {
            patient[i] = Amounts.zero(c);
            insurance[i] = Amounts.zero(c);
        }
        for (Object[] r : byDueDate) {
            // an issued invoice always has a due date; one without counts as due on the day asked
            long pastDue = r[0] == null ? 0 : ChronoUnit.DAYS.between(LocalDate.parse((String) r[0]), day);
            int bucket = bucket(pastDue);
            patient[bucket] = patient[bucket].add(RevenueReport.decimal(r[1]).subtract(RevenueReport.decimal(r[2])));
            insurance[bucket] = insurance[bucket].add(RevenueReport.decimal(r[3])
                    .subtract(RevenueReport.decimal(r[4])));
        }
        ReportViews.Receivables answer = new ReportViews.Receivables();
        answer.on = day.toString();
        BigDecimal patients = Amounts.zero(c);
        BigDecimal insurers = Amounts.zero(c);
        for (int i = 0; i < AGES.size(); i++) {
            ReportViews.AgeBucket b = new ReportViews.AgeBucket();
            b.age = AGES.get(i);
            b.patient = Amounts.text(Amounts.round(patient[i], c));
            b.insurance = Amounts.text(Amounts.round(insurance[i], c));
            answer.buckets.add(b);
            patients = patients.add(patient[i]);
            insurers = insurers.add(insurance[i]);
        }
        answer.patient = Amounts.text(Amounts.round(patients, c));
        answer.insurance = Amounts.text(Amounts.round(insurers, c));
        answer.total = Amounts.text(Amounts.round(patients.add(insurers), c));
        return answer;
    }

    static int bucket(long daysPastDue) {
        for (int i = 0; i < LIMITS.length; i++) {
            if (daysPastDue <= LIMITS[i]) {
                return i;
            }
        }
        return LIMITS.length;
    }
}
