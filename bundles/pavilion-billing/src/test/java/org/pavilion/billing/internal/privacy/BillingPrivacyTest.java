package org.pavilion.billing.internal.privacy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.billing.internal.BillingDatabase;
import org.pavilion.billing.internal.accounting.JournalEntryEntity;
import org.pavilion.billing.internal.charges.ChargeEntity;
import org.pavilion.billing.internal.insurance.ClaimEntity;
import org.pavilion.billing.internal.insurance.PolicyEntity;
import org.pavilion.billing.internal.invoices.InvoiceEntity;
import org.pavilion.billing.internal.payments.PaymentEntity;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.privacy.ParticipantOutcome;
import org.pavilion.core.api.privacy.ParticipantOutcome.Action;
import org.pavilion.core.api.privacy.PrivacySubject;

/**
 * Billing's part when the EMR merges two records of one patient, exports one, or erases one: Ana was seen twice
 * (once under a duplicate record), insured with Mutual Care, invoiced, paid by card, claimed; Ben is another
 * patient whose bills nothing here may touch.
 */
public class BillingPrivacyTest {

    private static final String ANA = "MRN-0001";
    private static final String ANA_OLD = "MRN-0003";
    private static final String BEN = "MRN-0002";
    private static final List<String> PATIENT_TABLES = List.of("ChargeEntity", "ParkedChargeEntity", "InvoiceEntity",
            "PaymentEntity", "PaymentIntentEntity", "PolicyEntity", "ClaimEntity");

    private BillingDatabase db;
    private PatientBills bills;
    private RecordingAudit audit;
    private BillingPrivacy privacy;
    private final Instant now = Instant.now();

    @Before
    public void open() throws Exception {
        db = new BillingDatabase();
        bills = new PatientBills(db);
        audit = new RecordingAudit();
        privacy = new BillingPrivacy(db.emf, audit, 10);
        db.plan("MUTUAL", null, "MUTUAL-BASIC", "0.8000", "5.00", "CONSULTATION", "LAB_TEST");
    }

    @After
    public void close() throws Exception {
        db.close();
    }

    @Test
    public void aMergeMovesEveryBillingRowOfTheDuplicateToTheSurvivor() {
        String oldPolicy = db.policy(ANA_OLD, "MUTUAL-BASIC", "MC-778");
        String inv = bills.issued(ANA_OLD, "INV-2026-000001", "60.00", "40.00", oldPolicy, now);
        bills.payment(inv, "RCPT-2026-000001", "20.00", "CASH", null, now);
        bills.claim(inv, oldPolicy, "CLM-2026-000001", "SUBMITTED", null, now);
        bills.intent(inv, ANA_OLD);
        bills.parked(ANA_OLD, "FT1|1||20261201|LAB-UNKNOWN");
        bills.draft(ANA, "12.00");
        String bens = bills.issued(BEN, "INV-2026-000002", "30.00", "0", null, now);

        ParticipantOutcome merged = privacy.merge(ANA, ANA_OLD);

        // charges: the issued invoice's; then each table once
        assertEquals(List.of(1L, 1L, 1L, 1L, 1L, 1L, 1L), merged.items(Action.REPOINTED).stream()
                .map(ParticipantOutcome.Item::count).toList());
        for (String table : PATIENT_TABLES) {
            assertEquals(table, 0, bills.count(table, ANA_OLD));
        }
        assertEquals(2, bills.count("InvoiceEntity", ANA));
        assertEquals(2, bills.count("ChargeEntity", ANA));
        assertEquals(BEN, db.jpa.call(em -> em.find(InvoiceEntity.class, bens)).getPatientId());
        assertEquals("a second run finds nothing left", List.of(0L, 0L, 0L, 0L, 0L, 0L, 0L), privacy.merge(ANA,
                ANA_OLD).items(Action.REPOINTED).stream().map(ParticipantOutcome.Item::count).toList());
        assertEquals(2, audit.with("MERGE", AuditOutcome.SUCCESS).size());
        assertEquals(ANA, audit.events.get(0).patientId());
    }

    @Test
    public void theExportListsTheInvoicesWithLinesPaymentsPoliciesAndClaimsOfEveryRecord() throws Exception {
        String policy = db.policy(ANA, "MUTUAL-BASIC", "MC-778");
        String inv = bills.issued(ANA, "INV-2026-000001", "60.00", "40.00", policy, now);
        bills.payment(inv, "RCPT-2026-000001", "20.00", "CARD", null, now);
        bills.claim(inv, policy, "CLM-2026-000001", "SUBMITTED", null, now);
        bills.issued(ANA_OLD, "INV-2026-000002", "15.50", "0", null, now.minusSeconds(3600));
        bills.issued(BEN, "INV-2026-000003", "30.00", "0", null, now);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        privacy.export(subject(null), out);
        JsonNode json = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));

        JsonNode invoices = json.get("invoices");
        assertEquals(2, invoices.size());
        assertEquals("INV-2026-000002", invoices.get(0).get("number").asText());
        JsonNode first = invoices.get(1);
        assertEquals("INV-2026-000001", first.get("number").asText());
        assertEquals("60.00", first.get("grossTotal").asText());
        assertEquals("40.00", first.get("insuranceShare").asText());
        assertEquals("0.00", first.get("patientBalance").asText());
        assertEquals("MUTUAL", first.get("insurerCode").asText());
        assertEquals("CONS-GP", first.get("lines").get(0).get("priceCode").asText());
        assertEquals("60.00", first.get("lines").get(0).get("gross").asText());
        assertEquals("RCPT-2026-000001", json.get("payments").get(0).get("receiptNumber").asText());
        assertEquals("INV-2026-000001", json.get("payments").get(0).get("invoiceNumber").asText());
        assertEquals("MC-778", json.get("policies").get(0).get("memberId").asText());
        assertEquals("MUTUAL-BASIC", json.get("claims").get(0).get("planCode").asText());
        assertEquals(2, json.get("charges").size());
        assertFalse("Ben's bills are not Ana's", out.toString(StandardCharsets.UTF_8).contains(BEN));

        ByteArrayOutputStream empty = new ByteArrayOutputStream();
        privacy.export(new PrivacySubject(List.of("MRN-0404"), null, null, null, null, now), empty);
        assertEquals(0, new ObjectMapper().readTree(empty.toByteArray()).get("invoices").size());
    }

    @Test
    public void anErasureWithinRetentionKeepsTheBooksUnderAPseudonymAndRemovesTheRest() {
        String policy = db.policy(ANA, "MUTUAL-BASIC", "MC-778");
        String unused = db.policy(ANA_OLD, "MUTUAL-BASIC", "MC-001");
        String inv = bills.issued(ANA, "INV-2026-000001", "60.00", "40.00", policy, now.minus(400, ChronoUnit.DAYS));
        String cardPayment = bills.payment(inv, "RCPT-2026-000001", "20.00", "CARD", "paid by Ana Lima at the desk",
                now.minus(399, ChronoUnit.DAYS));
        String claim = bills.claim(inv, policy, "CLM-2026-000001", "SUBMITTED", null, now.minus(2, ChronoUnit.DAYS));
        bills.issued(ANA_OLD, "INV-2026-000002", "15.50", "0", null, now.minus(500, ChronoUnit.DAYS));
        String draft = bills.draft(ANA, "12.00");
        String open = db.charge(ANA, null, "SUP-BANDAGE", "SUPPLY", "2", "3.10", "0.2000", "2026-12-02");
        bills.intent(inv, ANA);
        bills.parked(ANA, "FT1|1||20261201|LAB-UNKNOWN");
        String stray = bills.parked(null, "PID|1||MRN-0003^^^LIS||Lima^Ana\rFT1|1||20261201|LAB-UNKNOWN");
        String otherStray = bills.parked(null, "PID|1||MRN-00031^^^LIS||Other^Person");
        String bens = bills.issued(BEN, "INV-2026-000003", "30.00", "0", null, now);
        String bensPolicy = db.policy(BEN, "MUTUAL-BASIC", "MC-999");
        List<String> journalBefore = bills.journalLines();
        BigDecimal grossBefore = grossOfAllInvoices();

        ParticipantOutcome erased = privacy.erase(subject("FULL"));

        String pseudonym = privacy.pseudonymOf(ANA);
        assertTrue(pseudonym.startsWith("ERASED-"));
        assertEquals("stable", pseudonym, privacy.pseudonymOf(ANA));
        for (String table : PATIENT_TABLES) {
            assertEquals(table, 0, bills.count(table, ANA));
            assertEquals(table, 0, bills.count(table, ANA_OLD));
        }
        assertEquals("the journal is untouched", journalBefore, bills.journalLines());
        assertEquals("every issued invoice's total is still there", grossBefore.subtract(new BigDecimal("12.00")),
                grossOfAllInvoices());
        assertEquals(2, bills.count("InvoiceEntity", pseudonym));
        assertEquals(1, bills.count("PaymentEntity", pseudonym));
        assertEquals(1, bills.count("ClaimEntity", pseudonym));
        assertEquals("the issued invoices' charges", 2, bills.count("ChargeEntity", pseudonym));
        db.jpa.run(em -> {
            InvoiceEntity kept = em.find(InvoiceEntity.class, inv);
            assertEquals("PARTIALLY_PAID", kept.getStatus());
            assertEquals(new BigDecimal("20.00"), kept.getPaidByPatient());
            assertNull("the encounter would name her again", kept.getEncounterId());
            assertNull("a draft is not a financial record", em.find(InvoiceEntity.class, draft));
            assertNull(em.find(ChargeEntity.class, open));
            assertEquals("paid by [erased] [erased] at the desk",
                    em.find(PaymentEntity.class, cardPayment).getReason());
            PolicyEntity claimed = em.find(PolicyEntity.class, policy);
            assertEquals("the claim still names its plan", "MUTUAL-BASIC", claimed.getPlanCode());
            assertEquals("ERASED", claimed.getMemberId());
            assertEquals(pseudonym, claimed.getPatientId());
            assertNull("cover data only", em.find(PolicyEntity.class, unused));
            assertEquals(policy, em.find(ClaimEntity.class, claim).getPolicyId());
            assertNull("names her old MRN", em.find(org.pavilion.billing.internal.charges.ParkedChargeEntity.class,
                    stray));
            assertNotNull("MRN-00031 is not MRN-0003", em.find(
                    org.pavilion.billing.internal.charges.ParkedChargeEntity.class, otherStray));
            for (JournalEntryEntity e : em.createQuery("SELECT e FROM JournalEntryEntity e",
                    JournalEntryEntity.class).getResultList()) {
                assertFalse(e.getDescription(), e.getDescription().contains(ANA) || e.getDescription()
                        .contains(ANA_OLD));
            }
            assertEquals(BEN, em.find(InvoiceEntity.class, bens).getPatientId());
            assertEquals("MC-999", em.find(PolicyEntity.class, bensPolicy).getMemberId());
        });
        assertEquals(Map.of("issued invoices and credit notes", 2L, "payments and refunds", 1L, "insurance claims",
                1L, "charges of issued invoices", 2L, "insurance policies of retained invoices and claims", 1L),
                counts(erased, Action.ANONYMISED));
        assertEquals(Map.of("draft invoices", 1L, "open and cancelled charges", 2L, "parked charges", 2L,
                "online payment intents", 1L, "insurance policies", 1L), counts(erased, Action.REMOVED));
        assertTrue(erased.items(Action.ANONYMISED).get(0).why().contains("10 years"));

        ParticipantOutcome again = privacy.erase(subject("FULL"));
        assertTrue("nothing left to do", again.items(Action.ANONYMISED).stream().allMatch(i -> i.count() == 0));
        assertTrue(again.items(Action.REMOVED).stream().allMatch(i -> i.count() == 0));
        assertEquals(2L, (long) again.items(Action.KEPT).get(0).count());
        assertEquals(journalBefore, bills.journalLines());
        assertEquals(2, audit.with("ERASE", AuditOutcome.SUCCESS).size());
    }

    @Test
    public void pastRetentionEverythingOfThePatientGoesButTheJournal() {
        String policy = db.policy(ANA, "MUTUAL-BASIC", "MC-778");
        Instant elevenYearsAgo = now.minus(11 * 366, ChronoUnit.DAYS);
        String inv = bills.issued(ANA, "INV-2015-000001", "60.00", "40.00", policy, elevenYearsAgo);
        bills.payment(inv, "RCPT-2015-000001", "20.00", "CASH", null, elevenYearsAgo);
        bills.claim(inv, policy, "CLM-2015-000001", "APPROVED", null, elevenYearsAgo);
        String bens = bills.issued(BEN, "INV-2026-000003", "30.00", "0", null, now);
        List<String> journalBefore = bills.journalLines();

        ParticipantOutcome erased = privacy.erase(subject("FULL"));

        assertEquals(Map.of("issued invoices and credit notes", 1L, "payments and refunds", 1L, "insurance claims",
                1L, "draft invoices", 0L, "open and cancelled charges", 1L, "parked charges", 0L,
                "online payment intents", 0L, "insurance policies", 1L), counts(erased, Action.REMOVED));
        assertTrue(erased.items(Action.REMOVED).get(0).why().contains("past the 10 years"));
        assertEquals("accounting journal", erased.items(Action.KEPT).get(0).what());
        assertEquals(journalBefore, bills.journalLines());
        assertEquals(0L, (long) db.jpa.call(em -> em.createQuery("SELECT COUNT(l) FROM InvoiceLineEntity l"
                + " WHERE l.invoiceId = :id", Long.class).setParameter("id", inv).getSingleResult()));
        assertEquals(1, bills.count("InvoiceEntity", BEN));
        assertNotNull(db.jpa.call(em -> em.find(InvoiceEntity.class, bens)));
    }

    @Test
    public void recordsAnonymisedUnderRetentionAreRemovedOnceItHasPassed() {
        String inv = bills.issued(ANA, "INV-2026-000001", "60.00", "0", null, now.minus(30, ChronoUnit.DAYS));
        bills.payment(inv, "RCPT-2026-000001", "60.00", "CASH", null, now.minus(29, ChronoUnit.DAYS));
        List<String> journalBefore = bills.journalLines();
        privacy.erase(subject("PARTIAL"));
        String pseudonym = privacy.pseudonymOf(ANA);
        assertEquals(1, bills.count("InvoiceEntity", pseudonym));

        // the erasure run again once the retention has passed (here: a hospital that keeps nothing)
        BillingPrivacy later = new BillingPrivacy(db.emf, audit, 0);
        ParticipantOutcome erased = later.erase(subject("FULL"));

        assertEquals(1L, (long) erased.items(Action.REMOVED).get(0).count());
        assertEquals(1L, (long) erased.items(Action.REMOVED).get(1).count());
        assertEquals(0, bills.count("InvoiceEntity", pseudonym));
        assertEquals(0, bills.count("PaymentEntity", pseudonym));
        assertEquals(0, bills.count("ChargeEntity", pseudonym));
        assertEquals(journalBefore, bills.journalLines());
    }

    @Test
    public void aPatientBillingNeverInvoicedLeavesNothingBehind() {
        db.policy(ANA, "MUTUAL-BASIC", "MC-778");
        db.charge(ANA, "ENC-1", "CONS-GP", "CONSULTATION", "1", "40.00", "0", "2026-12-03");

        ParticipantOutcome erased = privacy.erase(subject("FULL"));

        assertTrue(erased.items(Action.REMOVED).get(0).why().startsWith("no issued invoice"));
        assertTrue(erased.items(Action.ANONYMISED).isEmpty());
        for (String table : PATIENT_TABLES) {
            assertEquals(table, 0, bills.count(table, ANA));
        }
    }

    private PrivacySubject subject(String scope) {
        return new PrivacySubject(List.of(ANA, ANA_OLD), null, List.of(new PrivacySubject.Name("Ana", "Lima")),
                List.of("1984-03-02"), scope, now);
    }

    private BigDecimal grossOfAllInvoices() {
        return db.jpa.call(em -> em.createQuery("SELECT SUM(i.grossTotal) FROM InvoiceEntity i", BigDecimal.class)
                .getSingleResult());
    }

    private static Map<String, Long> counts(ParticipantOutcome outcome, Action action) {
        Map<String, Long> m = new java.util.HashMap<>();
        outcome.items(action).forEach(i -> m.put(i.what(), i.count()));
        return m;
    }
}
