package org.pavilion.billing.internal.accounting;

import java.util.ArrayList;
import java.util.List;

/** The JSON answers of {@code /billing/journal}: amounts are decimal strings in the currency's minor unit. */
public final class JournalViews {

    private JournalViews() {
    }

    /** One journal entry with its lines, as posted. */
    public static class Entry {
        public String id;
        public long seq;
        public String day;
        /** INVOICE_ISSUED, INVOICE_VOIDED, CREDIT_NOTE, PAYMENT, REFUND, CLAIM_ADJUDICATED */
        public String kind;
        /** INVOICE, PAYMENT or CLAIM */
        public String referenceType;
        public String referenceId;
        public String description;
        public String actor;
        public List<Line> lines = new ArrayList<>();
    }

    /** One side of an entry: either {@code debit} or {@code credit} is "0.00". */
    public static class Line {
        public String account;
        public String debit;
        public String credit;
        public String department;
        public String doctorId;
    }

    /** Each account's sums up to a day, and their totals: {@code debit} equals {@code credit} when books balance. */
    public static class TrialBalance {
        public String to;
        public List<AccountBalance> accounts = new ArrayList<>();
        public String debit;
        public String credit;
        public boolean balanced;
    }

    /** An account's debits and credits; {@code balance} = debit - credit (negative: a credit balance). */
    public static class AccountBalance {
        public String account;
        public String name;
        public String debit;
        public String credit;
        public String balance;
    }
}
