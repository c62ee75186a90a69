package org.pavilion.pharmacy.internal.privacy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.pavilion.core.api.privacy.ParticipantOutcome;
import org.pavilion.core.api.privacy.PrivacySubject;
import org.pavilion.pharmacy.internal.PharmacyDatabase;
import org.pavilion.pharmacy.internal.dispensing.DispenseEntity;
import org.pavilion.pharmacy.internal.dispensing.PrescriptionEntity;

/** The pharmacy's part when the EMR merges two records of one patient, exports or erases one. */
public class PharmacyPrivacyTest {

    private static final String ANA = "MRN-0001";
    private static final String ANA_OLD = "MRN-0003";
    private static final String BEN = "MRN-0002";

    private PharmacyDatabase db;
    private PharmacyPrivacy privacy;

    @Before
    public void open() throws Exception {
        db = new PharmacyDatabase();
        db.starter();
        privacy = new PharmacyPrivacy(db.emf, 20);
    }

    @After
    public void close() throws Exception {
        db.close();
    }

    @Test
    public void aMergeMovesTheDuplicatesPrescriptionsAndDispensesToTheSurvivor() throws Exception {
        long now = System.currentTimeMillis();
        dispensed("rx-1", ANA_OLD, now);
        dispensed("rx-2", ANA, now);
        dispensed("rx-3", BEN, now);
        ParticipantOutcome merged = privacy.merge(ANA, ANA_OLD);
        assertEquals(List.of(1L, 1L), merged.items(ParticipantOutcome.Action.REPOINTED).stream()
                .map(ParticipantOutcome.Item::count).toList());
        assertEquals(2, count("PrescriptionEntity", ANA));
        assertEquals(2, count("DispenseEntity", ANA));
        assertEquals(0, count("DispenseEntity", ANA_OLD));
        assertEquals(1, count("DispenseEntity", BEN));
        assertEquals("a second run finds nothing left", List.of(0L, 0L), privacy.merge(ANA, ANA_OLD)
                .items(ParticipantOutcome.Action.REPOINTED).stream().map(ParticipantOutcome.Item::count).toList());

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        privacy.export(subject(null, Instant.now()), out);
        String json = out.toString(StandardCharsets.UTF_8);
        assertTrue(json, json.contains("\"rx-1\"") && json.contains("\"rx-2\"") && !json.contains("\"rx-3\""));
    }

    @Test
    public void erasureKeepsDispensingRecordsUnderRetentionAndRemovesThemAfter() throws Exception {
        long recent = Instant.now().minus(400, ChronoUnit.DAYS).toEpochMilli();
        dispensed("rx-1", ANA, recent);
        dispensed("rx-3", BEN, recent);

        ParticipantOutcome partial = privacy.erase(subject("PARTIAL", Instant.now()));
        assertEquals(2, partial.items(ParticipantOutcome.Action.KEPT).size());
        ParticipantOutcome fullButRecent = privacy.erase(subject("FULL", Instant.now()));
        assertTrue(fullButRecent.items(ParticipantOutcome.Action.KEPT).get(0).why().contains("until"));
        assertEquals(1, count("DispenseEntity", ANA));

        // twenty years and more after her last dispense, a full erasure removes it, the ledger's movements stay
        ParticipantOutcome full = privacy.erase(subject("FULL", Instant.now().plus(21 * 366, ChronoUnit.DAYS)));
        assertEquals(List.of(1L, 1L), full.items(ParticipantOutcome.Action.REMOVED).stream()
                .map(ParticipantOutcome.Item::count).toList());
        assertEquals(0, count("PrescriptionEntity", ANA));
        assertEquals(0, count("DispenseEntity", ANA));
        assertEquals(1, count("DispenseEntity", BEN));
        assertEquals(2L, (long) db.jpa.call(em -> em.createQuery("SELECT COUNT(m) FROM MovementEntity m"
                + " WHERE m.kind = 'DISPENSE'", Long.class).getSingleResult()));
        assertEquals("idempotent", List.of(0L, 0L), privacy.erase(subject("FULL", Instant.now().plus(21 * 366,
                ChronoUnit.DAYS))).items(ParticipantOutcome.Action.REMOVED).stream()
                .map(ParticipantOutcome.Item::count).toList());
    }

    private PrivacySubject subject(String scope, Instant requestedAt) {
        return new PrivacySubject(List.of(ANA, ANA_OLD), List.of(), List.of(), List.of(), scope, requestedAt);
    }

    private long count(String entity, String mrn) {
        return db.jpa.call(em -> em.createQuery("SELECT COUNT(x) FROM " + entity + " x WHERE x.patientId = :m",
                Long.class).setParameter("m", mrn).getSingleResult());
    }

    /** A prescription of 10 paracetamol for {@code mrn}, dispensed whole at {@code atMs} with its ledger movement. */
    private void dispensed(String rx, String mrn, long atMs) {
        String batch = db.batch("PARA500", "PC-" + rx, "2099-01-31");
        db.stock("MAIN", "PARA500", batch, "10");
        String dispenseId = UUID.randomUUID().toString();
        db.jpa.run(em -> {
            PrescriptionEntity p = new PrescriptionEntity();
            p.setId(rx);
            p.setSource("EMR");
            p.setPatientId(mrn);
            p.setDrug("Paracetamol 500 mg");
            p.setItemCode("PARA500");
            p.setQuantityPrescribed(BigDecimal.TEN);
            p.setQuantityDispensed(BigDecimal.TEN);
            p.setStatus("DISPENSED");
            p.setIssuedMs(atMs);
            p.setReceivedMs(atMs);
            em.persist(p);
            DispenseEntity d = new DispenseEntity();
            d.setId(dispenseId);
            d.setPrescriptionId(rx);
            d.setPatientId(mrn);
            d.setStoreCode("MAIN");
            d.setItemCode("PARA500");
            d.setQuantity(BigDecimal.TEN);
            d.setQuantityReturned(BigDecimal.ZERO);
            d.setDispensedMs(atMs);
            d.setDispensedBy("ph.santos");
            em.persist(d);
            db.ledger.post(em, "ph.santos", atMs, List.of(new org.pavilion.pharmacy.internal.stock.StockLedger.Movement(
                    org.pavilion.pharmacy.internal.stock.MovementKind.DISPENSE, "MAIN", "PARA500", batch,
                    new BigDecimal("-10"), null, "DISPENSE", dispenseId, null)));
        });
    }
}
