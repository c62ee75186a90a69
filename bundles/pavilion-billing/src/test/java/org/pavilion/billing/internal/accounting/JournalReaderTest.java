package org.pavilion.billing.internal.accounting;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.billing.internal.BillingDatabase;
import org.pavilion.core.api.rest.Page;
import org.pavilion.core.api.rest.ProblemException;

/**
 * The finance office closes November: the trial balance balances on every day and its receivable accounts hold what
 * patients and insurers owe; the CSV export carries every journal line once, in seq order, with the document numbers
 * an accountant searches by; entries are found by account, document and day.
 */
public class JournalReaderTest {

    private BillingDatabase db;
    private NovemberAtTheClinic clinic;
    private JournalReader journal;

    @Before
    public void setUp() throws Exception {
        db = new BillingDatabase();
        clinic = new NovemberAtTheClinic(db);
        journal = new JournalReader(db.emf, new BusinessDays(Clock.fixed(Instant.parse("2026-12-31T09:00:00Z"),
                ClinicBooks.ZONE)), BillingDatabase.EUR);
    }

    @After
    public void tearDown() throws Exception {
        db.close();
    }

    @Test
    public void theBooksBalanceOnEveryDayAndReceivablesHoldWhatIsOwed() {
        for (String day : List.of("2026-08-09", "2026-08-10", "2026-10-31", "2026-11-05", "2026-11-30", "2026-12-31")) {
            JournalViews.TrialBalance tb = journal.trialBalance(day);
            assertTrue(day, tb.balanced);
            assertEquals(day, tb.debit, tb.credit);
            assertEquals(day, tb.to);
        }
        assertTrue("nothing posted before August", journal.trialBalance("2026-08-09").accounts.isEmpty());

        JournalViews.TrialBalance december = journal.trialBalance(null);
        assertEquals("2026-12-31", december.to);
        Map<String, JournalViews.AccountBalance> accounts = byAccount(december);
        // patients owe: August 120.00, October 80.00, Chloe 105.00 + 30.00, Dan 54.00; insurers: Chloe's 300 + 120
        assertEquals("389.00", accounts.get("1100").balance);
        assertEquals("Receivables from patients", accounts.get("1100").name);
        assertEquals("420.00", accounts.get("1110").balance);
        assertEquals("80.00", accounts.get("1000").balance);
        assertEquals("11.40", accounts.get("1010").balance);
        assertEquals("45.60", accounts.get("1020").balance);
        // tax: paracetamol 0.17 credited back, bandages 1.50
        assertEquals("-1.50", accounts.get("2100").balance);
        assertEquals("0.17", accounts.get("2100").debit);
        assertEquals("1.67", accounts.get("2100").credit);
        // the wards: Chloe's two bed-days in November and one in December
        assertEquals("-450.00", accounts.get("4500").balance);
        assertEquals(List.of("1000", "1010", "1020", "1100", "1110", "2100", "4100", "4200", "4300", "4400", "4500"),
                new ArrayList<>(accounts.keySet()));

        // November's consultations: what the revenue account gained between the two month ends
        BigDecimal consultations = new BigDecimal(byAccount(journal.trialBalance("2026-11-30")).get("4100").balance)
                .subtract(new BigDecimal(byAccount(journal.trialBalance("2026-10-31")).get("4100").balance));
        assertEquals(new BigDecimal("-285.00"), consultations);
    }

    @Test
    public void theExportCarriesEveryJournalLineOnceInSeqOrder() throws Exception {
        journal.exportBatch = 4; // cross batch boundaries inside entries
        List<List<String>> rows = csv(export(null, null));
        assertEquals(JournalCsv.HEADER, rows.get(0));
        List<List<String>> expected = new ArrayList<>();
        Map<String, String> numbers = new HashMap<>();
        Page<JournalViews.Entry> all = journal.entries(null, null, null, null, 0, 200);
        assertEquals(14, all.getTotal());
        for (JournalViews.Entry e : all.getItems()) {
            for (JournalViews.Line l : e.lines) {
                expected.add(List.of(String.valueOf(e.seq), e.day, e.kind, e.referenceId, l.account,
                        Account.ofCode(l.account).title, l.debit, l.credit, nn(l.department), nn(l.doctorId)));
            }
        }
        assertEquals(expected.size(), rows.size() - 1);
        long lastSeq = 0;
        for (int i = 1; i < rows.size(); i++) {
            List<String> row = rows.get(i);
            List<String> line = expected.get(i - 1);
            assertTrue("seq order", Long.parseLong(row.get(0)) >= lastSeq);
            lastSeq = Long.parseLong(row.get(0));
            assertEquals(line.subList(0, 3), row.subList(0, 3));
            assertEquals(line.subList(4, 10), row.subList(4, 10));
            numbers.put(line.get(3), row.get(3));
        }
        // the reference column names the document as printed
        assertEquals("INV-2026-000002", numbers.get(clinic.inv1));
        assertEquals("CN-2026-000001", numbers.get(clinic.creditNote));
        assertEquals("CLM-2026-000002", numbers.get(clinic.claimChloe));
        assertTrue(numbers.values().stream().anyMatch(n -> n.startsWith("RCPT-2026-")));
        assertEquals("INV-2026-000090", numbers.get(clinic.august));

        // Dr Okafor's consultation for Bob: revenue of consultations with the doctor, debit 0.00
        assertTrue(rows.stream().anyMatch(r -> r.equals(List.of(r.get(0), "2026-11-05", "INVOICE_ISSUED",
                "INV-2026-000003", "4100", "Revenue: consultations", "0.00", "80.00", "CONSULTATIONS", "dr.okafor"))));
        // the export of a range balances by itself: whole entries only
        List<List<String>> november = csv(export("2026-11-01", "2026-11-30"));
        BigDecimal debit = BigDecimal.ZERO;
        BigDecimal credit = BigDecimal.ZERO;
        for (List<String> r : november.subList(1, november.size())) {
            assertTrue(r.get(1), r.get(1).startsWith("2026-11-"));
            debit = debit.add(new BigDecimal(r.get(6)));
            credit = credit.add(new BigDecimal(r.get(7)));
        }
        assertEquals(debit, credit);
        assertEquals(journal.entries("2026-11-01", "2026-11-30", null, null, 0, 200).getItems().stream()
                .mapToInt(e -> e.lines.size()).sum(), november.size() - 1);
        assertEquals(1, csv(export("2027-01-01", null)).size());
        assertEquals(400, refused(() -> journal.range("2026-12-01", "2026-11-01")).status());
        assertEquals(400, refused(() -> journal.range("1 Nov", null)).status());
    }

    @Test
    public void entriesAreFoundByAccountDocumentAndDay() {
        Page<JournalViews.Entry> cash = journal.entries(null, null, "1000", null, 0, 50);
        assertEquals(1, cash.getTotal());
        assertEquals("PAYMENT", cash.getItems().get(0).kind);
        assertEquals("cashier.lee", cash.getItems().get(0).actor);
        assertEquals(2, cash.getItems().get(0).lines.size());

        Page<JournalViews.Entry> bobsVoided = journal.entries(null, null, null, clinic.inv5, 0, 50);
        assertEquals(List.of("INVOICE_ISSUED", "INVOICE_VOIDED"), bobsVoided.getItems().stream().map(e -> e.kind)
                .toList());
        assertEquals(List.of("2026-11-28", "2026-12-02"), bobsVoided.getItems().stream().map(e -> e.day).toList());
        JournalViews.Line reversed = bobsVoided.getItems().get(1).lines.stream().filter(l -> l.account.equals("4100"))
                .findFirst().orElseThrow();
        assertEquals("45.00", reversed.debit);
        assertEquals("0.00", reversed.credit);
        assertEquals("dr.hartmann", reversed.doctorId);

        Page<JournalViews.Entry> insurers = journal.entries("2026-11-01", "2026-11-30", "1110", null, 0, 2);
        // Alice's and Chloe's invoices, Chloe's partial approval, the insurer's transfer
        assertEquals(4, insurers.getTotal());
        assertEquals(2, insurers.getItems().size());
        Page<JournalViews.Entry> second = journal.entries("2026-11-01", "2026-11-30", "1110", null, 1, 2);
        assertEquals(List.of("CLAIM_ADJUDICATED", "PAYMENT"), second.getItems().stream().map(e -> e.kind).toList());
        assertTrue(second.getItems().get(0).seq > insurers.getItems().get(1).seq);

        assertEquals(400, refused(() -> journal.entries(null, null, "9999", null, 0, 50)).status());
        assertEquals(400, refused(() -> journal.entries("2026-13-01", null, null, null, 0, 50)).status());
        assertEquals(400, refused(() -> journal.entries("2026-12-01", "2026-11-01", null, null, 0, 50)).status());
        assertEquals(400, refused(() -> journal.entries(null, null, null, null, 0, 500)).status());
        assertEquals(400, refused(() -> journal.trialBalance("yesterday")).status());
    }

    /**
     * Cashiers keep taking payments while the accountant exports (a few rows per batch, so entries straddle batches):
     * every exported entry is whole and balanced, and none before the last one exported is missing.
     */
    @Test
    public void anExportWhileCashiersKeepPostingShowsWholeBalancedEntries() throws Exception {
        journal.exportBatch = 3;
        ClinicBooks books = new ClinicBooks(db);
        String invoice = books.issue(clinic.dan, LocalDate.of(2026, 12, 3), null,
                ClinicBooks.item("BED-DAY-GENERAL", "BED_DAY", null, "40", "150.00", "0"));
        ExecutorService cashier = Executors.newSingleThreadExecutor();
        try {
            Future<?> payments = cashier.submit(() -> {
                for (int i = 0; i < 40; i++) {
                    books.pay(invoice, "150.00", i % 2 == 0 ? "CASH" : "CARD", LocalDate.of(2026, 12, 3));
                }
                return null;
            });
            int exports = 0;
            while (!payments.isDone() || exports < 2) {
                List<List<String>> rows = csv(export(null, null));
                Map<String, BigDecimal[]> entries = new HashMap<>();
                long last = 0;
                for (List<String> r : rows.subList(1, rows.size())) {
                    long seq = Long.parseLong(r.get(0));
                    assertTrue(seq >= last);
                    last = seq;
                    BigDecimal[] sums = entries.computeIfAbsent(r.get(0), k -> new BigDecimal[] {BigDecimal.ZERO,
                            BigDecimal.ZERO});
                    sums[0] = sums[0].add(new BigDecimal(r.get(6)));
                    sums[1] = sums[1].add(new BigDecimal(r.get(7)));
                }
                for (Map.Entry<String, BigDecimal[]> e : entries.entrySet()) {
                    assertEquals("entry " + e.getKey(), 0, e.getValue()[0].compareTo(e.getValue()[1]));
                }
                // the journal as it stood when the export began: every entry up to the last one, none missing
                assertEquals(entries.size(), last - 202600000000L);
                exports++;
            }
            payments.get(60, TimeUnit.SECONDS);
        } finally {
            cashier.shutdownNow();
        }
        assertEquals(14 + 1 + 40, journal.entries(null, null, null, null, 0, 1).getTotal());
        JournalViews.TrialBalance tb = journal.trialBalance(null);
        assertTrue(tb.balanced);
        assertEquals("3080.00", byAccount(tb).get("1000").balance); // 80.00 + 20 x 150.00
    }

    @Test
    public void csvFieldsAreQuotedOnlyWhenTheyMustBe() throws IOException {
        assertEquals("4100", JournalCsv.field("4100"));
        assertEquals("", JournalCsv.field(null));
        assertEquals("\"Okafor, A.\"", JournalCsv.field("Okafor, A."));
        assertEquals("\"the \"\"big\"\" one\"", JournalCsv.field("the \"big\" one"));
        assertEquals("\"two\r\nlines\"", JournalCsv.field("two\r\nlines"));
        StringWriter out = new StringWriter();
        new JournalCsv(out).row(java.util.Arrays.asList("1", null, "a,b"));
        assertEquals("1,,\"a,b\"\r\n", out.toString());
    }

    private String export(String from, String to) throws IOException {
        StringWriter out = new StringWriter();
        journal.export(journal.range(from, to), out);
        return out.toString();
    }

    /** Records of RFC 4180 text (quoted fields included); every record ends with CRLF. */
    static List<List<String>> csv(String text) {
        assertTrue(text.endsWith("\r\n"));
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\r' && text.charAt(i + 1) == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                i++;
            } else {
                field.append(c);
            }
        }
        assertFalse(quoted);
        return rows;
    }

    private static Map<String, JournalViews.AccountBalance> byAccount(JournalViews.TrialBalance tb) {
        Map<String, JournalViews.AccountBalance> m = new java.util.LinkedHashMap<>();
        tb.accounts.forEach(a -> m.put(a.account, a));
        return m;
    }

    private static String nn(String s) {
        return s == null ? "" : s;
    }

    static ProblemException refused(Runnable call) {
        try {
            call.run();
        } catch (ProblemException e) {
            return e;
        }
        fail("expected a problem");
        return null;
    }
}
