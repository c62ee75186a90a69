package org.pavilion.billing.internal.accounting;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import javax.persistence.EntityManager;
import javax.persistence.EntityManagerFactory;
import javax.persistence.TypedQuery;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.pavilion.billing.internal.BillingConfig;
import org.pavilion.billing.internal.money.Amounts;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.rest.ProblemException;

/**
 * Reads the journal {@link Journal} writes: entries page by page, the CSV export streamed in {@code seq} order, and
 * the trial balance (each account's sums up to a day, summed by the database). Entries are append-only and numbered
 * under a locked counter row, so {@code seq} order is the order they committed in.
 */
@Component(service = JournalReader.class, configurationPid = BillingConfig.PID)
public class JournalReader {

    /** Rows of the export read per query: the export never holds the whole journal in memory. */
    static final int EXPORT_BATCH = 500;

    private final JpaTransactions jpa;
    /** {@link #EXPORT_BATCH}; tests set a few rows to cross batch boundaries. */
    int exportBatch = EXPORT_BATCH;
    private volatile BusinessDays days;
    private volatile String currency;

    @Activate
    public JournalReader(@Reference(target = "(osgi.unit.name=pavilion-billing)") EntityManagerFactory emf,
            BillingConfig config) {
        this(emf, BusinessDays.of(config.zone()), config.currency());
    }

    /** For tests on BillingDatabase. */
    public JournalReader(EntityManagerFactory emf, BusinessDays days, String currency) {
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
     * GET /journal: entries in {@code seq} order with their lines; {@code from}/{@code to} business days (included),
     * {@code account} entries with a line on it, {@code referenceId} the entries of one document. Any may be null.
     */
    public Page<JournalViews.Entry> entries(String from, String to, String account, String referenceId, int page,
            int size) {
        Page.validate(page, size);
        LocalDate first = BusinessDays.day("from", from, null);
        LocalDate last = BusinessDays.day("to", to, null);
        BusinessDays.ordered(first, last);
        String code = account == null || account.isBlank() ? null : known(account.strip()).code;
        String reference = referenceId == null || referenceId.isBlank() ? null : referenceId.strip();
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (first != null) {
            where.append(" AND e.businessDay >= :first");
            params.put("first", first.toString());
        }
        if (last != null) {
            where.append(" AND e.businessDay <= :last");
            params.put("last", last.toString());
        }
        if (code != null) {
            where.append(" AND e.id IN (SELECT l.entryId FROM JournalLineEntity l WHERE l.account = :account)");
            params.put("account", code);
        }
        if (reference != null) {
            where.append(" AND e.referenceId = :reference");
            params.put("reference", reference);
        }
        String scaleOf = currency;
        return jpa.call(em -> {
            TypedQuery<Long> count = em.createQuery("SELECT COUNT(e) FROM JournalEntryEntity e" + where, Long.class);
            TypedQuery<JournalEntryEntity> rows = em.createQuery("SELECT e FROM JournalEntryEntity e" + where
                    + " ORDER BY e.seq", JournalEntryEntity.class);
            params.forEach((k, v) -> {
                count.setParameter(k, v);
                rows.setParameter(k, v);
            });
            Map<String, JournalViews.Entry> entries = new LinkedHashMap<>();
            for (JournalEntryEntity e : rows.setFirstResult(page * size).setMaxResults(size).getResultList()) {
                entries.put(e.getId(), entry(e));
            }
            if (!entries.isEmpty()) {
                for (JournalLineEntity l : em.createQuery("SELECT l FROM JournalLineEntity l WHERE l.entryId IN :ids"
                        + " ORDER BY l.entryId, l.lineNo", JournalLineEntity.class)
                        .setParameter("ids", List.copyOf(entries.keySet())).getResultList()) {
                    entries.get(l.getEntryId()).lines.add(line(l, scaleOf));
                }
            }
            return Page.of(List.copyOf(entries.values()), page, size, () -> count.getSingleResult());
        });
    }

    /** The days of an export, checked before the first byte is written (a bad one is still a 400). */
    public record Range(LocalDate from, LocalDate to) {
    }

    /** GET /journal/export.csv's parameters: both optional. */
    public Range range(String from, String to) {
        LocalDate first = BusinessDays.day("from", from, null);
        LocalDate last = BusinessDays.day("to", to, null);
        BusinessDays.ordered(first, last);
        return new Range(first, last);
    }

    /**
     * Writes the journal lines of {@code range} as CSV ({@link JournalCsv#HEADER} first), one record per line in
     * {@code seq} and line order. {@code reference} is the document's number (INV-, CN-, RCPT-, CLM-), else the
     * referenced id. Read {@link #EXPORT_BATCH} rows at a time, each batch in a short transaction of its own after the
     * last row written (a slow client holds no transaction open), up to the last entry committed when the export began:
     * entries are append-only and commit in seq order, so the export is that moment's journal, whole entries only.
     */
    public void export(Range range, Writer out) throws IOException {
        JournalCsv csv = new JournalCsv(out);
        csv.row(JournalCsv.HEADER);
        String scaleOf = currency;
        int batchSize = exportBatch;
        Long upTo = jpa.call(em -> em.createQuery("SELECT MAX(e.seq) FROM JournalEntryEntity e", Long.class)
                .getSingleResult());
        long seq = -1;
        int lineNo = 0;
        while (upTo != null) {
            long afterSeq = seq;
            int afterLine = lineNo;
            Batch batch = jpa.call(em -> {
                List<Object[]> rows = exportBatch(em, range, afterSeq, afterLine, upTo, batchSize);
                return new Batch(rows, documentNumbers(em, rows));
            });
            for (Object[] r : batch.rows()) {
                Account account = Account.ofCode((String) r[6]);
                csv.row(java.util.Arrays.asList(String.valueOf(r[0]), (String) r[1], (String) r[2],
                        batch.numbers().getOrDefault(r[3] + ":" + r[4], (String) r[4]), (String) r[6],
                        account == null ? null : account.title, money((BigDecimal) r[7], scaleOf),
                        money((BigDecimal) r[8], scaleOf), (String) r[9], (String) r[10]));
            }
            if (batch.rows().size() < batchSize) {
                break;
            }
            Object[] lastRow = batch.rows().get(batch.rows().size() - 1);
            seq = ((Number) lastRow[0]).longValue();
            lineNo = ((Number) lastRow[5]).intValue();
        }
        out.flush();
    }

    /** Rows of the export and the document numbers they name. */
    private record Batch(List<Object[]> rows, Map<String, String> numbers) {
    }

    private static List<Object[]> exportBatch(EntityManager em, Range range, long afterSeq, int afterLine, long upTo,
            int batchSize) {
        StringBuilder jpql = new StringBuilder("SELECT e.seq, e.businessDay, e.kind, e.referenceType, e.referenceId,"
                + " l.lineNo, l.account, l.debit, l.credit, l.department, l.doctorId"
                + " FROM JournalEntryEntity e, JournalLineEntity l WHERE l.entryId = e.id"
                + " AND (e.seq > :seq OR (e.seq = :seq AND l.lineNo > :line)) AND e.seq <= :upTo");
        if (range.from() != null) {
            jpql.append(" AND e.businessDay >= :first");
        }
        if (range.to() != null) {
            jpql.append(" AND e.businessDay <= :last");
        }
        TypedQuery<Object[]> q = em.createQuery(jpql + " ORDER BY e.seq, l.lineNo", Object[].class)
                .setParameter("seq", afterSeq).setParameter("line", afterLine).setParameter("upTo", upTo)
                .setMaxResults(batchSize);
        if (range.from() != null) {
            q.setParameter("first", range.from().toString());
        }
        if (range.to() != null) {
            q.setParameter("last", range.to().toString());
        }
        return q.getResultList();
    }

    /** "INVOICE:<id>" -> INV-2026-000001 for the documents a batch names (one query per document type). */
    private static Map<String, String> documentNumbers(EntityManager em, List<Object[]> batch) {
        Map<String, Set<String>> ids = new HashMap<>();
        for (Object[] r : batch) {
            ids.computeIfAbsent((String) r[3], t -> new TreeSet<>()).add((String) r[4]);
        }
        Map<String, String> numbers = new HashMap<>();
        lookUp(em, numbers, "INVOICE", ids.get("INVOICE"),
                "SELECT d.id, d.number FROM InvoiceEntity d WHERE d.id IN :ids");
        lookUp(em, numbers, "PAYMENT", ids.get("PAYMENT"),
                "SELECT d.id, d.receiptNumber FROM PaymentEntity d WHERE d.id IN :ids");
        lookUp(em, numbers, "CLAIM", ids.get("CLAIM"), "SELECT d.id, d.number FROM ClaimEntity d WHERE d.id IN :ids");
        return numbers;
    }

    private static void lookUp(EntityManager em, Map<String, String> numbers, String type, Set<String> ids,
            String jpql) {
        if (ids == null || ids.isEmpty()) {
            return;
        }
        for (Object[] r : em.createQuery(jpql, Object[].class).setParameter("ids", List.copyOf(ids)).getResultList()) {
            if (r[1] != null) {
                numbers.put(type + ":" + r[0], (String) r[1]);
            }
        }
    }

    /** GET /journal/trial-balance: each account's debits and credits of the entries up to {@code to}, default today. */
    public JournalViews.TrialBalance trialBalance(String to) {
        LocalDate last = BusinessDays.day("to", to, days.today());
        String scaleOf = currency;
        List<Object[]> sums = jpa.call(em -> em.createQuery("SELECT l.account, SUM(l.debit), SUM(l.credit)"
                + " FROM JournalEntryEntity e, JournalLineEntity l WHERE l.entryId = e.id AND e.businessDay <= :last"
                + " GROUP BY l.account ORDER BY l.account", Object[].class)
                .setParameter("last", last.toString()).getResultList());
        JournalViews.TrialBalance answer = new JournalViews.TrialBalance();
        answer.to = last.toString();
        BigDecimal debits = Amounts.zero(scaleOf);
        BigDecimal credits = Amounts.zero(scaleOf);
        for (Object[] s : sums) {
            BigDecimal debit = sum(s[1], scaleOf);
            BigDecimal credit = sum(s[2], scaleOf);
            JournalViews.AccountBalance a = new JournalViews.AccountBalance();
            a.account = (String) s[0];
            Account known = Account.ofCode(a.account);
            a.name = known == null ? null : known.title;
            a.debit = Amounts.text(debit);
            a.credit = Amounts.text(credit);
            a.balance = Amounts.text(debit.subtract(credit));
            answer.accounts.add(a);
            debits = debits.add(debit);
            credits = credits.add(credit);
        }
        answer.debit = Amounts.text(debits);
        answer.credit = Amounts.text(credits);
        answer.balanced = debits.compareTo(credits) == 0;
        return answer;
    }

    private static Account known(String code) {
        Account a = Account.ofCode(code);
        if (a == null) {
            List<String> codes = new ArrayList<>();
            for (Account each : Account.values()) {
                codes.add(each.code);
            }
            throw ProblemException.validation("account must be one of " + codes + " (was '" + code + "')");
        }
        return a;
    }

    private static JournalViews.Entry entry(JournalEntryEntity e) {
        JournalViews.Entry v = new JournalViews.Entry();
        v.id = e.getId();
        v.seq = e.getSeq();
        v.day = e.getBusinessDay();
        v.kind = e.getKind();
        v.referenceType = e.getReferenceType();
        v.referenceId = e.getReferenceId();
        v.description = e.getDescription();
        v.actor = e.getActor();
        return v;
    }

    private static JournalViews.Line line(JournalLineEntity l, String currency) {
        JournalViews.Line v = new JournalViews.Line();
        v.account = l.getAccount();
        v.debit = money(l.getDebit(), currency);
        v.credit = money(l.getCredit(), currency);
        v.department = l.getDepartment();
        v.doctorId = l.getDoctorId();
        return v;
    }

    private static String money(BigDecimal v, String currency) {
        return Amounts.text(Amounts.round(v, currency));
    }

    private static BigDecimal sum(Object v, String currency) {
        return v == null ? Amounts.zero(currency) : Amounts.round(new BigDecimal(v.toString()), currency);
    }
}
