package org.pavilion.emr.internal.record;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.persistence.EntityManager;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.api.audit.AuditEvent;
import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.api.rest.ProblemException;
import org.pavilion.core.api.security.Caller;
import org.pavilion.core.api.security.CallerContext;
import org.pavilion.core.testing.TestConstraints;
import org.pavilion.emr.api.PrescriptionIssued;
import org.pavilion.emr.internal.ClinicalAccess;
import org.pavilion.emr.internal.EmrDatabase;
import org.pavilion.emr.internal.Names;
import org.pavilion.emr.internal.PatientEntity;
import org.pavilion.emr.internal.PatientMerge;
import org.pavilion.emr.internal.PatientService;
import org.pavilion.emr.internal.privacy.ParticipantRuns;
import org.pavilion.emr.internal.privacy.PrivacyParticipants;
import org.pavilion.emr.internal.record.PrescriptionDispensing.Outcome;
import org.pavilion.events.api.EventPublisher;

/**
 * A prescription from the clinic to the pharmacy's counter and back into the record, on the EMR's real change logs
 * (H2; PostgreSQL with -Dpavilion.test.postgres). Dr. García prescribes amoxicillin from the pharmacy's catalogue
 * (AMOX-500-CAP) for Tomás; the pharmacy hands over 10 capsules, then the other 11; its events come twice (the bus
 * redelivers), from several threads at once, and the record counts each dispense once. A cough syrup prescribed as
 * free text (no pharmacy code) works as before.
 */
public class PrescriptionDispensingTest {

    private static final String TOMAS = "0000004269";
    /** Tomás registered a second time at the emergency desk, merged into his record later. */
    private static final String TOMAS_AGAIN = "0000004366";
    private static final Caller DOCTOR = Caller.inContainer("dr.garcia",
            Set.of("emr.record.clinical.view", "emr.record.clinical.edit"), "127.0.0.1");

    private EmrDatabase db;
    private final List<AuditEvent> trail = Collections.synchronizedList(new ArrayList<>());
    private final List<Object> payloads = Collections.synchronizedList(new ArrayList<>());
    private PrescriptionService prescriptions;
    private PrescriptionDispensing dispensing;
    private EventPublisher events;

    @Before
    public void setUp() throws Exception {
        db = new EmrDatabase();
        events = new EventPublisher() {
            public String publish(EntityManager em, String eventType, Object payload) {
                return publish(em, eventType, null, payload);
            }

            public String publish(EntityManager em, String eventType, String subjectKey, Object payload) {
                payloads.add(payload);
                return String.valueOf(payloads.size());
            }
        };
        JpaTransactions jpa = new JpaTransactions(db.emf);
        prescriptions = new PrescriptionService(new RecordWork(jpa, trail::add, events,
                new ClinicalAccess(db.emf, trail::add)), TestConstraints.platform());
        dispensing = new PrescriptionDispensing(db.emf, trail::add);
        jpa.call(em -> {
            em.persist(patient(TOMAS));
            em.persist(patient(TOMAS_AGAIN));
            return null;
        });
    }

    @After
    public void tearDown() throws Exception {
        db.close();
    }

    @Test
    public void theCatalogueCodeIsStoredReturnedAndPublishedAndFreeTextStillWorks() throws Exception {
        Clinical.Prescription amox = asDoctor(() -> prescriptions.prescribe(TOMAS,
                input("Amoxicillin 500 mg capsule", " AMOX-500-CAP "), null));
        assertEquals("AMOX-500-CAP", amox.drugCode);
        PrescriptionIssued issued = (PrescriptionIssued) payloads.get(0);
        assertEquals("AMOX-500-CAP", issued.drugCode);
        assertEquals(amox.id, issued.prescriptionId);

        Clinical.Prescription syrup = asDoctor(() -> prescriptions.prescribe(TOMAS, input("Cough syrup", null), null));
        assertNull(syrup.drugCode);
        assertNull(((PrescriptionIssued) payloads.get(1)).drugCode);

        List<Clinical.Prescription> read = asDoctor(() -> prescriptions.prescriptions(TOMAS, false, null));
        assertEquals(List.of("Cough syrup", "Amoxicillin 500 mg capsule"), read.stream().map(p -> p.drug).toList());
        assertNull(read.get(0).drugCode);
        assertEquals("AMOX-500-CAP", read.get(1).drugCode);
        assertNull("nothing dispensed yet", read.get(1).dispensedQuantity);
        assertNull(read.get(1).lastDispensedAt);
        assertFalse(read.get(1).fullyDispensed);
    }

    @Test
    public void aHurriedPrescriptionNamesEveryBrokenFieldAtOnceWithNothingWritten() throws Exception {
        Clinical.PrescriptionInput rushed = input(" ", "AMOX500");
        rushed.dose = null;
        rushed.route = "by mouth";
        rushed.durationDays = 0;
        rushed.instructions = "Take with food. ".repeat(70);
        ProblemException e = assertThrows(ProblemException.class,
                () -> asDoctor(() -> prescriptions.prescribe(TOMAS, rushed, null)));
        assertEquals(400, e.status());
        assertEquals("urn:pavilion:problem:validation", e.type());
        assertEquals(List.of(Map.of("field", "dose", "message", "must not be blank"),
                Map.of("field", "drug", "message", "must not be blank"),
                Map.of("field", "durationDays", "message", "must be greater than or equal to 1"),
                Map.of("field", "instructions", "message", "size must be between 0 and 1000"),
                Map.of("field", "route", "message",
                        "is one of ORAL, IV, IM, SC, SUBLINGUAL, TOPICAL, INHALED, RECTAL, OTHER")),
                e.extensions().get("violations"));
        assertEquals(List.of(), asDoctor(() -> prescriptions.prescriptions(TOMAS, false, null)));
        assertTrue("no event for a refused prescription", payloads.isEmpty());
        Clinical.PrescriptionInput inhaler = input("Salbutamol inhaler", null);
        inhaler.route = " inhaled ";
        assertEquals("INHALED", asDoctor(() -> prescriptions.prescribe(TOMAS, inhaler, null)).route);
    }

    @Test
    public void aCodeOfTheWrongShapeIsRefusedWithNothingWritten() throws Exception {
        for (String bad : List.of("amox-500", "AMOX 500", "AMOX/500", "A".repeat(41))) {
            ProblemException e = assertThrows(ProblemException.class,
                    () -> asDoctor(() -> prescriptions.prescribe(TOMAS, input("Amoxicillin", bad), null)));
            assertEquals(400, e.status());
            assertTrue(e.getMessage(), e.getMessage().contains("drugCode must be 1 to 40 of A-Z, 0-9, '-' and '_'"));
        }
        assertEquals(List.of(), asDoctor(() -> prescriptions.prescriptions(TOMAS, false, null)));
        assertTrue("no event for a refused prescription", payloads.isEmpty());
    }

    @Test
    public void eachDispenseCountsOnceHoweverOftenItIsDelivered() throws Exception {
        Clinical.Prescription amox = asDoctor(() -> prescriptions.prescribe(TOMAS,
                input("Amoxicillin 500 mg capsule", "AMOX-500-CAP"), null));
        int audited = trail.size();

        assertEquals(Outcome.APPLIED, dispensing.onMedicationDispensed(dispensed("d-1", amox.id, "10", false,
                "2026-12-04T09:15:00Z")));
        assertEquals(Outcome.ALREADY_APPLIED, dispensing.onMedicationDispensed(dispensed("d-1", amox.id, "10", false,
                "2026-12-04T09:15:00Z")));
        Clinical.Prescription afterFirst = current(amox.id);
        assertEquals("10", afterFirst.dispensedQuantity);
        assertEquals("capsule", afterFirst.dispensedUnit);
        assertEquals("2026-12-04T09:15:00Z", afterFirst.lastDispensedAt);
        assertFalse(afterFirst.fullyDispensed);

        assertEquals(Outcome.APPLIED, dispensing.onMedicationDispensed(dispensed("d-2", amox.id, "11.000", true,
                "2026-12-05T10:30:00Z")));
        assertEquals(Outcome.ALREADY_APPLIED, dispensing.onMedicationDispensed(dispensed("d-2", amox.id, "11.000",
                true, "2026-12-05T10:30:00Z")));
        Clinical.Prescription done = current(amox.id);
        assertEquals("21", done.dispensedQuantity);
        assertEquals("2026-12-05T10:30:00Z", done.lastDispensedAt);
        assertTrue(done.fullyDispensed);

        List<AuditEvent> writes = trail.subList(audited, trail.size()).stream()
                .filter(e -> e.action().equals("UPDATE")).toList();
        assertEquals(2, writes.size());
        assertEquals("dispensed 10 capsule (pharmacy dispense d-1)", writes.get(0).detail());
        assertEquals("dispensed 11 capsule (pharmacy dispense d-2), complete", writes.get(1).detail());
        assertEquals(TOMAS, writes.get(1).patientId());
        assertEquals(amox.id, writes.get(1).resourceId());
        assertEquals("event:emr-prescription-dispensed", writes.get(1).caller().username());
    }

    @Test
    public void anOlderDispenseArrivingLateAddsItsQuantityButNotItsTime() throws Exception {
        Clinical.Prescription amox = asDoctor(() -> prescriptions.prescribe(TOMAS, input("Amoxicillin", null), null));
        dispensing.onMedicationDispensed(dispensed("d-2", amox.id, "5", true, "2026-12-05T10:30:00Z"));
        // An older one, from a pharmacy that left its unit out: the unit stays the one known.
        dispensing.onMedicationDispensed(dispensed("d-1", amox.id, "2.5", false, "2026-12-04T09:15:00Z")
                .replace("\"unit\":\"capsule\",", ""));
        Clinical.Prescription rx = current(amox.id);
        assertEquals("capsule", rx.dispensedUnit);
        assertEquals("7.5", rx.dispensedQuantity);
        assertEquals("2026-12-05T10:30:00Z", rx.lastDispensedAt);
        assertTrue("the newest dispense said complete", rx.fullyDispensed);
    }

    @Test
    public void redeliveriesRacingOnSeveralThreadsStillCountEachDispenseOnce() throws Exception {
        Clinical.Prescription amox = asDoctor(() -> prescriptions.prescribe(TOMAS,
                input("Amoxicillin 500 mg capsule", "AMOX-500-CAP"), null));
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Outcome>> results = new ArrayList<>();
        try {
            for (int i = 0; i < threads; i++) {
                // Half deliver dispense A (5 capsules), half dispense B (7): the bus redelivers what threw.
                String payload = i % 2 == 0 ? dispensed("d-A", amox.id, "5", false, "2026-12-04T09:00:00Z")
                        : dispensed("d-B", amox.id, "7", false, "2026-12-04T11:00:00Z");
                results.add(pool.submit(() -> {
                    start.await();
                    return deliverWithRedelivery(payload);
                }));
            }
            start.countDown();
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> f : results) {
                outcomes.add(f.get(60, TimeUnit.SECONDS));
            }
            assertEquals(2, outcomes.stream().filter(o -> o == Outcome.APPLIED).count());
            assertEquals(threads - 2, outcomes.stream().filter(o -> o == Outcome.ALREADY_APPLIED).count());
        } finally {
            pool.shutdownNow();
        }
        Clinical.Prescription rx = current(amox.id);
        assertEquals("12", rx.dispensedQuantity);
        assertEquals("2026-12-04T11:00:00Z", rx.lastDispensedAt);
        long rows = new JpaTransactions(db.emf).call(em -> em.createQuery(
                "SELECT COUNT(d) FROM PrescriptionDispenseEntity d WHERE d.prescriptionId = :id", Long.class)
                .setParameter("id", amox.id).getSingleResult());
        assertEquals(2, rows);
    }

    @Test
    public void anotherSystemsPrescriptionAndAnUnusablePayloadLeaveTheRecordAlone() throws Exception {
        Clinical.Prescription amox = asDoctor(() -> prescriptions.prescribe(TOMAS, input("Amoxicillin", null), null));
        int audited = trail.size();
        assertEquals(Outcome.NOT_AN_EMR_PRESCRIPTION, dispensing.onMedicationDispensed(
                dispensed("d-9", "rde-4711", "10", true, "2026-12-04T09:15:00Z")));
        assertEquals(Outcome.MALFORMED, dispensing.onMedicationDispensed("{not json"));
        assertEquals(Outcome.MALFORMED, dispensing.onMedicationDispensed(
                "{\"prescriptionId\":\"" + amox.id + "\",\"quantity\":\"10\",\"dispensedAt\":\"2026-12-04T09:15:00Z\"}"));
        assertEquals(Outcome.MALFORMED, dispensing.onMedicationDispensed(
                dispensed("d-10", amox.id, "-3", false, "2026-12-04T09:15:00Z")));
        assertEquals(Outcome.MALFORMED, dispensing.onMedicationDispensed(
                dispensed("d-11", amox.id, "10", false, "yesterday")));
        assertEquals("nothing written, nothing audited", audited, trail.size());
        assertNull(current(amox.id).dispensedQuantity);
    }

    @Test
    public void aMergeTakesThePrescriptionAndItsDispensesToTheSurvivor() throws Exception {
        Clinical.Prescription amox = asDoctor(() -> prescriptions.prescribe(TOMAS_AGAIN,
                input("Amoxicillin 500 mg capsule", "AMOX-500-CAP"), null));
        dispensing.onMedicationDispensed(dispensed("d-1", amox.id, "10", false, "2026-12-04T09:15:00Z"));

        ClinicalAccess access = new ClinicalAccess(db.emf, trail::add);
        PatientService patients = new PatientService(db.emf, trail::add, events, access,
                TestConstraints.platform());
        new PatientMerge(db.emf, trail::add, events, patients, new PrivacyParticipants(List.of()),
                new ParticipantRuns(db.emf)).merge(TOMAS, TOMAS_AGAIN, "same person, registered twice at the desk");

        assertEquals(Outcome.ALREADY_APPLIED, dispensing.onMedicationDispensed(dispensed("d-1", amox.id, "10", false,
                "2026-12-04T09:15:00Z")));
        assertEquals(Outcome.APPLIED, dispensing.onMedicationDispensed(dispensed("d-2", amox.id, "11", true,
                "2026-12-05T10:30:00Z")));
        Clinical.Prescription rx = current(amox.id);
        assertEquals(TOMAS, rx.mrn);
        assertEquals("21", rx.dispensedQuantity);
        List<String> dispenseMrns = new JpaTransactions(db.emf).call(em -> em.createQuery(
                "SELECT d.mrn FROM PrescriptionDispenseEntity d ORDER BY d.dispenseId", String.class).getResultList());
        assertEquals(List.of(TOMAS, TOMAS), dispenseMrns);
    }

    /** As the event bus does for a subscriber that throws: deliver again (a few times, here at once). */
    private Outcome deliverWithRedelivery(String payload) {
        RuntimeException last = null;
        for (int attempt = 0; attempt < 10; attempt++) {
            try {
                return dispensing.onMedicationDispensed(payload);
            } catch (RuntimeException e) {
                last = e;
            }
        }
        throw last;
    }

    private Clinical.Prescription current(String id) throws Exception {
        return asDoctor(() -> prescriptions.prescriptions(TOMAS, false, null)).stream()
                .filter(p -> p.id.equals(id)).findFirst().orElseThrow();
    }

    /** A MedicationDispensed payload as the pharmacy publishes it (JSON, with fields the record does not use). */
    private static String dispensed(String dispenseId, String prescriptionId, String quantity, boolean complete,
            String at) {
        return "{\"dispenseId\":\"" + dispenseId + "\",\"prescriptionId\":\"" + prescriptionId + "\",\"source\":\"EMR\","
                + "\"patientId\":\"" + TOMAS + "\",\"itemCode\":\"AMOX-500-CAP\",\"itemName\":\"Amoxicillin 500 mg\","
                + "\"quantity\":\"" + quantity + "\",\"unit\":\"capsule\",\"storeCode\":\"MAIN\",\"batches\":[{"
                + "\"batchNumber\":\"B-1\",\"expiryDate\":\"2028-01-31\",\"quantity\":\"" + quantity + "\"}],"
                + "\"complete\":" + complete + ",\"dispensedBy\":\"pharm.ruiz\",\"dispensedAt\":\"" + at + "\"}";
    }

    private static Clinical.PrescriptionInput input(String drug, String drugCode) {
        Clinical.PrescriptionInput in = new Clinical.PrescriptionInput();
        in.drug = drug;
        in.drugCode = drugCode;
        in.dose = "500 mg";
        in.route = "ORAL";
        in.frequency = "every 8 h";
        in.durationDays = 7;
        return in;
    }

    private static <T> T asDoctor(Callable<T> work) throws Exception {
        return CallerContext.runAs(DOCTOR, work);
    }

    private static PatientEntity patient(String mrn) {
        PatientEntity p = new PatientEntity();
        p.setMrn(mrn);
        p.setGivenName("Tomás");
        p.setFamilyName("Herrera");
        p.setGivenNameNorm(Names.normalise("Tomás"));
        p.setFamilyNameNorm(Names.normalise("Herrera"));
        p.setSex("MALE");
        p.setBirthDate("2016-02-03");
        p.setRegisteredMs(1_764_000_000_000L);
        p.setRegisteredBy("reception");
        p.setUpdatedMs(1_764_000_000_000L);
        p.setUpdatedBy("reception");
        return p;
    }
}
