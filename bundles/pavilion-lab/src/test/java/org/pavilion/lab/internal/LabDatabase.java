package org.pavilion.lab.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.persistence.EntityManagerFactory;
import javax.persistence.Persistence;

import org.pavilion.core.api.persistence.JpaTransactions;
import org.pavilion.core.testing.ChangeLogDatabase;
import org.pavilion.lab.internal.catalogue.LabTestEntity;
import org.pavilion.lab.internal.catalogue.PanelMemberEntity;
import org.pavilion.lab.internal.catalogue.ReferenceRangeEntity;
import org.pavilion.lab.internal.catalogue.TestUnitEntity;
import org.pavilion.lab.internal.order.ItemStatus;
import org.pavilion.lab.internal.order.LabOrderEntity;
import org.pavilion.lab.internal.order.OrderItemEntity;
import org.pavilion.lab.internal.order.SpecimenEntity;

/**
 * A fresh database with the laboratory's real change log (core's {@link ChangeLogDatabase}: in-memory H2, or with
 * {@code -Dpavilion.test.postgres=jdbc:postgresql://host/db?user=..} a schema of its own there, dropped on close),
 * through the OpenJPA unit {@code lab-test}. The seeding helpers write rows directly, so each part's tests can start
 * from an order at any step without the other parts' services.
 */
public final class LabDatabase implements AutoCloseable {

    public final EntityManagerFactory emf;
    /** Plain JDBC on the same database. */
    public final ChangeLogDatabase database;
    public final JpaTransactions jpa;

    public LabDatabase() throws Exception {
        database = new ChangeLogDatabase("lab", "db/lab-changelog.xml");
        emf = Persistence.createEntityManagerFactory("lab-test",
                Map.of("openjpa.ConnectionURL", database.url(), "openjpa.ConnectionDriverName", database.driverClass()));
        jpa = new JpaTransactions(emf);
    }

    /**
     * A numeric test in {@code unit} on {@code specimenType} with one range for everybody (any limit may be null),
     * unless the code exists already.
     */
    public void numericTest(String code, String name, String loinc, String specimenType, String unit,
            String low, String high, String criticalLow, String criticalHigh) {
        jpa.run(em -> {
            if (em.find(LabTestEntity.class, code) != null) {
                return;
            }
            em.persist(test(code, name, "TEST", loinc, specimenType, "NUMERIC", unit));
            ReferenceRangeEntity r = new ReferenceRangeEntity();
            r.setId(UUID.randomUUID().toString());
            r.setTestCode(code);
            r.setLow(dec(low));
            r.setHigh(dec(high));
            r.setCriticalLow(dec(criticalLow));
            r.setCriticalHigh(dec(criticalHigh));
            em.persist(r);
        });
    }

    /** A further unit {@code code} accepts: value in {@code unit} × factor = value in the test's unit. */
    public void acceptedUnit(String code, String unit, String factor) {
        jpa.run(em -> {
            TestUnitEntity u = new TestUnitEntity();
            u.setTestCode(code);
            u.setUnit(unit);
            u.setFactor(new BigDecimal(factor));
            em.persist(u);
        });
    }

    /** A free-text test (e.g. a culture), unless the code exists already. */
    public void textTest(String code, String name, String specimenType) {
        jpa.run(em -> {
            if (em.find(LabTestEntity.class, code) == null) {
                em.persist(test(code, name, "TEST", null, specimenType, "TEXT", null));
            }
        });
    }

    /** A panel of existing tests, in the order given. */
    public void panel(String code, String name, String loinc, String... members) {
        jpa.run(em -> {
            em.persist(test(code, name, "PANEL", loinc, null, "TEXT", null));
            for (int i = 0; i < members.length; i++) {
                PanelMemberEntity m = new PanelMemberEntity();
                m.setPanelCode(code);
                m.setTestCode(members[i]);
                m.setPosition(i);
                em.persist(m);
            }
        });
    }

    /** Potassium (LOINC 2823-3, mmol/L, 3.5–5.1, critical below 2.5 and above 6.5) and glucose (2345-7, mmol/L, also mg/dL). */
    public void starterTests() {
        numericTest("K", "Potassium", "2823-3", "SERUM", "mmol/L", "3.5", "5.1", "2.5", "6.5");
        numericTest("GLU", "Glucose", "2345-7", "SERUM", "mmol/L", "3.9", "5.5", "2.2", "25");
        jpa.run(em -> {
            if (em.find(TestUnitEntity.class, new TestUnitEntity.Key("GLU", "mg/dL")) == null) {
                TestUnitEntity u = new TestUnitEntity();
                u.setTestCode("GLU");
                u.setUnit("mg/dL");
                u.setFactor(new BigDecimal("0.0555"));
                em.persist(u);
            }
        });
        textTest("UCULT", "Urine culture", "URINE");
    }

    /** The ids of a seeded order. */
    public record SeededOrder(String orderId, String orderNumber, List<String> itemIds, List<String> specimenIds) {
    }

    /**
     * An ACTIVE order of {@code patientId} by {@code doctor}, one item per test (existing codes), one specimen per
     * item, every item and specimen already at {@code status} (specimens: COLLECTED for statuses past RECEIVED... as
     * {@link #specimenStatusFor}). The order number is {@code LAB-TEST-<random>}.
     */
    public SeededOrder order(String patientId, String doctor, String priority, ItemStatus status, String... testCodes) {
        String orderId = UUID.randomUUID().toString();
        String number = "LAB-TEST-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> items = new ArrayList<>();
        List<String> specimens = new ArrayList<>();
        long now = System.currentTimeMillis();
        jpa.run(em -> {
            LabOrderEntity o = new LabOrderEntity();
            o.setId(orderId);
            o.setOrderNumber(number);
            o.setPatientId(patientId);
            o.setEncounterId("ENC-" + orderId.substring(0, 8));
            o.setOrderingDoctor(doctor);
            o.setPriority(priority);
            o.setStatus("ACTIVE");
            o.setPlacedMs(now);
            o.setPlacedBy(doctor);
            em.persist(o);
            for (String code : testCodes) {
                LabTestEntity t = em.find(LabTestEntity.class, code);
                SpecimenEntity s = new SpecimenEntity();
                s.setId("S" + Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits()) % 1_000_000_000_000L));
                s.setOrderId(orderId);
                s.setSpecimenType(t == null || t.getSpecimenType() == null ? "BLOOD" : t.getSpecimenType());
                s.setStatus(specimenStatusFor(status));
                if (!"ORDERED".equals(s.getStatus())) {
                    s.setCollectedMs(now);
                    s.setCollectedBy("nurse");
                }
                em.persist(s);
                OrderItemEntity i = new OrderItemEntity();
                i.setId(UUID.randomUUID().toString());
                i.setOrderId(orderId);
                i.setTestCode(code);
                i.setSpecimenId(s.getId());
                i.setStatus(status.name());
                i.setStatusMs(now);
                em.persist(i);
                items.add(i.getId());
                specimens.add(s.getId());
            }
        });
        return new SeededOrder(orderId, number, items, specimens);
    }

    /** The specimen status that goes with an item status. */
    public static String specimenStatusFor(ItemStatus status) {
        return switch (status) {
            case ORDERED, CANCELLED -> "ORDERED";
            case COLLECTED -> "COLLECTED";
            case REJECTED -> "REJECTED";
            default -> "RECEIVED";
        };
    }

    private static LabTestEntity test(String code, String name, String kind, String loinc, String specimenType,
            String resultType, String unit) {
        LabTestEntity t = new LabTestEntity();
        t.setCode(code);
        t.setName(name);
        t.setKind(kind);
        t.setLoinc(loinc);
        t.setSpecimenType(specimenType);
        t.setResultType(resultType);
        t.setUnit(unit);
        t.setActive(true);
        return t;
    }

    private static BigDecimal dec(String s) {
        return s == null ? null : new BigDecimal(s);
    }

    @Override
    public void close() throws Exception {
        emf.close();
        database.close();
    }
}
