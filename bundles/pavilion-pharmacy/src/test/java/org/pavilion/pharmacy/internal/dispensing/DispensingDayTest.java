package org.pavilion.pharmacy.internal.dispensing;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.pavilion.pharmacy.internal.dispensing.Pharmacy.JUNIOR;
import static org.pavilion.pharmacy.internal.dispensing.Pharmacy.PHARMACIST;
import static org.pavilion.pharmacy.internal.dispensing.Pharmacy.as;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.audit.AuditOutcome;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.Caller;
import org.pavilion.pharmacy.api.MedicationDispensed;
import org.pavilion.pharmacy.api.MedicationReturned;

/**
 * A day at the main pharmacy's counter: the EMR's prescriptions arrive in the queue, pharmacists match, dispense
 * (partly, first expiry first, from a named batch), stop at a patient's allergy, take unused medicine back.
 */
public class DispensingDayTest {

    private static final String ANA = "MRN-0001";
    private static final String BEN = "MRN-0002";

    private Pharmacy ph;

    @Before
    public void open() throws Exception {
        ph = new Pharmacy();
    }

    @After
    public void close() throws Exception {
        ph.close();
    }

    @Test
    public void theEmrsPrescriptionsQueueOnceEachAndAreMatchedToTheCatalogue() throws Exception {
        assertTrue(ph.issued("rx-1", ANA, "Amoxicillin 500 mg capsule", "AMOX500"));
        assertFalse("a redelivery changes nothing", ph.issued("rx-1", ANA, "Amoxicillin 500 mg capsule", "AMOX500"));
        assertTrue(ph.issued("rx-2", ANA, "PARACETAMOL 500mg tablets, 2 every 6 h", null));
        assertTrue(ph.issued("rx-3", BEN, "Nitrofurantoin 100 mg", "NOT-IN-CATALOGUE"));
        // a second 500 mg amoxicillin makes the free text ambiguous: the pharmacist decides
        ph.db.medicine("AMOX500S", "Amoxicillin 500 mg/5 ml suspension", "amoxicillin", "500 mg", "SUSPENSION",
                "J01CA04", "ml");
        assertTrue(ph.issued("rx-4", BEN, "amoxicillin 500 mg three times daily", null));

        assertEquals("AMOX500", ph.prescription("rx-1").itemCode);
        assertEquals("PARA500", ph.prescription("rx-2").itemCode);
        assertNull(ph.prescription("rx-3").itemCode);
        assertNull(ph.prescription("rx-4").itemCode);
        assertEquals(1, ph.audit.events.stream()
                .filter(e -> e.action().equals("CREATE") && "rx-1".equals(e.resourceId())).count());

        var queue = as(PHARMACIST, () -> ph.prescriptions.queue(null, null, 0, 50));
        assertEquals(4, queue.getTotal());
        assertEquals(List.of("rx-1", "rx-2", "rx-3", "rx-4"), queue.getItems().stream().map(p -> p.id).toList());
        assertEquals("PENDING", queue.getItems().get(0).status);
        assertEquals("one SEARCH record per patient on the page", 2, ph.audit.events.stream()
                .filter(e -> e.action().equals("SEARCH") && e.resourceType().equals("ph-prescription")).count());
        assertEquals(2, as(PHARMACIST, () -> ph.prescriptions.queue(null, BEN, 0, 50)).getTotal());

        Views.Prescription matched = ph.match("rx-4", "AMOX500S", "100");
        assertEquals("AMOX500S", matched.itemCode);
        assertEquals("100", matched.quantityPrescribed);
        Bodies.Match stale = new Bodies.Match();
        stale.itemCode = "AMOX500";
        stale.quantityPrescribed = "21";
        stale.version = matched.version - 1;
        assertProblem(409, () -> as(PHARMACIST, () -> ph.prescriptions.match("rx-4", stale)));
    }

    @Test
    public void aCourseIsDispensedInTwoGoesFirstExpiryFirst() throws Exception {
        String late = ph.db.batch("AMOX500", "AX-LATE", "2099-01-31");
        String early = ph.db.batch("AMOX500", "AX-EARLY", "2098-06-30");
        ph.db.stock("MAIN", "AMOX500", late, "10");
        ph.db.stock("MAIN", "AMOX500", early, "10");
        ph.prescribed("rx-10", ANA, "AMOX500", "15");

        Views.Dispense first = ph.dispense(PHARMACIST, "rx-10", "8", null, null);
        assertEquals("8", first.quantity);
        assertEquals("capsule", first.unit);
        assertEquals(List.of("AX-EARLY"), first.batches.stream().map(b -> b.batchNumber).toList());
        assertEquals("PARTIALLY_DISPENSED", ph.prescription("rx-10").status);
        assertProblem(422, () -> ph.dispense(PHARMACIST, "rx-10", "8", null, null)); // 7 left

        Views.Dispense second = ph.dispense(PHARMACIST, "rx-10", "7", null, null);
        assertEquals(List.of("AX-EARLY:2", "AX-LATE:5"),
                second.batches.stream().map(b -> b.batchNumber + ":" + b.quantity).toList());
        Views.Prescription done = ph.prescription("rx-10");
        assertEquals("DISPENSED", done.status);
        assertEquals("15", done.quantityDispensed);
        assertEquals(2, done.dispenses.size());
        assertProblem(409, () -> ph.dispense(PHARMACIST, "rx-10", "1", null, null));
        assertEquals(0, new BigDecimal("5").compareTo(ph.db.onHand("MAIN", "AMOX500")));

        List<MedicationDispensed> dispensed = ph.events.of(MedicationDispensed.TYPE, MedicationDispensed.class);
        assertEquals(2, dispensed.size());
        assertFalse(dispensed.get(0).complete);
        assertTrue(dispensed.get(1).complete);
        assertEquals("PH-AMOX500", dispensed.get(1).priceReference);
        assertEquals("ph-prescription:rx-10", ph.events.published.get(0).subjectKey());
        assertEquals(2, ph.audit.with("DISPENSE", AuditOutcome.SUCCESS).size());
        assertEquals(ANA, ph.audit.with("DISPENSE", AuditOutcome.SUCCESS).get(0).patientId());
    }

    @Test
    public void aNamedBatchIsTakenUnlessItExpired() throws Exception {
        String expired = ph.db.batch("PARA500", "PC-OLD", "2020-01-31");
        String good = ph.db.batch("PARA500", "PC-NEW", "2099-12-31");
        // received before it expired: seeded as a count adjustment (a receipt of an expired batch is refused)
        ph.db.jpa.run(em -> ph.db.ledger.post(em, "seed", System.currentTimeMillis(), List.of(
                new org.pavilion.pharmacy.internal.stock.StockLedger.Movement(
                        org.pavilion.pharmacy.internal.stock.MovementKind.ADJUSTMENT, "MAIN", "PARA500", expired,
                        new BigDecimal("50"), "FOUND", "ADJUSTMENT", java.util.UUID.randomUUID().toString(), null))));
        ph.db.stock("MAIN", "PARA500", good, "50");
        ph.prescribed("rx-20", ANA, "PARA500", "20");

        ProblemException refused = assertProblem(422, () -> ph.dispense(PHARMACIST, "rx-20", "20", "PC-OLD", null));
        assertTrue(refused.type().endsWith("expired-batch"));
        assertEquals("0", ph.prescription("rx-20").quantityDispensed);
        assertEquals(1, ph.audit.with("DISPENSE", AuditOutcome.FAILED).size());

        Views.Dispense d = ph.dispense(PHARMACIST, "rx-20", "20", "PC-NEW", null);
        assertEquals(List.of("PC-NEW"), d.batches.stream().map(b -> b.batchNumber).toList());
        assertEquals(0, new BigDecimal("80").compareTo(ph.db.onHand("MAIN", "PARA500")));
        // FEFO never takes the expired batch either: 30 usable, 40 asked
        ph.prescribed("rx-21", BEN, "PARA500", "40");
        assertTrue(assertProblem(409, () -> ph.dispense(PHARMACIST, "rx-21", "40", null, null)).type()
                .endsWith("insufficient-stock"));
    }

    @Test
    public void unmatchedOrUnquantifiedPrescriptionsWaitForThePharmacist() throws Exception {
        ph.issued("rx-30", ANA, "something the catalogue lacks", null);
        assertProblem(409, () -> ph.dispense(PHARMACIST, "rx-30", "1", null, null));
        ph.issued("rx-31", ANA, "Amoxicillin", "AMOX500"); // coded, but no quantity from the EMR
        assertProblem(409, () -> ph.dispense(PHARMACIST, "rx-31", "1", null, null));
        assertProblem(404, () -> ph.dispense(PHARMACIST, "rx-none", "1", null, null));
        assertProblem(400, () -> ph.dispense(PHARMACIST, "rx-31", "a box", null, null));
    }

    @Test
    public void twoPharmacistsReachForTheLastBoxAtOnce() throws Exception {
        String batch = ph.db.batch("AMOX500", "AX-LAST", "2099-01-31");
        ph.db.stock("MAIN", "AMOX500", batch, "21");
        ph.prescribed("rx-40", ANA, "AMOX500", "21");
        ph.prescribed("rx-41", BEN, "AMOX500", "21");

        assertEquals(List.of(201, 409), race(PHARMACIST, "rx-40", JUNIOR, "rx-41", "21"));
        assertEquals(0, BigDecimal.ZERO.compareTo(ph.db.onHand("MAIN", "AMOX500")));
        assertEquals(1, ph.events.of(MedicationDispensed.TYPE, MedicationDispensed.class).size());
        long dispensedRows = ph.db.jpa.call(em -> em.createQuery("SELECT COUNT(d) FROM DispenseEntity d", Long.class)
                .getSingleResult());
        assertEquals(1, dispensedRows);
    }

    @Test
    public void twoPharmacistsOnOnePrescriptionHandItOverOnce() throws Exception {
        ph.db.stock("MAIN", "AMOX500", ph.db.batch("AMOX500", "AX-PLENTY", "2099-01-31"), "100");
        ph.prescribed("rx-42", ANA, "AMOX500", "21");
        assertEquals(List.of(201, 409), race(PHARMACIST, "rx-42", JUNIOR, "rx-42", "21"));
        assertEquals(0, new BigDecimal("79").compareTo(ph.db.onHand("MAIN", "AMOX500")));
        Views.Prescription p = ph.prescription("rx-42");
        assertEquals("DISPENSED", p.status);
        assertEquals("21", p.quantityDispensed);
        assertEquals(1, p.dispenses.size());
    }

    /** Two counters press "dispense" at the same moment, each on its own thread; their answers, sorted. */
    private List<Integer> race(Caller first, String firstRx, Caller second, String secondRx, String quantity)
            throws Exception {
        CyclicBarrier together = new CyclicBarrier(2);
        ExecutorService counters = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> outcomes = List.of(
                    counters.submit(() -> counter(together, first, firstRx, quantity)),
                    counters.submit(() -> counter(together, second, secondRx, quantity)));
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : outcomes) {
                statuses.add(f.get(60, TimeUnit.SECONDS));
            }
            statuses.sort(null);
            return statuses;
        } finally {
            counters.shutdownNow();
        }
    }

    private int counter(CyclicBarrier together, Caller who, String rx, String quantity) throws Exception {
        together.await();
        try {
            ph.dispense(who, rx, quantity, null, null);
            return 201;
        } catch (ProblemException e) {
            return e.status();
        }
    }

    @Test
    public void aPenicillinAllergyStopsAmoxicillinUnlessASeniorOverridesWithAReason() throws Exception {
        String batch = ph.db.batch("AMOX500", "AX-1", "2099-01-31");
        ph.db.stock("MAIN", "AMOX500", batch, "100");
        ph.allergies.put(ANA, List.of(Pharmacy.allergy(ANA, "Penicillins", "anaphylaxis", "SEVERE"),
                Pharmacy.allergy(ANA, "latex", "rash", "MILD")));
        ph.prescribed("rx-50", ANA, "AMOX500", "21");

        ProblemException warned = assertProblem(409, () -> ph.dispense(PHARMACIST, "rx-50", "21", null, null));
        assertTrue(warned.type().endsWith("allergy-warning"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> listed = (List<Map<String, Object>>) warned.extensions().get("allergies");
        assertEquals(List.of(Map.of("substance", "Penicillins", "reaction", "anaphylaxis", "severity", "SEVERE")),
                listed);
        assertEquals(1, ph.prescription("rx-50").allergyWarnings.size());

        assertProblem(403, () -> ph.dispense(JUNIOR, "rx-50", "21", null, "patient tolerated it last month"));
        assertEquals(0, new BigDecimal("100").compareTo(ph.db.onHand("MAIN", "AMOX500")));
        assertEquals(1, ph.audit.with("DISPENSE", AuditOutcome.DENIED).size());

        String reason = "tolerated amoxicillin in hospital last month, prescriber confirmed by phone";
        Views.Dispense d = ph.dispense(PHARMACIST, "rx-50", "21", null, reason);
        assertEquals(reason, d.overrideReason);
        assertTrue(d.allergyWarning.contains("Penicillins (anaphylaxis, SEVERE)"));
        AuditEvent record = ph.audit.with("DISPENSE", AuditOutcome.SUCCESS).get(0);
        assertTrue(record.detail(), record.detail().contains(reason));
        assertEquals(d.id, record.resourceId());
        assertEquals(reason, ph.events.of(MedicationDispensed.TYPE, MedicationDispensed.class).get(0).allergyOverride);
        // paracetamol touches neither allergy
        ph.db.stock("MAIN", "PARA500", ph.db.batch("PARA500", "PC-1", "2099-01-31"), "20");
        ph.prescribed("rx-51", ANA, "PARA500", "20");
        assertNull(ph.dispense(JUNIOR, "rx-51", "20", null, null).allergyWarning);
    }

    @Test
    public void allergiesCodedOrNamedByClassOrGenericName() throws Exception {
        var amox = ph.db.jpa.call(em -> em.find(org.pavilion.pharmacy.internal.catalogue.ItemEntity.class, "AMOX500"));
        var para = ph.db.jpa.call(em -> em.find(org.pavilion.pharmacy.internal.catalogue.ItemEntity.class, "PARA500"));
        AllergySource.Allergy rxnormPenicillin = new AllergySource.Allergy("pen", "70618", "RXNORM", null, null);
        AllergySource.Allergy atcBetaLactam = new AllergySource.Allergy("x", "J01C", "ATC", null, null);
        AllergySource.Allergy generic = new AllergySource.Allergy("Paracetamol", null, null, null, null);
        AllergySource.Allergy sulfa = new AllergySource.Allergy("sulfa drugs", null, null, null, null);
        assertEquals(List.of(rxnormPenicillin, atcBetaLactam),
                AllergyCheck.matching(amox, List.of(rxnormPenicillin, atcBetaLactam, generic, sulfa)));
        assertEquals(List.of(generic), AllergyCheck.matching(para, List.of(rxnormPenicillin, atcBetaLactam, generic)));
    }

    @Test
    public void withoutTheEmrOrWithTheCheckOffTheDispenseSaysItWasNotChecked() throws Exception {
        try (Pharmacy off = new Pharmacy(new DispensingSettings("MAIN", false), true)) {
            off.db.stock("MAIN", "AMOX500", off.db.batch("AMOX500", "AX-1", "2099-01-31"), "10");
            off.allergies.put(ANA, List.of(Pharmacy.allergy(ANA, "penicillin", "hives", "MODERATE")));
            off.prescribed("rx-60", ANA, "AMOX500", "10");
            assertTrue(off.dispense(PHARMACIST, "rx-60", "10", null, null).allergyWarning.contains("allergyCheck=false"));
        }
        try (Pharmacy alone = new Pharmacy(new DispensingSettings("MAIN", true), false)) {
            alone.db.stock("MAIN", "AMOX500", alone.db.batch("AMOX500", "AX-1", "2099-01-31"), "10");
            alone.prescribed("rx-61", ANA, "AMOX500", "10");
            assertTrue(alone.dispense(PHARMACIST, "rx-61", "10", null, null).allergyWarning.contains("EMR"));
        }
    }

    @Test
    public void aStoppedPrescriptionKeepsWhatWasDispensedAndTakesNoMore() throws Exception {
        ph.db.stock("MAIN", "PARA500", ph.db.batch("PARA500", "PC-1", "2099-01-31"), "100");
        ph.prescribed("rx-70", ANA, "PARA500", "30");
        ph.dispense(PHARMACIST, "rx-70", "10", null, null);
        assertTrue(ph.stopped("rx-70", ANA));
        assertFalse("a stop for a prescription never queued", ph.stopped("rx-unknown", ANA));
        Views.Prescription p = ph.prescription("rx-70");
        assertEquals("STOPPED", p.status);
        assertEquals("10", p.quantityDispensed);
        assertEquals(1, p.dispenses.size());
        assertProblem(409, () -> ph.dispense(PHARMACIST, "rx-70", "5", null, null));
        assertEquals(0, as(PHARMACIST, () -> ph.prescriptions.queue(null, ANA, 0, 50)).getTotal());
        assertEquals(1, as(PHARMACIST, () -> ph.prescriptions.queue("stopped", ANA, 0, 50)).getTotal());
        assertEquals(0, new BigDecimal("90").compareTo(ph.db.onHand("MAIN", "PARA500")));
    }

    @Test
    public void unusedMedicineComesBackIntoItsBatchesLatestExpiryFirst() throws Exception {
        String late = ph.db.batch("AMOX500", "AX-LATE", "2099-01-31");
        String early = ph.db.batch("AMOX500", "AX-EARLY", "2098-06-30");
        ph.db.stock("MAIN", "AMOX500", late, "10");
        ph.db.stock("MAIN", "AMOX500", early, "10");
        ph.prescribed("rx-80", ANA, "AMOX500", "15");
        Views.Dispense d = ph.dispense(PHARMACIST, "rx-80", "15", null, null); // 10 early, 5 late

        Bodies.Return back = new Bodies.Return();
        back.quantity = "6";
        back.reason = "course stopped after two days, sealed strips";
        Views.Dispense after = as(PHARMACIST, () -> ph.dispensing.returnDispense(d.id, back));
        assertEquals("6", after.quantityReturned);
        assertEquals(List.of("AX-EARLY:9"), after.batches.stream().map(b -> b.batchNumber + ":" + b.quantity).toList());
        assertEquals(0, new BigDecimal("10").compareTo(ph.db.jpa.call(em ->
                org.pavilion.pharmacy.internal.stock.StockLedger.batchOnHand(em, "MAIN", late))));
        assertEquals(0, BigDecimal.ONE.compareTo(ph.db.jpa.call(em ->
                org.pavilion.pharmacy.internal.stock.StockLedger.batchOnHand(em, "MAIN", early))));

        back.quantity = "10";
        assertProblem(422, () -> as(PHARMACIST, () -> ph.dispensing.returnDispense(d.id, back)));
        MedicationReturned returned = ph.events.of(MedicationReturned.TYPE, MedicationReturned.class).get(0);
        assertEquals(d.id, returned.dispenseId);
        assertEquals("6", returned.quantity);
        assertEquals("ph-prescription:rx-80", ph.events.published.get(1).subjectKey());
        assertEquals(1, ph.audit.with("RETURN", AuditOutcome.SUCCESS).size());
        assertEquals("DISPENSED", ph.prescription("rx-80").status);
    }

    @Test
    public void theHl7DoorQueuesOnceAndCancelsOnlyWhatWasNotDispensed() throws Exception {
        PrescriptionIntake.Incoming rde = new PrescriptionIntake.Incoming("CLINIC-A^ORD-77", BEN, null,
                "Paracetamol 500 mg tablet", "PARA500", "2 tablets", "ORAL", "every 6 h", 3, null, new BigDecimal("24"),
                "dr.lee", System.currentTimeMillis(), "CLINIC-A", "ORD-77");
        assertTrue(ph.db.jpa.call(em -> ph.intake.accept(em, rde, "hl7")));
        assertFalse(ph.db.jpa.call(em -> ph.intake.accept(em, rde, "hl7")));
        Views.Prescription p = ph.prescription("CLINIC-A^ORD-77");
        assertEquals("HL7", p.source);
        assertEquals("24", p.quantityPrescribed);
        assertTrue(ph.db.jpa.call(em -> ph.intake.cancel(em, "CLINIC-A^ORD-77", "hl7")));
        assertEquals("CANCELLED", ph.prescription("CLINIC-A^ORD-77").status);
        assertFalse(ph.db.jpa.call(em -> ph.intake.cancel(em, "nothing", "hl7")));

        ph.db.stock("MAIN", "PARA500", ph.db.batch("PARA500", "PC-1", "2099-01-31"), "100");
        ph.prescribed("rx-90", BEN, "PARA500", "10");
        ph.dispense(PHARMACIST, "rx-90", "4", null, null);
        assertProblem(409, () -> ph.db.jpa.call(em -> ph.intake.cancel(em, "rx-90", "hl7")));
    }

    @Test
    public void aHalfFilledMatchAndDispenseNameEveryMissingFieldAndChangeNothing() throws Exception {
        ph.db.stock("MAIN", "PARA500", ph.db.batch("PARA500", "PC-1", "2099-12-31"), "50");
        ph.prescribed("rx-30", ANA, "PARA500", "20");
        Bodies.Match match = new Bodies.Match();
        match.itemCode = " ";
        ProblemException matchRefused = assertProblem(400, () -> as(PHARMACIST, () -> ph.prescriptions.match("rx-30",
                match)));
        assertEquals("urn:pavilion:problem:validation", matchRefused.type());
        assertEquals(List.of(Map.of("field", "itemCode", "message", "must not be blank"),
                Map.of("field", "quantityPrescribed", "message", "must not be blank"),
                Map.of("field", "version", "message", "is required (the one read)")),
                matchRefused.extensions().get("violations"));

        int published = ph.events.published.size();
        ProblemException dispenseRefused = assertProblem(400, () -> ph.dispense(PHARMACIST, "rx-30", null,
                "PC-1-" + "9".repeat(60), null));
        assertEquals(List.of(Map.of("field", "batchNumber", "message", "size must be between 0 and 60"),
                Map.of("field", "quantity", "message", "must not be blank")),
                dispenseRefused.extensions().get("violations"));
        assertEquals("PENDING", ph.prescription("rx-30").status);
        assertEquals(published, ph.events.published.size());
    }

    static ProblemException assertProblem(int status, Callable<?> call) throws Exception {
        try {
            call.call();
        } catch (ProblemException e) {
            assertEquals(e.detail(), status, e.status());
            return e;
        }
        fail("expected " + status);
        return null;
    }
}
