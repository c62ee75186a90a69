package org.pavilion.billing.internal.reports;

import java.util.ArrayList;
import java.util.List;

/** The JSON answers of {@code /billing/reports}: amounts are decimal strings in the currency's minor unit. */
public final class ReportViews {

    private ReportViews() {
    }

    /**
     * Revenue of one department, doctor or month: {@code net} after discounts (what the revenue accounts are credited
     * with), {@code tax}, and {@code gross} = net + tax.
     */
    public static class Revenue {
        /** The department, the doctor's id (null: lines without a doctor) or the month (yyyy-MM). */
        public String key;
        public String net;
        public String tax;
        public String gross;
    }

    /** What is still owed on issued invoices on a day, by how long past the due date. */
    public static class Receivables {
        public String on;
        public List<AgeBucket> buckets = new ArrayList<>();
        public String patient;
        public String insurance;
        public String total;
    }

    /** Days past due: 0-30 (not yet due included), 31-60, 61-90, 90+. */
    public static class AgeBucket {
        public String age;
        public String patient;
        public String insurance;
    }

    /** Claims submitted in a period, by their status now. */
    public static class Claims {
        public String status;
        public long count;
        public String claimed;
        public String approved;
    }
}
