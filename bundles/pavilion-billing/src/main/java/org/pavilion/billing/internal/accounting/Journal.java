package org.pavilion.billing.internal.accounting;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import javax.persistence.EntityManager;

import org.pavilion.core.api.persistence.YearCounter;

/**
 * Writes {@link Posting}s to the double-entry journal, in the caller's transaction: a financial document and its
 * journal entry commit together or not at all. The only writer of {@code bl_journal_entry} and {@code bl_journal_line}.
 * Entries are numbered by a counter row per year ({@code seq} = year x 10^8 + n, ascending, gapless within a year);
 * the row is locked until the caller's transaction ends.
 */
public final class Journal {

    static final YearCounter COUNTER = org.pavilion.billing.internal.BillingTransactions.JOURNAL;

    private Journal() {
    }

    /**
     * Posts {@code posting} dated {@code day} as {@code actor}; nothing when it has no lines. Returns the entry's id,
     * or null when nothing was posted.
     *
     * @throws YearCounter.YearMissing when the year has no counter row yet (BillingTransactions.run creates it and
     *                                 runs the transaction again)
     */
    public static String post(EntityManager em, Posting posting, LocalDate day, long nowMs, String actor) {
        if (posting.lines().isEmpty()) {
            return null;
        }
        Map<List<Object>, Posting.Line> merged = new LinkedHashMap<>();
        for (Posting.Line l : posting.lines()) {
            boolean debit = l.debit().signum() > 0;
            List<Object> key = java.util.Arrays.asList(l.account(), debit, l.department(), l.doctorId());
            Posting.Line before = merged.get(key);
            merged.put(key, before == null ? l : new Posting.Line(l.account(), before.debit().add(l.debit()),
                    before.credit().add(l.credit()), l.department(), l.doctorId()));
        }
        BigDecimal debits = BigDecimal.ZERO;
        BigDecimal credits = BigDecimal.ZERO;
        for (Posting.Line l : merged.values()) {
            debits = debits.add(l.debit());
            credits = credits.add(l.credit());
        }
        if (debits.compareTo(credits) != 0) {
            throw new IllegalStateException("unbalanced posting " + posting.kind() + " " + posting.referenceId());
        }
        JournalEntryEntity e = new JournalEntryEntity();
        e.setId(UUID.randomUUID().toString());
        e.setSeq(day.getYear() * 100_000_000L + COUNTER.next(em, day.getYear()));
        e.setBusinessDay(day.toString());
        e.setPostedMs(nowMs);
        e.setKind(posting.kind());
        e.setReferenceType(posting.referenceType());
        e.setReferenceId(posting.referenceId());
        e.setDescription(posting.description().length() <= 200 ? posting.description()
                : posting.description().substring(0, 200));
        e.setActor(Objects.requireNonNullElse(actor, "system"));
        em.persist(e);
        int n = 1;
        for (Posting.Line l : merged.values()) {
            JournalLineEntity line = new JournalLineEntity();
            line.setEntryId(e.getId());
            line.setLineNo(n++);
            line.setAccount(l.account().code);
            line.setDebit(l.debit());
            line.setCredit(l.credit());
            line.setDepartment(l.department());
            line.setDoctorId(l.doctorId());
            em.persist(line);
        }
        return e.getId();
    }
}
