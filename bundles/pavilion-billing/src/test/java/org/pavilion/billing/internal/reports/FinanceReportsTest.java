package org.pavilion.billing.internal.reports;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.billing.internal.BillingDatabase;
import org.pavilion.billing.internal.accounting.BusinessDays;
import org.pavilion.billing.internal.accounting.ClinicBooks;
import org.pavilion.billing.internal.accounting.JournalReader;
import org.pavilion.billing.internal.accounting.JournalResource;
import org.pavilion.billing.internal.accounting.JournalViews;
import org.pavilion.billing.internal.accounting.NovemberAtTheClinic;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.internal.rest.EndpointRules;
import org.pavilion.core.testing.PrivilegeMatrix;

/**
 * The finance director's November: revenue by department, doctor and month from issued invoices and credit notes
 * (agreeing with the revenue accounts), what patients and insurers still owe aged by due date (agreeing with the
 * receivable accounts), and how the insurers answered the claims.
 */
public class FinanceReportsTest {

    private BillingDatabase db;
    private NovemberAtTheClinic clinic;
    private BusinessDays days;

    @Before
    public void setUp() throws Exception {
        db = new BillingDatabase();
        clinic = new NovemberAtTheClinic(db);
        days = new BusinessDays(Clock.fixed(Instant.parse("2026-12-31T09:00:00Z"), ClinicBooks.ZONE));
    }

    @After
    public void tearDown() throws Exception {
        db.close();
    }

    @Test
    public void novembersRevenueByDepartmentAndDoctor() {
        RevenueReport revenue = new RevenueReport(db.emf, days, BillingDatabase.EUR);
        // consultations: Hartmann 45 + 45 + 45 (Bob's, voided only on 2 December), Okafor 80 + 70 (after 10.00 off);
        // pharmacy: paracetamol 3.00 + 0.17 credited back, bandages 7.50 + 1.50
        assertEquals(List.of(
                "CONSULTATIONS 285.00 0.00 285.00",
                "LABORATORY 12.00 0.00 12.00",
                "PHARMACY 7.50 1.50 9.00",
                "PROCEDURES 35.00 0.00 35.00",
                "WARDS 300.00 0.00 300.00"), lines(revenue.revenue("2026-11-01", "2026-11-30", "department")));
        assertEquals(List.of(
                "dr.hartmann 135.00 0.00 135.00",
                "dr.okafor 150.00 0.00 150.00",
                "null 354.50 1.50 356.00"), lines(revenue.revenue("2026-11-01", "2026-11-30", "doctor")));
        // December: Chloe's bed-day, Bob's voided consultation taken off
        assertEquals(List.of("CONSULTATIONS -45.00 0.00 -45.00", "WARDS 150.00 0.00 150.00"),
                lines(revenue.revenue(null, null, null)));
        // a day in the hospital's zone: Alice's invoice at 10:00 in Paris is on 3 November only
        assertEquals(List.of("CONSULTATIONS 45.00 0.00 45.00", "LABORATORY 12.00 0.00 12.00"),
                lines(revenue.revenue("2026-11-03", "2026-11-03", "DEPARTMENT")));
        assertEquals(List.of(), revenue.revenue("2026-11-04", "2026-11-04", "doctor"));
    }

    @Test
    public void revenueByMonthAgreesWithTheRevenueAccounts() {
        RevenueReport revenue = new RevenueReport(db.emf, days, BillingDatabase.EUR);
        assertEquals(List.of(
                "2026-08 120.00 0.00 120.00",
                "2026-09 0.00 0.00 0.00",
                "2026-10 80.00 0.00 80.00",
                "2026-11 639.50 1.50 641.00",
                "2026-12 105.00 0.00 105.00"), lines(revenue.revenue("2026-08-01", "2026-12-31", "month")));
        // a range starting mid-month counts from its first day
        assertEquals(List.of("2026-11 582.50 1.50 584.00", "2026-12 150.00 0.00 150.00"),
                lines(revenue.revenue("2026-11-05", "2026-12-01", "month")));

        JournalReader journal = new JournalReader(db.emf, days, BillingDatabase.EUR);
        for (String[] month : new String[][] {{"2026-10-31", "2026-11-30", "2026-11"},
                {"2026-11-30", "2026-12-31", "2026-12"}}) {
            BigDecimal books = revenueAccounts(journal.trialBalance(month[1]))
                    .subtract(revenueAccounts(journal.trialBalance(month[0])));
            ReportViews.Revenue report = revenue.revenue(month[2] + "-01", month[1], "month").get(0);
            assertEquals(month[2], new BigDecimal(report.net), books);
        }
        assertEquals(400, refused(() -> revenue.revenue("2026-11-01", "2026-11-30", "patient")).status());
        assertEquals(400, refused(() -> revenue.revenue("2026-12-01", "2026-11-01", null)).status());
        assertEquals(400, refused(() -> revenue.revenue("2000-01-01", "2026-11-30", "month")).status());
        assertEquals(400, refused(() -> revenue.revenue("November", null, null)).status());
    }

    @Test
    public void receivablesAreAgedByDueDateAndAgreeWithTheBooks() {
        ReceivablesReport receivables = new ReceivablesReport(db.emf, days, BillingDatabase.EUR);
        ReportViews.Receivables yearEnd = receivables.receivables(null);
        assertEquals("2026-12-31", yearEnd.on);
        // 0-30: Chloe 105.00 + 30.00 (insurer 300.00 + 120.00), Dan 54.00; 31-60: Dan's October 80.00 (47 days);
        // 90+: Bob's August 120.00 (113 days); Alice and Bob's November invoices are paid, Bob's last one voided
        assertEquals(List.of("0-30 189.00 420.00", "31-60 80.00 0.00", "61-90 0.00 0.00", "90+ 120.00 0.00"),
                buckets(yearEnd));
        assertEquals("389.00", yearEnd.patient);
        assertEquals("420.00", yearEnd.insurance);
        assertEquals("809.00", yearEnd.total);
        JournalViews.TrialBalance books = new JournalReader(db.emf, days, BillingDatabase.EUR).trialBalance(null);
        assertEquals(yearEnd.patient, balance(books, "1100"));
        assertEquals(yearEnd.insurance, balance(books, "1110"));

        // mid-November: Dan's October invoice a day overdue, Bob's August one 67 days; Dan's November one not issued
        ReportViews.Receivables midNovember = receivables.receivables("2026-11-15");
        assertEquals(List.of("0-30 185.00 300.00", "31-60 0.00 0.00", "61-90 120.00 0.00", "90+ 0.00 0.00"),
                buckets(midNovember));
        assertEquals("605.00", midNovember.total);
        ReportViews.Receivables beforeAnything = receivables.receivables("2026-08-09");
        assertEquals("0.00", beforeAnything.total);
        assertEquals(4, beforeAnything.buckets.size());
        assertEquals(400, refused(() -> receivables.receivables("31/12/2026")).status());
        assertEquals(List.of(0, 0, 1, 1, 2, 2, 3), List.of(ReceivablesReport.bucket(-5), ReceivablesReport.bucket(30),
                ReceivablesReport.bucket(31), ReceivablesReport.bucket(60), ReceivablesReport.bucket(61),
                ReceivablesReport.bucket(90), ReceivablesReport.bucket(91)));
    }

    @Test
    public void claimsByStatus() {
        ClaimsReport claims = new ClaimsReport(db.emf, days, BillingDatabase.EUR);
        assertEquals(List.of("APPROVED 1 45.60 45.60", "PARTLY_APPROVED 1 324.00 300.00"),
                claims(claims.claims("2026-11-01", "2026-11-30")));
        assertEquals(List.of("SUBMITTED 1 120.00 0.00"), claims(claims.claims(null, null)));
        assertEquals(List.of("APPROVED 1 45.60 45.60", "PARTLY_APPROVED 1 324.00 300.00", "SUBMITTED 1 120.00 0.00"),
                claims(claims.claims("2026-01-01", "2026-12-31")));
        assertEquals(List.of("PARTLY_APPROVED 1 324.00 300.00"), claims(claims.claims("2026-11-13", "2026-11-13")));
        assertEquals(400, refused(() -> claims.claims("2026-11-30", "2026-11-01")).status());
    }

    @Test
    public void financeStaffAndAdministratorsReadTheBooks() throws Exception {
        Set<String> finance = Set.of("BILLING", "ADMIN");
        PrivilegeMatrix matrix = new PrivilegeMatrix();
        matrix.assertRest(JournalResource.class, Map.of("list", finance, "export", finance, "trialBalance", finance));
        matrix.assertRest(ReportResource.class, Map.of("revenue", finance, "receivables", finance, "claims", finance));
        for (Class<?> resource : List.of(JournalResource.class, ReportResource.class)) {
            assertEquals(resource.getSimpleName(), List.of(), EndpointRules.problems(resource,
                    EndpointRules.restMethods(resource), false, p -> p.startsWith("billing.")));
        }
        // the resources answer what the readers answer
        ReportResource reports = new ReportResource(new RevenueReport(db.emf, days, BillingDatabase.EUR),
                new ReceivablesReport(db.emf, days, BillingDatabase.EUR),
                new ClaimsReport(db.emf, days, BillingDatabase.EUR));
        assertEquals("809.00", reports.receivables("2026-12-31").total);
        assertEquals(5, reports.revenue("2026-11-01", "2026-11-30", "department").size());
        assertEquals(2, reports.claims("2026-11-01", "2026-11-30").size());
        JournalResource journal = new JournalResource(new JournalReader(db.emf, days, BillingDatabase.EUR));
        assertEquals(14, journal.list(null, null, null, null, 0, 50).getTotal());
        assertEquals("2026-12-31", journal.trialBalance(null).to);
        assertEquals(400, refused(() -> journal.export("2026-12-01", "2026-11-30")).status());
    }

    private static BigDecimal revenueAccounts(JournalViews.TrialBalance tb) {
        // revenue accounts carry credit balances: negate to read them as revenue
        return tb.accounts.stream().filter(a -> a.account.startsWith("4")).map(a -> new BigDecimal(a.balance))
                .reduce(BigDecimal.ZERO, BigDecimal::add).negate();
    }

    private static String balance(JournalViews.TrialBalance tb, String account) {
        return tb.accounts.stream().filter(a -> a.account.equals(account)).findFirst().orElseThrow().balance;
    }

    private static List<String> lines(List<ReportViews.Revenue> rows) {
        return rows.stream().map(r -> r.key + " " + r.net + " " + r.tax + " " + r.gross).toList();
    }

    private static List<String> buckets(ReportViews.Receivables r) {
        return r.buckets.stream().map(b -> b.age + " " + b.patient + " " + b.insurance).toList();
    }

    private static List<String> claims(List<ReportViews.Claims> rows) {
        return rows.stream().map(c -> c.status + " " + c.count + " " + c.claimed + " " + c.approved).toList();
    }

    private static ProblemException refused(Runnable call) {
        try {
            call.run();
        } catch (ProblemException e) {
            return e;
        }
        fail("expected a problem");
        return null;
    }
}
